//! The grant forms (交付申請書 … 領収書貼付台紙) of one grant application, in the layout of the usual
//! municipal forms: the form's number at the top left, the addressee (みどり市長 様), the council as
//! applicant with its representative and the seal box, dates in 和暦, amounts in yen.
//!
//! Every form reads the same base facts ([`base`]: the program, the applicant, the project, the
//! award) and adds its own part. The facts come from the domain's grant reads, inside the document's
//! one read ([`application::get`], [`settlement::get`], [`expenses::receipt`]) and are formatted
//! here, so the templates (`grant-*.typ`, sharing `grant.typ`) only lay them out and a city's variant
//! of a form is a change to its template.
//!
//! A date the form needs but the application has not recorded yet (the day it is handed in) prints
//! as 「令和　　年　　月　　日」 to fill in by hand, and so do the bank account's lines of the claim
//! (the council's profile does not hold an account).
use chrono::NaiveDate;
use council_domain::calendar::wareki;
use council_domain::grants::{
    BudgetState, BudgetVersion, ExpenseCategory, GrantApplication, GrantApplicationId, IncomeKind, IncomeLine,
    Settlement, SettlementLine, application, expenses, settlement,
};
use council_domain::money::{format_amount, format_yen};
use council_domain::text::Text;
use council_domain::{Read, attachments};
use serde_json::{Value, json};

use crate::Header;
use crate::catalogue::DocumentKind;
use crate::embed::{Embedded, embed};
use crate::error::Result;
use crate::typeset::Files;

/// A date to be written by hand.
const BLANK_DATE: &str = "令和　　年　　月　　日";

/// The template of a grant form, with the form number it carries unless the program names another.
pub(crate) fn template(kind: DocumentKind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        DocumentKind::GrantApplication => ("grant-application.typ", "第1号様式"),
        DocumentKind::GrantPlan => ("grant-plan.typ", "第2号様式"),
        DocumentKind::GrantBudget => ("grant-budget.typ", "第3号様式"),
        DocumentKind::GrantChange => ("grant-change.typ", "第4号様式"),
        DocumentKind::GrantReport => ("grant-report.typ", "第5号様式"),
        DocumentKind::GrantResults => ("grant-results.typ", "第6号様式"),
        DocumentKind::GrantSettlement => ("grant-settlement.typ", "第7号様式"),
        DocumentKind::GrantClaim => ("grant-claim.typ", "第8号様式"),
        DocumentKind::GrantReceipts => ("grant-receipts.typ", ""),
        _ => return None,
    })
}

/// What the data of a grant form is made from besides the application.
pub(crate) struct Council<'a> {
    /// The council's city (みどり市), for the addressee when the grantor does not name one.
    pub city: &'a str,
    /// The month its fiscal year starts (the quarters of the schedule).
    pub start_month: u32,
    /// Today: an event after it is marked as planned.
    pub today: NaiveDate,
    /// The account grants are paid into (振込先), as the council's form settings keep it.
    pub bank: &'a council_domain::forms::BankAccount,
}

/// The data a grant template reads as `/data.json`.
pub(crate) fn data(
    r: &Read<'_>,
    header: &Header,
    council: &Council<'_>,
    kind: DocumentKind,
    record: &str,
    files: &mut Files,
) -> Result<Value> {
    let id = GrantApplicationId(record.to_owned());
    let app = application::get(r, &id, council.start_month, council.today)?;
    let mut data = base(header, council, kind, &app);
    let own = match kind {
        DocumentKind::GrantApplication => application_form(&app),
        DocumentKind::GrantPlan => plan(&app, council.start_month),
        DocumentKind::GrantBudget => budget(&app)?,
        DocumentKind::GrantChange => change(&app)?,
        DocumentKind::GrantReport => report(&app, &settlement::get(r, &id)?),
        DocumentKind::GrantResults => results(r, &app, council.today, files),
        DocumentKind::GrantSettlement => settlement_form(&settlement::get(r, &id)?),
        DocumentKind::GrantClaim => claim(&app, council.bank),
        DocumentKind::GrantReceipts => receipts(r, &app, files),
        _ => json!({}),
    };
    if let (Value::Object(base), Value::Object(own)) = (&mut data, own) {
        base.extend(own);
    }
    Ok(data)
}

