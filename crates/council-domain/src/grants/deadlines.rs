//! A grant application's deadlines, as pure functions of its program's rules, its dates and `today`:
//! the application due date, the performance report's (N days after completion and no later than a
//! date, whichever comes first) and the claim's (N days after the final amount is fixed).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::GrantApplicationId;
use super::lifecycle::GrantStatus;
use crate::calendar;
use crate::text::Text;

/// Which deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// 交付申請の締切.
    Application,
    /// 実績報告の期限.
    Report,
    /// 請求の期限.
    Claim,
}

impl DeadlineKind {
    fn label(self) -> (&'static str, &'static str) {
        match self {
            DeadlineKind::Application => ("交付申請", "The application"),
            DeadlineKind::Report => ("実績報告", "The performance report"),
            DeadlineKind::Claim => ("請求", "The claim"),
        }
    }
}

/// One deadline of one application, measured from today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantDeadline {
    /// The application.
    pub application_id: GrantApplicationId,
    /// Its project's name.
    pub project_name: String,
    /// Its program's name.
    pub program_name: String,
    /// Which deadline.
    pub kind: DeadlineKind,
    /// The due date.
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// The due date as shown (和暦 with the western year).
    pub due_text: Text,
    /// Days from today to the due date (negative once past).
    pub days_left: i64,
    /// True once past and not done.
    pub overdue: bool,
    /// True once the step was taken (applied, reported, claimed).
    pub done: bool,
    /// True when the council has to act on it now (not done, and the application has reached the
    /// stage it belongs to): what Home lists.
    pub pending: bool,
    /// True for a report deadline computed from the planned end of the project, because the
    /// completion date is not entered yet.
    pub estimated: bool,
    /// The deadline in a sentence (「実績報告の期限まであと12日です（令和9年3月31日）。」).
    pub message: Text,
}

/// What a deadline is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineFacts {
    /// The application.
    pub application_id: GrantApplicationId,
    /// Its project's name.
    pub project_name: String,
    /// Its program's name.
    pub program_name: String,
    /// Its status.
    pub status: GrantStatus,
    /// The program's application due date.
    pub application_due: Option<NaiveDate>,
    /// Report within this many days of completion …
    pub report_days: Option<u32>,
    /// … and no later than this date.
    pub report_no_later_than: Option<NaiveDate>,
    /// Claim within this many days of the final amount.
    pub claim_days: Option<u32>,
    /// The planned last day of the project.
    pub ends_on: NaiveDate,
    /// The day the project actually ended.
    pub completed_on: Option<NaiveDate>,
    /// When it was applied for.
    pub applied_on: Option<NaiveDate>,
    /// When the report was handed in.
    pub reported_on: Option<NaiveDate>,
    /// When the final amount was fixed.
    pub settled_on: Option<NaiveDate>,
    /// When the claim was handed in.
    pub claimed_on: Option<NaiveDate>,
}

