//! Importing the cash book a council kept in Excel or CSV before (date, 科目, 摘要, 収入, 支出, 残高)
//! into one of its books: the columns mapped from their headers (or as the treasurer chooses), each
//! 科目 written in the file matched to one of the account's 科目 (or to a transfer to another book of
//! the account, or left out), every problem listed with its row before anything is written — a date
//! outside the year or in a closed month, an amount that is not a number, a 科目 that has no match, a
//! 残高 that does not follow from the rows above it — and then all of it imported, or nothing.
//!
//! The entries are written through [`ledger::post`] and [`ledger::transfer`], so every rule of the
//! books holds for them as for one typed in (cash never below zero, vouchers numbered per year).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::{Encoding, RawTable, RowProblem, read_table_with};
use council_domain::Write;
use council_domain::accounts::ledger::{self, EntryInput, TransferInput};
use council_domain::accounts::{self, Book, BookId, CategoryId, CategoryRole, Side};
use council_domain::audit::{AuditAction, Change};
use council_domain::calendar::{self, FiscalYear};
use council_domain::error::{Error, FieldProblem, Result};
use council_domain::kana;
use council_domain::money::format_yen;
use council_domain::text::Text;

/// How many rows the preview shows as they will be imported.
const SAMPLE_ROWS: usize = 12;

/// What a column of the cash book holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CashbookField {
    /// 日付 (2025/4/12, 令和7年4月12日, or 4/12 within the year).
    Date,
    /// 月, when the month and the day are in two columns.
    Month,
    /// 日.
    Day,
    /// 科目.
    Category,
    /// 摘要.
    Description,
    /// 収入 (入金).
    Income,
    /// 支出 (出金).
    Expense,
    /// 残高: checked against the rows above it, not imported.
    Balance,
    /// 相手先 (支払先, 入金元).
    Counterparty,
    /// Not imported (伝票番号, 備考…).
    Ignore,
}

impl CashbookField {
    /// Every field, in the order the mapping offers them.
    pub const ALL: [CashbookField; 10] = [
        Self::Date,
        Self::Month,
        Self::Day,
        Self::Category,
        Self::Description,
        Self::Income,
        Self::Expense,
        Self::Balance,
        Self::Counterparty,
        Self::Ignore,
    ];

    /// The field's name in both languages.
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Self::Date => ("日付", "Date"),
            Self::Month => ("月", "Month"),
            Self::Day => ("日", "Day"),
            Self::Category => ("科目", "Category"),
            Self::Description => ("摘要", "Description"),
            Self::Income => ("収入", "In"),
            Self::Expense => ("支出", "Out"),
            Self::Balance => ("残高（確認用）", "Balance (checked)"),
            Self::Counterparty => ("相手先", "Paid to / by"),
            Self::Ignore => ("取り込まない", "Not imported"),
        };
        Text::new(ja, en)
    }

    /// The field a header names, as councils write their cash books.
    pub fn from_header(header: &str) -> CashbookField {
        let h: String = kana::fold(header).chars().filter(|c| !c.is_whitespace()).collect();
        let h = h.trim_end_matches("(円)").trim_end_matches("円");
        match h {
            "日付" | "年月日" | "月日" | "取引日" | "date" => Self::Date,
            "月" => Self::Month,
            "日" => Self::Day,
            "科目" | "勘定科目" | "費目" | "区分" => Self::Category,
            "摘要" | "内容" | "適用" | "品名" | "説明" => Self::Description,
            "収入" | "入金" | "収入金額" | "入金額" | "収入額" => Self::Income,
            "支出" | "出金" | "支出金額" | "出金額" | "支出額" | "支払" | "支払額" => Self::Expense,
            "残高" | "差引残高" | "現在高" => Self::Balance,
            "相手先" | "支払先" | "入金元" | "取引先" | "支払い先" => Self::Counterparty,
            _ => Self::Ignore,
        }
    }
}

/// A field as the mapping's drop-down offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashbookFieldChoice {
    /// The field.
    pub field: CashbookField,
    /// Its name.
    pub label: Text,
}