/// The project's name, for the saved PDF's name.
pub(crate) fn project_name(r: &Read<'_>, record: &str) -> Result<String> {
    let start_month = council_domain::council::start_month(r)?;
    Ok(application::get(r, &GrantApplicationId(record.to_owned()), start_month, r.today())?.project_name)
}

/// A recorded date in 和暦, or the blank to fill in by hand.
fn date_or_blank(date: Option<NaiveDate>) -> String {
    date.map(wareki).unwrap_or_else(|| BLANK_DATE.to_owned())
}

fn yen_or_blank(amount: Option<i64>) -> String {
    amount.map(format_yen).unwrap_or_default()
}

/// Whom the forms are addressed to: the head of the body in the grantor's name (「みどり市 市民協働課」
/// → 「みどり市長 様」, 「みどり県 地域振興課」 → 「みどり県知事 様」); a grantor that is no city or
/// prefecture (a foundation) by its name; without a grantor, the mayor of the council's city.
pub(crate) fn addressee(grantor: &str, city: &str) -> String {
    fn head_of(body: &str) -> Option<String> {
        let last = body.chars().last()?;
        if body.chars().count() < 2 {
            return None;
        }
        match last {
            '市' | '区' | '町' | '村' => Some(format!("{body}長")),
            '都' | '道' | '府' | '県' => Some(format!("{body}知事")),
            _ => None,
        }
    }
    let grantor = grantor.trim();
    // 「みどり市 市民協働課」: the body is the first word. 「みどり市市民協働課」: up to the first 市区町村.
    let first = grantor.split_whitespace().next().unwrap_or_default();
    let joined = grantor
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '市' | '区' | '町' | '村'))
        .map(|(i, c)| &grantor[..i + c.len_utf8()]);
    let head = head_of(first).or_else(|| joined.and_then(head_of));
    match head {
        Some(head) => format!("{head} 様"),
        None if !grantor.is_empty() => format!("{first} 様"),
        None => head_of(city.trim()).map(|h| format!("{h} 様")).unwrap_or_default(),
    }
}

/// The form number the program gives a form in its list of documents (「事業計画書（第2号様式）」,
/// 「収支予算書（様式第3号）」), else `default`.
fn form_number(required: &[String], title: &str, default: &str) -> String {
    required
        .iter()
        .filter(|d| d.contains(title))
        .find_map(|d| {
            // 「様式第2号」 or 「第2号様式」.
            if let Some(start) = d.find("様式第") {
                let end = d[start..].find('号')? + start + '号'.len_utf8();
                return Some(d[start..end].to_owned());
            }
            let start = d.find('第')?;
            let end = d[start..].find("様式")? + start + "様式".len();
            Some(d[start..end].to_owned())
        })
        .unwrap_or_else(|| default.to_owned())
}

/// A form's name as it is listed among attachments: 「事業実績書（第6号様式）」.
fn listed(required: &[String], kind: DocumentKind) -> String {
    let title = kind.info().title.ja;
    let default = template(kind).map(|(_, n)| n).unwrap_or_default();
    match form_number(required, &title, default) {
        n if n.is_empty() => title,
        n => format!("{title}（{n}）"),
    }
}

