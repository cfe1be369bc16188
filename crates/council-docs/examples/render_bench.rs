//! Rendering speed, recorded in BENCHMARKS.md: the first document of a process (fonts parsed once),
//! then each document of the demo council typeset and written as PDF, median of several runs.
//!
//! `cargo run --release -p council-docs --example render_bench`
use std::time::{Duration, Instant};

use council_docs::{DocumentKind, DocumentRequest};
use council_domain::clock::FixedClock;
use council_store::data_dir::DataDir;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let today = "2026-11-23".parse()?;
    let session = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today)))?;
    let large = std::env::args().any(|a| a == "--large");
    let scale = if large { council_demo::Scale::Large } else { council_demo::Scale::Standard };
    session.write(|w| council_demo::create_scaled(w, &session.dir().attachments(), scale))?;
    let request = |document| DocumentRequest { document, record: None, fiscal_year: None, month: None, as_of: None };

    let started = Instant::now();
    let first = council_docs::produce(&session, &request(DocumentKind::Counts))?.pdf()?;
    println!("first document of the process (fonts loaded): {:?} ({} bytes)", started.elapsed(), first.len());

    for kind in [DocumentKind::Roster, DocumentKind::Officers, DocumentKind::Counts, DocumentKind::Collection] {
        let mut times = Vec::new();
        let mut pages = 0;
        let mut bytes = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let typeset = council_docs::produce(&session, &request(kind))?;
            let pdf = typeset.pdf()?;
            times.push(t.elapsed());
            pages = typeset.page_count();
            bytes = pdf.len();
        }
        println!("{:<12} {pages:>4} pages  median {:>8.1?}  ({bytes} bytes)", kind.info().id, median(times));
    }
    let t = Instant::now();
    let preview = council_docs::preview(&session, &request(DocumentKind::Roster))?;
    println!("preview of the roster ({} PNG pages at 1.5 px/pt): {:?}", preview.pages.len(), t.elapsed());
    Ok(())
}
