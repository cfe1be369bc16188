//! Core operations at federation scale (criterion): the large demo council (10,000 households,
//! ~30,000 persons, twenty years of meetings, 2,000 events, 200 grant applications with 20,000
//! expenses) is made once in a temporary data folder, then each operation is measured. Besides
//! criterion's own estimate, every single call is timed and the median and 95th percentile of those
//! are printed as a Markdown table at the end (the target is a p95 under 10 ms).
//!
//! Run: `cargo bench -p council-domain --bench core_ops` (or `make bench` for every benchmark).

use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use council_demo::Scale;
use council_domain::clock::FixedClock;
use council_domain::grants::{application, settlement};
use council_domain::meetings::{self, MeetingKind, MeetingQuery};
use council_domain::members::{self, MemberQuery};
use council_domain::{council, folder, plan, search};
use council_store::data_dir::DataDir;
use criterion::{Criterion, criterion_group, criterion_main};

/// The target every operation is held to: a p95 under 10 ms.
const TARGET: Duration = Duration::from_millis(10);

thread_local! {
    /// (operation, every single call's time) in the order measured.
    static TIMES: RefCell<Vec<(String, Vec<Duration>)>> = const { RefCell::new(Vec::new()) };
}

/// Measures `f` with criterion, keeping each call's time for the percentile table.
fn op(c: &mut Criterion, name: &str, mut f: impl FnMut()) {
    let mut mine = Vec::new();
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                f();
                let d = t.elapsed();
                mine.push(d);
                total += d;
            }
            total
        })
    });
    TIMES.with(|t| t.borrow_mut().push((name.to_owned(), mine)));
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[((sorted.len() * p).div_ceil(100)).max(1) - 1]
}

fn core_ops(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary data folder");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    let t = Instant::now();
    s.write(|w| council_demo::create_scaled(w, &s.dir().attachments(), Scale::Large)).expect("large demo");
    let made = t.elapsed();
    let info = folder::info(&s).expect("info");
    eprintln!(
        "large demo made in {made:.1?}: {:?}",
        info.counts.iter().map(|c| (c.key.as_str(), c.count)).collect::<Vec<_>>()
    );

    let q = |text: &str, offset: u32| MemberQuery { text: text.into(), limit: 50, offset, ..Default::default() };
    for (name, query) in [
        ("member list, first page (50)", q("", 0)),
        ("member list, page at row 5,000", q("", 5000)),
        ("kana search 「やまだ」", q("やまだ", 0)),
        ("kana search half-width 「ﾔﾏﾀﾞ」", q("ﾔﾏﾀﾞ", 0)),
        ("kana search 2 kana 「たろ」", q("たろ", 0)),
    ] {
        op(c, name, || {
            black_box(s.read(|r| members::list(r, &query)).expect("members"));
        });
    }
    for text in ["やまだ", "防災", "夏祭り"] {
        op(c, &format!("global search 「{text}」"), || {
            black_box(s.read(|r| search::global(r, text, 8)).expect("search"));
        });
    }

    // The latest 総会 (every member household invited): opening it computes the quorum finding.
    let query = MeetingQuery { kind: Some(MeetingKind::General), ..Default::default() };
    let general = s
        .read(|r| meetings::list(r, &query, council::start_month(r)?))
        .expect("meetings")
        .meetings
        .into_iter()
        .find(|m| m.held_on <= today)
        .expect("a 総会");
    let meeting = || s.read(|r| meetings::get(r, &general.id, council::start_month(r)?));
    let invitees = meeting().expect("meeting").invitees.len();
    op(c, &format!("quorum check (総会, {invitees} invitees)"), || {
        black_box(meeting().expect("meeting").quorum);
    });

    // A settled application of last year with its 100 expenses.
    let application = s
        .read(|r| application::list(r, Some(2025), r.today()))
        .expect("applications")
        .into_iter()
        .find(|a| a.project_name.starts_with("防災力向上事業"))
        .expect("an application with 100 expenses");
    let budget =
        s.read(|r| application::get(r, &application.id, council::start_month(r)?, r.today())).expect("application");
    let expenses = budget.expenses.len();
    op(c, "budget check (saved budget)", || {
        black_box(s.read(|r| application::check_budget(r, &application.id, None)).expect("check"));
    });
    op(c, &format!("budget against actual ({expenses} expenses)"), || {
        black_box(s.read(|r| settlement::budget_vs_actual(r, &application.id)).expect("compare"));
    });

    let plan = s.read(|r| plan::list(r)).expect("plans").into_iter().next().expect("the demo plan");
    op(c, "year review (plan, this year)", || {
        black_box(s.read(|r| plan::review_of_year(r, &plan.id, None, r.today())).expect("review"));
    });

    TIMES.with(|t| {
        println!("\n| operation (large council) | calls | median | p95 | p95 vs 10 ms |");
        println!("|---|---:|---:|---:|---|");
        // Operations a name filter left out have no times.
        for (name, times) in t.borrow_mut().iter_mut().filter(|(_, times)| !times.is_empty()) {
            times.sort();
            let (median, p95) = (percentile(times, 50), percentile(times, 95));
            let verdict = if p95 < TARGET { "met" } else { "missed" };
            println!(
                "| {name} | {} | {:.2} ms | {:.2} ms | {verdict} |",
                times.len(),
                median.as_secs_f64() * 1e3,
                p95.as_secs_f64() * 1e3
            );
        }
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = core_ops
}
criterion_main!(benches);