/// The facts every grant form carries.
fn base(header: &Header, council: &Council<'_>, kind: DocumentKind, app: &GrantApplication) -> Value {
    let p = &app.program;
    let mut header = header.clone();
    header.fiscal_year = p.fiscal_year_label.clone();
    let title = kind.info().title.ja;
    let default = template(kind).map(|(_, n)| n).unwrap_or_default();
    let award = app.awarded_on.map(|on| format!("{}付け{}", wareki(on), app.award_number));
    let partners: Vec<&str> = app
        .partners
        .iter()
        .map(|p| p.name.as_str())
        .chain(Some(app.partners_text.as_str()).filter(|t| !t.trim().is_empty()))
        .collect();
    json!({
        "header": header,
        "form_number": form_number(&p.required_documents, &title, default),
        "addressee": addressee(&p.grantor, council.city),
        "program": {
            "name": p.name,
            "grantor": p.grantor,
            "fiscal_year": p.fiscal_year_label,
            "rate": p.rate_text.ja,
            "max_amount": p.max_amount.map(format_yen).unwrap_or_default(),
        },
        "project": {
            "name": app.project_name,
            "purpose": app.purpose,
            "content": app.content,
            "period": app.period_text.ja,
            "starts_on": wareki(app.starts_on),
            "ends_on": wareki(app.ends_on),
            "completed_on": date_or_blank(app.completed_on),
            "place": app.place,
            "target": app.target_group,
            "expected_participants": app.expected_participants.map(|n| format!("{n}人")).unwrap_or_default(),
            "partners": partners.join("、"),
            "actions": app.actions.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(),
            "expected_effect": app.expected_effect,
        },
        "status": app.status_label.ja,
        "requested_amount": format_yen(app.requested_amount),
        "applied_on": date_or_blank(app.applied_on),
        "amount_granted": yen_or_blank(app.amount_granted),
        "award": award.unwrap_or_default(),
        "awarded_on": date_or_blank(app.awarded_on),
        "award_number": app.award_number,
    })
}

/// 交付申請書: the amount applied for, the budget's total and the attachments the program asks for.
fn application_form(app: &GrantApplication) -> Value {
    let required = &app.program.required_documents;
    let own = DocumentKind::GrantApplication.info().title.ja;
    let attachments: Vec<&str> = required.iter().map(String::as_str).filter(|d| !d.contains(&own)).collect();
    // The budget applied with (version 1), whatever changed after the award.
    let total = app.budgets.first().map(|v| format_yen(v.expense_total)).unwrap_or_default();
    json!({ "project_cost": total, "attachments": attachments })
}

/// The months of a quarter as the schedule prints them (1 → 「4月〜6月」 for a year from April).
fn quarter_months(quarter: u8, start_month: u32) -> String {
    let month = |offset: u32| (start_month + offset - 1) % 12 + 1;
    let first = 3 * (u32::from(quarter.clamp(1, 4)) - 1);
    format!("{}月〜{}月", month(first), month(first + 2))
}

/// 事業計画書: the project plan with its quarterly schedule.
fn plan(app: &GrantApplication, start_month: u32) -> Value {
    let schedule: Vec<Value> = (1..=4u8)
        .map(|q| {
            let content = app.schedule.iter().find(|s| s.quarter == q).map(|s| s.content.as_str()).unwrap_or("");
            json!({ "quarter": format!("第{q}四半期"), "months": quarter_months(q, start_month), "content": content })
        })
        .collect();
    json!({ "schedule": schedule })
}

/// The budget the 収支予算書 prints: the one being worked on — a change being prepared (to go with
/// the change application), else one with the city, else the current one (the latest approved;
/// before the award, the one applied with).
pub fn working_budget(app: &GrantApplication) -> Option<&BudgetVersion> {
    let latest = |state: BudgetState| app.budgets.iter().rev().find(|v| v.state == state);
    latest(BudgetState::Draft)
        .or_else(|| latest(BudgetState::Submitted))
        .or_else(|| app.budgets.iter().find(|v| v.current))
        .or_else(|| app.budgets.last())
}

fn no_budget() -> crate::Error {
    council_domain::Error::NotFound(Text::new(
        "この申請には収支予算がまだ入力されていません。予算を入力してから印刷してください。",
        "This application has no budget yet; enter the budget before printing.",
    ))
    .into()
}

