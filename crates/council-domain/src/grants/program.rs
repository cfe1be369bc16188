//! Grant programs (助成制度): what a city program pays for and on which rules — its rate, maximum,
//! eligible categories, change threshold, deadlines and required documents. One program per fiscal
//! year: next year's edition is a new program, so a settled application's rules never move under it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::GrantProgramId;
use super::budget::{ExpenseCategory, ProgramRules, SubsidyRate};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar::{self, FiscalYear};
use crate::error::{Error, FieldProblem, Result};
use crate::money::format_yen;
use crate::text::Text;

/// A grant program with its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantProgram {
    /// ID.
    pub id: GrantProgramId,
    /// Name (地域づくり交付金).
    pub name: String,
    /// Who grants it (みどり市 地域づくり推進課).
    pub grantor: String,
    /// The fiscal year it is for.
    pub fiscal_year: i32,
    /// `令和8年度`.
    pub fiscal_year_label: String,
    /// The most it grants, in yen, if it says.
    pub max_amount: Option<i64>,
    /// The subsidy rate.
    pub rate: SubsidyRate,
    /// The rate as written (`2分の1` / `1/2`).
    pub rate_text: Text,
    /// The categories it pays for, in the forms' order.
    pub eligible_categories: Vec<ExpenseCategory>,
    /// How far a category may move (percent of its budget, either way) before a change application
    /// is needed.
    pub change_threshold_percent: u32,
    /// The application's due date.
    #[ts(type = "string | null")]
    pub application_due: Option<NaiveDate>,
    /// The report is due this many days after the project's completion …
    pub report_days: Option<u32>,
    /// … and no later than this date.
    #[ts(type = "string | null")]
    pub report_no_later_than: Option<NaiveDate>,
    /// The report rule in words.
    pub report_rule_text: Option<Text>,
    /// The claim is due this many days after the final amount is fixed.
    pub claim_days: Option<u32>,
    /// True when part of the grant may be paid in advance (概算払・前金払).
    pub advance_payment: bool,
    /// The documents an application carries, in order.
    pub required_documents: Vec<String>,
    /// Notes.
    pub notes: String,
    /// How many applications use it.
    pub applications: u32,
    /// True once an application under it is settled: its rules can no longer change.
    pub locked: bool,
}

impl GrantProgram {
    /// The rules a budget and its spending are checked against.
    pub fn rules(&self) -> ProgramRules {
        ProgramRules {
            rate: self.rate,
            max_amount: self.max_amount,
            eligible: self.eligible_categories.clone(),
            change_threshold_percent: self.change_threshold_percent,
        }
    }
}

/// A program as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantProgramInput {
    /// Name.
    pub name: String,
    /// Who grants it.
    pub grantor: String,
    /// The fiscal year it is for.
    pub fiscal_year: i32,
    /// The most it grants (none: no maximum).
    pub max_amount: Option<i64>,
    /// The subsidy rate.
    pub rate: SubsidyRate,
    /// The categories it pays for.
    pub eligible_categories: Vec<ExpenseCategory>,
    /// Percent a category may move before a change application is needed (usually 20).
    pub change_threshold_percent: u32,
    /// The application's due date.
    #[ts(type = "string | null")]
    pub application_due: Option<NaiveDate>,
    /// Report within this many days of completion.
    pub report_days: Option<u32>,
    /// Report no later than this date.
    #[ts(type = "string | null")]
    pub report_no_later_than: Option<NaiveDate>,
    /// Claim within this many days of the final amount.
    pub claim_days: Option<u32>,
    /// Advance payment allowed.
    pub advance_payment: bool,
    /// Required documents (blank lines are dropped).
    pub required_documents: Vec<String>,
    /// Notes.
    pub notes: String,
}

/// The report rule in words: 「事業完了後30日以内（遅くとも令和9年3月31日まで）」.
pub fn report_rule_text(days: Option<u32>, no_later_than: Option<NaiveDate>) -> Option<Text> {
    match (days, no_later_than) {
        (Some(n), Some(by)) => Some(Text::new(
            format!("事業完了後{n}日以内（遅くとも{}まで）", calendar::wareki(by)),
            format!("Within {n} days of completion, and by {} at the latest", calendar::english_date(by)),
        )),
        (Some(n), None) => Some(Text::new(format!("事業完了後{n}日以内"), format!("Within {n} days of completion"))),
        (None, Some(by)) => {
            Some(Text::new(format!("{}まで", calendar::wareki(by)), format!("By {}", calendar::english_date(by))))
        }
        (None, None) => None,
    }
}

fn problem(field: &str, ja: impl Into<String>, en: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.to_owned(), message: Text::new(ja, en) }
}

