//! Benchmark: the member list and search on a large federation (10,000 households, ~30,000 persons).
//! Prints median and p95 per operation. Run: `cargo run --release -p council-core --example members_bench`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use council_core::Desk;
use council_core::clock::FixedClock;
use council_core::data_dir::DataDir;
use council_core::demo::Scale;
use council_core::members::MemberQuery;

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[(runs * 95).div_ceil(100) - 1])
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut desk = Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    let t = Instant::now();
    desk.set_up_demo_scaled(Scale::Large).expect("large demo");
    let info = desk.info().expect("info");
    println!(
        "scale data: {:?} in {:.2?}",
        info.counts.iter().map(|c| (c.key.as_str(), c.count)).collect::<Vec<_>>(),
        t.elapsed()
    );
    let q = |text: &str, offset: u32| MemberQuery { text: text.into(), limit: 50, offset, ..Default::default() };
    let cases: Vec<(&str, MemberQuery)> = vec![
        ("list, first page (50)", q("", 0)),
        ("list, page at row 5,000", q("", 5000)),
        ("search kana 「やまだ」", q("やまだ", 0)),
        ("search half-width 「ﾔﾏﾀﾞ」", q("ﾔﾏﾀﾞ", 0)),
        ("search 2 kana 「たろ」", q("たろ", 0)),
        ("search kanji 「髙橋」", q("髙橋", 0)),
        ("search phone 「042-5」", q("042-5", 0)),
        ("search address 「四丁目」", q("四丁目", 0)),
    ];
    println!("| operation | median | p95 | matches |");
    println!("|---|---:|---:|---:|");
    for (name, query) in cases {
        let total = desk.members(&query).expect("list").total;
        let (median, p95) = measure(30, || {
            desk.members(&query).expect("list");
        });
        println!("| {name} | {median:.2?} | {p95:.2?} | {total} |");
    }
    let (median, p95) = measure(30, || {
        desk.household_counts(None).expect("counts");
    });
    println!("| household counts by block | {median:.2?} | {p95:.2?} | |");
    let (median, p95) = measure(10, || {
        desk.dues_overview(None).expect("dues");
    });
    println!("| dues overview by block | {median:.2?} | {p95:.2?} | |");
}
