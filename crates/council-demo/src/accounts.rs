//! The demo council's own books: the general account with its cash and bank books over last year and
//! this year — the dues collected by the 班長 (read from the dues records), taken to the bank at each
//! month's end, the city's grant, the summer festival's costs and takings, the federation's fee, the
//! street lights, meetings and office costs, most with a receipt kept — last year's budget approved,
//! the year audited (every book matching the passbook or the cash counted) and closed; this year's
//! budget proposed, for the 総会's motion to approve, and the equipment the council owns.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

use council_domain::Write;
use council_domain::accounts::assets::{self, AssetInput};
use council_domain::accounts::budget::{self, BudgetLine, BudgetTransferInput};
use council_domain::accounts::ledger::{self, EntryInput, TransferInput};
use council_domain::accounts::{self, AccountId, AccountKind, BookId, NewAccount, audit, settlement};
use council_domain::attachments::ReceiptFile;
use council_domain::calendar::FiscalYear;
use council_domain::error::Result;

/// What is paid or received in a year: (month, day, book is cash, 科目, 摘要, amount, counterparty).
const YEAR: &[(u32, u32, bool, &str, &str, i64, &str)] = &[
    (4, 12, true, "会議費", "役員会 お茶代", 2_860, "さくら台ストア"),
    (4, 20, false, "事務費", "会報の印刷（年4回分）", 38_500, "みどり印刷"),
    (4, 26, true, "会議費", "総会 資料印刷・お茶", 18_400, "みどり印刷"),
    (5, 10, true, "会議費", "役員会 お茶代", 2_640, "さくら台ストア"),
    (5, 20, false, "市交付金", "地域活動交付金", 150_000, "みどり市"),
    (6, 8, true, "清掃活動", "ごみ袋・軍手", 6_480, "ホームセンターみどり"),
    (6, 10, false, "連合会費", "連合自治会 年会費（1世帯600円）", 150_000, "みどり地区連合自治会"),
    (6, 14, true, "会議費", "役員会 お茶代", 2_420, "さくら台ストア"),
    (7, 12, true, "事務費", "コピー用紙・トナー", 7_920, "みどり文具店"),
    (7, 28, false, "夏祭り", "夏祭り テント・音響の借用", 98_000, "みどりレンタル"),
    (8, 2, true, "夏祭り", "夏祭り 食材・景品", 84_600, "さくら台ストア"),
    (8, 3, true, "事業収入", "夏祭り 模擬店売上", 61_800, ""),
    (8, 20, true, "寄付金", "夏祭りへのご寄付", 10_000, "さくら台商店会"),
    (9, 13, true, "敬老会", "敬老会 記念品", 118_800, "みどり菓子舗"),
    (9, 30, false, "防犯灯費", "防犯灯 電気料（上期）", 36_420, "みどり電力"),
    (10, 19, true, "防災訓練", "防災訓練 備蓄品", 17_600, "ホームセンターみどり"),
    (11, 9, true, "会議費", "役員会 お茶代", 2_750, "さくら台ストア"),
    (11, 15, true, "慶弔費", "ご香典", 10_000, ""),
    (11, 20, false, "防犯灯費", "防犯灯 LED交換 3基", 96_800, "みどり電設"),
    (12, 12, true, "会議費", "役員会 お茶代", 2_530, "さくら台ストア"),
    (1, 18, true, "事務費", "封筒・印刷", 4_620, "みどり文具店"),
    (2, 3, true, "慶弔費", "ご香典", 10_000, ""),
    (2, 14, true, "会議費", "役員会 お茶代", 2_680, "さくら台ストア"),
    (3, 8, false, "防災訓練", "防災備蓄品（保存水・毛布）", 58_300, "ホームセンターみどり"),
    (3, 22, false, "防犯灯費", "防犯灯 電気料（下期）", 35_880, "みどり電力"),
    (3, 25, false, "雑収入", "預金利息", 38, "みどり信用金庫"),
];