/// Where the rows of one 科目 of the file go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CategoryTarget {
    /// To this 科目 of the account.
    Category {
        /// The 科目.
        id: CategoryId,
    },
    /// A transfer between the book and this other book of the account (預け入れ, 引き出し).
    Transfer {
        /// The other book.
        book_id: BookId,
    },
    /// Left out (dues, which the books read from the members screen; a carried-forward line).
    Skip,
}

/// A 科目 written in the file and where its rows go (`None`: not decided yet, a problem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CategoryMapping {
    /// The 科目 as written in the file.
    pub name: String,
    /// Where its rows go.
    pub target: Option<CategoryTarget>,
    /// How many rows carry it.
    #[ts(type = "number")]
    pub rows: u32,
}

/// What the treasurer chose: the book, the year, and (once previewed) the mapping of columns and 科目.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashbookOptions {
    /// The book the file is imported into.
    pub book_id: BookId,
    /// The fiscal year its dates belong to (a date written as 4/12 is read in it).
    pub fiscal_year: i32,
    /// How a CSV file is encoded.
    pub encoding: Encoding,
    /// The field of each column (guessed from the headers when absent).
    pub mapping: Option<Vec<CashbookField>>,
    /// Where each 科目 of the file goes (matched by name when absent).
    pub categories: Vec<CategoryMapping>,
}

/// One row as it will be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashbookRow {
    /// The spreadsheet's row number.
    pub row: u32,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The 科目 as written in the file.
    pub category: String,
    /// Where it goes, in words (会議費, 振替: みどり信用金庫).
    pub goes_to: String,
    /// 摘要.
    pub description: String,
    /// In.
    #[ts(type = "number")]
    pub amount_in: i64,
    /// Out.
    #[ts(type = "number")]
    pub amount_out: i64,
    /// 相手先.
    pub counterparty: String,
}

/// Everything the import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashbookPreview {
    /// The file's name.
    pub file_name: String,
    /// The book it goes into.
    pub book_name: String,
    /// The header row's number.
    pub header_row: u32,
    /// The header cells.
    pub headers: Vec<String>,
    /// The field of each column.
    pub mapping: Vec<CashbookField>,
    /// The fields a column can be mapped to.
    pub choices: Vec<CashbookFieldChoice>,
    /// Each 科目 of the file and where its rows go.
    pub categories: Vec<CategoryMapping>,
    /// Data rows read.
    #[ts(type = "number")]
    pub rows: u32,
    /// Entries it would write.
    #[ts(type = "number")]
    pub entries: u32,
    /// Transfers it would write.
    #[ts(type = "number")]
    pub transfers: u32,
    /// Rows left out.
    #[ts(type = "number")]
    pub skipped: u32,
    /// Money in, in all.
    #[ts(type = "number")]
    pub total_in: i64,
    /// Money out, in all.
    #[ts(type = "number")]
    pub total_out: i64,
    /// The problems, in row order (the first 100); the import runs only when there are none.
    pub problems: Vec<RowProblem>,
    /// How many more problems there are.
    #[ts(type = "number")]
    pub more_problems: u32,
    /// Things worth knowing that are not problems.
    pub notices: Vec<Text>,
    /// The first rows as they will be imported.
    pub sample: Vec<CashbookRow>,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CashbookImported {
    /// Entries written.
    #[ts(type = "number")]
    pub entries: u32,
    /// Transfers written.
    #[ts(type = "number")]
    pub transfers: u32,
    /// Rows left out.
    #[ts(type = "number")]
    pub skipped: u32,
    /// What happened, in words.
    pub message: Text,
}

/// A row ready to be written.
#[derive(Debug, Clone)]
struct Planned {
    row: CashbookRow,
    target: CategoryTarget,
}

struct Plan {
    preview: CashbookPreview,
    planned: Vec<Planned>,
}

/// Reads a cash-book file: the header row is the first (of the top rows) naming two of its fields.
fn read(bytes: &[u8], file_name: &str, encoding: Encoding) -> Result<RawTable> {
    read_table_with(bytes, file_name, encoding, |h| CashbookField::from_header(h) != CashbookField::Ignore)
}

