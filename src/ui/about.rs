//! *Help ▸ About Parallax*: the icon, the version (from `Cargo.toml`), Parallax's licence,
//! and the licences of the fonts built into the binary, DejaVu Sans's in full.

use egui::{Id, RichText, TextureHandle, TextureOptions};

/// The version `Cargo.toml` gives.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Parallax's licence, as `Cargo.toml` declares it (an SPDX expression).
pub const LICENCE: &str = env!("CARGO_PKG_LICENSE");

/// The licence of DejaVu Sans, the font bundled in `assets/fonts/`.
pub const FONT_LICENCE: &str = include_str!("../../assets/fonts/DejaVuSans-LICENSE.txt");

/// Whether the window is open, and the icon once it has been drawn.
#[derive(Default)]
pub struct AboutState {
    pub open: bool,
    icon: Option<TextureHandle>,
}

/// "MIT OR Apache-2.0" in words.
fn licence_in_words() -> String {
    format!("{}, at your choice", LICENCE.replace(" OR ", " or "))
}

pub fn show(state: &mut AboutState, ctx: &egui::Context) {
    if !state.open {
        return;
    }
    let icon = state.icon.get_or_insert_with(|| {
        let icon = super::icon::icon();
        let image = egui::ColorImage::from_rgba_unmultiplied(
            [icon.width as usize, icon.height as usize],
            &icon.rgba,
        );
        ctx.load_texture("parallax-icon", image, TextureOptions::LINEAR)
    });
    let mut open = true;
    let mut close = false;
    egui::Window::new("About Parallax")
        .id(Id::unique("parallax-about"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.add(egui::Image::new(&*icon).fit_to_exact_size(egui::vec2(64.0, 64.0)));
                ui.vertical(|ui| {
                    ui.heading("Parallax");
                    ui.label(format!("Version {VERSION}"));
                    ui.label(env!("CARGO_PKG_DESCRIPTION"));
                });
            });
            ui.separator();
            ui.label(format!("Licence: {}.", licence_in_words()));
            ui.add_space(4.0);
            ui.label(
                "Text is drawn with egui's fonts: Ubuntu Light (Ubuntu Font Licence 1.0), \
                 Hack (MIT and Bitstream Vera licences) and Noto Emoji (SIL Open Font \
                 Licence 1.1); and with DejaVu Sans, bundled with Parallax for \
                 punctuation, arrows and symbols, under the Bitstream Vera licence \
                 (DejaVu's changes are in the public domain):",
            );
            egui::CollapsingHeader::new("DejaVu Sans licence")
                .id_salt("parallax-font-licence")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(240.0)
                        .show(ui, |ui| ui.label(RichText::new(FONT_LICENCE).monospace()));
                });
            ui.separator();
            close = ui.button("Close").clicked();
        });
    state.open = open && !close;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licence_reads_as_words_and_the_font_licence_is_the_bundled_file() {
        assert_eq!(licence_in_words(), "MIT or Apache-2.0, at your choice");
        assert!(FONT_LICENCE.contains("Bitstream Vera"));
        assert!(FONT_LICENCE.contains("DejaVu changes are in public domain"));
    }
}
