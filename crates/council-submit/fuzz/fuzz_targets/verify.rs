//! Any bytes given to the package reader are answered — refused or reported — without a panic, a
//! hang, or memory beyond the reader's caps.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = council_submit::verify::verify_bytes(data, None);
});
