//! The council's own accounts on a real SQLite file: the books and their balances, transfers,
//! reversals, the budget and its versions, the settlement and its carry-over, the closing of a year —
//! and the rules that must hold whatever is entered (a property test).

use chrono::NaiveDate;
use council_domain::accounts::budget::{self, BudgetLine};
use council_domain::accounts::ledger::{self, EntryInput, TransferInput};
use council_domain::accounts::settlement;
use council_domain::accounts::{self, AccountId, AccountKind, BookId, CategoryId, CategoryRole, NewAccount, Side};
use council_domain::calendar::FiscalYear;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::{Session, council};
use council_store::data_dir::DataDir;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

const FY: FiscalYear = FiscalYear(2026);

struct Books {
    s: Session,
    account: AccountId,
    cash: BookId,
    bank: BookId,
    _dir: tempfile::TempDir,
}

impl Books {
    fn category(&self, name: &str) -> CategoryId {
        let chart = self.s.read(|r| accounts::categories(r, &self.account)).expect("chart");
        chart.into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no 科目 {name}")).id
    }

    fn post(&self, book: &BookId, date: &str, category: &str, amount: i64) -> Result<ledger::LedgerEntryId, Error> {
        let input = EntryInput {
            book_id: book.clone(),
            date: d(date),
            category_id: self.category(category),
            description: format!("{category}の記帳"),
            amount,
            counterparty: String::new(),
            receipt: None,
        };
        self.s.write(|w| ledger::post(w, &input))
    }

    fn transfer(&self, from: &BookId, to: &BookId, date: &str, amount: i64) -> Result<(), Error> {
        let input = TransferInput {
            from_book: from.clone(),
            to_book: to.clone(),
            date: d(date),
            amount,
            description: String::new(),
        };
        self.s.write(|w| ledger::transfer(w, &input)).map(|_| ())
    }

    fn statement(&self, year: FiscalYear) -> settlement::Statement {
        self.s.read(|r| settlement::settlement(r, &self.account, year)).expect("settlement")
    }

    fn closing(&self, year: FiscalYear) -> i64 {
        [&self.cash, &self.bank]
            .iter()
            .map(|b| self.s.read(|r| ledger::book_year(r, b, year)).expect("book").closing)
            .sum()
    }
}

/// A council (no demo data) with its general account: cash and one bank account.
fn books_on(today: &str) -> Books {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d(today)))).expect("open");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let account = s
        .write(|w| {
            accounts::create(
                w,
                &NewAccount {
                    name: "一般会計".into(),
                    kind: AccountKind::General,
                    cash_book: "現金".into(),
                    bank_books: vec!["みどり信用金庫 普通預金".into()],
                },
            )
        })
        .expect("account");
    let books = s.read(|r| accounts::books(r, &account)).expect("books");
    Books { cash: books[0].id.clone(), bank: books[1].id.clone(), account, s, _dir: dir }
}

#[test]
fn a_new_general_account_has_the_typical_chart_and_there_is_only_one() {
    let b = books_on("2026-11-23");
    let chart = b.s.read(|r| accounts::categories(r, &b.account)).expect("chart");
    let names: Vec<&str> = chart.iter().filter(|c| c.parent_id.is_none()).map(|c| c.name.as_str()).collect();
    for want in ["会費", "交付金・補助金", "前年度繰越金", "会議費", "事業費", "負担金", "予備費"]
    {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    assert!(chart.iter().any(|c| c.name == "夏祭り" && c.parent_id.is_some()), "項 under 事業費");
    assert_eq!(chart.iter().find(|c| c.name == "会費").map(|c| c.role), Some(CategoryRole::Dues));
    let again = b.s.write(|w| {
        accounts::create(
            w,
            &NewAccount {
                name: "二つ目".into(),
                kind: AccountKind::General,
                cash_book: String::new(),
                bank_books: vec![],
            },
        )
    });
    assert!(matches!(again, Err(Error::Validation { .. })), "{again:?}");
    let festival =
        b.s.write(|w| {
            accounts::create(
                w,
                &NewAccount {
                    name: "祭礼会計".into(),
                    kind: AccountKind::Special,
                    cash_book: String::new(),
                    bank_books: vec![],
                },
            )
        })
        .expect("a special account");
    assert_eq!(b.s.read(|r| accounts::list(r)).expect("list").len(), 2);
    assert_eq!(b.s.read(|r| accounts::books(r, &festival)).expect("books").len(), 1, "its cash book");
}

#[test]
fn entries_keep_running_balances_and_vouchers_number_per_year() {
    let b = books_on("2026-11-23");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 50_000).expect("opening cash");
    b.post(&b.cash, "2026-04-10", "会議費", 3_200).expect("expense");
    b.post(&b.cash, "2026-04-10", "雑収入", 1_000).expect("income");
    let year = b.s.read(|r| ledger::book_year(r, &b.cash, FY)).expect("book");
    let balances: Vec<i64> = year.lines.iter().map(|l| l.balance).collect();
    assert_eq!(balances, vec![50_000, 51_000, 47_800], "money in before money out on one day");
    assert_eq!(year.closing, 47_800);
    assert_eq!(year.closing, year.opening + year.total_in - year.total_out, "a book balances to its entries");
    let mut vouchers: Vec<i64> = year.lines.iter().filter_map(|l| l.voucher_no).collect();
    vouchers.sort_unstable();
    assert_eq!(vouchers, vec![1, 2, 3]);
    b.post(&b.cash, "2027-04-02", "会議費", 100).expect("next year");
    let next = b.s.read(|r| ledger::book_year(r, &b.cash, FiscalYear(2027))).expect("book");
    assert_eq!(next.lines[0].voucher_no, Some(1), "numbered again from 1 in a new year");
    assert_eq!(next.opening, 47_800, "brought forward");
}

