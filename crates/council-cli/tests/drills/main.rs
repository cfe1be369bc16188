//! Drills: the app attacked as a hostile file or a crash would attack it, through the `council`
//! command a person or a script runs. Each drill tries many cases and asserts that every one is
//! refused or recovered with nothing lost; each prints a line `drill <name>: tried N, held N` (the
//! README's data-safety table comes from these lines).
//!
//! - `backups`: crafted backups — a planted trigger or view, flipped bits, a forged schema version,
//!   an attached file that is missing or not what its name says;
//! - `kills`: the process killed (SIGKILL, by strace at the N-th rename it makes) at every step of a
//!   restore and of a hand-over, then the data folder opened again;
//! - `keys`: a signing key that is not the council's, or missing;
//! - `packages`: forged submission packages — re-signed by another key, bytes around the zip, a
//!   signature moved onto a forged manifest — checked by `council verify` as the city does;
//! - `spreadsheets`: hostile roster and plan files (huge sheets, zip bombs, bad encodings);
//! - `sync`: sharing between PCs killed at every step of fetching and applying records.
#![allow(clippy::unwrap_used)]

mod backups;
mod harness;
mod keys;
mod kills;
mod packages;
mod spreadsheets;
mod sync;