/// The budget of a year, before the reserve takes the difference: (科目, amount, 説明).
const BUDGET: &[(&str, i64, &str)] = &[
    ("会費", 760_000, "1世帯 年3,600円（75歳以上のひとり暮らし 1,800円）"),
    ("市交付金", 150_000, "地域活動交付金"),
    ("事業収入", 60_000, "夏祭り 模擬店"),
    ("寄付金", 10_000, ""),
    ("雑収入", 1_000, "預金利息ほか"),
    ("会議費", 40_000, "役員会・総会"),
    ("夏祭り", 190_000, "テント・音響、食材・景品"),
    ("防災訓練", 80_000, "備蓄品の更新"),
    ("清掃活動", 20_000, ""),
    ("敬老会", 130_000, "記念品 約180名分"),
    ("防犯灯費", 180_000, "電気料 年2回、LED交換"),
    ("連合会費", 150_000, "1世帯600円"),
    ("慶弔費", 40_000, ""),
    ("事務費", 60_000, "会報の印刷 年4回"),
];

/// Adds the general account and its books for last year and this year (to the demo's today), the
/// receipts' files going to `attachments`.
pub(crate) fn add(w: &Write<'_>, attachments: &Path) -> Result<()> {
    let account = general_account(w)?;
    let books = accounts::books(w, &account)?;
    let (cash, bank) = (books[0].id.clone(), books[1].id.clone());
    let this = FiscalYear::of(w.today(), 4);
    let last = FiscalYear(this.0 - 1);
    let books = Books { account, cash, bank, attachments };

    // Last year began with what the council kept from the year before.
    let start = last.start(4);
    books.post(w, start, true, "前年度繰越金", "前年度より繰越（現金）", 24_315, "")?;
    books.post(w, start, false, "前年度繰越金", "前年度より繰越（預金）", 268_402, "")?;
    for year in [last, this] {
        set_budget(w, &books.account, year)?;
        if year == last {
            budget::approve(w, &books.account, year, year.start(4) + Duration::days(25), None)?;
        }
        books.year(w, year)?;
        if year == last {
            books.audit_and_close(w, year)?;
        }
    }
    add_equipment(w)
}

/// Opens the general account as the demo keeps it — 現金 and the みどり信用金庫 普通預金 book — with
/// the typical chart (tests and benchmarks start their own books from it).
pub fn general_account(w: &Write<'_>) -> Result<AccountId> {
    accounts::create(
        w,
        &NewAccount {
            name: "一般会計".to_owned(),
            kind: AccountKind::General,
            cash_book: "現金".to_owned(),
            bank_books: vec!["みどり信用金庫 普通預金".to_owned()],
        },
    )
}

/// After this year's 総会 approved the budget: a 予備費充用 for the street lights decided at October's
/// board meeting, and April and May closed once July has come (the grant's money, from June on,
/// stays open).
pub(crate) fn after_general_meeting(w: &Write<'_>) -> Result<()> {
    let Some(account) = accounts::general(w)? else { return Ok(()) };
    let this = FiscalYear::of(w.today(), 4);
    let id_of = |name: &str| account.categories.iter().find(|c| c.name == name).map(|c| c.id.clone());
    let decided_on = this.start(4) + Duration::days(200);
    let approved = budget::current(w, &account.id, this)?.is_some_and(|b| b.approved_on.is_some());
    if let (true, true, Some(from), Some(to)) = (approved, decided_on <= w.today(), id_of("予備費"), id_of("防犯灯費"))
    {
        let input = BudgetTransferInput {
            from,
            to,
            amount: 20_000,
            decided_on,
            reason: "防犯灯のLED交換を1基増やすため（10月の役員会で承認）".to_owned(),
        };
        budget::transfer(w, &account.id, this, &input)?;
    }
    let may = this.start(4) + chrono::Months::new(1);
    if w.today() >= this.start(4) + chrono::Months::new(3) {
        audit::close_month(w, &account.id, may)?;
    }
    Ok(())
}