/// 収支予算書: income lines, expense lines by category with their breakdown, totals and what the
/// grant is charged with.
fn budget(app: &GrantApplication) -> Result<Value> {
    let v = working_budget(app).ok_or_else(no_budget)?;
    let p = &app.program;
    let income: Vec<Value> = v
        .income
        .iter()
        .map(|l| json!({ "kind": l.kind.label_ja(), "description": l.description, "amount": format_amount(l.amount) }))
        .collect();
    // In the order of the categories, as on the 決算書, the 変更承認申請書 and the receipt sheets (the
    // lines of one category in the order they were entered).
    let mut lines: Vec<_> = v.expenses.iter().collect();
    lines.sort_by_key(|l| l.category);
    let expenses: Vec<Value> = lines
        .into_iter()
        .map(|l| {
            let breakdown: Vec<String> = l
                .breakdown
                .iter()
                .map(|r| {
                    format!(
                        "{} {}円×{}{}＝{}円",
                        r.item,
                        format_amount(r.unit_price),
                        format_amount(r.quantity),
                        r.unit,
                        format_amount(r.amount)
                    )
                })
                .collect();
            json!({
                "category": l.category.label_ja(),
                "description": l.description,
                "breakdown": breakdown,
                "amount": format_amount(l.amount),
                "grant": if l.charged_to_grant { "○" } else { "" },
                "eligible": p.eligible_categories.contains(&l.category),
            })
        })
        .collect();
    let input = v.input();
    let charged = input.eligible_grant_expenses(&p.eligible_categories);
    let grant_basis = format!(
        "交付金対象経費 {} × 補助率 {} ＝ {}（1円未満切り捨て）{}",
        format_yen(charged),
        p.rate_text.ja,
        format_yen(p.rate.cap(charged)),
        p.max_amount.map(|m| format!("、上限額 {}", format_yen(m))).unwrap_or_default()
    );
    Ok(json!({
        "version": v.version,
        "changed": v.version > 1,
        "income": income,
        "expenses": expenses,
        "income_total": format_amount(v.income_total),
        "expense_total": format_amount(v.expense_total),
        "grant_total": format_yen(v.grant_total),
        "grant_charged": format_yen(charged),
        "grant_basis": grant_basis,
    }))
}

/// 増減 as the forms print it: `+12,000` / `△3,000` / `0`.
fn signed(amount: i64) -> String {
    if amount > 0 { format!("+{}", format_amount(amount)) } else { format_amount(amount) }
}

/// The change of a budget line as a percentage of what it was (「+27％」), none without a base.
fn percent(before: i64, after: i64) -> String {
    if before == 0 {
        return String::new();
    }
    let p = ((after - before) as f64 / before as f64 * 100.0).round() as i64;
    if p > 0 { format!("+{p}％") } else { format!("{}％", format_amount(p)) }
}

