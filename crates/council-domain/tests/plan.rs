//! The community plan on a real SQLite file: the tree and its indicators, progress moving as actuals
//! are recorded, the yearly review with linked events, and revisions that keep earlier versions
//! readable but locked.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::events::{self, EventCategory, EventInput};
use council_domain::plan::{
    self, ActionInput, ActionStatus, IndicatorInput, IndicatorOwner, MeasureInput, Plan, PlanId, PlanInput, PlanNode,
    PolicyInput, Review, ScheduleSlot,
};
use council_domain::{Result, Session, audit, council};
use council_store::data_dir::DataDir;

fn open(dir: &tempfile::TempDir) -> Session {
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open")
}

/// The demo council, on 2026-11-23.
fn demo(dir: &tempfile::TempDir) -> Session {
    let s = open(dir);
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    s
}

fn session(dir: &tempfile::TempDir) -> Session {
    let s = open(dir);
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    s
}

/// A plan version with its tree.
fn plan_of(s: &Session, id: &PlanId) -> Result<Plan> {
    s.read(|r| plan::get(r, id))
}

/// The plan version that holds a node of a plan's tree.
fn plan_holding(s: &Session, kind: PlanNode, id: &str) -> Result<Plan> {
    s.read(|r| plan::get(r, &plan::plan_containing(r, kind, id)?))
}

/// The yearly review of a plan version (default year: the current fiscal year).
fn plan_review(s: &Session, id: &PlanId, fiscal_year: Option<i32>) -> Result<Review> {
    s.read(|r| plan::review_of_year(r, id, fiscal_year, r.today()))
}

fn action(name: &str) -> ActionInput {
    ActionInput {
        number: None,
        name: name.into(),
        content: "小学校と合同で避難訓練を行う".into(),
        main_activities: "避難所開設、安否確認".into(),
        responsible: "地域・教育機関".into(),
        status: ActionStatus::InProgress,
        partner_ids: Vec::new(),
        schedule: vec![ScheduleSlot { fiscal_year: 2026, quarter: 2 }],
    }
}

fn indicator(name: &str, baseline: f64, target: f64) -> IndicatorInput {
    IndicatorInput {
        name: name.into(),
        unit: "人".into(),
        baseline_value: baseline,
        baseline_year: 2023,
        target_value: target,
        target_year: 2028,
        reasoning: "地区人口の1割".into(),
    }
}

/// A plan with one policy, one measure and one action; returns it.
fn small_plan(s: &Session) -> Plan {
    let plan = s
        .write(|w| {
            plan::create_plan(
                w,
                &PlanInput {
                    title: "みどり台まちづくり計画".into(),
                    start_year: 2024,
                    end_year: 2028,
                    vision: "安心して暮らせるまち".into(),
                },
            )
        })
        .expect("plan");
    let policy = s
        .write(|w| {
            plan::create_policy(
                w,
                &plan,
                &PolicyInput { number: None, title: "安心・安全".into(), description: String::new() },
            )
        })
        .expect("policy");
    let measure = s
        .write(|w| {
            plan::create_measure(
                w,
                &policy,
                &MeasureInput {
                    number: None, title: "防災力の向上".into(), current_state: "参加者が少ない".into()
                },
            )
        })
        .expect("measure");
    s.write(|w| plan::create_action(w, &measure, &action("防災訓練の実施"))).expect("action");
    plan_of(s, &plan).expect("action")
}

#[test]
fn the_tree_is_numbered_as_plans_write_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let plan = small_plan(&s);
    s.write(|w| plan::create_action(w, &plan.policies[0].measures[0].id, &action("避難所運営の訓練")))
        .expect("second action");
    let plan = plan_of(&s, &plan.summary.id).expect("second action");
    let m = &plan.policies[0].measures[0];
    assert_eq!(m.code, "1-①", "measures are numbered policy-circled number");
    assert_eq!(m.actions.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["1-①-1", "1-①-2"]);
    assert_eq!(plan.summary.period.ja, "令和6〜10年度");
    assert_eq!(m.actions[0].schedule, vec![ScheduleSlot { fiscal_year: 2026, quarter: 2 }]);
    // A number already used in the measure is refused, and nothing is written.
    let before = s.read(|r| audit::count(r)).expect("count");
    let mut dup = action("重複");
    dup.number = Some(1);
    let err = s.write(|w| plan::create_action(w, &m.id, &dup)).expect_err("number 1 is taken");
    assert!(matches!(&err, Error::Validation { problems, .. } if problems[0].field == "number"), "got {err:?}");
    assert_eq!(s.read(|r| audit::count(r)).expect("count"), before, "a refused write records nothing");
}