/// An amount as a cash book writes it: `12,400`, `１２，４００円`, `¥12400`; blank is none. A negative
/// or a fraction is refused (the reason in the error).
fn amount(text: &str) -> std::result::Result<i64, Text> {
    let t: String = kana::fold(text).chars().filter(|c| !matches!(c, ',' | '円' | '¥' | '\\' | ' ')).collect();
    if t.is_empty() {
        return Ok(0);
    }
    if t.starts_with('-') || t.starts_with('△') || t.starts_with('▲') {
        return Err(Text::new(
            format!("「{text}」はマイナスです。収入か支出の欄に正の金額で書いてください。"),
            format!("“{text}” is negative. Write it as a positive amount under in or out."),
        ));
    }
    t.parse::<i64>().ok().filter(|n| *n <= 100_000_000_000).ok_or_else(|| {
        Text::new(
            format!("「{text}」を金額として読めません。数字で書いてください（例：12,400）。"),
            format!("“{text}” is not an amount. Write it in figures (e.g. 12,400)."),
        )
    })
}

/// The day a row names: a full date, or a month and day within the fiscal year.
fn date_of(
    date: Option<&str>,
    month: Option<&str>,
    day: Option<&str>,
    fy: FiscalYear,
    start: u32,
) -> Option<NaiveDate> {
    let in_year = |m: u32, d: u32| {
        let y = if m >= start { fy.0 } else { fy.0 + 1 };
        NaiveDate::from_ymd_opt(y, m, d)
    };
    if let Some(text) = date.filter(|t| !t.is_empty()) {
        if let Some(d) = calendar::parse_date(text) {
            return Some(d);
        }
        // 4/12 or 4月12日: the year is the fiscal year's.
        let folded = kana::fold(text);
        let parts: Vec<&str> =
            folded.trim_end_matches('日').split(['/', '月', '-', '.']).filter(|p| !p.is_empty()).collect();
        if let [m, d] = parts[..] {
            return in_year(m.parse().ok()?, d.parse().ok()?);
        }
        return None;
    }
    let m: u32 = kana::fold(month?).trim_end_matches('月').parse().ok()?;
    let d: u32 = kana::fold(day?).trim_end_matches('日').parse().ok()?;
    in_year(m, d)
}

/// Where a 科目 written in the file goes when the treasurer has not said: the account's 科目 of the
/// same name; dues and carried-forward lines left out; 預け入れ and 引き出し a transfer to the
/// account's other book when it has one.
fn guess(name: &str, chart: &[accounts::Category], others: &[Book]) -> Option<CategoryTarget> {
    let folded = kana::fold(name);
    if let Some(c) = chart.iter().find(|c| kana::fold(&c.name) == folded) {
        let divided = chart.iter().any(|k| k.parent_id.as_ref() == Some(&c.id));
        return match c.role {
            CategoryRole::Dues => Some(CategoryTarget::Skip),
            _ if divided => None,
            _ => Some(CategoryTarget::Category { id: c.id.clone() }),
        };
    }
    if ["振替", "預け入れ", "預入", "預入れ", "引き出し", "引出", "引出し", "預金"].contains(&folded.as_str())
        && let [other] = others
    {
        return Some(CategoryTarget::Transfer { book_id: other.id.clone() });
    }
    None
}

