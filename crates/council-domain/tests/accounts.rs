//! The council's own accounts on a real SQLite file: the books and their balances, transfers,
//! reversals, the budget and its versions, the settlement and its carry-over, the closing of a year —
//! and the rules that must hold whatever is entered (a property test).

use chrono::NaiveDate;
use council_domain::accounts::budget::{self, BudgetLine};
use council_domain::accounts::ledger::{self, EntryInput, TransferInput};
use council_domain::accounts::{self, AccountId, AccountKind, BookId, CategoryId, CategoryRole, NewAccount, Side};
use council_domain::accounts::{assets, audit, settlement};
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
        };
        self.s.write(|w| ledger::post(w, &self.s.dir().attachments(), &input, None))
    }

    /// The auditors' work: each book's passbook (or cash counted) as the books say, their finding.
    fn audit(&self, year: FiscalYear, on: &str) {
        let list = self.s.read(|r| audit::checklist(r, &self.account, year, d(on))).expect("checklist");
        for b in &list.balances {
            self.s.write(|w| audit::check_balance(w, &b.book_id, year, b.book_balance, d(on))).expect("checked");
        }
        self.s
            .write(|w| {
                audit::record_audit(w, &self.account, year, d(on), &["佐藤 一郎".to_owned()], "適正と認めます。")
            })
            .expect("audit recorded");
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
    let account = s.write(council_demo::general_account).expect("account");
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
    // The audit comes first: closing waits for the auditors' check of every book and their finding.
    let unaudited = b.s.write(|w| settlement::close_year(w, &b.account, FY));
    assert!(matches!(unaudited, Err(Error::Conflict(_))), "closed before the audit: {unaudited:?}");
    b.audit(FY, "2027-04-20");
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
            &s.dir().attachments(),
            &EntryInput {
                book_id: cash,
                date: d("2026-06-01"),
                category_id: dues,
                description: "会費".into(),
                amount: 1_200,
                counterparty: String::new(),
            },
            None,
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

#[test]
fn a_passbook_that_differs_from_the_book_blocks_the_close_until_the_books_are_put_right() {
    let b = books_on("2027-04-20");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 20_000).expect("opening cash");
    b.post(&b.bank, "2026-04-01", "前年度繰越金", 100_000).expect("opening bank");
    b.post(&b.bank, "2026-09-30", "防犯灯費", 36_420).expect("street lights");
    let y = FY;
    let audited = b.s.write(|w| audit::record_audit(w, &b.account, y, d("2027-04-18"), &["佐藤 一郎".into()], "適正"));
    assert!(matches!(audited, Err(Error::Validation { .. })), "the audit waits for every book's check: {audited:?}");
    // The passbook shows the interest the treasurer never entered.
    b.s.write(|w| audit::check_balance(w, &b.cash, y, 20_000, d("2027-04-18"))).expect("cash counted");
    let line = b.s.write(|w| audit::check_balance(w, &b.bank, y, 63_618, d("2027-04-18"))).expect("passbook");
    assert!(!line.matches);
    assert_eq!(line.book_balance, 63_580);
    b.s.write(|w| {
        audit::record_audit(
            w,
            &b.account,
            y,
            d("2027-04-18"),
            &["佐藤 一郎".into(), "鈴木 花子".into()],
            "利息の記帳漏れあり",
        )
    })
    .expect("the finding is recorded as it is");
    let list = b.s.read(|r| audit::checklist(r, &b.account, y, d("2027-04-20"))).expect("checklist");
    assert_eq!(list.blocking.len(), 1, "{:?}", list.blocking);
    assert!(list.blocking[0].ja.contains("差 38円"), "{}", list.blocking[0].ja);
    assert_eq!(list.audit.as_ref().map(|a| a.auditors.len()), Some(2));
    let refused = b.s.write(|w| settlement::close_year(w, &b.account, y));
    match refused {
        Err(Error::Conflict(t)) => assert!(t.ja.contains("合いません"), "{}", t.ja),
        other => panic!("a mismatch blocks the close: {other:?}"),
    }
    assert!(!b.statement(y).closed);
    // The interest entered, the book agrees with the passbook and the year closes.
    b.post(&b.bank, "2027-03-25", "雑収入", 38).expect("interest");
    let list = b.s.read(|r| audit::checklist(r, &b.account, y, d("2027-04-20"))).expect("checklist");
    assert!(list.blocking.is_empty(), "{:?}", list.blocking);
    let carried = b.s.write(|w| settlement::close_year(w, &b.account, y)).expect("closed after the audit");
    assert_eq!(carried, 20_000 + 63_618);
    let changed = b.s.write(|w| audit::check_balance(w, &b.bank, y, 1, d("2027-04-20")));
    assert!(matches!(changed, Err(Error::Locked(_))), "the audit of a closed year stays: {changed:?}");
}

