//! Parallax: a workbench for analysts who compare several reports of the same event.
//!
//! The core (`model`, `edit`, `anchor`, `reshape`, `agree`, `store`, `import`, `revise`,
//! `merge`, `compare`, `suggest`, `export`, `wording`) is plain Rust with no window code;
//! `ui` holds everything that draws.

/// Every Parallax program allocates through mimalloc: opening, comparing and saving a
/// project make and free hundreds of thousands of small strings, which it handles with
/// less work than the system's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod agree;
pub mod anchor;
pub mod cli;
pub mod compare;
pub mod edit;
pub mod example;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod merge;
pub mod model;
pub mod reshape;
pub mod revise;
pub mod store;
pub mod suggest;
mod threads;
pub mod ui;
pub mod wording;
