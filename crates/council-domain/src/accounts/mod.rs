//! The council's own accounts (会計): the 一般会計 and any 特別会計 ([`Account`]), each with its chart of
//! 科目 in two levels ([`Category`]: 款, optionally 項 under one) and its books ([`Book`]: cash, and a
//! bank or postal account each). The entries of the books are [`ledger`]'s, the budget
//! (収支予算書) [`budget`]'s, and what the books add up to — budget against actual, the settlement
//! (収支決算書), the carry-over and the closing of a year — [`settlement`]'s.
//!
//! In the domain guide's words: an [`Account`] (一般会計, 特別会計) has books whose lines are
//! [`ledger::LedgerEntry`]s, a [`budget::Budget`] per year, a [`settlement::Settlement`] at the year's
//! end and an [`audit::Audit`] before it closes.
//!
//! Money is whole yen. Dues payments are the 会費 income of the general account's cash book, read
//! from the dues records (never copied), so the same money is recorded once.

pub mod assets;
pub mod audit;
pub mod budget;
pub mod grant_ledger;
pub mod ledger;
pub mod settlement;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, Result};
use crate::export::ColumnKind::{Date, Integer as Int, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::text::Text;

id_type!(
    /// An account (一般会計 or a 特別会計).
    AccountId
);
id_type!(
    /// A 科目 of an account's chart.
    CategoryId
);
id_type!(
    /// A book (現金出納帳 or 預金出納帳).
    BookId
);

/// Which account it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// 一般会計: the council's everyday money (one per council).
    General,
    /// 特別会計: money kept apart (祭礼会計, 防災備品積立金…).
    Special,
}

impl AccountKind {
    fn as_str(self) -> &'static str {
        match self {
            AccountKind::General => "general",
            AccountKind::Special => "special",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "general" { AccountKind::General } else { AccountKind::Special }
    }
}

/// Income or expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// 収入.
    Income,
    /// 支出.
    Expense,
}

impl Side {
    fn as_str(self) -> &'static str {
        match self {
            Side::Income => "income",
            Side::Expense => "expense",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "income" { Side::Income } else { Side::Expense }
    }
}

/// A line the app fills itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CategoryRole {
    /// An ordinary 科目.
    None,
    /// 会費: the dues payments recorded on the members screen.
    Dues,
    /// 前年度繰越金: what the books held when the year began.
    CarryOver,
    /// 予備費: takes a budget's difference.
    Reserve,
}

impl CategoryRole {
    fn as_str(self) -> &'static str {
        match self {
            CategoryRole::None => "",
            CategoryRole::Dues => "dues",
            CategoryRole::CarryOver => "carry_over",
            CategoryRole::Reserve => "reserve",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "dues" => CategoryRole::Dues,
            "carry_over" => CategoryRole::CarryOver,
            "reserve" => CategoryRole::Reserve,
            _ => CategoryRole::None,
        }
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Account {
    /// ID.
    pub id: AccountId,
    /// Its name (一般会計, 祭礼会計…).
    pub name: String,
    /// General or special.
    pub kind: AccountKind,
    /// Its chart of 科目: 款 in order, each followed by its 項.
    pub categories: Vec<Category>,
    /// Its books: cash first.
    pub books: Vec<Book>,
    /// How dues payments appear in the cash book (the general account's only).
    pub dues_posting: DuesPosting,
    /// The last day of the latest month closed (月次締め), if any.
    #[ts(type = "string | null")]
    pub closed_through: Option<chrono::NaiveDate>,
}

/// How dues payments recorded on the members screen appear in the general account's cash book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuesPosting {
    /// One line per payment, with the household.
    Payment,
    /// One line per collection day, the day's payments added.
    Day,
}

impl DuesPosting {
    fn as_str(self) -> &'static str {
        match self {
            DuesPosting::Payment => "payment",
            DuesPosting::Day => "day",
        }
    }
}

