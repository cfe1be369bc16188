//! council-submit's tests as one test binary (one link instead of four): building packages from a
//! real council, delivering them to a real WebDAV server and a folder, the grant packages, and
//! verifying them.
#![allow(clippy::unwrap_used)]

mod common;

mod build;
mod delivery;
mod grants;
mod verify;
