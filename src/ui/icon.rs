//! Parallax's icon, drawn for the project (`assets/icons/parallax.svg`, three reports side
//! by side, offset, with one passage marked in each), as the window and the About window
//! show it. The PNG sizes beside the SVG are rendered from it for desktops and packages.

/// The 256-pixel rendering, built into the binary.
const PNG_256: &[u8] = include_bytes!("../../assets/icons/parallax-256.png");

/// The icon as the window system takes it: 256 by 256 RGBA pixels.
pub fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(PNG_256).expect("the bundled icon is a valid PNG")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_icon_decodes_to_256_square_pixels_that_are_not_blank() {
        let icon = icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        let opaque = icon.rgba.chunks(4).filter(|px| px[3] == 255).count();
        let corners_clear = [0, 255, 256 * 255, 256 * 256 - 1]
            .iter()
            .all(|&i| icon.rgba[i * 4 + 3] == 0);
        assert!(opaque > 256 * 256 / 2, "{opaque} opaque pixels");
        assert!(corners_clear, "the rounded corners are transparent");
    }
}