/// A 科目.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Category {
    /// ID.
    pub id: CategoryId,
    /// Income or expense.
    pub side: Side,
    /// The 款 it is a 項 of (`None` for a 款).
    pub parent_id: Option<CategoryId>,
    /// Its name.
    pub name: String,
    /// Whether the app fills it.
    pub role: CategoryRole,
}

/// Whether it is cash or a bank account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BookKind {
    /// 現金出納帳: its balance can never fall below zero.
    Cash,
    /// 預金出納帳: a bank or postal account.
    Bank,
}

impl BookKind {
    fn as_str(self) -> &'static str {
        match self {
            BookKind::Cash => "cash",
            BookKind::Bank => "bank",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "cash" { BookKind::Cash } else { BookKind::Bank }
    }
}

/// A book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Book {
    /// ID.
    pub id: BookId,
    /// The account it belongs to.
    pub account_id: AccountId,
    /// Cash or bank.
    pub kind: BookKind,
    /// Its name (現金, みどり信用金庫 普通預金…).
    pub name: String,
}

/// The chart a new general account starts with: a typical council's 科目 (income, then expenses),
/// `(name, role, 項)`. Editable afterwards.
const GENERAL_CHART: &[(Side, &str, CategoryRole, &[&str])] = &[
    (Side::Income, "会費", CategoryRole::Dues, &[]),
    (Side::Income, "交付金・補助金", CategoryRole::None, &["市交付金", "補助金"]),
    (Side::Income, "事業収入", CategoryRole::None, &[]),
    (Side::Income, "寄付金", CategoryRole::None, &[]),
    (Side::Income, "雑収入", CategoryRole::None, &[]),
    (Side::Income, "前年度繰越金", CategoryRole::CarryOver, &[]),
    (Side::Expense, "会議費", CategoryRole::None, &[]),
    (Side::Expense, "事業費", CategoryRole::None, &["夏祭り", "防災訓練", "清掃活動", "敬老会"]),
    (Side::Expense, "防犯灯費", CategoryRole::None, &[]),
    (Side::Expense, "負担金", CategoryRole::None, &["連合会費"]),
    (Side::Expense, "慶弔費", CategoryRole::None, &[]),
    (Side::Expense, "事務費", CategoryRole::None, &[]),
    (Side::Expense, "予備費", CategoryRole::Reserve, &[]),
];

/// The chart a new special account starts with.
const SPECIAL_CHART: &[(Side, &str, CategoryRole, &[&str])] = &[
    (Side::Income, "繰入金", CategoryRole::None, &[]),
    (Side::Income, "事業収入", CategoryRole::None, &[]),
    (Side::Income, "雑収入", CategoryRole::None, &[]),
    (Side::Income, "前年度繰越金", CategoryRole::CarryOver, &[]),
    (Side::Expense, "事業費", CategoryRole::None, &[]),
    (Side::Expense, "予備費", CategoryRole::Reserve, &[]),
];

