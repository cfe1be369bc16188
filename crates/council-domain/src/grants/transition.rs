//! Taking a lifecycle step: the step's order is [`lifecycle`]'s, its preconditions are here, and the
//! step, its date and figures, the budget version it moves and the audit entry are written together.
//!
//! Preconditions beyond the order: a step's date is not in the future and not before the step before
//! it; applying needs a budget without problems; the award is at most the amount applied for; a
//! change application needs a changed budget without problems (the grant as awarded); the report needs
//! the completion date, no category beyond the change threshold, a reason for every large difference
//! and the receipt warnings looked at; the final amount is at most the amount granted.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::application::{self, budget_refusal};
use super::budget;
use super::budget::yen_en;
use super::lifecycle::{self, GrantStatus, GrantStep};
use super::settlement;
use super::versions::{self, BudgetState};
use super::{GrantApplicationId, change};
use crate::Write;
use crate::calendar;
use crate::error::{Error, FieldProblem, Result};
use crate::money::format_yen;
use crate::text::Text;

/// A lifecycle step with what is recorded with it. Crosses to the UI as `{ "step": "award", "on":
/// "2026-06-20", "amount": 100000, "award_number": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum GrantTransition {
    /// 交付申請: handed in on `on`, with the budget as it is.
    Apply {
        /// The day it was handed in.
        #[ts(type = "string")]
        on: NaiveDate,
    },
    /// 交付決定: the award notice.
    Award {
        /// The notice's date.
        #[ts(type = "string")]
        on: NaiveDate,
        /// 交付決定額.
        amount: i64,
        /// The notice's number.
        award_number: String,
    },
    /// 不交付: not awarded.
    Reject {
        /// The notice's date.
        #[ts(type = "string")]
        on: NaiveDate,
        /// Why (as the notice says).
        reason: String,
    },
    /// 事業開始.
    Start,
    /// 変更申請: the changed budget (the draft version) handed in.
    ApplyChange {
        /// The day it was handed in.
        #[ts(type = "string")]
        on: NaiveDate,
        /// Why the budget changes.
        reason: String,
    },
    /// 変更承認: the change approved; its budget becomes the current one.
    ApproveChange {
        /// The approval's date.
        #[ts(type = "string")]
        on: NaiveDate,
    },
    /// 変更不承認: the change not approved; the budget stays as it was.
    DeclineChange {
        /// The notice's date.
        #[ts(type = "string")]
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// 実績報告.
    Report {
        /// The day it was handed in.
        #[ts(type = "string")]
        on: NaiveDate,
        /// True once the person looked at every receipt warning (refused while there are warnings
        /// and this is false).
        receipts_reviewed: bool,
    },
    /// 交付確定: the final amount.
    Settle {
        /// The notice's date.
        #[ts(type = "string")]
        on: NaiveDate,
        /// 交付確定額.
        amount: i64,
    },
    /// 請求.
    Claim {
        /// The day it was handed in.
        #[ts(type = "string")]
        on: NaiveDate,
    },
    /// 入金.
    Pay {
        /// The day the money arrived.
        #[ts(type = "string")]
        on: NaiveDate,
        /// Yen received.
        amount: i64,
    },
    /// 取下げ.
    Withdraw {
        /// The day.
        #[ts(type = "string")]
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}

impl GrantTransition {
    /// The step taken.
    pub fn step(&self) -> GrantStep {
        match self {
            GrantTransition::Apply { .. } => GrantStep::Apply,
            GrantTransition::Award { .. } => GrantStep::Award,
            GrantTransition::Reject { .. } => GrantStep::Reject,
            GrantTransition::Start => GrantStep::Start,
            GrantTransition::ApplyChange { .. } => GrantStep::ApplyChange,
            GrantTransition::ApproveChange { .. } => GrantStep::ApproveChange,
            GrantTransition::DeclineChange { .. } => GrantStep::DeclineChange,
            GrantTransition::Report { .. } => GrantStep::Report,
            GrantTransition::Settle { .. } => GrantStep::Settle,
            GrantTransition::Claim { .. } => GrantStep::Claim,
            GrantTransition::Pay { .. } => GrantStep::Pay,
            GrantTransition::Withdraw { .. } => GrantStep::Withdraw,
        }
    }

    /// The step's date, if it has one.
    pub fn on(&self) -> Option<NaiveDate> {
        match self {
            GrantTransition::Start => None,
            GrantTransition::Apply { on }
            | GrantTransition::Award { on, .. }
            | GrantTransition::Reject { on, .. }
            | GrantTransition::ApplyChange { on, .. }
            | GrantTransition::ApproveChange { on }
            | GrantTransition::DeclineChange { on, .. }
            | GrantTransition::Report { on, .. }
            | GrantTransition::Settle { on, .. }
            | GrantTransition::Claim { on }
            | GrantTransition::Pay { on, .. }
            | GrantTransition::Withdraw { on, .. } => Some(*on),
        }
    }
}

fn problem(field: &str, ja: impl Into<String>, en: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.to_owned(), message: Text::new(ja, en) }
}

