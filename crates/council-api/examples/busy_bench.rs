//! Benchmark: does a screen wait while documents are being made? On the large council, two workers
//! render the board pack of the 総会 and the whole roster in a loop (typeset and its pages drawn as
//! pictures, as the preview does), while a third asks for the member list every 20 ms — each call
//! going through the command layer exactly as the window's do (`council_api::dispatch` on the async
//! runtime's blocking pool). Prints the member list's answer times; no assertions (BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release -p council-cli -- --data /tmp/large demo --scale large
//! cargo run --release -p council-api --example busy_bench -- /tmp/large [SECONDS]
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use council_api::{Cx, Headless};
use council_store::data_dir::DataDir;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: busy_bench DATA_FOLDER [SECONDS]")?;
    let seconds: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(30);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let cx = Arc::new(Cx::new(
        Ok(DataDir::at(&dir)),
        council_domain::clock::from_env,
        Box::new(Headless),
        Some(runtime.handle().clone()),
    ));
    cx.start_opening();
    let general = council_api::meetings(&cx, Default::default())?
        .meetings
        .into_iter()
        .find(|m| m.kind == council_domain::meetings::MeetingKind::General)
        .ok_or("the large council has no 総会")?;
    let first_page = council_domain::members::MemberQuery { limit: 50, ..Default::default() };
    let query = serde_json::json!({ "query": first_page });
    let call = |name: &'static str, args: serde_json::Value| {
        let cx = Arc::clone(&cx);
        runtime.spawn_blocking(move || council_api::dispatch(&cx, name, args))
    };
    // Warm: the first member list, and one of each document.
    runtime.block_on(call("members", query.clone()))??;

    let stop = Arc::new(AtomicBool::new(false));
    let rendered = Arc::new(AtomicU32::new(0));
    let documents = [
        serde_json::json!({ "request": { "document": "board_pack", "record": general.id, "fiscal_year": null } }),
        serde_json::json!({ "request": { "document": "roster", "record": null, "fiscal_year": null } }),
    ];
    let mut printers = Vec::new();
    for request in documents {
        let (stop, rendered, cx) = (Arc::clone(&stop), Arc::clone(&rendered), Arc::clone(&cx));
        printers.push(runtime.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let (cx, request) = (Arc::clone(&cx), request.clone());
                let job = tokio::task::spawn_blocking(move || council_api::dispatch(&cx, "preview_document", request));
                if let Ok(Ok(_)) = job.await {
                    rendered.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let mut times = Vec::new();
    let end = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < end {
        let started = Instant::now();
        runtime.block_on(call("members", query.clone()))??;
        times.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    for p in printers {
        runtime.block_on(p)?;
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "member list while printing: {} calls, median {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} documents rendered",
        times.len(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.95).as_secs_f64() * 1000.0,
        times.last().map_or(0.0, |t| t.as_secs_f64() * 1000.0),
        rendered.load(Ordering::Relaxed)
    );
    Ok(())
}
