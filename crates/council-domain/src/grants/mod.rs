//! Grants (交付金・補助金) from the applicant's side: the programs the council applies to
//! ([`program`]), its applications with their project plan ([`application`]), the budget (収支予算書)
//! and its rules ([`budget`]) kept in versions ([`versions`]), the lifecycle from draft to payment
//! ([`lifecycle`] for the order of the steps, [`transition`] for taking them), the expenses with their
//! receipts ([`expenses`]), budget against actual spending and the settlement (収支決算書)
//! ([`settlement`]), and the deadlines ([`deadlines`]).
//!
//! What must hold:
//! - money is whole yen; the grant cap is `floor(rate × eligible expenses charged to the grant)`;
//! - an application is applied for only with a budget that passes every check, and reported only
//!   when no category has moved beyond the program's change threshold without an approved change;
//! - a change application adds a budget version; earlier versions stay as they were;
//! - from the final amount (交付確定) on — and once withdrawn or not awarded — the application, its
//!   budget, expenses and settlement are locked: every edit is refused with [`Error::Locked`];
//! - every write is one transaction with its audit entry (entity `grant_application` for the
//!   application and everything under it, `grant_program` for programs).

pub mod application;
pub mod budget;
pub mod deadlines;
pub mod expenses;
pub mod lifecycle;
pub mod program;
pub mod settlement;
pub mod transition;
pub mod versions;