/// The input checked and tidied, with every field to fix listed.
fn validated(input: &GrantProgramInput, start_month: u32) -> Result<GrantProgramInput> {
    let mut problems = Vec::new();
    if input.name.trim().is_empty() {
        problems.push(problem(
            "name",
            "制度の名前を入力してください（例：地域づくり交付金）。",
            "Enter the program's name (e.g. Community development grant).",
        ));
    }
    if input.grantor.trim().is_empty() {
        problems.push(problem(
            "grantor",
            "交付元（市の担当課など）を入力してください（例：みどり市 地域づくり推進課）。",
            "Enter who grants it (the city section).",
        ));
    }
    if !(2000..=2100).contains(&input.fiscal_year) {
        problems.push(problem("fiscal_year", "年度を選んでください。", "Choose the fiscal year."));
    }
    if input.max_amount.is_some_and(|m| m <= 0) {
        problems.push(problem(
            "max_amount",
            "上限額は1円以上で入力するか、上限がなければ空欄にしてください。",
            "Enter a maximum of 1 yen or more, or leave it empty when there is none.",
        ));
    }
    if !input.rate.is_valid() {
        problems.push(problem(
            "rate",
            "補助率は「2分の1」「3分の2」「10分の10」のように、1以下の分数で入力してください。",
            "Enter the subsidy rate as a fraction of at most one (1/2, 2/3, 10/10).",
        ));
    }
    if input.eligible_categories.is_empty() {
        problems.push(problem(
            "eligible_categories",
            "交付金の対象になる経費の科目を1つ以上選んでください。",
            "Choose at least one eligible expense category.",
        ));
    }
    if input.change_threshold_percent > 100 {
        problems.push(problem(
            "change_threshold_percent",
            "変更申請が必要になる増減の割合は0〜100%で入力してください（よくあるのは20%）。",
            "Enter the change threshold as 0–100 % (20 % is usual).",
        ));
    }
    if input.report_days == Some(0) || input.claim_days == Some(0) {
        let field = if input.report_days == Some(0) { "report_days" } else { "claim_days" };
        problems.push(problem(field, "日数は1日以上で入力してください。", "Enter 1 day or more."));
    }
    let fy = FiscalYear(input.fiscal_year);
    if (2000..=2100).contains(&input.fiscal_year)
        && let Some(by) = input.report_no_later_than
        && by < fy.start(start_month)
    {
        problems.push(problem(
            "report_no_later_than",
            format!("報告の期限（{}）が{}より前になっています。", calendar::wareki(by), fy.label_ja()),
            format!("The report's latest date ({}) is before {}.", calendar::english_date(by), fy.label_en()),
        ));
    }
    if input.name.chars().count() > 100 {
        problems.push(problem("name", "100文字以内にしてください。", "Keep it to 100 characters."));
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    let mut eligible = input.eligible_categories.clone();
    eligible.sort();
    eligible.dedup();
    Ok(GrantProgramInput {
        name: input.name.trim().to_owned(),
        grantor: input.grantor.trim().to_owned(),
        fiscal_year: input.fiscal_year,
        max_amount: input.max_amount,
        rate: input.rate,
        eligible_categories: eligible,
        change_threshold_percent: input.change_threshold_percent,
        application_due: input.application_due,
        report_days: input.report_days,
        report_no_later_than: input.report_no_later_than,
        claim_days: input.claim_days,
        advance_payment: input.advance_payment,
        required_documents: input
            .required_documents
            .iter()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect(),
        notes: input.notes.trim().to_owned(),
    })
}

/// The refusal when a program ID names nothing.
pub(super) fn not_found() -> Error {
    Error::NotFound(Text::new(
        "その助成制度は見つかりません。一覧から開き直してください。",
        "That grant program no longer exists; reopen the list.",
    ))
}

const COLUMNS: &str = "p.id, p.name, p.grantor, p.fiscal_year, p.max_amount, p.rate_numerator, p.rate_denominator,
     p.change_threshold_percent, p.application_due, p.report_days, p.report_no_later_than, p.claim_days,
     p.advance_payment, p.notes,
     (SELECT count(*) FROM grant_application a WHERE a.program_id = p.id),
     (SELECT count(*) FROM grant_application a WHERE a.program_id = p.id AND a.status IN ('settled', 'claimed', 'paid'))";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<GrantProgram> {
    let fiscal_year: i32 = r.get(3)?;
    let rate = SubsidyRate::new(r.get(5)?, r.get(6)?);
    let (report_days, report_no_later_than) = (r.get(9)?, r.get(10)?);
    Ok(GrantProgram {
        id: r.get(0)?,
        name: r.get(1)?,
        grantor: r.get(2)?,
        fiscal_year,
        fiscal_year_label: FiscalYear(fiscal_year).label_ja(),
        max_amount: r.get(4)?,
        rate,
        rate_text: rate.label(),
        eligible_categories: Vec::new(),
        change_threshold_percent: r.get(7)?,
        application_due: r.get(8)?,
        report_days,
        report_no_later_than,
        report_rule_text: report_rule_text(report_days, report_no_later_than),
        claim_days: r.get(11)?,
        advance_payment: r.get(12)?,
        required_documents: Vec::new(),
        notes: r.get(13)?,
        applications: r.get(14)?,
        locked: r.get::<_, i64>(15)? > 0,
    })
}