#[test]
fn recording_actuals_moves_progress_both_ways() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let plan = small_plan(&s);
    let action_id = plan.policies[0].measures[0].actions[0].id.clone();
    let measure_id = plan.policies[0].measures[0].id.clone();
    let id = s
        .write(|w| {
            plan::create_indicator(
                w,
                &IndicatorOwner::Action(action_id.clone()),
                &indicator("訓練の参加者数", 100.0, 200.0),
            )
        })
        .expect("indicator on the action");
    let plan = plan_holding(&s, PlanNode::Indicator, id.as_str()).expect("indicator on the action");
    let ind = &plan.policies[0].measures[0].actions[0].indicators[0];
    assert_eq!(ind.progress.percent, None, "no actual yet, no progress");

    let plan = s
        .write(|w| plan::set_actual(w, &ind.id, 2025, Some(130.0)))
        .and_then(|()| plan_holding(&s, PlanNode::Indicator, ind.id.as_str()))
        .expect("actual 2025");
    let ind = &plan.policies[0].measures[0].actions[0].indicators[0];
    assert_eq!(ind.progress.percent, Some(30.0));
    let plan = s
        .write(|w| plan::set_actual(w, &ind.id, 2026, Some(160.0)))
        .and_then(|()| plan_holding(&s, PlanNode::Indicator, ind.id.as_str()))
        .expect("actual 2026");
    let ind = &plan.policies[0].measures[0].actions[0].indicators[0];
    assert_eq!(ind.progress.percent, Some(60.0), "the latest year's actual counts");
    assert_eq!(ind.actuals.len(), 2);

    // A decreasing target on the measure: fewer is better.
    let id = s
        .write(|w| {
            plan::create_indicator(w, &IndicatorOwner::Measure(measure_id), &indicator("刑法犯の件数", 30.0, 10.0))
        })
        .expect("indicator on the measure");
    let plan = plan_holding(&s, PlanNode::Indicator, id.as_str()).expect("indicator on the measure");
    let dec = plan.policies[0].measures[0].indicators[0].clone();
    let plan = s
        .write(|w| plan::set_actual(w, &dec.id, 2026, Some(25.0)))
        .and_then(|()| plan_holding(&s, PlanNode::Indicator, dec.id.as_str()))
        .expect("actual");
    assert_eq!(
        plan.policies[0].measures[0].indicators[0].progress.percent,
        Some(25.0),
        "30 → 25 of 30 → 10 is a quarter"
    );

    // Clearing an actual takes progress back to the year before.
    let ind_id = plan.policies[0].measures[0].actions[0].indicators[0].id.clone();
    let plan = s
        .write(|w| plan::set_actual(w, &ind_id, 2026, None))
        .and_then(|()| plan_holding(&s, PlanNode::Indicator, ind_id.as_str()))
        .expect("clear");
    assert_eq!(plan.policies[0].measures[0].actions[0].indicators[0].progress.percent, Some(30.0));

    // The history records each actual.
    let history = s.read(|r| audit::for_record(r, "plan_indicator", ind_id.as_str())).expect("history");
    assert!(history.iter().any(|h| h.summary.contains("令和8年度の実績を160")), "{history:#?}");
}

#[test]
fn an_indicator_needs_a_name_and_a_target_year_after_its_baseline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let plan = small_plan(&s);
    let mut bad = indicator("", 1.0, 2.0);
    bad.target_year = 2020;
    let err = s
        .write(|w| plan::create_indicator(w, &IndicatorOwner::Measure(plan.policies[0].measures[0].id.clone()), &bad))
        .expect_err("refused");
    let Error::Validation { problems, .. } = err else { panic!("a validation error") };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["name", "target_year"], "each field to fix is named");
}