fn plan(conn: &Connection, table: &RawTable, options: &CashbookOptions) -> Result<Plan> {
    let book = accounts::book(conn, &options.book_id)?;
    let account = accounts::get(conn, &book.account_id)?;
    let others: Vec<Book> = account.books.iter().filter(|b| b.id != book.id).cloned().collect();
    let start = council_domain::council::start_month(conn)?;
    let fy = FiscalYear(options.fiscal_year);
    let mapping = match &options.mapping {
        Some(m) if m.len() == table.headers.len() => m.clone(),
        _ => table.headers.iter().map(|h| CashbookField::from_header(h)).collect(),
    };
    let column = |f: CashbookField| mapping.iter().position(|m| *m == f);
    let mut problems = Vec::new();
    let mut notices = Vec::new();
    let has_date = column(CashbookField::Date).is_some()
        || (column(CashbookField::Month).is_some() && column(CashbookField::Day).is_some());
    for (needed, present) in [
        (CashbookField::Date, has_date),
        (CashbookField::Category, column(CashbookField::Category).is_some()),
        (CashbookField::Income, column(CashbookField::Income).is_some() || column(CashbookField::Expense).is_some()),
    ] {
        if !present {
            let label =
                if needed == CashbookField::Income { Text::new("収入・支出", "In / Out") } else { needed.label() };
            problems.push(RowProblem {
                row: table.header_row,
                column: None,
                message: Text::new(
                    format!("「{}」の列がありません。列の対応で、どの列が{}かを選んでください。", label.ja, label.ja),
                    format!("No column holds “{}”. Choose it in the column mapping.", label.en),
                ),
            });
        }
    }
    // Each 科目 of the file, with where its rows go.
    let mut names: BTreeMap<String, u32> = BTreeMap::new();
    if let Some(c) = column(CashbookField::Category) {
        for r in &table.rows {
            let name = r.cells[c].trim().to_owned();
            if !name.is_empty() {
                *names.entry(name).or_default() += 1;
            }
        }
    }
    let categories: Vec<CategoryMapping> = names
        .into_iter()
        .map(|(name, rows)| {
            let chosen = options.categories.iter().find(|m| m.name == name).and_then(|m| m.target.clone());
            let target = chosen.or_else(|| guess(&name, &account.categories, &others));
            CategoryMapping { name, target, rows }
        })
        .collect();
    let cell = |r: &crate::roster::RawRow, f: CashbookField| column(f).map(|c| r.cells[c].trim().to_owned());
    let mut planned = Vec::new();
    let mut skipped = 0u32;
    let mut running: Option<i64> = None;
    let (from, to) = (fy.start(start), fy.end(start));
    for r in &table.rows {
        let mut problem = |column: Option<CashbookField>, message: Text| {
            problems.push(RowProblem {
                row: r.row,
                column: column.and_then(|f| mapping.iter().position(|m| *m == f)).map(|i| table.headers[i].clone()),
                message,
            });
        };
        let description = cell(r, CashbookField::Description).unwrap_or_default();
        let name = cell(r, CashbookField::Category).unwrap_or_default();
        let (income, expense) = (
            amount(&cell(r, CashbookField::Income).unwrap_or_default()),
            amount(&cell(r, CashbookField::Expense).unwrap_or_default()),
        );
        let (amount_in, amount_out) = match (income, expense) {
            (Ok(i), Ok(o)) => (i, o),
            (Err(t), _) => {
                problem(Some(CashbookField::Income), t);
                continue;
            }
            (_, Err(t)) => {
                problem(Some(CashbookField::Expense), t);
                continue;
            }
        };
        let balance = match cell(r, CashbookField::Balance).filter(|b| !b.is_empty()).map(|b| amount(&b)) {
            Some(Ok(b)) => Some(b),
            Some(Err(t)) => {
                problem(Some(CashbookField::Balance), t);
                None
            }
            None => None,
        };
        // The balance column follows from the rows above it (a typo in Excel shows here).
        match (running, balance) {
            (None, Some(b)) => running = Some(b),
            (Some(before), Some(b)) => {
                let expected = before + amount_in - amount_out;
                if expected != b {
                    problem(
                        Some(CashbookField::Balance),
                        Text::new(
                            format!(
                                "残高が合いません。前の行の残高と収入・支出からは{}ですが、{}と書かれています。",
                                format_yen(expected),
                                format_yen(b)
                            ),
                            format!(
                                "The balance does not follow: the row above and this row's amounts give {}, the file says {}.",
                                format_yen(expected),
                                format_yen(b)
                            ),
                        ),
                    );
                }
                running = Some(b);
            }
            (Some(before), None) => running = Some(before + amount_in - amount_out),
            (None, None) => {}
        }
        if amount_in == 0 && amount_out == 0 {
            // A carried-forward line (前月より繰越) or a heading: nothing to write.
            skipped += 1;
            continue;
        }
        if amount_in > 0 && amount_out > 0 {
            problem(
                Some(CashbookField::Income),
                Text::new(
                    "収入と支出の両方に金額があります。1行にはどちらか一方を書いてください。",
                    "Both in and out hold an amount; a row has one or the other.",
                ),
            );
            continue;
        }
        let date = date_of(
            cell(r, CashbookField::Date).as_deref(),
            cell(r, CashbookField::Month).as_deref(),
            cell(r, CashbookField::Day).as_deref(),
            fy,
            start,
        );
        let Some(date) = date else {
            problem(
                Some(CashbookField::Date),
                Text::new(
                    "日付を読めません。2025/4/12、令和7年4月12日、4/12 のように書いてください。",
                    "The date cannot be read. Write it like 2025/4/12 or 4/12.",
                ),
            );
            continue;
        };
        if date < from || date > to {
            problem(
                Some(CashbookField::Date),
                Text::new(
                    format!(
                        "{}は{}（{}〜{}）の日付ではありません。",
                        calendar::wareki(date),
                        fy.label_ja(),
                        calendar::wareki(from),
                        calendar::wareki(to)
                    ),
                    format!("{date} is not within {} ({from} – {to}).", fy.label_en()),
                ),
            );
            continue;
        }
        if let Err(e) = ledger::refuse_if_closed(conn, &account.id, date) {
            problem(Some(CashbookField::Date), e.text());
            continue;
        }
        let mapping_of = categories.iter().find(|m| m.name == name);
        let target = match mapping_of.and_then(|m| m.target.clone()) {
            Some(t) => t,
            None if name.is_empty() => {
                problem(
                    Some(CashbookField::Category),
                    Text::new("科目が空です。科目を書くか、この行を消してください。", "The category is blank."),
                );
                continue;
            }
            None => {
                problem(
                    Some(CashbookField::Category),
                    Text::new(
                        format!("「{name}」に当たる科目を「科目の対応」で選んでください。"),
                        format!("Choose which category “{name}” is, under “Categories”."),
                    ),
                );
                continue;
            }
        };
        let goes_to = match &target {
            CategoryTarget::Skip => {
                skipped += 1;
                continue;
            }
            CategoryTarget::Category { id } => {
                let Some(c) = account.categories.iter().find(|c| &c.id == id) else {
                    problem(
                        Some(CashbookField::Category),
                        Text::new("選んだ科目がこの会計にありません。", "That category is not in this account."),
                    );
                    continue;
                };
                let wrong_side = match c.side {
                    Side::Income => amount_out > 0,
                    Side::Expense => amount_in > 0,
                };
                if wrong_side {
                    problem(
                        Some(CashbookField::Category),
                        Text::new(
                            format!(
                                "「{}」は{}の科目ですが、{}の欄に金額があります。",
                                c.name,
                                if c.side == Side::Income { "収入" } else { "支出" },
                                if c.side == Side::Income { "支出" } else { "収入" }
                            ),
                            format!(
                                "“{}” is an {} category, but the amount is on the other side.",
                                c.name,
                                if c.side == Side::Income { "income" } else { "expense" }
                            ),
                        ),
                    );
                    continue;
                }
                c.name.clone()
            }
            CategoryTarget::Transfer { book_id } => match others.iter().find(|b| &b.id == book_id) {
                Some(b) => format!("振替: {}", b.name),
                None => {
                    problem(
                        Some(CashbookField::Category),
                        Text::new("振替先の出納帳がこの会計にありません。", "The other book is not in this account."),
                    );
                    continue;
                }
            },
        };
        if description.is_empty() {
            problem(
                Some(CashbookField::Description),
                Text::new("摘要が空です。何の収入・支出かを書いてください。", "Write what it was for."),
            );
            continue;
        }
        planned.push(Planned {
            row: CashbookRow {
                row: r.row,
                date,
                category: name,
                goes_to,
                description,
                amount_in,
                amount_out,
                counterparty: cell(r, CashbookField::Counterparty).unwrap_or_default(),
            },
            target,
        });
    }
    let dues_left_out: u32 = categories.iter().filter(|m| m.target == Some(CategoryTarget::Skip)).map(|m| m.rows).sum();
    if dues_left_out > 0 {
        notices.push(Text::new(
            format!("{dues_left_out}行は取り込みません（会費は会員の画面の入金記録から出納帳に載るため、または「取り込まない」を選んだ科目）。"),
            format!("{dues_left_out} row(s) are left out (dues come from the members screen, or the category is set to be left out)."),
        ));
    }
    let more_problems = crate::limits::cap(&mut problems);
    let transfers = planned.iter().filter(|p| matches!(p.target, CategoryTarget::Transfer { .. })).count() as u32;
    let preview = CashbookPreview {
        file_name: table.file_name.clone(),
        book_name: book.name.clone(),
        header_row: table.header_row,
        headers: table.headers.clone(),
        mapping,
        choices: CashbookField::ALL.iter().map(|f| CashbookFieldChoice { field: *f, label: f.label() }).collect(),
        categories,
        rows: table.rows.len() as u32,
        entries: planned.len() as u32 - transfers,
        transfers,
        skipped,
        total_in: planned.iter().map(|p| p.row.amount_in).sum(),
        total_out: planned.iter().map(|p| p.row.amount_out).sum(),
        problems,
        more_problems,
        notices,
        sample: planned.iter().take(SAMPLE_ROWS).map(|p| p.row.clone()).collect(),
    };
    Ok(Plan { preview, planned })
}