#[test]
fn a_closed_month_refuses_edits_and_a_correction_is_a_reversing_entry() {
    let b = books_on("2026-07-10");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 30_000).expect("opening");
    let tea = b.post(&b.cash, "2026-05-10", "会議費", 2_640).expect("tea");
    let early = b.s.write(|w| audit::close_month(w, &b.account, d("2026-07-01")));
    assert!(matches!(early, Err(Error::Conflict(_))), "a month under way is not closed: {early:?}");
    let through = b.s.write(|w| audit::close_month(w, &b.account, d("2026-05-01"))).expect("closed");
    assert_eq!(through, d("2026-05-31"));
    let acc = b.s.read(|r| accounts::get(r, &b.account)).expect("account");
    assert_eq!(acc.closed_through, Some(d("2026-05-31")), "April closes with May");
    let input = EntryInput {
        book_id: b.cash.clone(),
        date: d("2026-05-10"),
        category_id: b.category("会議費"),
        description: "役員会 お茶代".into(),
        amount: 2_460,
        counterparty: String::new(),
    };
    let edit = b.s.write(|w| {
        ledger::update(w, &b.s.dir().attachments(), &tea, &input, council_domain::attachments::ReceiptChange::Keep)
    });
    match edit {
        Err(Error::Locked(t)) => assert!(t.ja.contains("取消の記帳"), "{}", t.ja),
        other => panic!("a closed month refuses edits: {other:?}"),
    }
    assert!(matches!(b.post(&b.cash, "2026-04-30", "会議費", 100), Err(Error::Locked(_))));
    let moved = EntryInput { date: d("2026-06-10"), ..input.clone() };
    let into_open = b.s.write(|w| {
        ledger::update(w, &b.s.dir().attachments(), &tea, &moved, council_domain::attachments::ReceiptChange::Keep)
    });
    assert!(matches!(into_open, Err(Error::Locked(_))), "an entry of a closed month cannot move out of it either");
    b.s.write(|w| ledger::reverse(w, &tea, d("2026-06-02"), "金額の誤り")).expect("reversed in an open month");
    let june = b.post(&b.cash, "2026-06-02", "会議費", 2_460).expect("the right amount");
    let lines = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    assert_eq!(lines.last().map(|l| l.balance), Some(30_000 - 2_460));
    // An open month's entry is still an edit.
    b.s.write(|w| {
        ledger::update(
            w,
            &b.s.dir().attachments(),
            &june,
            &EntryInput { date: d("2026-06-03"), ..input.clone() },
            council_domain::attachments::ReceiptChange::Keep,
        )
    })
    .expect("edited");
    assert_eq!(b.s.write(|w| audit::reopen_month(w, &b.account)).expect("reopened"), Some(d("2026-04-30")));
}