#[test]
fn a_revision_copies_the_tree_and_locks_the_earlier_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let v1 = small_plan(&s);
    let old_action = v1.policies[0].measures[0].actions[0].id.clone();
    let id = s
        .write(|w| {
            plan::create_indicator(w, &IndicatorOwner::Action(old_action.clone()), &indicator("参加者数", 100.0, 200.0))
        })
        .expect("indicator");
    let v1 = plan_holding(&s, PlanNode::Indicator, id.as_str()).expect("indicator");
    let old_ind = v1.policies[0].measures[0].actions[0].indicators[0].id.clone();
    s.write(|w| plan::set_actual(w, &old_ind, 2025, Some(150.0))).expect("actual");
    // An event linked to the action in the first version.
    s.write(|w| {
        events::create(
            w,
            &EventInput {
                title: "総合防災訓練".into(),
                category: EventCategory::DisasterDrill,
                starts_on: "2026-09-06".parse().expect("date"),
                ends_on: None,
                start_time: Some("09:00".into()),
                end_time: Some("12:00".into()),
                place: "小学校".into(),
                organiser: "防災部".into(),
                expected_participants: Some(200),
                actual_participants: Some(185),
                volunteers: None,
                cost: None,
                notes: String::new(),
                action_id: Some(old_action.clone()),
                partner_ids: Vec::new(),
                fee: None,
                notice_text: String::new(),
            },
        )
    })
    .expect("event");

    assert!(s.write(|w| plan::revise(w, &v1.summary.id, "  ")).is_err(), "a revision says why");
    let v2 = s
        .write(|w| plan::revise(w, &v1.summary.id, "令和8年度総会で事業を見直し"))
        .and_then(|id| plan_of(&s, &id))
        .expect("revise");
    assert_eq!(v2.summary.version, 2);
    assert!(!v2.summary.locked);
    assert_eq!(v2.versions.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1], "both versions listed, newest first");
    let new_action = &v2.policies[0].measures[0].actions[0];
    assert_ne!(new_action.id, old_action, "the copy has its own IDs");
    assert_eq!(new_action.lineage, old_action.as_str(), "and keeps the lineage of the first version");
    assert_eq!(new_action.indicators[0].actuals.len(), 1, "actuals are copied");
    assert_eq!(new_action.indicators[0].progress.percent, Some(50.0));

    // The earlier version stays readable, and refuses every change.
    let old = s.read(|r| plan::get_or_current(r, Some(&v1.summary.id))).expect("read").expect("exists");
    assert!(old.summary.locked);
    assert_eq!(old.policies[0].measures[0].actions[0].name, "防災訓練の実施");
    let locked = |e: Error| matches!(e, Error::Locked(_));
    assert!(locked(s.write(|w| plan::update_action(w, &old_action, &action("変更"))).expect_err("locked")), "action");
    assert!(locked(s.write(|w| plan::set_actual(w, &old_ind, 2026, Some(1.0))).expect_err("locked")), "actual");
    assert!(
        locked(s.write(|w| plan::delete_node(w, PlanNode::Action, old_action.as_str())).expect_err("locked")),
        "delete"
    );
    assert!(
        locked(s.write(|w| plan::revise(w, &v1.summary.id, "again")).expect_err("locked")),
        "revise an old version"
    );
    assert!(
        locked(
            s.write(|w| plan::create_policy(
                w,
                &v1.summary.id,
                &PolicyInput { number: None, title: "x".into(), description: String::new() }
            ))
            .expect_err("locked")
        ),
        "add to an old version"
    );

    // The new version is the current plan, and its review finds the event linked in the first version.
    assert_eq!(s.read(|r| plan::get_or_current(r, None)).expect("current").expect("exists").summary.id, v2.summary.id);
    let review = plan_review(&s, &v2.summary.id, Some(2026)).expect("review");
    let events = &review.measures[0].actions[0].events;
    assert_eq!(events.len(), 1, "the event follows its action into the revision");
    assert_eq!(events[0].participants, Some(185));
    assert!(!events[0].planned, "held before today (23 November)");
    assert_eq!(events[0].date_text, "令和8年9月6日");
    // Changing the new version leaves the old one as it was.
    s.write(|w| plan::update_action(w, &new_action.id, &action("防災訓練（改訂）"))).expect("edit v2");
    let old = s.read(|r| plan::get_or_current(r, Some(&v1.summary.id))).expect("read").expect("exists");
    assert_eq!(old.policies[0].measures[0].actions[0].name, "防災訓練の実施", "the earlier version is untouched");
}