/// The error that stops an import of `preview`: its problems. `None` when it can run.
pub fn refusal(preview: &CashbookPreview) -> Option<Error> {
    let first = preview.problems.first()?;
    let n = preview.problems.len() + preview.more_problems as usize;
    Some(Error::Validation {
        message: Text::new(
            format!(
                "出納帳「{}」に直すところが{n}か所あります（最初は{}行目）。何も取り込んでいません。直してから、もう一度取り込んでください。",
                preview.file_name, first.row
            ),
            format!(
                "The cash book “{}” has {n} problem(s) to fix (the first in row {}). Nothing was imported.",
                preview.file_name, first.row
            ),
        ),
        problems: preview
            .problems
            .iter()
            .map(|p| FieldProblem { field: format!("row.{}", p.row), message: p.message.clone() })
            .collect(),
    })
}

/// Reads a cash-book file and shows what importing it would do. Writes nothing.
pub fn preview_file(
    conn: &Connection,
    bytes: &[u8],
    file_name: &str,
    options: &CashbookOptions,
) -> Result<CashbookPreview> {
    let table = read(bytes, file_name, options.encoding)?;
    Ok(plan(conn, &table, options)?.preview)
}

/// An error of writing row `row`, said with the row's number.
fn at_row(row: u32, e: Error) -> Error {
    let prefix = |t: Text| Text::new(format!("{row}行目：{}", t.ja), format!("Row {row}: {}", t.en));
    match e {
        Error::Validation { message, problems } => Error::Validation { message: prefix(message), problems },
        Error::Conflict(t) => Error::Conflict(prefix(t)),
        Error::Locked(t) => Error::Locked(prefix(t)),
        Error::NotFound(t) => Error::NotFound(prefix(t)),
        other => other,
    }
}