fn require_reason(reason: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::invalid("reason", Text::new("理由を入力してください。", "Enter the reason.")));
    }
    Ok(r.to_owned())
}

/// The latest step recorded so far, with its name.
fn last_milestone(rec: &application::Record) -> Option<(NaiveDate, &'static str, &'static str)> {
    [
        (rec.applied_on, "交付申請", "the application"),
        (rec.awarded_on, "交付決定", "the award"),
        (rec.change_applied_on, "変更申請", "the change application"),
        (rec.change_approved_on, "変更承認", "the change approval"),
        (rec.reported_on, "実績報告", "the report"),
        (rec.settled_on, "交付確定", "the final amount"),
        (rec.claimed_on, "請求", "the claim"),
    ]
    .into_iter()
    .filter_map(|(d, ja, en)| d.map(|d| (d, ja, en)))
    .max_by_key(|(d, _, _)| *d)
}

/// Checks a step's date: not in the future, not before the step before it.
fn check_date(rec: &application::Record, step: GrantStep, on: NaiveDate, today: NaiveDate) -> Result<()> {
    if on > today {
        return Err(Error::invalid(
            "on",
            Text::new(
                format!(
                    "{}の日付（{}）が今日より後です。済んだ手続きの日付を入力してください。",
                    step.label().ja,
                    calendar::wareki(on)
                ),
                format!(
                    "The date of “{}” ({}) is in the future; enter the day it happened.",
                    step.label().en,
                    calendar::english_date(on)
                ),
            ),
        ));
    }
    if let Some((last, ja, en)) = last_milestone(rec)
        && on < last
    {
        return Err(Error::invalid(
            "on",
            Text::new(
                format!(
                    "{}の日付（{}）が、前の手続き「{ja}」の日（{}）より前になっています。",
                    step.label().ja,
                    calendar::wareki(on),
                    calendar::wareki(last)
                ),
                format!(
                    "The date of “{}” ({}) is before {en} ({}).",
                    step.label().en,
                    calendar::english_date(on),
                    calendar::english_date(last)
                ),
            ),
        ));
    }
    Ok(())
}

/// Everything the report still needs (empty when it can be handed in).
fn report_problems(
    tx: &Transaction<'_>,
    id: &GrantApplicationId,
    on: NaiveDate,
    receipts_reviewed: bool,
) -> Result<Vec<FieldProblem>> {
    let f = settlement::facts(tx, id)?;
    let mut problems = Vec::new();
    match f.rec.completed_on {
        None => problems.push(problem(
            "completed_on",
            "事業の完了日を入力してから実績報告してください。",
            "Enter the date the project ended before reporting.",
        )),
        Some(done) if on < done => problems.push(problem(
            "on",
            format!(
                "実績報告の日付（{}）が事業の完了日（{}）より前です。",
                calendar::wareki(on),
                calendar::wareki(done)
            ),
            format!(
                "The report's date ({}) is before the project ended ({}).",
                calendar::english_date(on),
                calendar::english_date(done)
            ),
        )),
        Some(_) => {}
    }
    // Beyond the threshold without an approved change: only counted once completed (under-spending
    // counts then), so compare as if completed even while the date is missing.
    let mut completed = f.rec.clone();
    completed.completed_on = completed.completed_on.or(Some(on));
    let cmp = settlement::compare(&settlement::Facts {
        rec: completed,
        program: f.program.clone(),
        budgets: f.budgets.clone(),
        expenses: f.expenses.clone(),
    });
    for row in cmp.rows.iter().filter(|r| r.needs_change) {
        if let Some(m) = &row.message {
            problems.push(FieldProblem { field: format!("category.{}", row.category.as_str()), message: m.clone() });
        }
    }
    let s = settlement::settlement_of(tx, &f)?;
    for m in s.missing_reasons {
        problems.push(FieldProblem { field: "settlement".to_owned(), message: m });
    }
    let warnings: usize = f.expenses.iter().map(|e| e.warnings.len()).sum();
    if warnings > 0 && !receipts_reviewed {
        problems.push(problem(
            "receipts_reviewed",
            format!("領収書の確認事項が{warnings}件あります。支出の一覧で内容を確かめ、「確認した」にチェックしてから報告してください。"),
            format!("There are {warnings} receipt warning(s). Look at them in the expense list, tick “reviewed”, then report."),
        ));
    }
    Ok(problems)
}