#[test]
fn the_yearly_review_holds_statuses_actuals_and_progress_as_of_the_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let plan = small_plan(&s);
    let a = plan.policies[0].measures[0].actions[0].id.clone();
    let id = s
        .write(|w| plan::create_indicator(w, &IndicatorOwner::Action(a.clone()), &indicator("参加者数", 100.0, 200.0)))
        .expect("ind");
    let plan = plan_holding(&s, PlanNode::Indicator, id.as_str()).expect("ind");
    let ind = plan.policies[0].measures[0].actions[0].indicators[0].id.clone();
    s.write(|w| plan::set_actual(w, &ind, 2025, Some(120.0))).expect("2025");
    s.write(|w| plan::set_actual(w, &ind, 2026, Some(180.0))).expect("2026");
    s.write(|w| plan::set_review(w, &a, 2025, ActionStatus::Done, "予定どおり実施")).expect("review 2025");
    let review = s
        .read(|r| plan::plan_containing(r, PlanNode::Action, a.as_str()))
        .and_then(|id| plan_review(&s, &id, Some(2025)))
        .expect("review 2025");
    let ra = &review.measures[0].actions[0];
    assert_eq!((ra.status, ra.reviewed, ra.comment.as_str()), (ActionStatus::Done, true, "予定どおり実施"));
    let ri = &review.measures[0].indicators[0];
    assert_eq!(ri.actual, Some(120.0), "the 2025 review shows 2025's actual");
    assert_eq!(ri.progress.percent, Some(20.0), "progress as of 2025, not later");
    let review = plan_review(&s, &plan.summary.id, Some(2026)).expect("review 2026");
    let ra = &review.measures[0].actions[0];
    assert_eq!((ra.status, ra.reviewed), (ActionStatus::InProgress, false), "unreviewed: the action's own status");
    assert!(ra.scheduled, "the action is scheduled in 2026");
    assert_eq!(review.measures[0].indicators[0].progress.percent, Some(80.0));
    assert_eq!(review.measures[0].policy, "基本方針1 安心・安全");
    assert_eq!(review.council_name, "さくら台自治会");
}

#[test]
fn the_demo_council_has_a_real_looking_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let plan = s.read(|r| plan::get_or_current(r, None)).expect("read").expect("the demo has a plan");
    let measures: Vec<_> = plan.policies.iter().flat_map(|p| &p.measures).collect();
    let actions: Vec<_> = measures.iter().flat_map(|m| &m.actions).collect();
    let indicators: Vec<_> =
        measures.iter().flat_map(|m| m.indicators.iter().chain(m.actions.iter().flat_map(|a| &a.indicators))).collect();
    assert_eq!((plan.policies.len(), measures.len(), actions.len(), indicators.len()), (2, 5, 12, 6));
    assert_eq!((plan.summary.start_year, plan.summary.end_year), (2024, 2028));
    assert!(indicators.iter().all(|i| i.actuals.len() >= 2), "several years of actuals each");
    assert!(
        indicators.iter().any(|i| i.target_value < i.baseline_value),
        "one indicator has a decreasing target (crime count)"
    );
    let events = s
        .read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, Some(2026), r.today())?;
            events::list(r, fy, m)
        })
        .expect("events");
    assert!(events.len() >= 10, "about ten events in the year");
    assert!(events.iter().any(|e| e.starts_on < today) && events.iter().any(|e| e.starts_on > today));
    assert!(events.iter().filter(|e| e.action_id.is_some()).count() >= 9, "events serve plan actions");
    let review = plan_review(&s, &plan.summary.id, Some(2026)).expect("review");
    let linked: usize = review.measures.iter().flat_map(|m| &m.actions).map(|a| a.events.len()).sum();
    assert!(linked >= 9, "the review lists the linked events ({linked})");
    let events: Vec<_> = review.measures.iter().flat_map(|m| &m.actions).flat_map(|a| &a.events).collect();
    assert!(events.iter().any(|e| e.planned && e.participants.is_none()), "events to come are marked planned");
    assert!(events.iter().any(|e| !e.planned && e.participants.is_some()), "events held have their turnout");
}