use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::{AuditAction, Change};
use crate::error::{Error, Result};
use crate::export::ColumnKind::{Bool, Date, Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::text::Text;

pub use application::{
    GrantApplication, GrantApplicationChoice, GrantApplicationInput, GrantApplicationSummary, LinkedEvent, QuarterPlan,
};
pub use budget::{
    BreakdownRow, BudgetCheck, BudgetInput, BudgetProblem, BudgetProblemKind, CategoryComparison, Drift,
    ExpenseCategory, ExpenseLine, IncomeKind, IncomeLine, SubsidyRate,
};
pub use deadlines::{DeadlineKind, GrantDeadline};
pub use expenses::{
    GrantExpense, GrantExpenseInput, Receipt, ReceiptChange, ReceiptFile, ReceiptWarning, ReceiptWarningKind,
};
pub use lifecycle::{GrantStatus, GrantStep};
pub use program::{GrantProgram, GrantProgramInput};
pub use settlement::{
    ActualSource, BudgetVsActual, CategoryReasonInput, IncomeActualInput, IncomeLinkInput, Settlement, SettlementInput,
    SettlementLine,
};
pub use transition::GrantTransition;
pub use versions::{BudgetState, BudgetVersion};

id_type!(
    /// A grant program (one fiscal year's edition).
    GrantProgramId
);
pub use crate::ids::GrantApplicationId;
id_type!(
    /// One version of an application's budget.
    GrantBudgetId
);
id_type!(
    /// One expense of a grant project.
    GrantExpenseId
);

/// A change to an application (or anything under it: its budget, expenses, settlement) for the audit
/// log, so the application's history shows all of them. `action` is `update` unless overridden.
pub(crate) fn change(
    id: &GrantApplicationId,
    summary: String,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'_> {
    Change { entity: "grant_application", entity_id: id.as_str(), action: AuditAction::Update, summary, before, after }
}

/// The refusal when an application ID names nothing (deleted, or from another council).
pub(crate) fn application_not_found() -> Error {
    Error::NotFound(Text::new(
        "その申請は見つかりません。一覧から開き直してください。",
        "That grant application no longer exists; reopen the list.",
    ))
}

/// The application's status (not found: the error to show).
pub(crate) fn status_of(conn: &Connection, id: &GrantApplicationId) -> Result<GrantStatus> {
    conn.query_row("SELECT status FROM grant_application WHERE id = ?1", params![id], |r| r.get::<_, String>(0))
        .optional()?
        .map(|s| GrantStatus::parse(&s))
        .ok_or_else(application_not_found)
}

/// The refusal for an edit of a locked application, saying why it is locked.
pub(crate) fn locked_error(status: GrantStatus) -> Error {
    match status {
        GrantStatus::Withdrawn | GrantStatus::Rejected => Error::Locked(Text::new(
            format!("この申請は「{}」で終わっているため、変更できません。", status.label().ja),
            format!("This application is closed ({}), so it can no longer change.", status.label().en),
        )),
        _ => Error::Locked(Text::new(
            "交付額が確定した申請は、申請内容・予算・支出・決算を変更できません。記録は確定したときのまま残ります。",
            "The final amount of this grant is fixed, so its application, budget, expenses and settlement can no \
             longer change. They stay as they were when it was settled.",
        )),
    }
}

/// Refuses any edit of a locked application; returns its status otherwise.
pub(crate) fn ensure_unlocked(conn: &Connection, id: &GrantApplicationId) -> Result<GrantStatus> {
    let status = status_of(conn, id)?;
    if status.is_locked() { Err(locked_error(status)) } else { Ok(status) }
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "grant_programs",
        source: "grant_program",
        label_ja: "助成制度",
        label_en: "Grant programs",
        sql: "SELECT id, name, grantor, fiscal_year, max_amount, rate_numerator, rate_denominator,
                     change_threshold_percent, application_due, report_days, report_no_later_than, claim_days,
                     advance_payment, notes, created_at, updated_at
              FROM grant_program ORDER BY fiscal_year, name, id",
        columns: &[
            col("id", "ID", Str),
            col("name", "制度名", Str),
            col("grantor", "交付元", Str),
            col("fiscal_year", "年度", Integer),
            col("max_amount", "上限額", Integer),
            col("rate_numerator", "補助率（分子）", Integer),
            col("rate_denominator", "補助率（分母）", Integer),
            col("change_threshold_percent", "変更申請が必要な増減（%）", Integer),
            col("application_due", "申請締切", Date),
            col("report_days", "実績報告（完了後の日数）", Integer),
            col("report_no_later_than", "実績報告の最終期限", Date),
            col("claim_days", "請求（確定後の日数）", Integer),
            col("advance_payment", "概算払あり", Bool),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_program_categories",
        source: "grant_program_category",
        label_ja: "助成制度の対象経費",
        label_en: "Grant eligible categories",
        sql: "SELECT program_id, category FROM grant_program_category ORDER BY program_id, category",
        columns: &[col("program_id", "制度ID", Str), col("category", "科目", Str)],
    },
    TableExport {
        key: "grant_program_documents",
        source: "grant_program_document",
        label_ja: "助成制度の必要書類",
        label_en: "Grant required documents",
        sql: "SELECT program_id, position, name FROM grant_program_document ORDER BY program_id, position",
        columns: &[col("program_id", "制度ID", Str), col("position", "順番", Integer), col("name", "書類", Str)],
    },
    TableExport {
        key: "grant_applications",
        source: "grant_application",
        label_ja: "助成金の申請",
        label_en: "Grant applications",
        sql: "SELECT a.id, a.program_id, p.name, a.project_name, a.purpose, a.content, a.starts_on, a.ends_on, a.place,
                     a.target_group, a.expected_participants, a.partners_text, a.expected_effect, a.requested_amount,
                     a.completed_on, a.notes, a.status, a.applied_on, a.awarded_on, a.amount_granted, a.award_number,
                     a.advance_paid_on, a.advance_amount, a.change_applied_on, a.change_approved_on, a.reported_on,
                     a.settled_on, a.settled_amount, a.claimed_on, a.paid_on, a.amount_paid, a.closed_on,
                     a.closed_reason, a.created_at, a.updated_at, a.advance_claimed_on, a.advance_claimed_amount
              FROM grant_application a JOIN grant_program p ON p.id = a.program_id
              ORDER BY p.fiscal_year, a.starts_on, a.id",
        columns: &[
            col("id", "ID", Str),
            col("program_id", "制度ID", Str),
            col("program_name", "制度名", Str),
            col("project_name", "事業名", Str),
            col("purpose", "目的", Str),
            col("content", "内容", Str),
            col("starts_on", "事業開始日", Date),
            col("ends_on", "事業終了日", Date),
            col("place", "実施場所", Str),
            col("target_group", "対象者", Str),
            col("expected_participants", "参加見込み人数", Integer),
            col("partners_text", "連携団体（その他）", Str),
            col("expected_effect", "期待される効果", Str),
            col("requested_amount", "申請額", Integer),
            col("completed_on", "完了日", Date),
            col("notes", "備考", Str),
            col("status", "状態", Str),
            col("applied_on", "申請日", Date),
            col("awarded_on", "交付決定日", Date),
            col("amount_granted", "交付決定額", Integer),
            col("award_number", "交付決定番号", Str),
            col("advance_paid_on", "概算払の日", Date),
            col("advance_amount", "概算払の額", Integer),
            col("change_applied_on", "変更申請日", Date),
            col("change_approved_on", "変更承認日", Date),
            col("reported_on", "実績報告日", Date),
            col("settled_on", "交付確定日", Date),
            col("settled_amount", "交付確定額", Integer),
            col("claimed_on", "請求日", Date),
            col("paid_on", "入金日", Date),
            col("amount_paid", "入金額", Integer),
            col("closed_on", "取下げ・不交付の日", Date),
            col("closed_reason", "取下げ・不交付の理由", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
            col("advance_claimed_on", "概算払の請求日", Date),
            col("advance_claimed_amount", "概算払の請求額", Integer),
        ],
    },
    TableExport {
        key: "grant_application_partners",
        source: "grant_application_partner",
        label_ja: "申請の連携団体",
        label_en: "Grant application partners",
        sql: "SELECT x.application_id, x.partner_id, p.name FROM grant_application_partner x
              JOIN partner p ON p.id = x.partner_id ORDER BY x.application_id, p.name",
        columns: &[
            col("application_id", "申請ID", Str),
            col("partner_id", "連携団体ID", Str),
            col("partner_name", "連携団体", Str),
        ],
    },
    TableExport {
        key: "grant_application_actions",
        source: "grant_application_action",
        label_ja: "申請の計画事業",
        label_en: "Grant application plan actions",
        sql: "SELECT x.application_id, x.action_id, a.name FROM grant_application_action x
              JOIN plan_action a ON a.id = x.action_id ORDER BY x.application_id, a.name",
        columns: &[
            col("application_id", "申請ID", Str),
            col("action_id", "事業ID", Str),
            col("action_name", "事業名", Str),
        ],
    },
    TableExport {
        key: "grant_application_schedule",
        source: "grant_application_schedule",
        label_ja: "申請の実施スケジュール",
        label_en: "Grant application schedule",
        sql: "SELECT application_id, quarter, content FROM grant_application_schedule ORDER BY application_id, quarter",
        columns: &[
            col("application_id", "申請ID", Str),
            col("quarter", "四半期", Integer),
            col("content", "実施内容", Str),
        ],
    },
    TableExport {
        key: "grant_budgets",
        source: "grant_budget",
        label_ja: "収支予算書の版",
        label_en: "Grant budget versions",
        sql: "SELECT id, application_id, version, state, reason, submitted_on, decided_on, created_at, updated_at
              FROM grant_budget ORDER BY application_id, version",
        columns: &[
            col("id", "ID", Str),
            col("application_id", "申請ID", Str),
            col("version", "版", Integer),
            col("state", "状態", Str),
            col("reason", "変更の理由", Str),
            col("submitted_on", "提出日", Date),
            col("decided_on", "承認・不承認の日", Date),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_budget_income",
        source: "grant_budget_income",
        label_ja: "収支予算書の収入",
        label_en: "Grant budget income",
        sql: "SELECT budget_id, position, kind, description, amount FROM grant_budget_income ORDER BY budget_id, position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("position", "行", Integer),
            col("kind", "区分", Str),
            col("description", "内容", Str),
            col("amount", "金額", Integer),
        ],
    },
    TableExport {
        key: "grant_budget_expenses",
        source: "grant_budget_expense",
        label_ja: "収支予算書の支出",
        label_en: "Grant budget expenses",
        sql: "SELECT budget_id, position, category, description, charged_to_grant, amount FROM grant_budget_expense
              ORDER BY budget_id, position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("position", "行", Integer),
            col("category", "科目", Str),
            col("description", "内容", Str),
            col("charged_to_grant", "交付金充当", Bool),
            col("amount", "金額", Integer),
        ],
    },
    TableExport {
        key: "grant_budget_items",
        source: "grant_budget_item",
        label_ja: "収支予算書の内訳",
        label_en: "Grant budget breakdown",
        sql:
            "SELECT budget_id, line_position, position, item, unit_price, quantity, unit, amount FROM grant_budget_item
              ORDER BY budget_id, line_position, position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("line_position", "支出の行", Integer),
            col("position", "内訳の行", Integer),
            col("item", "品目", Str),
            col("unit_price", "単価", Integer),
            col("quantity", "数量", Integer),
            col("unit", "単位", Str),
            col("amount", "金額", Integer),
        ],
    },
    TableExport {
        key: "grant_expenses",
        source: "grant_expense",
        label_ja: "助成事業の支出",
        label_en: "Grant expenses",
        sql: "SELECT id, application_id, paid_on, payee, description, category, amount, from_grant, addressee,
                     receipt_name, receipt_mime, receipt_size, receipt_sha256, notes, created_at, updated_at
              FROM grant_expense ORDER BY application_id, paid_on, id",
        columns: &[
            col("id", "ID", Str),
            col("application_id", "申請ID", Str),
            col("paid_on", "支払日", Date),
            col("payee", "支払先", Str),
            col("description", "但し書き", Str),
            col("category", "科目", Str),
            col("amount", "金額", Integer),
            col("from_grant", "交付金から支払", Bool),
            col("addressee", "領収書の宛名", Str),
            col("receipt_name", "領収書ファイル名", Str),
            col("receipt_mime", "領収書の形式", Str),
            col("receipt_size", "領収書の大きさ（バイト）", Integer),
            col("receipt_sha256", "領収書のSHA-256", Str),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_settlement_lines",
        source: "grant_settlement_line",
        label_ja: "収支決算書の決算額と理由",
        label_en: "Grant settlement lines",
        sql: "SELECT application_id, side, key, actual, reason FROM grant_settlement_line
              ORDER BY application_id, side DESC, key",
        columns: &[
            col("application_id", "申請ID", Str),
            col("side", "収入・支出", Str),
            col("key", "区分・科目", Str),
            col("actual", "決算額（入力）", Integer),
            col("reason", "増減の理由", Str),
        ],
    },
];