#[test]
fn a_receipt_is_kept_with_its_entry_and_the_audit_lists_the_expenses_without_one() {
    let b = books_on("2026-07-10");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 30_000).expect("opening");
    let png = b"\x89PNG\r\n\x1a\nreceipt of the tea";
    let input = EntryInput {
        book_id: b.cash.clone(),
        date: d("2026-05-10"),
        category_id: b.category("会議費"),
        description: "役員会 お茶代".into(),
        amount: 2_640,
        counterparty: "さくら台ストア".into(),
    };
    let file = council_domain::attachments::ReceiptFile { file_name: "C:\\scans\\領収書.png", bytes: png };
    b.s.write(|w| ledger::post(w, &b.s.dir().attachments(), &input, Some(file))).expect("with its receipt");
    b.post(&b.cash, "2026-06-10", "慶弔費", 10_000).expect("a gift, no receipt");
    let lines = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    let kept = lines[1].receipt.as_ref().expect("the receipt");
    assert_eq!((kept.name.as_str(), kept.mime.as_str()), ("領収書.png", "image/png"));
    let stored = b.s.read(|r| council_domain::attachments::read(r, &b.s.dir().attachments(), &kept.id)).expect("file");
    assert_eq!(stored.1, png);
    let not_a_receipt = council_domain::attachments::ReceiptFile { file_name: "a.exe", bytes: b"MZ\x90\x00" };
    let before = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    let refused = b.s.write(|w| ledger::post(w, &b.s.dir().attachments(), &input, Some(not_a_receipt)));
    assert!(matches!(refused, Err(Error::Validation { .. })), "{refused:?}");
    assert_eq!(b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines"), before, "nothing written");
    let list = b.s.read(|r| audit::checklist(r, &b.account, FY, d("2027-04-20"))).expect("checklist");
    let missing: Vec<&str> = list.without_receipt.iter().map(|e| e.description.as_str()).collect();
    assert_eq!(missing, ["慶弔費の記帳"]);
}

fn mv(from: &CategoryId, to: &CategoryId, amount: i64, on: &str, reason: &str) -> budget::BudgetTransferInput {
    budget::BudgetTransferInput { from: from.clone(), to: to.clone(), amount, decided_on: d(on), reason: reason.into() }
}

#[test]
fn moving_budget_between_lines_changes_their_amounts_and_not_the_totals() {
    let b = books_on("2026-11-23");
    let line =
        |name: &str, amount: i64| BudgetLine { category_id: b.category(name), amount, explanation: String::new() };
    let lines = vec![line("会費", 500_000), line("会議費", 40_000), line("防犯灯費", 150_000), line("夏祭り", 100_000)];
    b.s.write(|w| budget::set(w, &b.account, FY, &lines, true)).expect("budget");
    let reserve = b.category("予備費");
    let lights = b.category("防犯灯費");
    let unapproved =
        b.s.write(|w| budget::transfer(w, &b.account, FY, &mv(&reserve, &lights, 20_000, "2026-10-01", "LED交換")));
    assert!(matches!(unapproved, Err(Error::Conflict(_))), "only within an approved budget: {unapproved:?}");
    b.s.write(|w| budget::approve(w, &b.account, FY, d("2026-04-26"), None)).expect("approved");
    let before = b.statement(FY);
    let too_much =
        b.s.write(|w| budget::transfer(w, &b.account, FY, &mv(&reserve, &lights, 1_000_000, "2026-10-01", "LED交換")));
    assert!(matches!(too_much, Err(Error::Validation { .. })), "{too_much:?}");
    let kan = b.category("事業費");
    let to_kan = b.s.write(|w| budget::transfer(w, &b.account, FY, &mv(&reserve, &kan, 1_000, "2026-10-01", "x")));
    assert!(matches!(to_kan, Err(Error::Validation { .. })), "a 款 with 項 is moved to through a 項: {to_kan:?}");
    b.s.write(|w| {
        budget::transfer(w, &b.account, FY, &mv(&reserve, &lights, 20_000, "2026-10-01", "LED交換が増えたため"))
    })
    .expect("予備費充用");
    let festival = b.category("夏祭り");
    b.s.write(|w| budget::transfer(w, &b.account, FY, &mv(&festival, &lights, 5_000, "2026-11-01", "役員会で承認")))
        .expect("流用");
    let after = b.statement(FY);
    let get = |s: &settlement::Statement, name: &str| {
        s.expense.iter().find(|l| l.name == name).map(|l| (l.budget, l.moved)).expect(name)
    };
    assert_eq!(get(&after, "防犯灯費"), (get(&before, "防犯灯費").0 + 25_000, 25_000));
    assert_eq!(get(&after, "予備費"), (get(&before, "予備費").0 - 20_000, -20_000));
    assert_eq!(get(&after, "夏祭り"), (95_000, -5_000));
    assert_eq!(get(&after, "事業費"), (95_000, -5_000), "a 款 adds up its 項");
    assert_eq!(after.expense_total, before.expense_total, "the total is as approved");
    let moves = b.s.read(|r| budget::transfers(r, &b.account, FY)).expect("transfers");
    assert_eq!(moves.iter().map(|t| t.from_reserve).collect::<Vec<_>>(), [true, false]);
}