/// 変更承認申請書: the budget of the change (being prepared, handed in or approved) against the
/// approved one before it, per category and per income kind, with the change's reason.
fn change(app: &GrantApplication) -> Result<Value> {
    let later = app.budgets.iter().rev().find(|v| v.version > 1 && v.state != BudgetState::Declined);
    let after = later.or_else(|| app.budgets.iter().rev().find(|v| v.version > 1)).ok_or_else(|| {
        crate::Error::from(council_domain::Error::NotFound(Text::new(
            "この申請には変更後の予算がありません。交付決定の後に予算を変更して保存すると、変更承認申請書を印刷できます。",
            "This application has no changed budget. Change and save the budget after the award to print the change \
             application.",
        )))
    })?;
    let earlier = |v: &&BudgetVersion| v.version < after.version;
    let before = app
        .budgets
        .iter()
        .rev()
        .filter(earlier)
        .find(|v| v.state == BudgetState::Approved)
        .or_else(|| app.budgets.iter().rev().find(earlier))
        .ok_or_else(no_budget)?;
    let (b, a) = (before.input(), after.input());
    let (b_cat, a_cat) = (b.by_category(), a.by_category());
    let of = |list: &[(ExpenseCategory, i64)], c: ExpenseCategory| list.iter().find(|(k, _)| *k == c).map(|(_, v)| *v);
    let expenses: Vec<Value> = ExpenseCategory::ALL
        .into_iter()
        .filter(|c| of(&b_cat, *c).is_some() || of(&a_cat, *c).is_some())
        .map(|c| {
            let (x, y) = (of(&b_cat, c).unwrap_or(0), of(&a_cat, c).unwrap_or(0));
            json!({
                "label": c.label_ja(),
                "before": format_amount(x),
                "after": format_amount(y),
                "difference": signed(y - x),
                "percent": percent(x, y),
                "changed": x != y,
            })
        })
        .collect();
    let kind_total = |lines: &[IncomeLine], k: IncomeKind| {
        let l: Vec<i64> = lines.iter().filter(|l| l.kind == k).map(|l| l.amount).collect();
        (!l.is_empty()).then(|| l.iter().sum::<i64>())
    };
    let income: Vec<Value> = IncomeKind::ALL
        .into_iter()
        .filter(|k| kind_total(&b.income, *k).is_some() || kind_total(&a.income, *k).is_some())
        .map(|k| {
            let (x, y) = (kind_total(&b.income, k).unwrap_or(0), kind_total(&a.income, k).unwrap_or(0));
            json!({
                "label": k.label_ja(),
                "before": format_amount(x),
                "after": format_amount(y),
                "difference": signed(y - x),
                "percent": percent(x, y),
                "changed": x != y,
            })
        })
        .collect();
    Ok(json!({
        "change": {
            "version": after.version,
            "state": after.state.label().ja,
            "submitted_on": date_or_blank(after.submitted_on),
            "decided_on": after.decided_on.map(wareki).unwrap_or_default(),
            "reason": after.reason,
            "expenses": expenses,
            "income": income,
            "expense_before": format_amount(before.expense_total),
            "expense_after": format_amount(after.expense_total),
            "expense_difference": signed(after.expense_total - before.expense_total),
            "income_before": format_amount(before.income_total),
            "income_after": format_amount(after.income_total),
            "income_difference": signed(after.income_total - before.income_total),
            "grant": format_yen(after.grant_total),
        },
        "attachments": [
            format!("変更後の{}", listed(&app.program.required_documents, DocumentKind::GrantPlan)),
            format!("変更後の{}", listed(&app.program.required_documents, DocumentKind::GrantBudget)),
        ],
    }))
}

/// 実績報告書: the award, the completion, what the project cost and what the grant comes to.
fn report(app: &GrantApplication, s: &Settlement) -> Value {
    let required = &app.program.required_documents;
    json!({
        "reported_on": date_or_blank(app.reported_on),
        "project_cost": format_yen(s.expense_actual_total),
        "grant_actual": format_yen(s.grant_actual),
        "grant_is_final": s.grant_is_final,
        "advance": yen_or_blank(app.advance_amount),
        "advance_paid_on": app.advance_paid_on.map(wareki).unwrap_or_default(),
        "participants": if app.participants_total > 0 { format!("延べ{}人", app.participants_total) } else { String::new() },
        "attachments": [
            listed(required, DocumentKind::GrantResults),
            listed(required, DocumentKind::GrantSettlement),
            "領収書の写し（領収書貼付台紙）".to_owned(),
            "事業の実施状況がわかる写真".to_owned(),
        ],
    })
}

