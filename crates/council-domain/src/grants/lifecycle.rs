//! The lifecycle of a grant application as a state machine, in pure functions: which step may follow
//! which status, and the refusal (saying what can be done instead) for every other move.
//!
//! ```text
//! draft ─apply→ applied ─award→ awarded ─start→ in_progress ─report→ reported ─settle→ settled
//!                  │                                │  ↑                              ─claim→ claimed
//!                  └reject→ rejected   apply_change │  │ decline_change                ─pay→ paid
//!                                                   ↓  │
//!                                          change_applied ─approve_change→ change_approved
//! ```
//!
//! `change_approved` is "in progress, with an approved change": it allows what `in_progress` allows
//! (another change, the report, withdrawing). `withdraw` is allowed from draft, applied, awarded and
//! the two in-progress states. The preconditions that need data (a budget without problems, a
//! completion date, spending within the change threshold) are checked in [`super`]; this module only
//! knows the order of the steps.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

/// Where an application stands (`GrantStatus` in the domain's vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GrantStatus {
    /// Being prepared (下書き).
    Draft,
    /// Applied (交付申請済み), waiting for the decision.
    Applied,
    /// Awarded (交付決定): the amount granted is known.
    Awarded,
    /// The project is running (事業実施中).
    InProgress,
    /// A change application (変更申請) is with the city.
    ChangeApplied,
    /// The change was approved (変更承認): running on the new budget version.
    ChangeApproved,
    /// The performance report (実績報告) was handed in.
    Reported,
    /// The final amount is fixed (交付確定). Locked from here on.
    Settled,
    /// The claim (請求) was handed in.
    Claimed,
    /// The money arrived (入金済み).
    Paid,
    /// Withdrawn by the council (取下げ).
    Withdrawn,
    /// Not awarded (不交付).
    Rejected,
}

impl GrantStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [GrantStatus; 12] = [
        GrantStatus::Draft,
        GrantStatus::Applied,
        GrantStatus::Awarded,
        GrantStatus::InProgress,
        GrantStatus::ChangeApplied,
        GrantStatus::ChangeApproved,
        GrantStatus::Reported,
        GrantStatus::Settled,
        GrantStatus::Claimed,
        GrantStatus::Paid,
        GrantStatus::Withdrawn,
        GrantStatus::Rejected,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantStatus::Draft => "draft",
            GrantStatus::Applied => "applied",
            GrantStatus::Awarded => "awarded",
            GrantStatus::InProgress => "in_progress",
            GrantStatus::ChangeApplied => "change_applied",
            GrantStatus::ChangeApproved => "change_approved",
            GrantStatus::Reported => "reported",
            GrantStatus::Settled => "settled",
            GrantStatus::Claimed => "claimed",
            GrantStatus::Paid => "paid",
            GrantStatus::Withdrawn => "withdrawn",
            GrantStatus::Rejected => "rejected",
        }
    }

    /// From the stored text.
    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|st| st.as_str() == s).unwrap_or(GrantStatus::Draft)
    }

    /// The status in both languages, as the list and the detail show it.
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            GrantStatus::Draft => ("下書き", "Draft"),
            GrantStatus::Applied => ("交付申請済み", "Applied"),
            GrantStatus::Awarded => ("交付決定", "Awarded"),
            GrantStatus::InProgress => ("事業実施中", "In progress"),
            GrantStatus::ChangeApplied => ("変更申請中", "Change applied for"),
            GrantStatus::ChangeApproved => ("変更承認済み（実施中）", "Change approved (in progress)"),
            GrantStatus::Reported => ("実績報告済み", "Reported"),
            GrantStatus::Settled => ("交付確定", "Settled"),
            GrantStatus::Claimed => ("請求済み", "Claimed"),
            GrantStatus::Paid => ("入金済み", "Paid"),
            GrantStatus::Withdrawn => ("取下げ", "Withdrawn"),
            GrantStatus::Rejected => ("不交付", "Not awarded"),
        };
        Text::new(ja, en)
    }

    /// True once the final amount is fixed, and for a closed application: nothing of it may change
    /// any more (only the remaining steps, claim and payment, are recorded).
    pub fn is_locked(self) -> bool {
        matches!(
            self,
            GrantStatus::Settled
                | GrantStatus::Claimed
                | GrantStatus::Paid
                | GrantStatus::Withdrawn
                | GrantStatus::Rejected
        )
    }

    /// True once the final amount is fixed (settled, claimed, paid): the grant's report and figures
    /// are final, so the events it reported on stay linked to it.
    pub fn is_settled(self) -> bool {
        matches!(self, GrantStatus::Settled | GrantStatus::Claimed | GrantStatus::Paid)
    }

    /// True while the application still has a step ahead (for deadlines and choice lists).
    pub fn is_active(self) -> bool {
        !matches!(self, GrantStatus::Paid | GrantStatus::Withdrawn | GrantStatus::Rejected)
    }

    /// True for the states in which the project runs (expenses are its normal business).
    pub fn is_running(self) -> bool {
        matches!(self, GrantStatus::InProgress | GrantStatus::ChangeApplied | GrantStatus::ChangeApproved)
    }
}