/// Takes a step on the application: refused (nothing written) when the lifecycle does not allow it
/// from the current status, or a precondition fails.
pub fn take(w: &Write<'_>, id: &GrantApplicationId, t: &GrantTransition) -> Result<GrantStatus> {
    use GrantTransition as T;
    let rec = application::record_of(w, id)?;
    let step = t.step();
    let to = lifecycle::target(rec.status, step).map_err(Error::Conflict)?;
    if let Some(on) = t.on() {
        check_date(&rec, step, on, w.today())?;
    }
    let budgets = versions::list(w, id)?;
    let to_str = to.as_str();
    let now = w.now();
    let set = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<()> {
        let mut all: Vec<&dyn rusqlite::ToSql> = vec![id, &to_str, &now];
        all.extend_from_slice(args);
        w.execute(
            &format!("UPDATE grant_application SET status = ?2, updated_at = ?3{sql} WHERE id = ?1"),
            all.as_slice(),
        )?;
        application::write_search_text(w, id)
    };
    let summary = match t {
        T::Apply { on } => {
            if rec.requested_amount <= 0 {
                return Err(Error::invalid(
                    "requested_amount",
                    Text::new("申請額を入力してから申請してください。", "Enter the amount applied for first."),
                ));
            }
            let program = super::program::get(w, &rec.program_id)?;
            let Some(v) = versions::draft(&budgets) else {
                return Err(Error::invalid(
                    "budget",
                    Text::new("収支予算書を作ってから申請してください。", "Make the budget before applying."),
                ));
            };
            let problems = budget::check(&v.input(), &program.rules(), rec.reference(v.version));
            if !problems.is_empty() {
                return Err(budget_refusal(
                    &problems,
                    "このままでは申請できません。",
                    "The application cannot be handed in yet.",
                ));
            }
            versions::set_state(w, &v.id, BudgetState::Submitted, *on, None, w.now())?;
            set(", applied_on = ?4", &[on])?;
            format!("交付申請（{}、申請額{}）", calendar::wareki(*on), format_yen(rec.requested_amount))
        }
        T::Award { on, amount, award_number } => {
            if *amount <= 0 || *amount > rec.requested_amount {
                return Err(Error::invalid(
                    "amount",
                    Text::new(
                        format!(
                            "交付決定額は1円以上、申請額（{}）以下で入力してください。",
                            format_yen(rec.requested_amount)
                        ),
                        format!(
                            "Enter an amount granted of at least 1 yen and at most the amount applied for ({}).",
                            yen_en(rec.requested_amount)
                        ),
                    ),
                ));
            }
            if let Some(v) = versions::submitted(&budgets) {
                versions::set_state(w, &v.id, BudgetState::Approved, *on, None, w.now())?;
            }
            set(", awarded_on = ?4, amount_granted = ?5, award_number = ?6", &[on, amount, &award_number.trim()])?;
            format!("交付決定（{}、{}、{}）", calendar::wareki(*on), format_yen(*amount), award_number.trim())
        }
        T::Reject { on, reason } => {
            let reason = require_reason(reason)?;
            if let Some(v) = versions::submitted(&budgets) {
                versions::set_state(w, &v.id, BudgetState::Declined, *on, None, w.now())?;
            }
            set(", closed_on = ?4, closed_reason = ?5", &[on, &reason])?;
            format!("不交付（{}）：{reason}", calendar::wareki(*on))
        }
        T::Start => {
            set("", &[])?;
            "事業開始".to_owned()
        }
        T::ApplyChange { on, reason } => {
            let reason = require_reason(reason)?;
            let program = super::program::get(w, &rec.program_id)?;
            let Some(v) = versions::draft(&budgets).filter(|v| v.version > 1) else {
                return Err(Error::invalid(
                    "budget",
                    Text::new(
                        "変更後の収支予算書を作ってから変更申請してください。",
                        "Make the changed budget before applying for the change.",
                    ),
                ));
            };
            let problems = budget::check(&v.input(), &program.rules(), rec.reference(v.version));
            if !problems.is_empty() {
                return Err(budget_refusal(
                    &problems,
                    "このままでは変更申請できません。",
                    "The change cannot be applied for yet.",
                ));
            }
            versions::set_state(w, &v.id, BudgetState::Submitted, *on, Some(&reason), w.now())?;
            set(", change_applied_on = ?4", &[on])?;
            format!("変更申請（{}、第{}版の予算）：{reason}", calendar::wareki(*on), v.version)
        }
        T::ApproveChange { on } => {
            let Some(v) = versions::submitted(&budgets) else {
                return Err(Error::Conflict(Text::new(
                    "申請中の変更予算がありません。",
                    "No changed budget is with the city.",
                )));
            };
            versions::set_state(w, &v.id, BudgetState::Approved, *on, None, w.now())?;
            set(", change_approved_on = ?4", &[on])?;
            format!("変更承認（{}、第{}版の予算が現在の予算に）", calendar::wareki(*on), v.version)
        }
        T::DeclineChange { on, reason } => {
            let reason = require_reason(reason)?;
            let Some(v) = versions::submitted(&budgets) else {
                return Err(Error::Conflict(Text::new(
                    "申請中の変更予算がありません。",
                    "No changed budget is with the city.",
                )));
            };
            let why = format!("{}\n不承認の理由：{reason}", v.reason);
            versions::set_state(w, &v.id, BudgetState::Declined, *on, Some(&why), w.now())?;
            set("", &[])?;
            format!("変更不承認（{}、第{}版）：{reason}", calendar::wareki(*on), v.version)
        }
        T::Report { on, receipts_reviewed } => {
            let problems = report_problems(w, id, *on, *receipts_reviewed)?;
            if !problems.is_empty() {
                let n = problems.len();
                return Err(Error::Validation {
                    message: Text::new(
                        format!("実績報告の前に済ませることが{n}件あります。"),
                        format!("{n} thing(s) must be done before the report."),
                    ),
                    problems,
                });
            }
            set(", reported_on = ?4", &[on])?;
            format!("実績報告（{}）", calendar::wareki(*on))
        }
        T::Settle { on, amount } => {
            let granted = rec.amount_granted.unwrap_or(0);
            if *amount < 0 || *amount > granted {
                return Err(Error::invalid(
                    "amount",
                    Text::new(
                        format!("交付確定額は0円以上、交付決定額（{}）以下で入力してください。", format_yen(granted)),
                        format!("Enter a final amount between 0 and the amount granted ({}).", yen_en(granted)),
                    ),
                ));
            }
            set(", settled_on = ?4, settled_amount = ?5", &[on, amount])?;
            format!("交付確定（{}、{}）", calendar::wareki(*on), format_yen(*amount))
        }
        T::Claim { on } => {
            set(", claimed_on = ?4", &[on])?;
            format!("請求（{}）", calendar::wareki(*on))
        }
        T::Pay { on, amount } => {
            let owed = rec.settled_amount.unwrap_or(0) - rec.advance_amount.unwrap_or(0);
            if *amount <= 0 || *amount > owed {
                return Err(Error::invalid(
                    "amount",
                    Text::new(
                        format!(
                            "入金額は1円以上、交付確定額から概算払を引いた額（{}）以下で入力してください。",
                            format_yen(owed)
                        ),
                        format!(
                            "Enter an amount of at least 1 yen and at most the final amount less any advance ({}).",
                            yen_en(owed)
                        ),
                    ),
                ));
            }
            set(", paid_on = ?4, amount_paid = ?5", &[on, amount])?;
            crate::accounts::grant_ledger::refuse_change(w, id.as_str(), &[*on])?;
            format!("入金（{}、{}）", calendar::wareki(*on), format_yen(*amount))
        }
        T::Withdraw { on, reason } => {
            let reason = require_reason(reason)?;
            set(", closed_on = ?4, closed_reason = ?5", &[on, &reason])?;
            format!("取下げ（{}）：{reason}", calendar::wareki(*on))
        }
    };
    w.record(change(
        id,
        format!("{}→{}：{summary}", rec.status.label().ja, to.label().ja),
        Some(serde_json::json!({ "status": rec.status })),
        serde_json::to_value(t).ok(),
    ))?;
    Ok(to)
}

