//! Benchmark: the member list and search on a large federation (10,000 households, ~30,000 persons).
//! Prints median and p95 per operation. Run: `cargo run --release -p council-domain --example members_bench`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use council_demo::Scale;
use council_domain::clock::FixedClock;
use council_domain::members::{self, MemberQuery};
use council_domain::{council, dues, folder};
use council_store::data_dir::DataDir;

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
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    let t = Instant::now();
    s.write(|w| council_demo::create_scaled(w, &s.dir().attachments(), Scale::Large)).expect("large demo");
    let info = folder::info(&s).expect("info");
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
        let total = s.read(|r| members::list(r, &query)).expect("list").total;
        let (median, p95) = measure(30, || {
            s.read(|r| members::list(r, &query)).expect("list");
        });
        println!("| {name} | {median:.2?} | {p95:.2?} | {total} |");
    }
    let (median, p95) = measure(30, || {
        s.read(|r| members::counts_as_of(r, r.today())).expect("counts");
    });
    println!("| household counts by block | {median:.2?} | {p95:.2?} | |");
    let (median, p95) = measure(10, || {
        s.read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, None, r.today())?;
            dues::overview(r, fy, m)
        })
        .expect("dues");
    });
    println!("| dues overview by block | {median:.2?} | {p95:.2?} | |");
}