fn complete(conn: &Connection, mut p: GrantProgram) -> Result<GrantProgram> {
    let mut stmt = conn.prepare("SELECT category FROM grant_program_category WHERE program_id = ?1")?;
    let mut cats: Vec<ExpenseCategory> = stmt
        .query_map(params![p.id], |r| r.get::<_, String>(0))?
        .map(|c| c.map(|c| ExpenseCategory::parse(&c)))
        .collect::<rusqlite::Result<_>>()?;
    cats.sort();
    p.eligible_categories = cats;
    let mut stmt = conn.prepare("SELECT name FROM grant_program_document WHERE program_id = ?1 ORDER BY position")?;
    p.required_documents = stmt.query_map(params![p.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(p)
}

/// The programs, newest fiscal year first (one year's only, when given).
pub fn list(conn: &Connection, fiscal_year: Option<i32>) -> Result<Vec<GrantProgram>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM grant_program p WHERE ?1 IS NULL OR p.fiscal_year = ?1
         ORDER BY p.fiscal_year DESC, p.name, p.id"
    ))?;
    let rows: Vec<GrantProgram> = stmt.query_map(params![fiscal_year], row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|p| complete(conn, p)).collect()
}

/// One program.
pub fn get(conn: &Connection, id: &GrantProgramId) -> Result<GrantProgram> {
    let p = conn
        .query_row(&format!("SELECT {COLUMNS} FROM grant_program p WHERE p.id = ?1"), params![id], row)
        .optional()?
        .ok_or_else(not_found)?;
    complete(conn, p)
}

fn write_children(tx: &Transaction<'_>, id: &GrantProgramId, input: &GrantProgramInput) -> Result<()> {
    tx.execute("DELETE FROM grant_program_category WHERE program_id = ?1", params![id])?;
    tx.execute("DELETE FROM grant_program_document WHERE program_id = ?1", params![id])?;
    for c in &input.eligible_categories {
        tx.execute(
            "INSERT INTO grant_program_category (program_id, category) VALUES (?1, ?2)",
            params![id, c.as_str()],
        )?;
    }
    for (i, d) in input.required_documents.iter().enumerate() {
        tx.execute(
            "INSERT INTO grant_program_document (program_id, position, name) VALUES (?1, ?2, ?3)",
            params![id, i as i64 + 1, d],
        )?;
    }
    Ok(())
}

/// A change to a program, for the audit log.
fn change(
    id: &GrantProgramId,
    action: AuditAction,
    summary: String,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'_> {
    Change { entity: "grant_program", entity_id: id.as_str(), action, summary, before, after }
}

fn summary(p: &GrantProgramInput) -> String {
    let max = p.max_amount.map(|m| format!("、上限{}", format_yen(m))).unwrap_or_default();
    format!("{}「{}」（補助率{}{max}）", FiscalYear(p.fiscal_year).label_ja(), p.name, p.rate.label().ja)
}

/// Adds a program.
pub fn create(w: &Write<'_>, input: &GrantProgramInput, start_month: u32) -> Result<GrantProgramId> {
    let input = validated(input, start_month)?;
    let id = GrantProgramId::new();
    w.execute(
        "INSERT INTO grant_program (id, name, grantor, fiscal_year, max_amount, rate_numerator, rate_denominator,
                                    change_threshold_percent, application_due, report_days, report_no_later_than,
                                    claim_days, advance_payment, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        params![
            id,
            input.name,
            input.grantor,
            input.fiscal_year,
            input.max_amount,
            input.rate.numerator,
            input.rate.denominator,
            input.change_threshold_percent,
            input.application_due,
            input.report_days,
            input.report_no_later_than,
            input.claim_days,
            input.advance_payment,
            input.notes,
            w.now()
        ],
    )?;
    write_children(w, &id, &input)?;
    w.record(change(
        &id,
        AuditAction::Create,
        format!("助成制度{}を登録", summary(&input)),
        None,
        serde_json::to_value(&input).ok(),
    ))?;
    Ok(id)
}