#[test]
fn the_general_meetings_motions_approve_the_budget_and_the_settlement() {
    use council_domain::meetings::{self, AgendaItemInput, AgendaKind, Majority, MeetingInput, MeetingKind};
    use council_domain::meetings::{MotionResult, MotionResultInput};
    let b = books_on("2027-05-10");
    b.post(&b.bank, "2026-04-01", "前年度繰越金", 100_000).expect("opening");
    b.audit(FY, "2027-04-15");
    b.s.write(|w| settlement::close_year(w, &b.account, FY)).expect("closed");
    let next = FiscalYear(2027);
    let line =
        |name: &str, amount: i64| BudgetLine { category_id: b.category(name), amount, explanation: String::new() };
    b.s.write(|w| budget::set(w, &b.account, next, &[line("前年度繰越金", 100_000), line("会議費", 30_000)], true))
        .expect("proposal");
    let meeting =
        b.s.write(|w| {
            meetings::create(
                w,
                &MeetingInput {
                    kind: MeetingKind::General,
                    title: String::new(),
                    held_on: d("2027-04-25"),
                    starts_at: "10:00".into(),
                    place: "集会所".into(),
                    chair: String::new(),
                    invite: None,
                    notes: String::new(),
                },
                4,
            )
        })
        .expect("総会");
    let motion = |title: &str| AgendaItemInput {
        kind: AgendaKind::Motion,
        title: title.into(),
        presenter: "会計".into(),
        planned_minutes: None,
        proposal: String::new(),
        majority: Majority::Simple,
    };
    let settle =
        b.s.write(|w| meetings::add_item(w, &meeting, &motion("令和8年度収支決算報告について"))).expect("item");
    let plan =
        b.s.write(|w| meetings::add_item(w, &meeting, &motion("令和9年度収支予算（案）について"))).expect("item");
    let carried =
        MotionResultInput { result: MotionResult::Carried, votes_for: None, votes_against: None, votes_abstain: None };
    b.s.write(|w| meetings::record_result(w, &plan, &carried, 4)).expect("可決");
    let approved = b.s.read(|r| budget::current(r, &b.account, next)).expect("budget").expect("a budget");
    assert_eq!(approved.approved_on, Some(d("2027-04-25")), "the budget motion's 可決 approves the proposal");
    b.s.write(|w| meetings::record_result(w, &settle, &carried, 4)).expect("可決");
    let approved_on: Option<String> =
        b.s.read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT approved_on FROM account_year_close WHERE fiscal_year = 2026",
                [],
                |row| row.get(0),
            )?)
        })
        .expect("close row");
    assert_eq!(approved_on.as_deref(), Some("2027-04-25"));
}

#[test]
fn dues_can_appear_as_one_line_per_collection_day_with_the_same_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let account = s.read(|r| accounts::general(r)).expect("general").expect("the demo keeps books");
    let cash = account.books[0].id.clone();
    let per_payment = s.read(|r| ledger::book_year(r, &cash, FY)).expect("book");
    s.write(|w| accounts::set_dues_posting(w, &account.id, accounts::DuesPosting::Day)).expect("setting");
    let per_day = s.read(|r| ledger::book_year(r, &cash, FY)).expect("book");
    let dues = |y: &ledger::BookYear| y.lines.iter().filter(|l| l.source == ledger::LineSource::Dues).count();
    assert!(dues(&per_day) < dues(&per_payment), "{} days, {} payments", dues(&per_day), dues(&per_payment));
    assert_eq!((per_day.total_in, per_day.closing), (per_payment.total_in, per_payment.closing));
    let mut days: Vec<_> =
        per_day.lines.iter().filter(|l| l.source == ledger::LineSource::Dues).map(|l| l.date).collect();
    let n = days.len();
    days.dedup();
    assert_eq!(days.len(), n, "one line per day");
}