/// The amount granted of an application that may take an advance (概算払・前金払) now: the program
/// allows one, it is awarded, and its final amount is not fixed yet.
fn advance_allowed(w: &Write<'_>, rec: &application::Record) -> Result<i64> {
    if rec.status.is_locked() {
        return Err(super::locked_error(rec.status));
    }
    let program = super::program::get(w, &rec.program_id)?;
    if !program.advance_payment {
        return Err(Error::Conflict(Text::new(
            format!("「{}」には概算払（前金払）がありません。", program.name),
            format!("“{}” pays nothing in advance.", program.name),
        )));
    }
    let Some(granted) = rec.amount_granted.filter(|_| {
        matches!(
            rec.status,
            GrantStatus::Awarded
                | GrantStatus::InProgress
                | GrantStatus::ChangeApplied
                | GrantStatus::ChangeApproved
                | GrantStatus::Reported
        )
    }) else {
        return Err(Error::Conflict(Text::new(
            "概算払は交付決定の後に記録できます。",
            "An advance can be recorded once the grant is awarded.",
        )));
    };
    Ok(granted)
}

/// Refuses an advance of nothing or of more than the amount granted.
fn check_advance_amount(amount: i64, granted: i64) -> Result<()> {
    if amount <= 0 || amount > granted {
        return Err(Error::invalid(
            "amount",
            Text::new(
                format!("概算払の額は1円以上、交付決定額（{}）以下で入力してください。", format_yen(granted)),
                format!("Enter an advance of at least 1 yen and at most the amount granted ({}).", yen_en(granted)),
            ),
        ));
    }
    Ok(())
}

