//! Preferences kept between sessions through eframe's storage: recent projects and view
//! settings. Project data is never kept here; it lives in project files only.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent projects are remembered.
const MAX_RECENT: usize = 10;

/// The key under which preferences are stored.
pub const STORAGE_KEY: &str = "parallax.prefs";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub font_size: f32,
    pub linked_scrolling: bool,
    pub show_list: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            font_size: 15.0,
            linked_scrolling: false,
            show_list: true,
        }
    }
}

impl Prefs {
    /// Puts a project first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_projects_are_unique_most_recent_first_and_bounded() {
        let mut prefs = Prefs::default();
        for i in 0..15 {
            prefs.remember(Path::new(&format!("/nowhere/p{i}.ron")));
        }
        prefs.remember(Path::new("/nowhere/p12.ron"));
        assert_eq!(prefs.recent.len(), MAX_RECENT);
        assert_eq!(prefs.recent[0], Path::new("/nowhere/p12.ron"));
        assert_eq!(
            prefs
                .recent
                .iter()
                .filter(|p| p.ends_with("p12.ron"))
                .count(),
            1
        );
    }

    #[test]
    fn old_or_partial_preferences_still_load() {
        let prefs: Prefs = ron::from_str("(font_size: 18.0)").unwrap();
        assert_eq!(prefs.font_size, 18.0);
        assert!(prefs.show_list);
    }
}