/// Every row of the plan's tables and the events' links, to compare before and after.
fn plan_rows(s: &Session) -> Vec<String> {
    s.read(|r| {
        let mut out = Vec::new();
        for table in [
            "plan_policy",
            "plan_measure",
            "plan_action",
            "plan_action_partner",
            "plan_action_schedule",
            "plan_action_review",
            "plan_indicator",
            "plan_indicator_actual",
            "grant_application_action",
        ] {
            let mut stmt = r.prepare(&format!("SELECT * FROM {table}"))?;
            let n = stmt.column_count();
            let rows = stmt.query_map([], |row| {
                let values: Vec<String> =
                    (0..n).map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i))).collect::<Vec<_>>();
                Ok(format!("{table}: {}", values.join(" | ")))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        let mut stmt = r.prepare("SELECT id, coalesce(action_id, '') FROM event")?;
        for row in
            stmt.query_map([], |row| Ok(format!("event {}: {}", row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?
        {
            out.push(row?);
        }
        out.sort();
        Ok::<_, council_domain::error::Error>(out)
    })
    .expect("rows")
}

#[test]
fn deleting_a_policy_says_what_goes_with_it_and_brings_it_all_back_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let plan = s.read(|r| plan::get_or_current(r, None)).expect("read").expect("plan");
    let policy = plan
        .policies
        .iter()
        .find(|p| p.measures.iter().any(|m| m.actions.iter().any(|a| !a.indicators.is_empty())))
        .expect("a policy with actions and indicators");
    let (measures, actions) = (policy.measures.len(), policy.measures.iter().map(|m| m.actions.len()).sum::<usize>());
    let before = plan_rows(&s);

    // Asked first: what goes with it, in words.
    let question = s.read(|r| plan::delete_preview(r, PlanNode::Policy, policy.id.as_str())).expect("preview");
    assert!(question.ja.contains(&format!("施策{measures}件")), "{}", question.ja);
    assert!(question.ja.contains(&format!("事業{actions}件")), "{}", question.ja);
    assert!(question.ja.contains("指標") && question.ja.contains("実績"), "{}", question.ja);
    assert!(
        question.ja.contains("行事") && question.ja.contains("結び付け"),
        "events lose their link: {}",
        question.ja
    );
    assert!(question.en.contains(&format!("{actions} actions")), "{}", question.en);

    s.write(|w| plan::delete_node(w, PlanNode::Policy, policy.id.as_str())).expect("delete");
    let after = plan_rows(&s);
    assert!(after.len() < before.len());
    assert!(after.iter().all(|r| !r.contains(policy.id.as_str())));

    // Listed among the deleted records, and brought back whole: every row, every event's link.
    let entry = s
        .read(|r| council_domain::deleted::list(r))
        .expect("list")
        .into_iter()
        .find(|e| e.entity_id == policy.id.as_str())
        .expect("listed");
    assert!(entry.summary.contains("事業"), "{}", entry.summary);
    s.write(|w| council_domain::deleted::restore(w, entry.seq)).expect("restore");
    assert_eq!(plan_rows(&s), before, "everything is back as it was");
    assert!(
        s.read(|r| council_domain::deleted::list(r)).expect("list").iter().all(|e| e.entity_id != policy.id.as_str()),
        "no longer listed"
    );
    // A second restore of the same deletion changes nothing.
    let again = s.write(|w| council_domain::deleted::restore(w, entry.seq));
    assert!(again.is_err());
    assert_eq!(plan_rows(&s), before);

    // A measure deleted, then its policy: the measure cannot come back before the policy does.
    let measure = &policy.measures[0];
    s.write(|w| plan::delete_node(w, PlanNode::Measure, measure.id.as_str())).expect("delete measure");
    s.write(|w| plan::delete_node(w, PlanNode::Policy, policy.id.as_str())).expect("delete policy");
    let list = s.read(|r| council_domain::deleted::list(r)).expect("list");
    let seq_of = |id: &str| list.iter().find(|e| e.entity_id == id).expect("listed").seq;
    let err = s.write(|w| council_domain::deleted::restore(w, seq_of(measure.id.as_str()))).expect_err("policy first");
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    s.write(|w| council_domain::deleted::restore(w, seq_of(policy.id.as_str()))).expect("policy");
    s.write(|w| council_domain::deleted::restore(w, seq_of(measure.id.as_str()))).expect("then the measure");
    assert_eq!(plan_rows(&s), before);
}
