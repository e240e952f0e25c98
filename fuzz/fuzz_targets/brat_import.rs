//! A brat `.ann` file's bytes against its `.txt`, as importing them reads them.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| parallax::fuzzing::brat_import(bytes));