/// Imports a cash book in the caller's transaction: all of it, or nothing when the preview has any
/// problem or any row breaks a rule of the books (the error names its row).
pub fn import(
    w: &Write<'_>,
    dir: &std::path::Path,
    table: &RawTable,
    options: &CashbookOptions,
) -> Result<CashbookImported> {
    let plan = plan(w, table, options)?;
    if let Some(err) = refusal(&plan.preview) {
        return Err(err);
    }
    let mut planned = plan.planned;
    planned.sort_by_key(|p| (p.row.date, p.row.amount_in == 0, p.row.row));
    for p in &planned {
        let r = &p.row;
        let written = match &p.target {
            CategoryTarget::Category { id } => ledger::post(
                w,
                dir,
                &EntryInput {
                    book_id: options.book_id.clone(),
                    date: r.date,
                    category_id: id.clone(),
                    description: r.description.clone(),
                    amount: r.amount_in + r.amount_out,
                    counterparty: r.counterparty.clone(),
                },
                None,
            )
            .map(|_| ()),
            CategoryTarget::Transfer { book_id } => {
                let (from_book, to_book) = if r.amount_out > 0 {
                    (options.book_id.clone(), book_id.clone())
                } else {
                    (book_id.clone(), options.book_id.clone())
                };
                ledger::transfer(
                    w,
                    &TransferInput {
                        from_book,
                        to_book,
                        date: r.date,
                        amount: r.amount_in + r.amount_out,
                        description: r.description.clone(),
                    },
                )
                .map(|_| ())
            }
            CategoryTarget::Skip => Ok(()),
        };
        written.map_err(|e| at_row(r.row, e))?;
    }
    let preview = plan.preview;
    let message = Text::new(
        format!(
            "「{}」から{}へ{}件の記帳と{}件の振替を取り込みました（取り込まなかった行 {}）。",
            preview.file_name, preview.book_name, preview.entries, preview.transfers, preview.skipped
        ),
        format!(
            "Imported {} entries and {} transfers from “{}” into {} ({} rows left out).",
            preview.entries, preview.transfers, preview.file_name, preview.book_name, preview.skipped
        ),
    );
    w.record(Change {
        entity: "book",
        entity_id: options.book_id.as_str(),
        action: AuditAction::Create,
        summary: message.ja.clone(),
        before: None,
        after: Some(serde_json::json!({ "file": preview.file_name, "entries": preview.entries, "transfers": preview.transfers })),
    })?;
    Ok(CashbookImported { entries: preview.entries, transfers: preview.transfers, skipped: preview.skipped, message })
}