#[test]
fn cash_never_goes_below_zero_and_the_refusal_names_the_day() {
    let b = books_on("2026-11-23");
    b.post(&b.cash, "2026-05-01", "雑収入", 10_000).expect("income");
    let before = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    let err = b.post(&b.cash, "2026-04-20", "会議費", 5_000).expect_err("before the money came in");
    let Error::Validation { message, .. } = &err else { panic!("{err:?}") };
    assert!(message.ja.contains("令和8年4月20日") && message.ja.contains("△5,000"), "{message}");
    assert_eq!(b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines"), before, "nothing was written");
}

#[test]
fn a_transfer_moves_money_between_books_and_no_category() {
    let b = books_on("2026-11-23");
    b.post(&b.cash, "2026-04-05", "雑収入", 80_000).expect("income");
    let before = b.statement(FY);
    b.transfer(&b.cash, &b.bank, "2026-04-06", 60_000).expect("to the bank");
    let after = b.statement(FY);
    assert_eq!(before.income, after.income, "no income line moved");
    assert_eq!(before.expense, after.expense, "no expense line moved");
    assert_eq!(after.balances, vec![("現金".into(), 20_000), ("みどり信用金庫 普通預金".into(), 60_000)]);
    let err = b.transfer(&b.cash, &b.bank, "2026-04-07", 30_000).expect_err("more cash than there is");
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
}

#[test]
fn a_reversal_and_its_entry_sum_to_zero_and_an_entry_is_reversed_once() {
    let b = books_on("2026-11-23");
    b.post(&b.cash, "2026-04-05", "雑収入", 10_000).expect("income");
    let wrong = b.post(&b.cash, "2026-04-06", "事務費", 2_500).expect("expense");
    let reversal = b.s.write(|w| ledger::reverse(w, &wrong, d("2026-04-30"), "二重に記帳")).expect("reverse");
    let lines = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    let pair: i64 = lines
        .iter()
        .filter(|l| l.id == wrong.as_str() || l.id == reversal.as_str())
        .map(|l| l.amount_in - l.amount_out)
        .sum();
    assert_eq!(pair, 0);
    assert!(lines.iter().any(|l| l.id == wrong.as_str() && l.reversed));
    assert_eq!(b.statement(FY).expense_total.1, 0, "事務費 is back to nothing");
    let again = b.s.write(|w| ledger::reverse(w, &wrong, d("2026-05-01"), "もう一度"));
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
}

#[test]
fn a_budget_balances_its_reserve_takes_the_difference_and_an_amendment_is_a_new_version() {
    let b = books_on("2026-11-23");
    let lines = vec![
        BudgetLine { category_id: b.category("会費"), amount: 240_000, explanation: "200世帯×1,200円".into() },
        BudgetLine { category_id: b.category("会議費"), amount: 30_000, explanation: String::new() },
        BudgetLine { category_id: b.category("夏祭り"), amount: 150_000, explanation: String::new() },
    ];
    let err = b.s.write(|w| budget::set(w, &b.account, FY, &lines, false)).expect_err("does not balance");
    let Error::Validation { message, .. } = &err else { panic!("{err:?}") };
    assert!(message.ja.contains("60,000"), "says by how much: {message}");
    b.s.write(|w| budget::set(w, &b.account, FY, &lines, true)).expect("the reserve takes it");
    let v1 = b.s.read(|r| budget::current(r, &b.account, FY)).expect("read").expect("budget");
    assert_eq!((v1.income, v1.expense, v1.version), (240_000, 240_000, 1));
    let reserve = v1.lines.iter().find(|l| l.category_id == b.category("予備費")).expect("reserve line");
    assert_eq!(reserve.amount, 60_000);
    b.s.write(|w| budget::approve(w, &b.account, FY, d("2026-04-26"), None)).expect("総会 approves");
    let mut amended = v1.lines.clone();
    amended.push(BudgetLine { category_id: b.category("寄付金"), amount: 20_000, explanation: String::new() });
    b.s.write(|w| budget::set(w, &b.account, FY, &amended, true)).expect("補正予算");
    let versions = b.s.read(|r| budget::versions(r, &b.account, FY)).expect("versions");
    assert_eq!(versions.len(), 2, "the approved budget stays readable");
    assert_eq!(versions[0].income, 240_000);
    assert_eq!((versions[1].income, versions[1].approved_on), (260_000, None));
    let current = b.s.read(|r| budget::current(r, &b.account, FY)).expect("read").expect("budget");
    assert_eq!(current.version, 1, "until approved, the approved budget is in force");
}

#[test]
fn the_settlement_equals_the_books_and_its_carry_over_opens_next_year_then_the_year_is_closed() {
    let b = books_on("2027-05-10");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 30_000).expect("opening cash");
    b.post(&b.bank, "2026-04-01", "前年度繰越金", 200_000).expect("opening bank");
    b.post(&b.bank, "2026-05-15", "市交付金", 120_000).expect("grant");
    b.transfer(&b.bank, &b.cash, "2026-07-30", 50_000).expect("withdrawal");
    b.post(&b.cash, "2026-08-01", "夏祭り", 45_000).expect("festival");
    b.post(&b.cash, "2026-10-01", "連合会費", 12_000).expect("federation");
    let s = b.statement(FY);
    let line = |name: &str| s.income.iter().chain(&s.expense).find(|l| l.name == name).expect(name).actual;
    assert_eq!(line("前年度繰越金"), 230_000);
    assert_eq!(line("交付金・補助金"), 120_000, "a 款 adds up its 項");
    assert_eq!(line("市交付金"), 120_000);
    assert_eq!(line("事業費"), 45_000);
    assert_eq!(line("負担金"), 12_000);
    assert_eq!(s.carry_over, 230_000 + 120_000 - 45_000 - 12_000);
    assert_eq!(s.carry_over, b.closing(FY), "次年度繰越金 = what the books hold at the year's end");

    let early = b.s.write(|w| settlement::close_year(w, &b.account, FiscalYear(2027)));
    assert!(matches!(early, Err(Error::Conflict(_))), "a year under way is not closed: {early:?}");
    let carried = b.s.write(|w| settlement::close_year(w, &b.account, FY)).expect("close");
    assert_eq!(carried, s.carry_over);
    let next = b.statement(FiscalYear(2027));
    assert_eq!(
        next.income.iter().find(|l| l.name == "前年度繰越金").expect("line").actual,
        carried,
        "next year's 前年度繰越金"
    );
    // Nothing in the closed year changes.
    let before = b.statement(FY);
    assert!(matches!(b.post(&b.cash, "2027-03-31", "会議費", 100), Err(Error::Locked(_))));
    assert!(matches!(b.transfer(&b.bank, &b.cash, "2026-12-01", 100), Err(Error::Locked(_))));
    // The 連合会費 paid from cash (its reversal brings the money back).
    let entry = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines").last().expect("a line").id.clone();
    let entry = ledger::LedgerEntryId(entry);
    assert!(matches!(b.s.write(|w| ledger::reverse(w, &entry, d("2027-03-01"), "x")), Err(Error::Locked(_))));
    assert!(matches!(b.s.write(|w| budget::set(w, &b.account, FY, &[], true)), Err(Error::Locked(_))));
    assert!(matches!(b.s.write(|w| settlement::close_year(w, &b.account, FY)), Err(Error::Conflict(_))));
    assert_eq!(b.statement(FY), before, "the closed year is as it was");
    // A correction after closing goes into the next year.
    b.s.write(|w| ledger::reverse(w, &entry, d("2027-04-15"), "前年度の訂正")).expect("reversed in the new year");
}