/// A step of the lifecycle, without its data (see [`super::GrantTransition`] for the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GrantStep {
    /// 交付申請: hand the application in.
    Apply,
    /// 交付決定: record the award.
    Award,
    /// 不交付: record that it was not awarded.
    Reject,
    /// 事業開始: the project starts.
    Start,
    /// 変更申請: apply for a change of the budget.
    ApplyChange,
    /// 変更承認: record that the change was approved.
    ApproveChange,
    /// 変更不承認: record that the change was not approved (back to in progress, old budget).
    DeclineChange,
    /// 実績報告: hand in the performance report.
    Report,
    /// 交付確定: record the final amount.
    Settle,
    /// 請求: hand in the claim.
    Claim,
    /// 入金: record the payment.
    Pay,
    /// 取下げ: withdraw the application.
    Withdraw,
}

impl GrantStep {
    /// Every step, in lifecycle order.
    pub const ALL: [GrantStep; 12] = [
        GrantStep::Apply,
        GrantStep::Award,
        GrantStep::Reject,
        GrantStep::Start,
        GrantStep::ApplyChange,
        GrantStep::ApproveChange,
        GrantStep::DeclineChange,
        GrantStep::Report,
        GrantStep::Settle,
        GrantStep::Claim,
        GrantStep::Pay,
        GrantStep::Withdraw,
    ];

    /// The step as a button names it.
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            GrantStep::Apply => ("交付申請", "Apply"),
            GrantStep::Award => ("交付決定", "Record the award"),
            GrantStep::Reject => ("不交付", "Record not awarded"),
            GrantStep::Start => ("事業開始", "Start the project"),
            GrantStep::ApplyChange => ("変更申請", "Apply for a change"),
            GrantStep::ApproveChange => ("変更承認", "Record the change approved"),
            GrantStep::DeclineChange => ("変更不承認", "Record the change declined"),
            GrantStep::Report => ("実績報告", "Hand in the report"),
            GrantStep::Settle => ("交付確定", "Record the final amount"),
            GrantStep::Claim => ("請求", "Claim"),
            GrantStep::Pay => ("入金", "Record the payment"),
            GrantStep::Withdraw => ("取下げ", "Withdraw"),
        };
        Text::new(ja, en)
    }
}

/// The status `step` leads to from `from`, or `None` when the step is not allowed there.
pub fn next(from: GrantStatus, step: GrantStep) -> Option<GrantStatus> {
    use GrantStatus as S;
    use GrantStep as T;
    match (from, step) {
        (S::Draft, T::Apply) => Some(S::Applied),
        (S::Applied, T::Award) => Some(S::Awarded),
        (S::Applied, T::Reject) => Some(S::Rejected),
        (S::Awarded, T::Start) => Some(S::InProgress),
        (S::InProgress | S::ChangeApproved, T::ApplyChange) => Some(S::ChangeApplied),
        (S::ChangeApplied, T::ApproveChange) => Some(S::ChangeApproved),
        (S::ChangeApplied, T::DeclineChange) => Some(S::InProgress),
        (S::InProgress | S::ChangeApproved, T::Report) => Some(S::Reported),
        (S::Reported, T::Settle) => Some(S::Settled),
        (S::Settled, T::Claim) => Some(S::Claimed),
        (S::Claimed, T::Pay) => Some(S::Paid),
        (S::Draft | S::Applied | S::Awarded | S::InProgress | S::ChangeApproved, T::Withdraw) => Some(S::Withdrawn),
        _ => None,
    }
}

/// The steps allowed from `from`, in lifecycle order (the buttons the detail screen offers).
pub fn steps_from(from: GrantStatus) -> Vec<GrantStep> {
    GrantStep::ALL.into_iter().filter(|s| next(from, *s).is_some()).collect()
}