/// The report's due date: `completion + days`, but no later than `no_later_than` (either rule alone
/// when the program has only one; none when it has neither).
pub fn report_due(completion: NaiveDate, days: Option<u32>, no_later_than: Option<NaiveDate>) -> Option<NaiveDate> {
    let by_days = days.map(|n| completion + Duration::days(i64::from(n)));
    match (by_days, no_later_than) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The claim's due date: `settled + days`.
pub fn claim_due(settled_on: NaiveDate, days: Option<u32>) -> Option<NaiveDate> {
    days.map(|n| settled_on + Duration::days(i64::from(n)))
}

fn deadline(
    f: &DeadlineFacts,
    kind: DeadlineKind,
    due_on: NaiveDate,
    done_on: Option<NaiveDate>,
    stage: bool,
    estimated: bool,
    today: NaiveDate,
) -> GrantDeadline {
    let days_left = (due_on - today).num_days();
    let done = done_on.is_some();
    let overdue = !done && days_left < 0;
    let due_text = calendar::date_text(due_on);
    let (ja, en) = kind.label();
    let (mut m_ja, mut m_en) = match done_on {
        Some(on) => (
            format!("{ja}は{}に済んでいます（期限 {}）。", calendar::wareki(on), calendar::wareki(due_on)),
            format!("{en} was done on {} (due {}).", calendar::english_date(on), due_text.en),
        ),
        None if days_left > 0 => (
            format!("{ja}の期限まであと{days_left}日です（{}）。", calendar::wareki(due_on)),
            format!("{en} is due in {days_left} day(s) ({}).", due_text.en),
        ),
        None if days_left == 0 => (
            format!("{ja}の期限は今日です（{}）。", calendar::wareki(due_on)),
            format!("{en} is due today ({}).", due_text.en),
        ),
        None => (
            format!("{ja}の期限を{}日過ぎています（{}）。", -days_left, calendar::wareki(due_on)),
            format!("{en} is {} day(s) overdue (due {}).", -days_left, due_text.en),
        ),
    };
    if estimated && !done {
        m_ja.push_str("完了日が未入力のため、事業期間の終わりから計算しています。");
        m_en.push_str(" Counted from the planned end of the project until the completion date is entered.");
    }
    GrantDeadline {
        application_id: f.application_id.clone(),
        project_name: f.project_name.clone(),
        program_name: f.program_name.clone(),
        kind,
        due_on,
        due_text,
        days_left,
        overdue,
        done,
        pending: !done && stage && f.status.is_active(),
        estimated,
        message: Text::new(m_ja, m_en),
    }
}

/// Every deadline the application has (those its program sets and its dates allow computing), with
/// where each stands on `today`.
pub fn for_application(f: &DeadlineFacts, today: NaiveDate) -> Vec<GrantDeadline> {
    use GrantStatus as S;
    if matches!(f.status, S::Withdrawn | S::Rejected) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(due) = f.application_due {
        out.push(deadline(f, DeadlineKind::Application, due, f.applied_on, f.status == S::Draft, false, today));
    }
    let completion = f.completed_on.unwrap_or(f.ends_on);
    if let Some(due) = report_due(completion, f.report_days, f.report_no_later_than) {
        let stage = matches!(f.status, S::Awarded | S::InProgress | S::ChangeApplied | S::ChangeApproved);
        let estimated = f.completed_on.is_none() && f.report_days.is_some();
        out.push(deadline(f, DeadlineKind::Report, due, f.reported_on, stage, estimated, today));
    }
    if let Some(settled) = f.settled_on
        && let Some(due) = claim_due(settled, f.claim_days)
    {
        out.push(deadline(f, DeadlineKind::Claim, due, f.claimed_on, f.status == S::Settled, false, today));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("ISO date")
    }

    fn facts(status: GrantStatus) -> DeadlineFacts {
        DeadlineFacts {
            application_id: GrantApplicationId("a".into()),
            project_name: "花いっぱい運動".into(),
            program_name: "地域づくり交付金".into(),
            status,
            application_due: Some(d("2026-05-29")),
            report_days: Some(30),
            report_no_later_than: Some(d("2027-03-31")),
            claim_days: Some(14),
            ends_on: d("2027-02-28"),
            completed_on: None,
            applied_on: None,
            reported_on: None,
            settled_on: None,
            claimed_on: None,
        }
    }

    #[test]
    fn the_report_is_due_at_the_earlier_of_its_two_rules() {
        // (completion, days, no later than, due, why)
        type Case = (&'static str, Option<u32>, Option<&'static str>, Option<&'static str>, &'static str);
        let cases: &[Case] = &[
            ("2026-10-31", Some(30), Some("2027-03-31"), Some("2026-11-30"), "30 days after completion comes first"),
            ("2027-03-15", Some(30), Some("2027-03-31"), Some("2027-03-31"), "31 March comes before 30 days"),
            ("2027-03-01", Some(30), Some("2027-03-31"), Some("2027-03-31"), "the two rules meet on 31 March"),
            ("2026-10-31", Some(30), None, Some("2026-11-30"), "days alone"),
            ("2026-10-31", None, Some("2027-03-31"), Some("2027-03-31"), "the date alone"),
            ("2026-10-31", None, None, None, "no rule, no deadline"),
            ("2027-01-31", Some(30), None, Some("2027-03-02"), "counted in calendar days across February"),
        ];
        for (completion, days, by, due, why) in cases {
            assert_eq!(report_due(d(completion), *days, by.map(d)), due.map(d), "{why}");
        }
        assert_eq!(claim_due(d("2027-04-20"), Some(14)), Some(d("2027-05-04")));
        assert_eq!(claim_due(d("2027-04-20"), None), None, "a program without a claim rule");
    }

    #[test]
    fn days_left_and_overdue_are_measured_from_today() {
        let mut f = facts(GrantStatus::InProgress);
        f.completed_on = Some(d("2027-02-20"));
        let today = d("2027-03-10");
        let all = for_application(&f, today);
        let report = all.iter().find(|x| x.kind == DeadlineKind::Report).expect("a report deadline");
        assert_eq!(report.due_on, d("2027-03-22"), "20 February + 30 days, before 31 March");
        assert_eq!(report.days_left, 12);
        assert!(!report.overdue && report.pending && !report.estimated);
        assert_eq!(report.message.ja, "実績報告の期限まであと12日です（令和9年3月22日）。");
        assert_eq!(report.message.en, "The performance report is due in 12 day(s) (22 March 2027).");

        let application = all.iter().find(|x| x.kind == DeadlineKind::Application).expect("application deadline");
        assert!(!application.pending, "a running project's application deadline is not Home's business");

        let late = for_application(&f, d("2027-03-25"));
        let report = late.iter().find(|x| x.kind == DeadlineKind::Report).expect("report");
        assert_eq!(report.days_left, -3);
        assert!(report.overdue);
        assert_eq!(report.message.ja, "実績報告の期限を3日過ぎています（令和9年3月22日）。");

        let on_the_day = for_application(&f, d("2027-03-22"));
        assert_eq!(on_the_day[1].message.ja, "実績報告の期限は今日です（令和9年3月22日）。");
    }

    #[test]
    fn deadlines_follow_the_stage() {
        let today = d("2026-05-20");
        let draft = for_application(&facts(GrantStatus::Draft), today);
        let pending: Vec<DeadlineKind> = draft.iter().filter(|x| x.pending).map(|x| x.kind).collect();
        assert_eq!(pending, vec![DeadlineKind::Application], "a draft's deadline is the application's");
        assert_eq!(draft[0].days_left, 9);

        let running = for_application(&facts(GrantStatus::InProgress), today);
        let report = running.iter().find(|x| x.kind == DeadlineKind::Report).expect("report");
        assert!(report.estimated, "without a completion date the planned end is used");
        assert_eq!(report.due_on, d("2027-03-30"), "28 February + 30 days");
        assert!(report.message.ja.ends_with("事業期間の終わりから計算しています。"), "{}", report.message.ja);

        let mut settled = facts(GrantStatus::Settled);
        settled.applied_on = Some(d("2026-05-10"));
        settled.reported_on = Some(d("2027-03-20"));
        settled.settled_on = Some(d("2027-04-20"));
        let all = for_application(&settled, d("2027-04-25"));
        let pending: Vec<DeadlineKind> = all.iter().filter(|x| x.pending).map(|x| x.kind).collect();
        assert_eq!(pending, vec![DeadlineKind::Claim], "once settled, only the claim is ahead");
        assert!(all[0].done && all[0].message.ja.contains("済んでいます"), "{}", all[0].message.ja);
        assert_eq!(all[2].due_on, d("2027-05-04"));

        assert!(for_application(&facts(GrantStatus::Withdrawn), today).is_empty(), "a withdrawn one has none");
        let paid = for_application(&facts(GrantStatus::Paid), today);
        assert!(paid.iter().all(|x| !x.pending), "a paid grant has nothing pending");
    }
}
