//! How long a large roster takes to import: builds a 10,000-row .xlsx roster in memory, then times
//! reading it, the preview and the import into a fresh database in a temp dir. No assertions: the
//! figures go in BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release -p council-io --example roster_bench [-- ROWS]
//! ```

#[path = "support/roster_sheet.rs"]
mod roster_sheet;

use std::time::Instant;

use council_domain::clock::FixedClock;
use council_domain::council;
use council_io::roster::{self, Encoding, OnDuplicate};
use council_store::data_dir::DataDir;
use roster_sheet::{HEADERS, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).map(|s| s.parse()).transpose()?.unwrap_or(10_000);
    // synthetic() makes households of 1, 2 and 3 persons in turn: two persons on average.
    let mut data = roster_sheet::synthetic(rows / 2 + 1);
    data.truncate(rows);
    let sheet: Vec<roster_sheet::Row> = data.into_iter().map(|r| Some(r.into_iter().map(Value::T).collect())).collect();
    let bytes = roster_sheet::xlsx(&["ベンチマーク用の名簿"], &[], &HEADERS, &sheet);
    println!("roster: {rows} rows, {} KiB of .xlsx", bytes.len() / 1024);

    let dir = tempfile::tempdir()?;
    let today = "2026-11-23".parse()?;
    let desk = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today)))?;
    desk.write(|w| council::create(w, &council_demo::profile(), false))?;

    let t = Instant::now();
    let table = roster::read_table(&bytes, "bench.xlsx", Encoding::Auto)?;
    println!("read_table:            {:>7.0} ms ({} rows)", t.elapsed().as_secs_f64() * 1e3, table.rows.len());
    let t = Instant::now();
    let preview = desk.read(|r| roster::preview_file(r, &bytes, "bench.xlsx", Encoding::Auto, None, r.today()))?;
    println!(
        "preview (read + check): {:>7.0} ms ({} households, {} problems)",
        t.elapsed().as_secs_f64() * 1e3,
        preview.households,
        preview.problems.len()
    );
    let t = Instant::now();
    let summary = roster::import_file(&desk, &bytes, "bench.xlsx", Encoding::Auto, None, OnDuplicate::Refuse)?;
    println!(
        "import (read + check + write, one transaction): {:>7.0} ms ({} households, {} persons)",
        t.elapsed().as_secs_f64() * 1e3,
        summary.households,
        summary.persons
    );
    Ok(())
}
