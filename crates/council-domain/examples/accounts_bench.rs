//! Benchmark: a council's books over twenty years of 2,000 entries each (40,000 entries, cash and
//! bank, with transfers). Prints median and p95 for opening one year of a book, budget against
//! actual and the settlement (the data part of the 収支決算書), for the oldest and the newest year —
//! so a ratio shows whether a year's cost grows with the years behind it.
//! Run: `cargo run --release -p council-domain --example accounts_bench`.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use council_domain::accounts::ledger::{self, EntryInput, TransferInput};
use council_domain::accounts::{self, settlement};
use council_domain::calendar::FiscalYear;
use council_domain::clock::FixedClock;
use council_domain::council;
use council_store::data_dir::DataDir;

const YEARS: i32 = 20;
const ENTRIES_PER_YEAR: u64 = 2_000;

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
    let first = 2026 - YEARS + 1;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let attachments = s.dir().attachments();
    let account = s.write(council_demo::general_account).expect("account");
    let acc = s.read(|r| accounts::get(r, &account)).expect("account");
    let (cash, bank) = (acc.books[0].id.clone(), acc.books[1].id.clone());
    let id = |name: &str| acc.categories.iter().find(|c| c.name == name).expect("科目").id.clone();
    let (income, expense) = (id("雑収入"), id("事務費"));
    let t = Instant::now();
    for year in first..=2026 {
        s.write(|w| {
            let start = NaiveDate::from_ymd_opt(year, 4, 1).expect("date");
            for i in 0..ENTRIES_PER_YEAR {
                let date = start + Days::new(i * 360 / ENTRIES_PER_YEAR);
                if i % 10 == 9 {
                    ledger::transfer(
                        w,
                        &TransferInput {
                            from_book: cash.clone(),
                            to_book: bank.clone(),
                            date,
                            amount: 5_000,
                            description: String::new(),
                        },
                    )?;
                    continue;
                }
                // Takings in cash; expenses from cash or (every third) the bank.
                let (category, amount) = if i % 2 == 0 { (income.clone(), 3_000) } else { (expense.clone(), 1_500) };
                let book = if i % 2 == 1 && i % 3 == 0 { bank.clone() } else { cash.clone() };
                ledger::post(
                    w,
                    &attachments,
                    &EntryInput {
                        book_id: book,
                        date,
                        category_id: category,
                        description: format!("記帳 {i}"),
                        amount,
                        counterparty: String::new(),
                    },
                    None,
                )?;
            }
            Ok::<_, council_domain::Error>(())
        })
        .expect("a year of entries");
    }
    let entries: i64 = s
        .read(|r| Ok::<_, council_domain::Error>(r.query_row("SELECT count(*) FROM ledger_entry", [], |x| x.get(0))?))
        .expect("count");
    println!("books: {YEARS} years, {entries} entries written in {:.2?}", t.elapsed());
    println!("| operation | year | median | p95 | lines |");
    println!("|---|---|---:|---:|---:|");
    for year in [FiscalYear(first), FiscalYear(2025)] {
        let n = s.read(|r| ledger::book_year(r, &cash, year)).expect("book").lines.len();
        let (median, p95) = measure(50, || {
            s.read(|r| ledger::book_year(r, &cash, year)).expect("book");
        });
        println!("| cash book, one year | {} | {median:.2?} | {p95:.2?} | {n} |", year.0);
        let (median, p95) = measure(50, || {
            s.read(|r| settlement::settlement(r, &account, year)).expect("settlement");
        });
        println!("| settlement (data) | {} | {median:.2?} | {p95:.2?} | |", year.0);
    }
    let (median, p95) = measure(50, || {
        s.read(|r| settlement::statement(r, &account, FiscalYear(2026), today)).expect("statement");
    });
    println!("| budget against actual, today | 2026 | {median:.2?} | {p95:.2?} | |");
}
