//! A project file's bytes, as opening the file reads them.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| parallax::fuzzing::project_file(bytes));