/// Every account with its chart and books: the general account first.
pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, kind, dues_posting FROM account
          ORDER BY CASE kind WHEN 'general' THEN 0 ELSE 1 END, position, name",
    )?;
    let heads = stmt
        .query_map([], |r| {
            Ok((r.get::<_, AccountId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    heads
        .into_iter()
        .map(|(id, name, kind, posting)| {
            Ok(Account {
                categories: categories(conn, &id)?,
                books: books(conn, &id)?,
                closed_through: audit::closed_through(conn, &id)?,
                id,
                name,
                kind: AccountKind::parse(&kind),
                dues_posting: if posting == "day" { DuesPosting::Day } else { DuesPosting::Payment },
            })
        })
        .collect()
}

/// One account.
pub fn get(conn: &Connection, id: &AccountId) -> Result<Account> {
    list(conn)?.into_iter().find(|a| &a.id == id).ok_or_else(not_found)
}

/// The general account, if the council keeps its books here yet.
pub fn general(conn: &Connection) -> Result<Option<Account>> {
    Ok(list(conn)?.into_iter().find(|a| a.kind == AccountKind::General))
}

pub(crate) fn not_found() -> Error {
    Error::NotFound(Text::new("その会計は見つかりません。", "That account no longer exists."))
}

/// An account's 科目: income then expense, each 款 followed by its 項.
pub fn categories(conn: &Connection, account: &AccountId) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.side, c.parent_id, c.name, c.role
           FROM account_category c LEFT JOIN account_category p ON p.id = c.parent_id
          WHERE c.account_id = ?1
          ORDER BY CASE c.side WHEN 'income' THEN 0 ELSE 1 END, coalesce(p.position, c.position),
                   c.parent_id IS NOT NULL, c.position",
    )?;
    let rows = stmt.query_map(params![account], |r| {
        Ok(Category {
            id: r.get(0)?,
            side: Side::parse(&r.get::<_, String>(1)?),
            parent_id: r.get(2)?,
            name: r.get(3)?,
            role: CategoryRole::parse(&r.get::<_, String>(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An account's books: cash first, then the bank accounts.
pub fn books(conn: &Connection, account: &AccountId) -> Result<Vec<Book>> {
    let mut stmt = conn.prepare(
        "SELECT id, account_id, kind, name FROM book WHERE account_id = ?1
          ORDER BY CASE kind WHEN 'cash' THEN 0 ELSE 1 END, position",
    )?;
    let rows = stmt.query_map(params![account], |r| {
        Ok(Book {
            id: r.get(0)?,
            account_id: r.get(1)?,
            kind: BookKind::parse(&r.get::<_, String>(2)?),
            name: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One book.
pub fn book(conn: &Connection, id: &BookId) -> Result<Book> {
    conn.query_row("SELECT id, account_id, kind, name FROM book WHERE id = ?1", params![id], |r| {
        Ok(Book {
            id: r.get(0)?,
            account_id: r.get(1)?,
            kind: BookKind::parse(&r.get::<_, String>(2)?),
            name: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(Text::new("その出納帳は見つかりません。", "That book no longer exists.")))
}

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewAccount {
    /// Its name.
    pub name: String,
    /// General (only one) or special.
    pub kind: AccountKind,
    /// The name of its cash book (現金).
    pub cash_book: String,
    /// Its bank or postal accounts, if any (みどり信用金庫 普通預金…).
    pub bank_books: Vec<String>,
}

/// Opens an account with the typical chart of its kind and its books.
pub fn create(w: &Write<'_>, input: &NewAccount) -> Result<AccountId> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            Text::new("会計の名前を入力してください（例：祭礼会計）。", "Enter the account's name."),
        ));
    }
    if input.kind == AccountKind::General && general(w)?.is_some() {
        return Err(Error::invalid(
            "kind",
            Text::new("一般会計はすでにあります。", "There is already a general account."),
        ));
    }
    let id = AccountId::new();
    let position: i64 = w.query_row("SELECT coalesce(max(position), 0) + 1 FROM account", [], |r| r.get(0))?;
    w.execute(
        "INSERT INTO account (id, name, kind, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, name, input.kind.as_str(), position, w.now()],
    )?;
    let chart = if input.kind == AccountKind::General { GENERAL_CHART } else { SPECIAL_CHART };
    for (i, (side, kan, role, kou)) in chart.iter().enumerate() {
        let parent = insert_category(w, &id, *side, None, kan, *role, i as i64 + 1)?;
        for (j, name) in kou.iter().enumerate() {
            insert_category(w, &id, *side, Some(&parent), name, CategoryRole::None, j as i64 + 1)?;
        }
    }
    let cash = if input.cash_book.trim().is_empty() { "現金" } else { input.cash_book.trim() };
    insert_book(w, &id, BookKind::Cash, cash, 1)?;
    for (i, bank) in input.bank_books.iter().map(|b| b.trim()).filter(|b| !b.is_empty()).enumerate() {
        insert_book(w, &id, BookKind::Bank, bank, i as i64 + 2)?;
    }
    w.record(Change {
        entity: "account",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("会計「{name}」を作成"),
        before: None,
        after: serde_json::to_value(input).ok(),
    })?;
    Ok(id)
}

fn insert_category(
    w: &Write<'_>,
    account: &AccountId,
    side: Side,
    parent: Option<&CategoryId>,
    name: &str,
    role: CategoryRole,
    position: i64,
) -> Result<CategoryId> {
    let id = CategoryId::new();
    w.execute(
        "INSERT INTO account_category (id, account_id, side, parent_id, name, role, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, account, side.as_str(), parent, name, role.as_str(), position, w.now()],
    )?;
    Ok(id)
}

fn insert_book(w: &Write<'_>, account: &AccountId, kind: BookKind, name: &str, position: i64) -> Result<BookId> {
    let id = BookId::new();
    w.execute(
        "INSERT INTO book (id, account_id, kind, name, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, account, kind.as_str(), name, position, w.now()],
    )?;
    Ok(id)
}

/// Adds a 科目 to an account's chart: a 款, or a 項 under `parent` (a 款 of the same side).
pub fn add_category(
    w: &Write<'_>,
    account: &AccountId,
    side: Side,
    parent: Option<&CategoryId>,
    name: &str,
) -> Result<CategoryId> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Text::new("科目の名前を入力してください。", "Enter the category's name.")));
    }
    let chart = categories(w, account)?;
    if let Some(p) = parent {
        let Some(kan) = chart.iter().find(|c| &c.id == p && c.parent_id.is_none() && c.side == side) else {
            return Err(Error::invalid(
                "parent",
                Text::new("項は同じ側の款の下にだけ作れます。", "A sub-line goes under a line of the same side."),
            ));
        };
        let _ = kan;
    }
    if chart.iter().any(|c| c.side == side && c.parent_id.as_ref() == parent && c.name == name) {
        return Err(Error::invalid(
            "name",
            Text::new(format!("「{name}」はすでにあります。"), format!("“{name}” is already there.")),
        ));
    }
    let position = chart.iter().filter(|c| c.side == side && c.parent_id.as_ref() == parent).count() as i64 + 1;
    let id = insert_category(w, account, side, parent, name, CategoryRole::None, position)?;
    w.record(Change {
        entity: "account_category",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("科目「{name}」を追加"),
        before: None,
        after: Some(serde_json::json!({ "name": name, "side": side.as_str() })),
    })?;
    Ok(id)
}

/// Renames a 科目 (the books, budgets and settlements of every year then show the new name; a closed
/// year's printed papers keep the old one).
pub fn rename_category(w: &Write<'_>, id: &CategoryId, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Text::new("科目の名前を入力してください。", "Enter the category's name.")));
    }
    let (account, old): (AccountId, String) = w
        .query_row("SELECT account_id, name FROM account_category WHERE id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(category_not_found)?;
    let chart = categories(w, &account)?;
    let me = chart.iter().find(|c| &c.id == id).ok_or_else(category_not_found)?;
    if chart.iter().any(|c| &c.id != id && c.side == me.side && c.parent_id == me.parent_id && c.name == name) {
        return Err(Error::invalid(
            "name",
            Text::new(format!("「{name}」はすでにあります。"), format!("“{name}” is already there.")),
        ));
    }
    w.execute("UPDATE account_category SET name = ?2, updated_at = ?3 WHERE id = ?1", params![id, name, w.now()])?;
    w.record(Change {
        entity: "account_category",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("科目「{old}」を「{name}」に変更"),
        before: Some(serde_json::json!({ "name": old })),
        after: Some(serde_json::json!({ "name": name })),
    })?;
    Ok(())
}

/// Removes a 科目 nothing uses yet (no entry, budget line, transfer, grant or 項 under it); one in
/// use stays, and the refusal says what uses it. The app's own lines (会費, 前年度繰越金, 予備費) stay.
pub fn remove_category(w: &Write<'_>, id: &CategoryId) -> Result<()> {
    let (name, role): (String, String) = w
        .query_row("SELECT name, role FROM account_category WHERE id = ?1", params![id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(category_not_found)?;
    if !role.is_empty() {
        return Err(Error::Conflict(Text::new(
            format!("「{name}」はアプリが使う科目なので削除できません。名前は変えられます。"),
            format!("“{name}” is a line the app fills itself; it cannot be removed (it can be renamed)."),
        )));
    }
    let used: i64 = w.query_row(
        "SELECT (SELECT count(*) FROM ledger_entry WHERE category_id = ?1)
              + (SELECT count(*) FROM account_budget_line WHERE category_id = ?1 AND amount > 0)
              + (SELECT count(*) FROM account_budget_transfer WHERE from_category = ?1 OR to_category = ?1)
              + (SELECT count(*) FROM grant_ledger WHERE income_category_id = ?1 OR expense_category_id = ?1)
              + (SELECT count(*) FROM grant_ledger_category WHERE category_id = ?1)
              + (SELECT count(*) FROM account_category WHERE parent_id = ?1)",
        params![id],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(Error::Conflict(Text::new(
            format!(
                "「{name}」は記帳・予算・項などで使われているため削除できません。名前を変えるか、使わないままにしてください。"
            ),
            format!("“{name}” is used by entries, a budget or sub-lines; rename it or leave it unused."),
        )));
    }
    w.execute("DELETE FROM account_budget_line WHERE category_id = ?1", params![id])?;
    w.execute("DELETE FROM account_category WHERE id = ?1", params![id])?;
    w.record(Change {
        entity: "account_category",
        entity_id: id.as_str(),
        action: AuditAction::Delete,
        summary: format!("科目「{name}」を削除"),
        before: Some(serde_json::json!({ "name": name })),
        after: None,
    })?;
    Ok(())
}

fn category_not_found() -> Error {
    Error::NotFound(Text::new("その科目は見つかりません。", "That category no longer exists."))
}

/// Adds a bank or postal account's book.
pub fn add_book(w: &Write<'_>, account: &AccountId, name: &str) -> Result<BookId> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            Text::new("口座の名前を入力してください（例：ゆうちょ銀行）。", "Enter the bank account's name."),
        ));
    }
    let position = books(w, account)?.len() as i64 + 1;
    let id = insert_book(w, account, BookKind::Bank, name, position)?;
    w.record(Change {
        entity: "book",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("預金出納帳「{name}」を追加"),
        before: None,
        after: Some(serde_json::json!({ "name": name })),
    })?;
    Ok(id)
}

/// Sets how dues payments appear in the general account's cash book.
pub fn set_dues_posting(w: &Write<'_>, account: &AccountId, posting: DuesPosting) -> Result<()> {
    let acc = get(w, account)?;
    if acc.kind != AccountKind::General {
        return Err(Error::invalid(
            "dues_posting",
            Text::new("会費は一般会計の現金出納帳に載ります。", "Dues appear in the general account's cash book."),
        ));
    }
    w.execute(
        "UPDATE account SET dues_posting = ?2, updated_at = ?3 WHERE id = ?1",
        params![account, posting.as_str(), w.now()],
    )?;
    w.record(Change {
        entity: "account",
        entity_id: account.as_str(),
        action: AuditAction::Update,
        summary: match posting {
            DuesPosting::Payment => "会費を入金ごとに出納帳に載せる設定にしました".to_owned(),
            DuesPosting::Day => "会費を集金日ごとにまとめて出納帳に載せる設定にしました".to_owned(),
        },
        before: Some(serde_json::json!({ "dues_posting": acc.dues_posting })),
        after: Some(serde_json::json!({ "dues_posting": posting })),
    })?;
    Ok(())
}

/// What a 総会 motion decides about the accounts, read from its title (第2号議案 令和8年度収支予算
/// （案）承認の件 → the budget; 令和7年度収支決算報告承認の件 → the settlement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MotionSubject {
    /// A budget (収支予算, 補正予算).
    Budget,
    /// A settlement (収支決算).
    Settlement,
}

/// The accounts' subjects of a motion titled `title`.
pub fn motion_subjects(title: &str) -> Vec<MotionSubject> {
    let mut out = Vec::new();
    if title.contains("決算") {
        out.push(MotionSubject::Settlement);
    }
    if title.contains("予算") {
        out.push(MotionSubject::Budget);
    }
    out
}

/// A motion carried at a meeting held on `held_on`: a budget motion approves every budget proposal
/// waiting (of the meeting's year, or else the next), a settlement motion records the approval of the
/// settlements of the year before (closed after their audit). Returns what it approved, for the
/// meeting's history.
pub fn motion_carried(w: &Write<'_>, held_on: chrono::NaiveDate, title: &str, meeting: &str) -> Result<Vec<String>> {
    let start_month = crate::council::start_month(w)?;
    let year = crate::calendar::FiscalYear::of(held_on, start_month);
    let mut done = Vec::new();
    for subject in motion_subjects(title) {
        for account in list(w)? {
            match subject {
                MotionSubject::Budget => {
                    for fy in [year, crate::calendar::FiscalYear(year.0 + 1)] {
                        let waiting =
                            budget::versions(w, &account.id, fy)?.pop().is_some_and(|b| b.approved_on.is_none());
                        if waiting {
                            budget::approve(w, &account.id, fy, held_on, Some(meeting))?;
                            done.push(format!("{}の{}予算を承認", account.name, fy.label_ja()));
                            break;
                        }
                    }
                }
                MotionSubject::Settlement => {
                    let fy = crate::calendar::FiscalYear(year.0 - 1);
                    let n = w.execute(
                        "UPDATE account_year_close SET approved_on = ?3, meeting_id = ?4
                          WHERE account_id = ?1 AND fiscal_year = ?2 AND approved_on IS NULL",
                        params![account.id, fy.0, held_on, meeting],
                    )?;
                    if n > 0 {
                        w.record(Change {
                            entity: "account_year_close",
                            entity_id: account.id.as_str(),
                            action: AuditAction::Update,
                            summary: format!("{}の{}の決算が承認されました", account.name, fy.label_ja()),
                            before: None,
                            after: Some(serde_json::json!({ "approved_on": held_on, "meeting_id": meeting })),
                        })?;
                        done.push(format!("{}の{}決算を承認", account.name, fy.label_ja()));
                    }
                }
            }
        }
    }
    Ok(done)
}

/// Refuses a change to dues payments from `from` on that would take the general account's cash book
/// (where the payments are its 会費 income) below zero.
pub(crate) fn refuse_dues_below_zero(w: &Write<'_>, from: chrono::NaiveDate) -> Result<()> {
    if let Some(account) = general(w)?
        && let Some(cash) = account.books.iter().find(|b| b.kind == BookKind::Cash)
    {
        ledger::refuse_negative_cash(w, &cash.id, from)?;
    }
    Ok(())
}

/// Refuses a dues payment dated in a closed year of the general account: the payment is that
/// year's 会費 income in its cash book.
pub fn refuse_dues_in_closed_year(conn: &Connection, paid_on: chrono::NaiveDate) -> Result<()> {
    if let Some(account) = general(conn)? {
        ledger::refuse_if_closed(conn, &account.id, paid_on)?;
    }
    Ok(())
}

/// This aggregate's tables as every table of the council is exported (open data).
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "accounts",
        source: "account",
        label_ja: "会計",
        label_en: "Accounts",
        sql: "SELECT id, name, kind FROM account ORDER BY position, id",
        columns: &[col("id", "ID", Str), col("name", "名称", Str), col("kind", "種類", Str)],
    },
    TableExport {
        key: "account_categories",
        source: "account_category",
        label_ja: "科目",
        label_en: "Account categories",
        sql: "SELECT c.id, a.name, c.side, p.name, c.name, c.role
                FROM account_category c JOIN account a ON a.id = c.account_id
                LEFT JOIN account_category p ON p.id = c.parent_id
               ORDER BY a.position, c.side, c.position, c.id",
        columns: &[
            col("id", "ID", Str),
            col("account", "会計", Str),
            col("side", "収支", Str),
            col("parent", "款", Str),
            col("name", "科目", Str),
            col("role", "役割", Str),
        ],
    },
    TableExport {
        key: "books",
        source: "book",
        label_ja: "出納帳",
        label_en: "Books",
        sql: "SELECT b.id, a.name, b.kind, b.name FROM book b JOIN account a ON a.id = b.account_id
               ORDER BY a.position, b.position, b.id",
        columns: &[
            col("id", "ID", Str),
            col("account", "会計", Str),
            col("kind", "種類", Str),
            col("name", "名称", Str),
        ],
    },
    TableExport {
        key: "account_budgets",
        source: "account_budget",
        label_ja: "収支予算",
        label_en: "Budgets",
        sql: "SELECT b.id, a.name, b.fiscal_year, b.version, b.approved_on, b.notes
                FROM account_budget b JOIN account a ON a.id = b.account_id
               ORDER BY a.position, b.fiscal_year, b.version",
        columns: &[
            col("id", "ID", Str),
            col("account", "会計", Str),
            col("fiscal_year", "年度", Int),
            col("version", "版", Int),
            col("approved_on", "承認日", Date),
            col("notes", "備考", Str),
        ],
    },
    TableExport {
        key: "account_budget_lines",
        source: "account_budget_line",
        label_ja: "収支予算の明細",
        label_en: "Budget lines",
        sql: "SELECT l.budget_id, c.name, l.amount, l.explanation
                FROM account_budget_line l JOIN account_category c ON c.id = l.category_id
               ORDER BY l.budget_id, c.side, c.position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("category", "科目", Str),
            col("amount", "予算額", Int),
            col("explanation", "説明", Str),
        ],
    },
    TableExport {
        key: "ledger_entries",
        source: "ledger_entry",
        label_ja: "出納帳の記帳",
        label_en: "Book entries",
        sql: "SELECT e.id, b.name, e.fiscal_year, e.entry_date, e.voucher_no, c.name, e.description,
                     e.amount_in, e.amount_out, e.counterparty, e.receipt, e.transfer_id, e.reverses
                FROM ledger_entry e JOIN book b ON b.id = e.book_id
                LEFT JOIN account_category c ON c.id = e.category_id
               ORDER BY e.entry_date, e.voucher_no, e.id",
        columns: &[
            col("id", "ID", Str),
            col("book", "出納帳", Str),
            col("fiscal_year", "年度", Int),
            col("date", "日付", Date),
            col("voucher_no", "伝票番号", Int),
            col("category", "科目", Str),
            col("description", "摘要", Str),
            col("amount_in", "収入", Int),
            col("amount_out", "支出", Int),
            col("counterparty", "相手先", Str),
            col("receipt", "領収書", Str),
            col("transfer_id", "振替", Str),
            col("reverses", "取消対象", Str),
        ],
    },
    TableExport {
        key: "account_year_closes",
        source: "account_year_close",
        label_ja: "年度の締め",
        label_en: "Closed years",
        sql: "SELECT a.name, y.fiscal_year, y.closed_on, y.carry_over, y.approved_on
                FROM account_year_close y JOIN account a ON a.id = y.account_id
               ORDER BY a.position, y.fiscal_year",
        columns: &[
            col("account", "会計", Str),
            col("fiscal_year", "年度", Int),
            col("closed_on", "締めた日", Date),
            col("carry_over", "次年度繰越金", Int),
            col("approved_on", "総会で承認された日", Date),
        ],
    },
    TableExport {
        key: "account_month_closes",
        source: "account_month_close",
        label_ja: "月次締め",
        label_en: "Closed months",
        sql: "SELECT a.name, m.month, m.closed_on FROM account_month_close m JOIN account a ON a.id = m.account_id
               ORDER BY a.position, m.month",
        columns: &[col("account", "会計", Str), col("month", "月", Str), col("closed_on", "締めた日", Date)],
    },
    TableExport {
        key: "account_budget_transfers",
        source: "account_budget_transfer",
        label_ja: "予算の流用・予備費充用",
        label_en: "Budget transfers",
        sql: "SELECT t.id, a.name, t.fiscal_year, f.name, c.name, t.amount, t.decided_on, t.reason
                FROM account_budget_transfer t JOIN account a ON a.id = t.account_id
                JOIN account_category f ON f.id = t.from_category JOIN account_category c ON c.id = t.to_category
               ORDER BY a.position, t.fiscal_year, t.decided_on, t.id",
        columns: &[
            col("id", "ID", Str),
            col("account", "会計", Str),
            col("fiscal_year", "年度", Int),
            col("from", "流用元", Str),
            col("to", "流用先", Str),
            col("amount", "金額", Int),
            col("decided_on", "決定日", Date),
            col("reason", "理由", Str),
        ],
    },
    TableExport {
        key: "account_balance_checks",
        source: "account_balance_check",
        label_ja: "通帳残高照合",
        label_en: "Balance checks",
        sql: "SELECT b.name, k.fiscal_year, k.counted, k.checked_on FROM account_balance_check k
                JOIN book b ON b.id = k.book_id ORDER BY k.fiscal_year, b.position, b.id",
        columns: &[
            col("book", "出納帳", Str),
            col("fiscal_year", "年度", Int),
            col("counted", "通帳・現金の残高", Int),
            col("checked_on", "照合日", Date),
        ],
    },
    TableExport {
        key: "account_audits",
        source: "account_audit",
        label_ja: "会計監査",
        label_en: "Audits",
        sql: "SELECT a.name, x.fiscal_year, x.audited_on, replace(x.auditors, char(31), '、'), x.finding
                FROM account_audit x JOIN account a ON a.id = x.account_id ORDER BY a.position, x.fiscal_year",
        columns: &[
            col("account", "会計", Str),
            col("fiscal_year", "年度", Int),
            col("audited_on", "監査日", Date),
            col("auditors", "監事", Str),
            col("finding", "監査意見", Str),
        ],
    },
    TableExport {
        key: "grant_ledgers",
        source: "grant_ledger",
        label_ja: "助成金の出納帳への記載",
        label_en: "Grants in the books",
        sql: "SELECT g.application_id, a.project_name, b.name, i.name, e.name
                FROM grant_ledger g JOIN grant_application a ON a.id = g.application_id JOIN book b ON b.id = g.book_id
                JOIN account_category i ON i.id = g.income_category_id JOIN account_category e ON e.id = g.expense_category_id
               ORDER BY a.project_name, g.application_id",
        columns: &[
            col("application_id", "申請ID", Str),
            col("project", "事業名", Str),
            col("book", "出納帳", Str),
            col("income_category", "収入の科目", Str),
            col("expense_category", "支出の科目", Str),
        ],
    },
    TableExport {
        key: "grant_ledger_categories",
        source: "grant_ledger_category",
        label_ja: "助成金の科目の対応",
        label_en: "Grant categories in the books",
        sql: "SELECT m.application_id, m.category, c.name FROM grant_ledger_category m
                JOIN account_category c ON c.id = m.category_id ORDER BY m.application_id, m.category",
        columns: &[col("application_id", "申請ID", Str), col("category", "助成金の科目", Str), col("account_category", "会の科目", Str)],
    },
    TableExport {
        key: "account_assets",
        source: "account_asset",
        label_ja: "備品",
        label_en: "Equipment",
        sql: "SELECT id, name, quantity, location, acquired_on, value, notes, disposed_on FROM account_asset
               ORDER BY acquired_on, name, id",
        columns: &[
            col("id", "ID", Str),
            col("name", "品名", Str),
            col("quantity", "数量", Int),
            col("location", "保管場所", Str),
            col("acquired_on", "取得日", Date),
            col("value", "取得価額", Int),
            col("notes", "備考", Str),
            col("disposed_on", "処分日", Date),
        ],
    },
];