#[test]
fn dues_payments_are_the_books_dues_income_recorded_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let account = match s.read(|r| accounts::general(r)).expect("general") {
        Some(a) => a.id,
        None => s
            .write(|w| {
                accounts::create(
                    w,
                    &NewAccount {
                        name: "一般会計".into(),
                        kind: AccountKind::General,
                        cash_book: "現金".into(),
                        bank_books: vec![],
                    },
                )
            })
            .expect("account"),
    };
    let paid: i64 = s
        .read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT coalesce(sum(amount), 0) FROM dues_payment WHERE paid_on BETWEEN '2026-04-01' AND '2027-03-31'",
                [],
                |row| row.get(0),
            )?)
        })
        .expect("sum");
    assert!(paid > 0, "the demo has dues payments this year");
    let st = s.read(|r| settlement::settlement(r, &account, FY)).expect("settlement");
    assert_eq!(st.income.iter().find(|l| l.name == "会費").expect("会費").actual, paid, "the dues records, once");
    let cash = s.read(|r| accounts::books(r, &account)).expect("books")[0].id.clone();
    let chart = s.read(|r| accounts::categories(r, &account)).expect("chart");
    let dues = chart.iter().find(|c| c.role == CategoryRole::Dues).expect("会費").id.clone();
    let typed = s.write(|w| {
        ledger::post(
            w,
            &EntryInput {
                book_id: cash,
                date: d("2026-06-01"),
                category_id: dues,
                description: "会費".into(),
                amount: 1_200,
                counterparty: String::new(),
                receipt: None,
            },
        )
    });
    assert!(matches!(typed, Err(Error::Validation { .. })), "dues are not typed twice: {typed:?}");
    let _ = Side::Income;
}