/// The equipment the council owns (the 財産目録's 備品).
fn add_equipment(w: &Write<'_>) -> Result<()> {
    let year = FiscalYear::of(w.today(), 4).0;
    // (品名, 数量, 保管場所, 取得日, 取得価額, 備考).
    type Item<'a> = (&'a str, i64, &'a str, Option<NaiveDate>, i64, &'a str);
    let items: [Item<'_>; 5] = [
        ("集会用テント（3間×2間）", 2, "集会所 倉庫", NaiveDate::from_ymd_opt(year - 6, 7, 1), 96_000, ""),
        (
            "発電機（ガソリン式 1.6kVA）",
            1,
            "防災倉庫",
            NaiveDate::from_ymd_opt(year - 4, 9, 10),
            128_000,
            "毎年9月に試運転",
        ),
        ("長机", 12, "集会所", NaiveDate::from_ymd_opt(year - 10, 4, 20), 60_000, ""),
        ("祭り提灯（名入れ）", 40, "集会所 倉庫", NaiveDate::from_ymd_opt(year - 8, 7, 15), 88_000, ""),
        ("拡声器（ハンドマイク）", 2, "会長宅", NaiveDate::from_ymd_opt(year - 3, 10, 1), 23_800, "防災訓練用"),
    ];
    for (name, quantity, location, acquired_on, value, notes) in items {
        assets::add(
            w,
            &AssetInput {
                name: name.to_owned(),
                quantity,
                location: location.to_owned(),
                acquired_on,
                value,
                notes: notes.to_owned(),
            },
        )?;
    }
    Ok(())
}

struct Books<'a> {
    account: AccountId,
    cash: BookId,
    bank: BookId,
    attachments: &'a Path,
}