/// Records the claim for an advance (概算払の請求): its day (the 請求書's date, from the award on;
/// a claim prepared for the coming days may carry their date) and amount, at most the amount
/// granted; made again, it replaces the claim. Its 請求書 then prints that day and amount.
pub fn claim_advance(w: &Write<'_>, id: &GrantApplicationId, on: NaiveDate, amount: i64) -> Result<()> {
    let rec = application::record_of(w, id)?;
    let granted = advance_allowed(w, &rec)?;
    if rec.advance_amount.is_some() {
        return Err(Error::Conflict(Text::new(
            "概算払はすでに受領済みです。請求の記録は変えられません。",
            "The advance has been received; its claim can no longer change.",
        )));
    }
    if rec.awarded_on.is_some_and(|a| on < a) || on > w.today() + chrono::Duration::days(60) {
        return Err(Error::invalid(
            "on",
            Text::new(
                "請求日は交付決定の日以降の日付にしてください（先の日付は60日後まで）。",
                "Enter a day from the award on (at most 60 days ahead).",
            ),
        ));
    }
    check_advance_amount(amount, granted)?;
    w.execute(
        "UPDATE grant_application SET advance_claimed_on = ?2, advance_claimed_amount = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, on, amount, w.now()],
    )?;
    w.record(change(
        id,
        format!("概算払を請求（{}、{}）", calendar::wareki(on), format_yen(amount)),
        None,
        Some(serde_json::json!({ "advance_claimed_on": on, "advance_claimed_amount": amount })),
    ))
}

/// Records an advance payment (概算払・前金払) received, where the program allows one: after the
/// award and before the final amount, at most the amount granted.
pub fn record_advance(w: &Write<'_>, id: &GrantApplicationId, on: NaiveDate, amount: i64) -> Result<()> {
    let rec = application::record_of(w, id)?;
    let granted = advance_allowed(w, &rec)?;
    if on > w.today() || rec.awarded_on.is_some_and(|a| on < a) {
        return Err(Error::invalid(
            "on",
            Text::new(
                "入金日は交付決定の日から今日までの日付にしてください。",
                "Enter a day between the award and today.",
            ),
        ));
    }
    check_advance_amount(amount, granted)?;
    w.execute(
        "UPDATE grant_application SET advance_paid_on = ?2, advance_amount = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, on, amount, w.now()],
    )?;
    // The advance is the income of the book the grant goes through, if it goes through one.
    let days: Vec<NaiveDate> = [Some(on), rec.advance_paid_on].into_iter().flatten().collect();
    crate::accounts::grant_ledger::refuse_change(w, id.as_str(), &days)?;
    w.record(change(
        id,
        format!("概算払を受領（{}、{}）", calendar::wareki(on), format_yen(amount)),
        None,
        Some(serde_json::json!({ "advance_paid_on": on, "advance_amount": amount })),
    ))
}