/// 事業実績書: the events the grant paid for with their turnout (one still to come marked 予定), and
/// their photos.
fn results(r: &Read<'_>, app: &GrantApplication, today: NaiveDate, files: &mut Files) -> Value {
    let events: Vec<Value> = app
        .events
        .iter()
        .map(|e| {
            let count = |n: Option<i64>| n.map(|n| format!("{n}人")).unwrap_or_default();
            let planned = if e.starts_on > today { "（予定）" } else { "" };
            json!({
                "title": e.title,
                "when": format!("{}{planned}", e.when_text.ja),
                "place": e.place,
                "participants": count(e.actual_participants),
                "expected": count(e.expected_participants),
                "volunteers": count(e.volunteers),
            })
        })
        .collect();
    let mut photos = Vec::new();
    let dir = r.dir().attachments();
    for e in &app.events {
        for photo in &e.photos {
            // A photo whose file cannot be read is left out; the report still prints.
            let Ok((_, bytes)) = attachments::read(r, &dir, &photo.id) else { continue };
            let file = embed(&photo.sha256, bytes, files);
            if matches!(file, Embedded::Image { .. } | Embedded::Pdf { .. }) {
                photos.push(json!({ "caption": format!("{}（{}）", e.title, wareki(e.starts_on)), "file": file }));
            }
        }
    }
    let expected = app.expected_participants.map(|n| format!("（見込み {n}人）")).unwrap_or_default();
    json!({
        "events": events,
        "photos": photos,
        "participants_total": format!("延べ{}人{expected}", app.participants_total),
        "held": format!("{}回", app.events.len()),
    })
}

fn settlement_line(l: &SettlementLine) -> Value {
    json!({
        "label": l.label.ja,
        "budget": format_amount(l.budget),
        "actual": format_amount(l.actual),
        "difference": signed(l.difference),
        "reason": l.reason,
        "reason_needed": l.reason_needed,
    })
}

/// What keeps a settlement from being final: an income actual not known (neither in the books nor
/// entered: printed as 0, never the budget's figure), a reason not given for a large difference,
/// income and expenses that do not meet. While any is left, the form prints as 「（案）」 with the list
/// on a sheet of its own.
fn settlement_gaps(s: &Settlement) -> Vec<String> {
    let mut gaps: Vec<String> = s.missing_reasons.iter().map(|t| t.ja.clone()).collect();
    if s.balance != 0 {
        gaps.push(format!(
            "収入合計（{}）と支出合計（{}）が一致しません（差引 {}）。",
            format_yen(s.income_actual_total),
            format_yen(s.expense_actual_total),
            format_yen(s.balance)
        ));
    }
    gaps
}

/// 収支決算書: every line's budget, actual and 増減 with the reason, and the totals.
fn settlement_form(s: &Settlement) -> Value {
    let gaps = settlement_gaps(s);
    json!({
        "settlement": {
            "income": s.income.iter().map(settlement_line).collect::<Vec<_>>(),
            "expenses": s.expenses.iter().map(settlement_line).collect::<Vec<_>>(),
            "income_budget": format_amount(s.income_budget_total),
            "income_actual": format_amount(s.income_actual_total),
            "income_difference": signed(s.income_actual_total - s.income_budget_total),
            "expense_budget": format_amount(s.expense_budget_total),
            "expense_actual": format_amount(s.expense_actual_total),
            "expense_difference": signed(s.expense_actual_total - s.expense_budget_total),
            "balance": format_yen(s.balance),
            "grant_actual": format_yen(s.grant_actual),
            "grant_is_final": s.grant_is_final,
            "missing_reasons": s.missing_reasons.iter().map(|t| t.ja.as_str()).collect::<Vec<_>>(),
            "draft": !gaps.is_empty(),
            "gaps": gaps,
        },
    })
}