#[test]
fn the_inventory_lists_every_books_balance_and_the_equipment_held_that_day() {
    let b = books_on("2027-05-10");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 20_000).expect("opening cash");
    b.post(&b.bank, "2026-04-01", "前年度繰越金", 100_000).expect("opening bank");
    let tent = assets::AssetInput {
        name: "テント".into(),
        quantity: 2,
        location: "倉庫".into(),
        acquired_on: Some(d("2020-07-01")),
        value: 96_000,
        notes: String::new(),
    };
    let id = b.s.write(|w| assets::add(w, &tent)).expect("tent");
    b.s.write(|w| assets::add(w, &assets::AssetInput { name: "発電機".into(), value: 128_000, ..tent.clone() }))
        .expect("gen");
    b.s.write(|w| assets::dispose(w, &id, d("2027-04-10"))).expect("disposed");
    let at_end = b.s.read(|r| assets::inventory(r, d("2027-03-31"))).expect("inventory");
    assert_eq!(at_end.money_total, 120_000);
    assert_eq!(at_end.money.iter().map(|m| m.balance).sum::<i64>(), at_end.money_total);
    assert_eq!((at_end.assets.len(), at_end.assets_total), (2, 224_000));
    let later = b.s.read(|r| assets::inventory(r, d("2027-05-01"))).expect("inventory");
    assert_eq!((later.assets.len(), later.assets_total), (1, 128_000), "the disposed tent is gone");
    let nameless = b.s.write(|w| assets::add(w, &assets::AssetInput { name: " ".into(), ..tent.clone() }));
    assert!(matches!(nameless, Err(Error::Validation { .. })));
}

