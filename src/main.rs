//! The `parallax` binary: a subcommand runs on the command line; without one, the window
//! opens.

use std::process::ExitCode;

use clap::Parser;
use parallax::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.action {
        Some(action) => cli::run(action, &mut std::io::stdout().lock()),
        None => parallax::ui::run(cli.project),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("parallax: error: {}", cli::error_line(&err));
            ExitCode::FAILURE
        }
    }
}
