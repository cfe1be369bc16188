//! council-docs' tests as one test binary (one link instead of three): every document typeset from
//! the demo council and read back — the grant forms, the meeting papers, and the rest.

mod grants;
mod meetings;
mod render;
