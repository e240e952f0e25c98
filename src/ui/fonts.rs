//! The window's fonts: egui's own font for Latin, Greek and Cyrillic text, with DejaVu Sans
//! (bundled, so every machine draws the same) behind it for typographic punctuation,
//! arrows and symbols. A character no font has is drawn as a replacement box, never a
//! crash.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily, MissingGlyphPolicy};

/// DejaVu Sans, under the Bitstream Vera licence in `assets/fonts/DejaVuSans-LICENSE.txt`.
const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Installs the fonts on a context; call once, before the first frame.
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        FontData::from_static(DEJAVU_SANS),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
    ctx.set_missing_glyph_policy(MissingGlyphPolicy::Tofu);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_no_font_covers_becomes_a_box_not_a_crash() {
        let ctx = egui::Context::default();
        ctx.set_missing_glyph_policy(MissingGlyphPolicy::Panic);
        install(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("Peace 🕊️ and 🌍, private \u{E000}, ZWJ 👩‍👩‍👧");
            ui.label("Путин — Ο Πάπας “quoted” ‘single’ … ⚠ ✖ ● ▲ ▼ ⟲ ⟳ ⇅");
        });
        output.textures_delta.clear();
    }
}