#[test]
fn a_grants_money_is_in_the_books_once_and_changes_there_when_it_changes_on_the_grant() {
    use council_domain::accounts::grant_ledger::{self, GrantLedgerInput};
    use council_domain::attachments::ReceiptChange;
    use council_domain::grants::GrantApplicationId;
    use council_domain::grants::expenses::{self, GrantExpenseInput, ReceiptContext};
    let dir = tempfile::tempdir().expect("tempdir");
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let account = s.read(|r| accounts::general(r)).expect("general").expect("the demo keeps books");
    let bank = account.books[1].id.clone();
    let id_of = |name: &str| account.categories.iter().find(|c| c.name == name).expect(name).id.clone();
    let app_of = |year: i32| -> GrantApplicationId {
        s.read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT a.id FROM grant_application a JOIN grant_program p ON p.id = a.program_id WHERE p.fiscal_year = ?1",
                [year],
                |row| row.get(0),
            )?)
        })
        .expect("an application")
    };
    let (this, last) = (app_of(2026), app_of(2025));
    let link = GrantLedgerInput {
        book_id: bank.clone(),
        income_category_id: id_of("補助金"),
        expense_category_id: id_of("防災訓練"),
        categories: vec![],
    };
    // Last year's grant was paid in a year now closed: its money cannot join those books afterwards.
    let closed = s.write(|w| grant_ledger::set(w, last.as_str(), Some(&link)));
    assert!(matches!(closed, Err(Error::Locked(_))), "{closed:?}");

    // The demo's grant of this year goes through the bank book already; taken out, then put back.
    assert!(s.read(|r| grant_ledger::get(r, this.as_str())).expect("link").is_some(), "the demo links it");
    s.write(|w| grant_ledger::set(w, this.as_str(), None)).expect("out of the books");
    let before = s.read(|r| settlement::settlement(r, &account.id, FY)).expect("settlement");
    let bank_before = s.read(|r| ledger::book_year(r, &bank, FY)).expect("bank");
    s.write(|w| grant_ledger::set(w, this.as_str(), Some(&link))).expect("linked");
    let bank_after = s.read(|r| ledger::book_year(r, &bank, FY)).expect("bank");
    let grant_lines: Vec<&ledger::BookLine> =
        bank_after.lines.iter().filter(|l| l.source == ledger::LineSource::Grant).collect();
    let ctx = ReceiptContext { starts_on: d("2026-04-01"), ends_on: d("2027-03-31"), council_name: "", eligible: &[] };
    let spent = s.read(|r| expenses::list(r, &this, &ctx)).expect("expenses");
    let (advance,): (i64,) = s
        .read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT coalesce(advance_amount, 0) FROM grant_application WHERE id = ?1",
                [&this],
                |row| Ok((row.get(0)?,)),
            )?)
        })
        .expect("advance");
    assert!(!spent.is_empty() && advance > 0, "the demo's grant has an advance and expenses");
    assert_eq!(grant_lines.len(), spent.len() + 1, "each expense and the advance, once");
    let spent_total: i64 = spent.iter().map(|e| e.amount).sum();
    assert_eq!(bank_after.closing - bank_before.closing, advance - spent_total);
    let after = s.read(|r| settlement::settlement(r, &account.id, FY)).expect("settlement");
    let actual = |st: &settlement::Statement, name: &str| {
        st.income.iter().chain(&st.expense).find(|l| l.name == name).map(|l| l.actual).expect(name)
    };
    assert_eq!(actual(&after, "補助金") - actual(&before, "補助金"), advance, "the advance is 補助金 income");
    assert_eq!(actual(&after, "防災訓練") - actual(&before, "防災訓練"), spent_total, "the expenses are 防災訓練's");
    assert_eq!(after.carry_over - before.carry_over, advance - spent_total);

    // Changed on the grant screen, changed in the books.
    let first = spent[0].clone();
    let input = GrantExpenseInput {
        paid_on: first.paid_on,
        payee: first.payee.clone(),
        description: first.description.clone(),
        category: first.category,
        amount: first.amount + 1_000,
        from_grant: first.from_grant,
        addressee: first.addressee.clone(),
        notes: first.notes.clone(),
    };
    s.write(|w| expenses::update(w, &s.dir().attachments(), &first.id, &input, ReceiptChange::Keep))
        .expect("corrected");
    let line = s.read(|r| ledger::book_year(r, &bank, FY)).expect("bank");
    let line = line.lines.iter().find(|l| l.id == first.id.as_str()).expect("the same record");
    assert_eq!(line.amount_out, first.amount + 1_000);

    // Once its month is closed in the books, the grant's expense there stays as it is.
    s.write(|w| audit::close_month(w, &account.id, first.paid_on)).expect("month closed");
    let late = s.write(|w| expenses::update(w, &s.dir().attachments(), &first.id, &input, ReceiptChange::Keep));
    assert!(matches!(late, Err(Error::Locked(_))), "{late:?}");
    let unlinked = s.write(|w| grant_ledger::set(w, this.as_str(), None));
    assert!(matches!(unlinked, Err(Error::Locked(_))), "leaving the books would change a closed month: {unlinked:?}");
    s.write(|w| audit::reopen_month(w, &account.id)).expect("reopened");
    while s.read(|r| accounts::get(r, &account.id)).expect("account").closed_through.is_some() {
        s.write(|w| audit::reopen_month(w, &account.id)).expect("reopened");
    }
    s.write(|w| grant_ledger::set(w, this.as_str(), None)).expect("unlinked");
    assert_eq!(s.read(|r| ledger::book_year(r, &bank, FY)).expect("bank").closing, bank_before.closing);
}