/// 請求書: once the final amount is fixed, that amount less any advance received (精算払), dated the
/// day it was claimed; before, the advance claimed (概算払), dated the day of that claim; with
/// neither, the amount and the day are left to fill in.
fn claim(app: &GrantApplication, bank: &council_domain::forms::BankAccount) -> Value {
    let advance = app.advance_amount.unwrap_or(0);
    let claimed_on = if app.settled_amount.is_some() { app.claimed_on } else { app.advance_claimed_on };
    let (kind, amount, lines) = match (app.settled_amount, app.advance_claimed_amount.or(app.advance_amount)) {
        (Some(settled), _) => {
            let mut lines = vec![("交付確定額", format_yen(settled))];
            if advance > 0 {
                lines.push(("概算払受領額", format_yen(advance)));
            }
            let claimed = (settled - advance).max(0);
            lines.push(("今回請求額", format_yen(claimed)));
            (if advance > 0 { "精算払" } else { "" }, Some(claimed), lines)
        }
        (None, Some(a)) => {
            let granted = app.amount_granted.map(format_yen).unwrap_or_default();
            ("概算払", Some(a), vec![("交付決定額", granted), ("今回請求額（概算払）", format_yen(a))])
        }
        (None, None) => ("", None, vec![("交付決定額", yen_or_blank(app.amount_granted))]),
    };
    json!({
        "claimed_on": date_or_blank(claimed_on),
        "claim_kind": kind,
        "amount": amount.map(format_amount).unwrap_or_default(),
        "settled_on": app.settled_on.map(wareki).unwrap_or_default(),
        "amount_lines": lines.iter().map(|(k, v)| [*k, v.as_str()]).collect::<Vec<_>>(),
        // Without an account in the settings the template prints lines to fill in.
        "bank": if bank.is_empty() { Value::Null } else {
            json!({
                "bank": bank.bank, "branch": bank.branch, "kind": bank.kind.label_ja(), "number": bank.number,
                "holder_kana": bank.holder_kana, "holder": bank.holder,
            })
        },
    })
}

/// A 但し書き a clerk sends back: it does not say what was bought.
fn vague_purpose(description: &str) -> bool {
    let d: String = description.chars().filter(|c| !c.is_whitespace()).collect();
    let d = d.trim_start_matches("但し").trim_start_matches("但").trim_end_matches("として");
    matches!(d, "" | "品代" | "お品代" | "御品代" | "商品代" | "代金" | "お買上げ" | "お買い上げ" | "お買物代")
}

/// A receipt made out to no one in particular (上様), which most cities do not accept.
fn vague_addressee(addressee: &str) -> bool {
    matches!(addressee.trim(), "上様" | "上さま" | "うえさま")
}