/// The status `step` leads to, or why it cannot be taken from `from` and what can be done instead.
pub fn target(from: GrantStatus, step: GrantStep) -> Result<GrantStatus, Text> {
    if let Some(to) = next(from, step) {
        return Ok(to);
    }
    let (s, t) = (from.label(), step.label());
    let options = steps_from(from);
    if options.is_empty() {
        return Err(Text::new(
            format!("この申請は「{}」で手続きが終わっているため、「{}」はできません。", s.ja, t.ja),
            format!("This application is {}: its procedure is over, so “{}” is not possible.", s.en, t.en),
        ));
    }
    let ja_list: Vec<String> = options.iter().map(|o| format!("「{}」", o.label().ja)).collect();
    let en_list: Vec<String> = options.iter().map(|o| format!("“{}”", o.label().en)).collect();
    Err(Text::new(
        format!("「{}」の申請は「{}」できません。いまできるのは{}です。", s.ja, t.ja, ja_list.join("、")),
        format!(
            "An application that is {} cannot take the step “{}”. Possible now: {}.",
            s.en,
            t.en,
            en_list.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use GrantStatus as S;
    use GrantStep as T;

    /// Every allowed move; every other (status, step) pair must be refused.
    const ALLOWED: &[(GrantStatus, GrantStep, GrantStatus)] = &[
        (S::Draft, T::Apply, S::Applied),
        (S::Draft, T::Withdraw, S::Withdrawn),
        (S::Applied, T::Award, S::Awarded),
        (S::Applied, T::Reject, S::Rejected),
        (S::Applied, T::Withdraw, S::Withdrawn),
        (S::Awarded, T::Start, S::InProgress),
        (S::Awarded, T::Withdraw, S::Withdrawn),
        (S::InProgress, T::ApplyChange, S::ChangeApplied),
        (S::InProgress, T::Report, S::Reported),
        (S::InProgress, T::Withdraw, S::Withdrawn),
        (S::ChangeApplied, T::ApproveChange, S::ChangeApproved),
        (S::ChangeApplied, T::DeclineChange, S::InProgress),
        (S::ChangeApproved, T::ApplyChange, S::ChangeApplied),
        (S::ChangeApproved, T::Report, S::Reported),
        (S::ChangeApproved, T::Withdraw, S::Withdrawn),
        (S::Reported, T::Settle, S::Settled),
        (S::Settled, T::Claim, S::Claimed),
        (S::Claimed, T::Pay, S::Paid),
    ];

    #[test]
    fn every_transition_is_allowed_or_refused_as_the_table_says() {
        let mut refused = 0;
        for from in GrantStatus::ALL {
            for step in GrantStep::ALL {
                let want = ALLOWED.iter().find(|(f, s, _)| *f == from && *s == step).map(|(_, _, to)| *to);
                match (target(from, step), want) {
                    (Ok(to), Some(w)) => assert_eq!(to, w, "{from:?} --{step:?}--> must lead to {w:?}"),
                    (Err(why), None) => {
                        refused += 1;
                        assert!(
                            !why.ja.is_empty() && !why.en.is_empty(),
                            "{from:?}/{step:?}: a reason in both languages"
                        );
                        assert!(
                            why.ja.contains(&format!("「{}」", step.label().ja)),
                            "{from:?}/{step:?}: the refusal names the step: {}",
                            why.ja
                        );
                    }
                    (got, want) => panic!("{from:?} --{step:?}-->: got {got:?}, the table says {want:?}"),
                }
            }
        }
        assert_eq!(refused, 12 * 12 - ALLOWED.len(), "every pair not in the table is refused");
    }

    #[test]
    fn refusals_say_what_is_possible_instead() {
        let why = target(S::Awarded, T::Report).expect_err("reporting before the project starts");
        assert_eq!(why.ja, "「交付決定」の申請は「実績報告」できません。いまできるのは「事業開始」、「取下げ」です。");
        assert_eq!(
            why.en,
            "An application that is Awarded cannot take the step “Hand in the report”. Possible now: “Start the project”, “Withdraw”."
        );
        let closed = target(S::Paid, T::Withdraw).expect_err("paid is the end");
        assert!(closed.ja.contains("手続きが終わっている"), "{}", closed.ja);
        let rejected = target(S::Rejected, T::Apply).expect_err("a rejected application stays rejected");
        assert!(rejected.ja.contains("不交付"), "{}", rejected.ja);
    }

    #[test]
    fn locks_and_activity() {
        let locked: Vec<GrantStatus> = GrantStatus::ALL.into_iter().filter(|s| s.is_locked()).collect();
        assert_eq!(locked, vec![S::Settled, S::Claimed, S::Paid, S::Withdrawn, S::Rejected], "locked from settled on");
        assert!(
            S::Settled.is_active() && S::Claimed.is_active(),
            "a settled grant still has its claim and payment ahead"
        );
        assert!(!S::Paid.is_active() && !S::Withdrawn.is_active());
        for s in GrantStatus::ALL {
            assert_eq!(GrantStatus::parse(s.as_str()), s, "{s:?} reads back");
        }
        assert_eq!(steps_from(S::ChangeApproved), steps_from(S::InProgress), "change_approved runs like in_progress");
    }
}