/// Imports a cash-book file all-or-nothing, after a safety copy of the data (a file that would be
/// refused changes nothing and needs none).
pub fn import_file(
    session: &council_domain::Session,
    bytes: &[u8],
    file_name: &str,
    options: &CashbookOptions,
) -> Result<CashbookImported> {
    let table = read(bytes, file_name, options.encoding)?;
    session.read(|r| match refusal(&plan(r, &table, options)?.preview) {
        Some(refused) => Err(refused),
        None => Ok(()),
    })?;
    session.backup_now(council_store::backup::BackupReason::BeforeImport)?;
    let dir = session.dir().attachments();
    session.write(|w| import(w, &dir, &table, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_cash_books_write_them() {
        assert_eq!(amount("12,400"), Ok(12_400));
        assert_eq!(amount("１２，４００円"), Ok(12_400));
        assert_eq!(amount("¥2980"), Ok(2_980));
        assert_eq!(amount(""), Ok(0));
        assert!(amount("△500").is_err());
        assert!(amount("12.5").is_err());
        assert!(amount("千円").is_err());
    }

    #[test]
    fn headers_name_their_fields() {
        assert_eq!(CashbookField::from_header("年月日"), CashbookField::Date);
        assert_eq!(CashbookField::from_header("入金額（円）"), CashbookField::Income);
        assert_eq!(CashbookField::from_header("差引残高"), CashbookField::Balance);
        assert_eq!(CashbookField::from_header("伝票No"), CashbookField::Ignore);
    }

    #[test]
    fn a_month_and_day_are_read_within_the_fiscal_year() {
        let fy = FiscalYear(2025);
        assert_eq!(date_of(Some("4/12"), None, None, fy, 4), NaiveDate::from_ymd_opt(2025, 4, 12));
        assert_eq!(date_of(Some("3月8日"), None, None, fy, 4), NaiveDate::from_ymd_opt(2026, 3, 8));
        assert_eq!(date_of(None, Some("2"), Some("14"), fy, 4), NaiveDate::from_ymd_opt(2026, 2, 14));
        assert_eq!(date_of(Some("令和7年5月1日"), None, None, fy, 4), NaiveDate::from_ymd_opt(2025, 5, 1));
        assert_eq!(date_of(Some("2/30"), None, None, fy, 4), None);
    }
}
