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
    BudgetVsActual, CategoryReasonInput, IncomeActualInput, Settlement, SettlementInput, SettlementLine,
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
