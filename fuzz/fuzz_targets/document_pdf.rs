//! A `.pdf` file's bytes, as importing the file reads them.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| parallax::fuzzing::document_pdf(bytes));