impl Books<'_> {
    /// The auditors' work two weeks after the year: each book against the passbook or the cash
    /// counted, their finding with their names; then the year is closed.
    fn audit_and_close(&self, w: &Write<'_>, year: FiscalYear) -> Result<()> {
        let on = (year.end(4) + Duration::days(14)).min(w.today());
        let list = audit::checklist(w, &self.account, year, w.today())?;
        for b in &list.balances {
            audit::check_balance(w, &b.book_id, year, b.book_balance, on)?;
        }
        let auditors = if list.auditors_on_record.is_empty() {
            vec!["監事".to_owned()]
        } else {
            list.auditors_on_record.clone()
        };
        audit::record_audit(
            w,
            &self.account,
            year,
            on,
            &auditors,
            "帳簿、領収書その他の証拠書類及び預金通帳を監査した結果、収支決算書のとおり適正に処理されていることを認めます。",
        )?;
        settlement::close_year(w, &self.account, year).map(|_| ())
    }

    fn category(&self, w: &Write<'_>, name: &str) -> Result<accounts::CategoryId> {
        let chart = accounts::categories(w, &self.account)?;
        Ok(chart.into_iter().find(|c| c.name == name).map(|c| c.id).expect("the demo names 科目 of the typical chart"))
    }

    #[allow(clippy::too_many_arguments)]
    fn post(
        &self,
        w: &Write<'_>,
        date: NaiveDate,
        cash: bool,
        category: &str,
        description: &str,
        amount: i64,
        counterparty: &str,
    ) -> Result<()> {
        let input = EntryInput {
            book_id: if cash { self.cash.clone() } else { self.bank.clone() },
            date,
            category_id: self.category(w, category)?,
            description: description.to_owned(),
            amount,
            counterparty: counterparty.to_owned(),
        };
        // A receipt for what was bought; none for a condolence gift (香典) or money received.
        let out = !matches!(category, "市交付金" | "事業収入" | "寄付金" | "雑収入" | "前年度繰越金" | "会費");
        let bytes = (out && category != "慶弔費").then(|| crate::grants::receipt_png(64, 40, (amount % 251) as u8));
        let name = format!("領収書_{}_{}.png", date.format("%Y%m%d"), counterparty);
        let receipt = bytes.as_deref().map(|bytes| ReceiptFile { file_name: &name, bytes });
        ledger::post(w, self.attachments, &input, receipt).map(|_| ())
    }

    fn transfer(&self, w: &Write<'_>, date: NaiveDate, to_bank: bool, amount: i64, description: &str) -> Result<()> {
        let (from_book, to_book) =
            if to_bank { (self.cash.clone(), self.bank.clone()) } else { (self.bank.clone(), self.cash.clone()) };
        ledger::transfer(w, &TransferInput { from_book, to_book, date, amount, description: description.to_owned() })
            .map(|_| ())
    }

    /// A year's entries in date order up to today: cash drawn from the bank before a payment it
    /// could not cover, and the dues collected taken to the bank at each month's end (keeping
    /// ¥30,000 in hand).
    fn year(&self, w: &Write<'_>, year: FiscalYear) -> Result<()> {
        let today = w.today();
        let mut month_ends: Vec<NaiveDate> = (0..12)
            .map(|i| {
                let first = year.start(4) + chrono::Months::new(i + 1);
                first - Duration::days(1)
            })
            .collect();
        month_ends.retain(|d| *d <= today);
        let mut items: Vec<(NaiveDate, usize)> = YEAR
            .iter()
            .enumerate()
            .filter_map(|(i, (m, d, ..))| {
                let y = if *m >= 4 { year.0 } else { year.0 + 1 };
                NaiveDate::from_ymd_opt(y, *m, *d).filter(|date| *date <= today).map(|date| (date, i))
            })
            .collect();
        items.sort();
        let mut ends = month_ends.into_iter().peekable();
        for (date, i) in items {
            while let Some(end) = ends.next_if(|end| *end < date) {
                self.deposit(w, end)?;
            }
            let (_, _, cash, category, description, amount, counterparty) = YEAR[i];
            let side_out = !matches!(category, "市交付金" | "事業収入" | "寄付金" | "雑収入");
            if cash && side_out {
                let have = ledger::balance_on(w, &self.cash, date)?;
                if have < amount {
                    let need = ((amount - have) / 10_000 + 1) * 10_000;
                    self.transfer(w, date - Duration::days(1), false, need, "引き出し")?;
                }
            }
            self.post(w, date, cash, category, description, amount, counterparty)?;
        }
        for end in ends {
            self.deposit(w, end)?;
        }
        Ok(())
    }

    /// At a month's end, the cash beyond ¥30,000 (mostly dues the 班長 brought) goes to the bank.
    fn deposit(&self, w: &Write<'_>, end: NaiveDate) -> Result<()> {
        // Not beyond what the cash holds at any later day already recorded (dues come in later too).
        let held = ledger::balance_on(w, &self.cash, end)?;
        let amount = (held - 30_000) / 1_000 * 1_000;
        if amount > 0 {
            self.transfer(w, end, true, amount, &format!("{}月分 会費等の預け入れ", end.month()))?;
        }
        Ok(())
    }
}

/// A year's budget: the typical lines, 前年度繰越金 from the year before, the reserve taking the rest.
fn set_budget(w: &Write<'_>, account: &AccountId, year: FiscalYear) -> Result<()> {
    let chart = accounts::categories(w, account)?;
    let id = |name: &str| chart.iter().find(|c| c.name == name).map(|c| c.id.clone()).expect("a typical 科目");
    let carried = settlement::settlement(w, account, FiscalYear(year.0 - 1))?;
    let carry_in = if carried.closed { carried.carry_over } else { 292_717 };
    let mut lines: Vec<BudgetLine> = BUDGET
        .iter()
        .map(|(name, amount, explanation)| BudgetLine {
            category_id: id(name),
            amount: *amount,
            explanation: (*explanation).to_owned(),
        })
        .collect();
    lines.push(BudgetLine { category_id: id("前年度繰越金"), amount: carry_in, explanation: String::new() });
    budget::set(w, account, year, &lines, true).map(|_| ())
}