/// Changes a program; refused once an application under it is settled (its figures rest on these rules).
pub fn update(w: &Write<'_>, id: &GrantProgramId, input: &GrantProgramInput, start_month: u32) -> Result<()> {
    let before = get(w, id)?;
    if before.locked {
        return Err(Error::Locked(Text::new(
            "この制度には交付額が確定した申請があるため、制度の内容は変更できません。翌年度の制度は新しく登録してください。",
            "An application under this program is settled, so its rules can no longer change. Register next year's program as a new one.",
        )));
    }
    let input = validated(input, start_month)?;
    w.execute(
        "UPDATE grant_program SET name = ?2, grantor = ?3, fiscal_year = ?4, max_amount = ?5, rate_numerator = ?6,
                rate_denominator = ?7, change_threshold_percent = ?8, application_due = ?9, report_days = ?10,
                report_no_later_than = ?11, claim_days = ?12, advance_payment = ?13, notes = ?14, updated_at = ?15
         WHERE id = ?1",
        params![
            id,
            input.name,
            input.grantor,
            input.fiscal_year,
            input.max_amount,
            input.rate.numerator,
            input.rate.denominator,
            input.change_threshold_percent,
            input.application_due,
            input.report_days,
            input.report_no_later_than,
            input.claim_days,
            input.advance_payment,
            input.notes,
            w.now()
        ],
    )?;
    write_children(w, id, &input)?;
    w.record(change(
        id,
        AuditAction::Update,
        format!("助成制度{}を変更", summary(&input)),
        serde_json::to_value(&before).ok(),
        serde_json::to_value(&input).ok(),
    ))
}

/// Deletes a program registered by mistake; refused while an application uses it.
pub fn delete(w: &Write<'_>, id: &GrantProgramId) -> Result<()> {
    let before = get(w, id)?;
    if before.applications > 0 {
        return Err(Error::Conflict(Text::new(
            format!(
                "「{}」には申請が{}件あるため削除できません。先に申請を削除するか、制度はそのまま残してください。",
                before.name, before.applications
            ),
            format!(
                "“{}” has {} application(s), so it cannot be deleted. Delete them first, or keep the program.",
                before.name, before.applications
            ),
        )));
    }
    w.execute("DELETE FROM grant_program WHERE id = ?1", params![id])?;
    w.record(change(
        id,
        AuditAction::Delete,
        format!("助成制度「{}」を削除", before.name),
        serde_json::to_value(&before).ok(),
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> GrantProgramInput {
        GrantProgramInput {
            name: " 地域づくり交付金 ".into(),
            grantor: "みどり市 地域づくり推進課".into(),
            fiscal_year: 2026,
            max_amount: Some(300_000),
            rate: SubsidyRate::new(2, 3),
            eligible_categories: vec![
                ExpenseCategory::Supplies,
                ExpenseCategory::Honorarium,
                ExpenseCategory::Supplies,
            ],
            change_threshold_percent: 20,
            application_due: None,
            report_days: Some(30),
            report_no_later_than: None,
            claim_days: None,
            advance_payment: false,
            required_documents: vec!["規約".into(), "  ".into(), "役員名簿".into()],
            notes: String::new(),
        }
    }

    #[test]
    fn a_program_is_tidied() {
        let p = validated(&input(), 4).expect("valid");
        assert_eq!(p.name, "地域づくり交付金");
        assert_eq!(
            p.eligible_categories,
            vec![ExpenseCategory::Honorarium, ExpenseCategory::Supplies],
            "sorted, once each"
        );
        assert_eq!(p.required_documents, vec!["規約", "役員名簿"], "blank lines dropped");
    }

    #[test]
    fn every_field_to_fix_is_listed() {
        let bad = GrantProgramInput {
            name: String::new(),
            grantor: " ".into(),
            max_amount: Some(0),
            rate: SubsidyRate::new(3, 2),
            eligible_categories: vec![],
            change_threshold_percent: 120,
            report_days: Some(0),
            report_no_later_than: Some("2026-03-31".parse().expect("date")),
            ..input()
        };
        let Err(Error::Validation { problems, .. }) = validated(&bad, 4) else { panic!("must be refused") };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "grantor",
                "max_amount",
                "rate",
                "eligible_categories",
                "change_threshold_percent",
                "report_days",
                "report_no_later_than"
            ]
        );
        assert!(problems[3].message.ja.contains("2分の1"), "the rate message shows how to write one");
    }

    #[test]
    fn the_report_rule_in_words() {
        let by = "2027-03-31".parse().expect("date");
        assert_eq!(
            report_rule_text(Some(30), Some(by)).expect("rule").ja,
            "事業完了後30日以内（遅くとも令和9年3月31日まで）"
        );
        assert_eq!(report_rule_text(None, Some(by)).expect("rule").en, "By 31 March 2027");
        assert_eq!(report_rule_text(None, None), None);
    }
}