#[test]
fn a_category_is_renamed_everywhere_and_removed_only_while_nothing_uses_it() {
    let b = books_on("2026-11-23");
    b.post(&b.cash, "2026-04-01", "前年度繰越金", 10_000).expect("opening");
    b.post(&b.cash, "2026-05-01", "会議費", 1_000).expect("tea");
    let meeting = b.category("会議費");
    b.s.write(|w| accounts::rename_category(w, &meeting, "会議・研修費")).expect("renamed");
    let lines = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    assert_eq!(lines[1].category.as_deref(), Some("会議・研修費"), "the entry shows the new name");
    let used = b.s.write(|w| accounts::remove_category(w, &meeting));
    assert!(matches!(used, Err(Error::Conflict(_))), "an entry uses it: {used:?}");
    let dues = b.category("会費");
    assert!(
        matches!(b.s.write(|w| accounts::remove_category(w, &dues)), Err(Error::Conflict(_))),
        "the app's own line"
    );
    let new = b.s.write(|w| accounts::add_category(w, &b.account, Side::Expense, None, "集会所費")).expect("added");
    b.s.write(|w| accounts::remove_category(w, &new)).expect("unused: removed");
    assert!(b.s.read(|r| accounts::categories(r, &b.account)).expect("chart").iter().all(|c| c.name != "集会所費"));
    let twin = b.s.write(|w| accounts::rename_category(w, &meeting, "事務費"));
    assert!(matches!(twin, Err(Error::Validation { .. })), "two lines of one name: {twin:?}");
}

#[test]
fn a_dues_payment_is_corrected_or_cancelled_with_its_reason_and_the_books_follow() {
    use council_domain::dues::{self, DuesPaymentInput};
    let dir = tempfile::tempdir().expect("tempdir");
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let account = s.read(|r| accounts::general(r)).expect("general").expect("books");
    let cash = account.books[0].id.clone();
    let (id, household, paid_on, amount): (dues::DuesPaymentId, council_domain::members::HouseholdId, NaiveDate, i64) = s
        .read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT id, household_id, paid_on, amount FROM dues_payment WHERE paid_on >= '2026-06-01' ORDER BY paid_on LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )?)
        })
        .expect("a payment after the closed months");
    let input = DuesPaymentInput {
        household_id: household.clone(),
        fiscal_year: 2026,
        paid_on,
        amount: amount - 1_800,
        collected_by: String::new(),
        notes: String::new(),
    };
    let no_reason = s.write(|w| dues::correct_payment(w, &id, &input, " "));
    assert!(matches!(no_reason, Err(Error::Validation { .. })), "a correction says why: {no_reason:?}");
    // The demo's cash was spent down to the yen: taking 1,800 yen of income away would leave the cash
    // book below zero later on, and is refused until the money is there.
    let short = s.write(|w| dues::correct_payment(w, &id, &input, "75歳以上のひとり暮らし（半額）"));
    assert!(matches!(&short, Err(Error::Validation { message, .. }) if message.ja.contains("現金の残高")), "{short:?}");
    let bank = account.books[1].id.clone();
    let withdrawal = TransferInput {
        from_book: bank,
        to_book: cash.clone(),
        date: paid_on,
        amount: 10_000,
        description: String::new(),
    };
    s.write(|w| ledger::transfer(w, &withdrawal)).expect("cash drawn from the bank");
    let before = s.read(|r| ledger::book_year(r, &cash, FY)).expect("cash").total_in - amount;
    s.write(|w| dues::correct_payment(w, &id, &input, "75歳以上のひとり暮らし（半額）")).expect("corrected");
    assert_eq!(
        s.read(|r| ledger::book_year(r, &cash, FY)).expect("cash").total_in,
        before + amount - 1_800,
        "the books follow"
    );
    let history = s.read(|r| council_domain::audit::for_record(r, "household", household.as_str())).expect("history");
    assert!(history.iter().any(|h| h.summary.contains("訂正") && h.summary.contains("半額")), "the reason is kept");
    s.write(|w| dues::cancel_payment(w, &id, "二重に記録")).expect("cancelled");
    assert_eq!(s.read(|r| ledger::book_year(r, &cash, FY)).expect("cash").total_in, before);
    // A payment of a closed month stays as it is.
    let (old, _): (dues::DuesPaymentId, i64) = s
        .read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT id, amount FROM dues_payment WHERE paid_on < '2026-06-01' AND paid_on >= '2026-04-01' LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?)
        })
        .expect("a payment in April or May");
    assert!(matches!(s.write(|w| dues::cancel_payment(w, &old, "x")), Err(Error::Locked(_))));
}