#[derive(Debug, Clone)]
enum Op {
    Income(bool, u32, i64),
    Expense(bool, u32, i64),
    Transfer(bool, u32, i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<bool>(), 0u32..360, 1i64..200_000).prop_map(|(c, d, a)| Op::Income(c, d, a)),
        (any::<bool>(), 0u32..360, 1i64..200_000).prop_map(|(c, d, a)| Op::Expense(c, d, a)),
        (any::<bool>(), 0u32..360, 1i64..200_000).prop_map(|(c, d, a)| Op::Transfer(c, d, a)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever is entered (and whatever is refused): no cash book ever shows a balance below zero,
    /// every book balances to its entries, the settlement's lines add up to the books, and
    /// 次年度繰越金 is what the books hold at the year's end.
    #[test]
    fn the_books_always_agree_with_the_settlement(ops in proptest::collection::vec(op(), 1..25)) {
        let b = books_on("2027-05-10");
        let day = |n: u32| (d("2026-04-01") + chrono::Days::new(u64::from(n))).to_string();
        for o in &ops {
            let _ = match o {
                Op::Income(cash, n, a) => b.post(if *cash { &b.cash } else { &b.bank }, &day(*n), "雑収入", *a).map(|_| ()),
                Op::Expense(cash, n, a) => b.post(if *cash { &b.cash } else { &b.bank }, &day(*n), "事務費", *a).map(|_| ()),
                Op::Transfer(to_bank, n, a) => {
                    let (from, to) = if *to_bank { (&b.cash, &b.bank) } else { (&b.bank, &b.cash) };
                    b.transfer(from, to, &day(*n), *a)
                }
            };
        }
        let cash = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
        prop_assert!(cash.iter().all(|l| l.balance >= 0), "cash below zero: {cash:?}");
        for book in [&b.cash, &b.bank] {
            let y = b.s.read(|r| ledger::book_year(r, book, FY)).expect("book");
            let sum: i64 = y.lines.iter().map(|l| l.amount_in - l.amount_out).sum();
            prop_assert_eq!(y.closing, y.opening + sum);
        }
        let s = b.statement(FY);
        let income: i64 = s.income.iter().filter(|l| !l.sub).map(|l| l.actual).sum();
        let expense: i64 = s.expense.iter().filter(|l| !l.sub).map(|l| l.actual).sum();
        prop_assert_eq!(income - expense, s.carry_over);
        prop_assert_eq!(s.carry_over, b.closing(FY));
    }
}
