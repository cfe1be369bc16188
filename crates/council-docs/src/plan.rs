//! The yearly review of the community plan printed as the city's 施策シート: one sheet per measure with
//! its policy, current state and issues, the actions with who carries them and what was done in the
//! year, and the indicator table (baseline / target / actual / progress / reasoning). The facts come
//! from [`council_domain::plan::review`]; numbers and dates are formatted here for the template.
use council_domain::Read;
use council_domain::calendar::FiscalYear;
use council_domain::plan::{self, PlanId};
use council_domain::text::Text;

use crate::Header;
use crate::error::Result;

/// An indicator's value as the sheet prints it: separators, at most two decimals (1,234.5).
pub(crate) fn figure(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc() as i64;
    let mut text = council_domain::money::format_amount(whole.abs());
    if rounded < 0.0 {
        text.insert(0, '-');
    }
    let fraction = format!("{:.2}", (rounded - rounded.trunc()).abs());
    let fraction = fraction.trim_start_matches('0').trim_end_matches('0').trim_end_matches('.');
    text + fraction
}

/// A value with its unit as papers print it: a percent sign is always the full-width 「％」, whichever
/// the officer typed (one percent sign on every paper).
pub(crate) fn quantity(value: f64, unit: &str) -> String {
    let unit = if unit.trim() == "%" { "％" } else { unit };
    format!("{}{unit}", figure(value))
}

/// A percentage as papers print it (53.8％).
pub(crate) fn percent(value: f64) -> String {
    quantity(value, "％")
}

pub(crate) fn review(
    r: &Read<'_>,
    header: &Header,
    version: Option<&str>,
    fiscal_year: i32,
) -> Result<serde_json::Value> {
    let id = match version {
        Some(id) => PlanId(id.to_owned()),
        None => {
            plan::get_or_current(r, None)?
                .ok_or_else(|| {
                    council_domain::Error::NotFound(Text::new(
                        "まちづくり計画がまだ登録されていません。",
                        "No community plan has been set up yet.",
                    ))
                })?
                .summary
                .id
        }
    };
    let review = plan::review_of_year(r, &id, Some(fiscal_year), r.today())?;
    let measures: Vec<_> = review
        .measures
        .iter()
        .map(|m| {
            let actions: Vec<_> = m
                .actions
                .iter()
                .map(|a| {
                    let mut done: Vec<String> = a
                        .events
                        .iter()
                        .map(|e| {
                            let planned = if e.planned { "（予定）" } else { "" };
                            let turnout = e.participants.map(|n| format!("（{n}人）")).unwrap_or_default();
                            format!("{} {}{planned}{turnout}", e.date_text, e.title)
                        })
                        .collect();
                    if !a.comment.is_empty() {
                        done.push(a.comment.clone());
                    }
                    serde_json::json!({
                        "code": a.action.code,
                        "name": a.action.name,
                        "activities": a.action.main_activities,
                        "responsible": a.action.responsible,
                        "status": a.status_ja,
                        "done": done,
                    })
                })
                .collect();
            let indicators: Vec<_> = m
                .indicators
                .iter()
                .map(|i| {
                    let ind = &i.indicator;
                    serde_json::json!({
                        "name": ind.name,
                        "baseline": quantity(ind.baseline_value, &ind.unit),
                        "baseline_year": FiscalYear(ind.baseline_year).label_ja(),
                        "target": quantity(ind.target_value, &ind.unit),
                        "target_year": FiscalYear(ind.target_year).label_ja(),
                        "actual": i.actual.map(|v| quantity(v, &ind.unit)).unwrap_or_else(|| "—".into()),
                        // Blank when the year has no actual: a percentage from an earlier year would mislead.
                        "progress": i.actual.and(i.progress.percent).map(percent).unwrap_or_default(),
                        "reasoning": ind.reasoning,
                    })
                })
                .collect();
            serde_json::json!({
                "policy": m.policy,
                "code": m.code,
                "title": m.title,
                "current_state": m.current_state,
                "actions": actions,
                "indicators": indicators,
            })
        })
        .collect();
    Ok(serde_json::json!({
        "header": header,
        "plan_title": review.plan.title,
        "period": review.plan.period.ja,
        "version": review.plan.version,
        "fiscal_year": review.fiscal_year.label_ja,
        "vision": review.vision,
        "measures": measures,
    }))
}

#[cfg(test)]
mod tests {
    use super::figure;

    #[test]
    fn figures_as_the_sheet_prints_them() {
        assert_eq!(figure(1234.5), "1,234.5");
        assert_eq!(figure(79.8), "79.8");
        assert_eq!(figure(40.0), "40");
        assert_eq!(figure(-25.0), "-25");
        assert_eq!(figure(33.333), "33.33");
    }
}