/// 領収書貼付台紙: a 総括表 (per category the count, the total and what the grant and the council's
/// own money paid, then the grand total), then per category the receipts' list and the receipts
/// themselves (a PDF's pages, a photographed receipt), numbered alike through the whole document;
/// receipts a clerk would send back (a vague 但し書き, 上様) are listed on a last sheet that is not
/// handed in.
fn receipts(r: &Read<'_>, app: &GrantApplication, files: &mut Files) -> Value {
    let dir = r.dir().attachments();
    let mut number = 0;
    let mut categories = Vec::new();
    let mut checks = Vec::new();
    for category in ExpenseCategory::ALL {
        let mut list: Vec<_> = app.expenses.iter().filter(|e| e.category == category).collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|e| e.paid_on);
        let mut items = Vec::new();
        let mut pasted = Vec::new();
        for e in &list {
            number += 1;
            if vague_purpose(&e.description) {
                checks.push(format!(
                    "No.{number}（{}、{}）：但し書きが「{}」です。品名の分かる領収書をもらい直すか、レシート・納品書を添えてください。",
                    e.payee,
                    format_yen(e.amount),
                    e.description.trim()
                ));
            }
            if vague_addressee(&e.addressee) {
                checks.push(format!(
                    "No.{number}（{}、{}）：宛名が「上様」です。宛名を団体名にした領収書をもらい直してください。",
                    e.payee,
                    format_yen(e.amount)
                ));
            }
            // A receipt whose file cannot be read (missing, changed) is listed to hand in separately.
            let file = e.receipt.as_ref().map(|receipt| match expenses::receipt(r, &dir, &e.id) {
                Ok((_, bytes)) => embed(&receipt.sha256, bytes, files),
                Err(_) => Embedded::Other,
            });
            let note = match &file {
                None => "領収書なし",
                Some(Embedded::Pdf { .. } | Embedded::Image { .. }) => "",
                Some(_) => "原本を別に添付",
            };
            items.push(json!({
                "number": number,
                "date": wareki(e.paid_on),
                "description": e.description,
                "payee": e.payee,
                "amount": format_amount(e.amount),
                "funding": if e.from_grant { "交付金" } else { "自己資金" },
                "note": note,
            }));
            if let Some(file @ (Embedded::Pdf { .. } | Embedded::Image { .. })) = file {
                pasted.push(json!({
                    "number": number,
                    "caption": format!("{} {} {}", wareki(e.paid_on), e.payee, format_yen(e.amount)),
                    "file": file,
                }));
            }
        }
        let sum = |grant: Option<bool>| -> i64 {
            list.iter().filter(|e| grant.is_none_or(|g| e.from_grant == g)).map(|e| e.amount).sum()
        };
        categories.push(json!({
            "label": category.label_ja(),
            "count": list.len(),
            "total": format_amount(sum(None)),
            "grant": format_amount(sum(Some(true))),
            "own": format_amount(sum(Some(false))),
            "items": items,
            "receipts": pasted,
        }));
    }
    let total = |grant: Option<bool>| -> i64 {
        app.expenses.iter().filter(|e| grant.is_none_or(|g| e.from_grant == g)).map(|e| e.amount).sum()
    };
    json!({
        "categories": categories,
        "total": format_yen(app.expense_total),
        "total_amount": format_amount(total(None)),
        "total_grant": format_amount(total(Some(true))),
        "total_own": format_amount(total(Some(false))),
        "count": number,
        "checks": checks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_addressed_to_the_head_of_the_grantor() {
        assert_eq!(addressee("みどり市 市民協働課", "みどり市"), "みどり市長 様");
        assert_eq!(addressee("みどり市地域づくり推進課", ""), "みどり市長 様");
        assert_eq!(addressee("四日市市 市民協働課", ""), "四日市市長 様", "the first word when there is one");
        assert_eq!(addressee("町田市", ""), "町田市長 様");
        assert_eq!(addressee("みどり県 地域振興課", ""), "みどり県知事 様");
        assert_eq!(addressee("一般財団法人自治総合センター", "みどり市"), "一般財団法人自治総合センター 様");
        assert_eq!(addressee("", "みどり市"), "みどり市長 様", "without a grantor, the council's city");
    }

    #[test]
    fn the_program_may_number_its_forms() {
        let docs = vec!["交付申請書（第1号様式）".to_owned(), "事業計画書（様式第2号）".to_owned()];
        assert_eq!(form_number(&docs, "交付申請書", "第9号様式"), "第1号様式");
        assert_eq!(form_number(&docs, "収支予算書", "第3号様式"), "第3号様式", "not listed: the default");
        assert_eq!(form_number(&docs, "事業計画書", "第9号様式"), "様式第2号", "as the city writes it");
    }

    #[test]
    fn quarters_follow_the_councils_year() {
        assert_eq!(quarter_months(1, 4), "4月〜6月");
        assert_eq!(quarter_months(4, 4), "1月〜3月");
        assert_eq!(quarter_months(3, 1), "7月〜9月");
    }

    #[test]
    fn differences_are_signed_as_forms_write_them() {
        assert_eq!(signed(12_000), "+12,000");
        assert_eq!(signed(-3_000), "△3,000");
        assert_eq!(signed(0), "0");
        assert_eq!(percent(100_000, 127_000), "+27％");
        assert_eq!(percent(100_000, 80_000), "△20％");
        assert_eq!(percent(0, 5_000), "");
    }
}
