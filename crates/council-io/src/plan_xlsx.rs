//! The plan's tree and indicators as an Excel workbook, out and in: the city often sends its plan
//! template in Excel, and councils keep their plan there.
//!
//! The workbook has three sheets. 「計画」 holds the plan's own fields as 項目 / 内容 rows. 「事業」 has
//! one row per action (a measure without actions has a row of its own) with its policy and measure;
//! policy and measure cells left blank repeat the row above, as merged cells in a city's template
//! read. 「指標」 has one row per indicator, placed by policy, measure and (for an action's indicator)
//! action number, with one 「実績 2024」 column per fiscal year of actuals.
//!
//! Reading is all or nothing: [`preview`] reads the whole file and lists every problem with its sheet
//! and row; [`import`] refuses a file with any problem and otherwise creates a new plan through the
//! same use cases as the screens (validated and recorded in the history). Partners named in the file
//! that are not registered yet are registered, and the preview says which.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::{Cell, cell_text, write_failed, write_table};
use council_domain::Write;
use council_domain::error::{Error, Result};
use council_domain::partners::{self, PartnerId, PartnerInput, PartnerKind};
use council_domain::plan::{
    ActionInput, ActionStatus, IndicatorInput, IndicatorOwner, MeasureInput, Plan, PlanId, PlanInput, PolicyInput,
    ScheduleSlot,
};
use council_domain::text::Text;

const PLAN_SHEET: &str = "計画";
const ACTION_SHEET: &str = "事業";
const INDICATOR_SHEET: &str = "指標";

const ACTION_HEADERS: [&str; 13] = [
    "基本方針番号",
    "基本方針",
    "施策番号",
    "施策",
    "現状と課題",
    "事業番号",
    "事業名",
    "事業内容",
    "主な実施内容",
    "主体",
    "連携団体",
    "実施時期",
    "状況",
];

const INDICATOR_HEADERS: [&str; 10] = [
    "基本方針番号",
    "施策番号",
    "事業番号",
    "指標名",
    "単位",
    "現状値",
    "現状値の年度",
    "目標値",
    "目標値の年度",
    "設定の考え方",
];

/// `2024:2,3; 2025:2` — the quarters an action runs in, by fiscal year.
pub fn schedule_text(slots: &[ScheduleSlot]) -> String {
    let mut by_year: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for s in slots {
        by_year.entry(s.fiscal_year).or_default().push(s.quarter);
    }
    by_year
        .iter()
        .map(|(y, qs)| format!("{y}:{}", qs.iter().map(i32::to_string).collect::<Vec<_>>().join(",")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads [`schedule_text`]'s form, also with full-width characters, `年度`, `Q`, `・` and `通年`.
pub fn parse_schedule(text: &str) -> Option<Vec<ScheduleSlot>> {
    let folded = council_domain::kana::fold(text);
    let mut out = Vec::new();
    for part in folded.split([';', '/', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let (year, quarters) = part.split_once(':')?;
        let year: i32 = year.trim().trim_end_matches("年度").trim().parse().ok()?;
        let quarters = quarters.trim();
        if quarters == "通年" {
            out.extend((1..=4).map(|quarter| ScheduleSlot { fiscal_year: year, quarter }));
            continue;
        }
        for q in quarters.split([',', '・', '、']).map(|q| q.trim().trim_end_matches(['q', 'Q'])) {
            let quarter: i32 = q.parse().ok().filter(|n| (1..=4).contains(n))?;
            out.push(ScheduleSlot { fiscal_year: year, quarter });
        }
    }
    Some(out)
}

/// A measure's number as plans write it: `2`, `②`, `1-②`.
fn parse_measure_number(text: &str) -> Option<i32> {
    let last = text.rsplit(['-', '－', 'ー']).next()?.trim();
    if let Some(c) = last.chars().next().filter(|_| last.chars().count() == 1)
        && ('\u{2460}'..='\u{2473}').contains(&c)
    {
        return Some(c as i32 - 0x2460 + 1);
    }
    number(last)
}

fn number(text: &str) -> Option<i32> {
    council_domain::kana::fold(text).trim().parse().ok().filter(|n| *n >= 1)
}

fn decimal(text: &str) -> Option<f64> {
    council_domain::kana::fold(text).replace([',', '%', '％'], "").trim().parse().ok().filter(|v: &f64| v.is_finite())
}

/// A fiscal year as a cell writes it: `2024`, `2024年度`, `令和6年度`, `R6`.
fn year(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches("年度").trim_end_matches('度');
    council_domain::calendar::parse_year(t)
}

/// The plan as a workbook.
pub fn export(plan: &Plan) -> Result<Vec<u8>> {
    let build = || -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(PLAN_SHEET)?;
        let rows = vec![
            vec![Cell::Text("計画名".into()), Cell::Text(plan.summary.title.clone())],
            vec![Cell::Text("開始年度".into()), Cell::Number(plan.summary.start_year.into())],
            vec![Cell::Text("終了年度".into()), Cell::Number(plan.summary.end_year.into())],
            vec![Cell::Text("目指す姿".into()), Cell::Text(plan.vision.clone())],
            vec![Cell::Text("版".into()), Cell::Number(plan.summary.version.into())],
        ];
        write_table(sheet, 0, &["項目", "内容"], &rows)?;

        let sheet = book.add_worksheet();
        sheet.set_name(ACTION_SHEET)?;
        let mut rows = Vec::new();
        for p in &plan.policies {
            for m in &p.measures {
                let head = |cells: &mut Vec<Cell>| {
                    cells.extend([
                        Cell::Number(p.number.into()),
                        Cell::Text(p.title.clone()),
                        Cell::Number(m.number.into()),
                        Cell::Text(m.title.clone()),
                        Cell::Text(m.current_state.clone()),
                    ])
                };
                if m.actions.is_empty() {
                    let mut cells = Vec::new();
                    head(&mut cells);
                    cells.extend(std::iter::repeat_n(Cell::Empty, ACTION_HEADERS.len() - 5));
                    rows.push(cells);
                }
                for a in &m.actions {
                    let mut cells = Vec::new();
                    head(&mut cells);
                    cells.extend([
                        Cell::Number(a.number.into()),
                        Cell::Text(a.name.clone()),
                        Cell::Text(a.content.clone()),
                        Cell::Text(a.main_activities.clone()),
                        Cell::Text(a.responsible.clone()),
                        Cell::Text(a.partners.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join("、")),
                        Cell::Text(schedule_text(&a.schedule)),
                        Cell::Text(a.status.label_ja().to_owned()),
                    ]);
                    rows.push(cells);
                }
            }
        }
        write_table(sheet, 0, &ACTION_HEADERS, &rows)?;
        sheet.set_freeze_panes(1, 0)?;

        let sheet = book.add_worksheet();
        sheet.set_name(INDICATOR_SHEET)?;
        let years: Vec<i32> = (plan.summary.start_year..=plan.summary.end_year).collect();
        let year_headers: Vec<String> = years.iter().map(|y| format!("実績 {y}")).collect();
        let headers: Vec<&str> =
            INDICATOR_HEADERS.iter().copied().chain(year_headers.iter().map(String::as_str)).collect();
        let mut rows = Vec::new();
        for p in &plan.policies {
            for m in &p.measures {
                let owned = m
                    .indicators
                    .iter()
                    .map(|i| (None, i))
                    .chain(m.actions.iter().flat_map(|a| a.indicators.iter().map(move |i| (Some(a.number), i))));
                for (action, i) in owned {
                    let mut cells = vec![
                        Cell::Number(p.number.into()),
                        Cell::Number(m.number.into()),
                        action.map_or(Cell::Empty, |n| Cell::Number(n.into())),
                        Cell::Text(i.name.clone()),
                        Cell::Text(i.unit.clone()),
                        Cell::Decimal(i.baseline_value),
                        Cell::Number(i.baseline_year.into()),
                        Cell::Decimal(i.target_value),
                        Cell::Number(i.target_year.into()),
                        Cell::Text(i.reasoning.clone()),
                    ];
                    for y in &years {
                        cells.push(
                            i.actuals
                                .iter()
                                .find(|a| a.fiscal_year == *y)
                                .map_or(Cell::Empty, |a| Cell::Decimal(a.value)),
                        );
                    }
                    rows.push(cells);
                }
            }
        }
        write_table(sheet, 0, &headers, &rows)?;
        sheet.set_freeze_panes(1, 0)?;
        let note = Format::new().set_italic();
        sheet.write_string_with_format(
            rows.len() as u32 + 2,
            0,
            "事業番号が空の行は施策の指標です。実績の列は「実績 2024」のように年度を書きます。",
            &note,
        )?;
        book.save_to_buffer()
    };
    build().map_err(write_failed)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A problem in the file, by sheet and row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanFileProblem {
    /// The sheet (計画, 事業, 指標).
    pub sheet: String,
    /// The row as Excel numbers it (0 for a problem with the sheet as a whole).
    pub row: u32,
    /// What is wrong and how to fix it.
    pub message: Text,
}

/// What importing a plan workbook would create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanImportPreview {
    /// The plan's title.
    pub title: String,
    /// Its period.
    pub period: Text,
    /// Policies in the file.
    pub policies: u32,
    /// Measures.
    pub measures: u32,
    /// Actions.
    pub actions: u32,
    /// Indicators.
    pub indicators: u32,
    /// Actual values.
    pub actuals: u32,
    /// Partners named in the file and not registered yet: importing registers them.
    pub new_partners: Vec<String>,
    /// Every problem; while there is one, nothing can be imported.
    pub problems: Vec<PlanFileProblem>,
}

#[derive(Debug, Default)]
struct ParsedMeasure {
    number: i32,
    title: String,
    current_state: String,
    actions: Vec<(ActionInput, Vec<String>)>,
}

#[derive(Debug, Default)]
struct ParsedPolicy {
    number: i32,
    title: String,
    measures: Vec<ParsedMeasure>,
}

#[derive(Debug)]
struct ParsedIndicator {
    policy: i32,
    measure: i32,
    action: Option<i32>,
    input: IndicatorInput,
    actuals: Vec<(i32, f64)>,
}

/// A plan workbook, read.
#[derive(Debug)]
pub struct ParsedPlan {
    plan: PlanInput,
    policies: Vec<ParsedPolicy>,
    indicators: Vec<ParsedIndicator>,
    problems: Vec<PlanFileProblem>,
}

type Rows = Vec<(u32, Vec<String>)>;

/// A sheet's non-blank rows, read within the limits (`None` when the workbook has no such sheet).
fn sheet_rows(book: &mut Xlsx<Cursor<&[u8]>>, name: &str, file_name: &str) -> Result<Option<Rows>> {
    if !book.sheet_names().iter().any(|n| n == name) {
        return Ok(None);
    }
    let range = crate::limits::read_sheet(book, name, file_name)?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    Ok(Some(
        range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut texts = vec![String::new(); first_col as usize];
                texts.extend(cells.iter().map(|c| cell_text(c).trim().to_owned()));
                (first_row + i as u32 + 1, texts)
            })
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
            .collect(),
    ))
}

/// Column positions by header word (spaces ignored).
fn columns(header: &[String]) -> HashMap<String, usize> {
    header.iter().enumerate().map(|(i, h)| (h.replace([' ', '　'], ""), i)).collect()
}

/// Reads a plan workbook; every problem is collected, none stops the reading.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<ParsedPlan> {
    crate::limits::check_workbook(file_name, bytes)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        Error::invalid(
            "file",
            Text::new(
                format!("「{file_name}」を Excel のファイル（.xlsx）として開けませんでした。Excel で保存し直してから選んでください。"),
                format!("“{file_name}” could not be opened as an Excel workbook (.xlsx). Save it again from Excel and retry."),
            ),
        )
    })?;
    let mut problems = Vec::new();
    let mut problem = |sheet: &str, row: u32, ja: String, en: String| {
        problems.push(PlanFileProblem { sheet: sheet.to_owned(), row, message: Text::new(ja, en) })
    };
    let missing_sheet = |name: &str| {
        (
            format!("「{name}」シートがありません。書き出したファイルと同じ形のシートを用意してください。"),
            format!("The sheet “{name}” is missing. Use the same sheets as an exported plan."),
        )
    };

    // 計画
    let mut plan = PlanInput { title: String::new(), start_year: 0, end_year: 0, vision: String::new() };
    match sheet_rows(&mut book, PLAN_SHEET, file_name)? {
        None => {
            let (ja, en) = missing_sheet(PLAN_SHEET);
            problem(PLAN_SHEET, 0, ja, en);
        }
        Some(rows) => {
            for (row, cells) in &rows {
                let value = cells.get(1).cloned().unwrap_or_default();
                match cells.first().map(String::as_str).unwrap_or("") {
                    "計画名" => plan.title = value,
                    "目指す姿" => plan.vision = value,
                    key @ ("開始年度" | "終了年度") => match year(&value) {
                        Some(y) if key == "開始年度" => plan.start_year = y,
                        Some(y) => plan.end_year = y,
                        None => problem(
                            PLAN_SHEET,
                            *row,
                            format!("{key}を読めません（「{value}」）。2024 や 令和6年度 のように書いてください。"),
                            format!("The {key} “{value}” is not a fiscal year; write 2024 or 令和6年度."),
                        ),
                    },
                    _ => {}
                }
            }
            if plan.title.trim().is_empty() {
                problem(
                    PLAN_SHEET,
                    0,
                    "計画名がありません。「計画名」の行を入れてください。".into(),
                    "The plan has no title (row 計画名).".into(),
                );
            }
            if plan.start_year == 0 || plan.end_year < plan.start_year {
                problem(
                    PLAN_SHEET,
                    0,
                    "開始年度と終了年度を確かめてください（終了年度は開始年度と同じか後）。".into(),
                    "Check the first and last fiscal years.".into(),
                );
            }
        }
    }

    // 事業
    let mut policies: Vec<ParsedPolicy> = Vec::new();
    match sheet_rows(&mut book, ACTION_SHEET, file_name)? {
        None => {
            let (ja, en) = missing_sheet(ACTION_SHEET);
            problem(ACTION_SHEET, 0, ja, en);
        }
        Some(rows) => {
            let Some((header_row, header)) = rows.first() else {
                return Err(Error::invalid("file", Text::new("「事業」シートが空です。", "The 事業 sheet is empty.")));
            };
            let cols = columns(header);
            for required in ["基本方針番号", "基本方針", "施策番号", "施策"] {
                if !cols.contains_key(required) {
                    problem(
                        ACTION_SHEET,
                        *header_row,
                        format!("見出し「{required}」の列がありません。"),
                        format!("The column “{required}” is missing."),
                    );
                }
            }
            let get =
                |cells: &[String], name: &str| cols.get(name).and_then(|i| cells.get(*i)).cloned().unwrap_or_default();
            for (row, cells) in rows.iter().skip(1) {
                let pn_text = get(cells, "基本方針番号");
                if !pn_text.is_empty() {
                    match number(&pn_text) {
                        Some(n) if policies.last().is_none_or(|p| p.number != n) => {
                            if policies.iter().any(|p| p.number == n) {
                                problem(
                                    ACTION_SHEET,
                                    *row,
                                    format!(
                                        "基本方針{n}の行が離れています。同じ基本方針の行はまとめて並べてください。"
                                    ),
                                    format!("Policy {n} appears again further down; keep its rows together."),
                                );
                                continue;
                            }
                            policies.push(ParsedPolicy {
                                number: n,
                                title: get(cells, "基本方針"),
                                measures: Vec::new(),
                            });
                        }
                        Some(_) => {}
                        None => {
                            problem(
                                ACTION_SHEET,
                                *row,
                                format!("基本方針番号「{pn_text}」は番号ではありません。"),
                                format!("Policy number “{pn_text}” is not a number."),
                            );
                            continue;
                        }
                    }
                }
                let Some(policy) = policies.last_mut() else {
                    problem(
                        ACTION_SHEET,
                        *row,
                        "基本方針番号がありません。".into(),
                        "The policy number is missing.".into(),
                    );
                    continue;
                };
                if policy.title.is_empty() {
                    policy.title = get(cells, "基本方針");
                }
                let mn_text = get(cells, "施策番号");
                if !mn_text.is_empty() {
                    match parse_measure_number(&mn_text) {
                        Some(n) if policy.measures.last().is_none_or(|m| m.number != n) => {
                            if policy.measures.iter().any(|m| m.number == n) {
                                problem(
                                    ACTION_SHEET,
                                    *row,
                                    format!("施策{n}の行が離れています。同じ施策の行はまとめて並べてください。"),
                                    format!("Measure {n} appears again further down; keep its rows together."),
                                );
                                continue;
                            }
                            policy.measures.push(ParsedMeasure {
                                number: n,
                                title: get(cells, "施策"),
                                current_state: get(cells, "現状と課題"),
                                actions: Vec::new(),
                            });
                        }
                        Some(_) => {}
                        None => {
                            problem(
                                ACTION_SHEET,
                                *row,
                                format!("施策番号「{mn_text}」を読めません（1 や ① のように書きます）。"),
                                format!("Measure number “{mn_text}” cannot be read."),
                            );
                            continue;
                        }
                    }
                }
                let Some(measure) = policy.measures.last_mut() else {
                    problem(
                        ACTION_SHEET,
                        *row,
                        "施策番号がありません。".into(),
                        "The measure number is missing.".into(),
                    );
                    continue;
                };
                let name = get(cells, "事業名");
                if name.is_empty() {
                    continue; // a measure's own row
                }
                let action_number = get(cells, "事業番号");
                let number_value = if action_number.is_empty() { None } else { number(&action_number) };
                if !action_number.is_empty() && number_value.is_none() {
                    problem(
                        ACTION_SHEET,
                        *row,
                        format!("事業番号「{action_number}」は番号ではありません。"),
                        format!("Action number “{action_number}” is not a number."),
                    );
                }
                let status_text = get(cells, "状況");
                let status = ActionStatus::from_label(&status_text).unwrap_or_else(|| {
                    problem(
                        ACTION_SHEET,
                        *row,
                        format!("状況「{status_text}」は 未着手・実施中・完了・休止 のどれかにしてください。"),
                        format!("Status “{status_text}” must be one of 未着手, 実施中, 完了, 休止."),
                    );
                    ActionStatus::NotStarted
                });
                let schedule_cell = get(cells, "実施時期");
                let schedule = parse_schedule(&schedule_cell).unwrap_or_else(|| {
                    problem(ACTION_SHEET, *row, format!("実施時期「{schedule_cell}」を読めません。「2024:2,3; 2025:2」のように年度と四半期を書いてください。"), format!("Schedule “{schedule_cell}” cannot be read; write e.g. 2024:2,3; 2025:2."));
                    Vec::new()
                });
                let partner_names: Vec<String> = get(cells, "連携団体")
                    .split(['、', ',', '，', '\n'])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect();
                measure.actions.push((
                    ActionInput {
                        number: number_value,
                        name,
                        content: get(cells, "事業内容"),
                        main_activities: get(cells, "主な実施内容"),
                        responsible: get(cells, "主体"),
                        status,
                        partner_ids: Vec::new(),
                        schedule,
                    },
                    partner_names,
                ));
            }
            if policies.is_empty() {
                problem(
                    ACTION_SHEET,
                    0,
                    "基本方針が1つもありません。".into(),
                    "There is no policy in the file.".into(),
                );
            }
        }
    }

    // 指標
    let mut indicators = Vec::new();
    if let Some(rows) = sheet_rows(&mut book, INDICATOR_SHEET, file_name)?
        && let Some((header_row, header)) = rows.first()
    {
        let cols = columns(header);
        for required in ["基本方針番号", "施策番号", "指標名", "現状値", "現状値の年度", "目標値", "目標値の年度"]
        {
            if !cols.contains_key(required) {
                problem(
                    INDICATOR_SHEET,
                    *header_row,
                    format!("見出し「{required}」の列がありません。"),
                    format!("The column “{required}” is missing."),
                );
            }
        }
        let actual_columns: Vec<(usize, i32)> = header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.strip_prefix("実績").and_then(|y| year(y.trim())).map(|y| (i, y)))
            .collect();
        let get =
            |cells: &[String], name: &str| cols.get(name).and_then(|i| cells.get(*i)).cloned().unwrap_or_default();
        for (row, cells) in rows.iter().skip(1) {
            let name = get(cells, "指標名");
            if name.is_empty() {
                continue; // notes under the table
            }
            let mut bad = |what: &str, value: String| {
                problem(
                    INDICATOR_SHEET,
                    *row,
                    format!("指標「{name}」の{what}「{value}」を読めません。"),
                    format!("Indicator “{name}”: {what} “{value}” cannot be read."),
                )
            };
            let policy = number(&get(cells, "基本方針番号"));
            let measure = parse_measure_number(&get(cells, "施策番号"));
            let action_text = get(cells, "事業番号");
            let action = if action_text.is_empty() { Some(None) } else { number(&action_text).map(Some) };
            let baseline = decimal(&get(cells, "現状値"));
            let target = decimal(&get(cells, "目標値"));
            let baseline_year = year(&get(cells, "現状値の年度"));
            let target_year = year(&get(cells, "目標値の年度"));
            let mut ok = true;
            for (what, value, good) in [
                ("基本方針番号", get(cells, "基本方針番号"), policy.is_some()),
                ("施策番号", get(cells, "施策番号"), measure.is_some()),
                ("事業番号", action_text.clone(), action.is_some()),
                ("現状値", get(cells, "現状値"), baseline.is_some()),
                ("目標値", get(cells, "目標値"), target.is_some()),
                ("現状値の年度", get(cells, "現状値の年度"), baseline_year.is_some()),
                ("目標値の年度", get(cells, "目標値の年度"), target_year.is_some()),
            ] {
                if !good {
                    bad(what, value);
                    ok = false;
                }
            }
            let mut actuals = Vec::new();
            for (col, y) in &actual_columns {
                let text = cells.get(*col).cloned().unwrap_or_default();
                if text.is_empty() {
                    continue;
                }
                match decimal(&text) {
                    Some(v) => actuals.push((*y, v)),
                    None => {
                        bad(&format!("{y}年度の実績"), text);
                        ok = false;
                    }
                }
            }
            if let (true, Some(policy), Some(measure), Some(action), Some(b), Some(t), Some(by), Some(ty)) =
                (ok, policy, measure, action, baseline, target, baseline_year, target_year)
            {
                indicators.push(ParsedIndicator {
                    policy,
                    measure,
                    action,
                    input: IndicatorInput {
                        name: name.clone(),
                        unit: get(cells, "単位"),
                        baseline_value: b,
                        baseline_year: by,
                        target_value: t,
                        target_year: ty,
                        reasoning: get(cells, "設定の考え方"),
                    },
                    actuals,
                });
            }
        }
    }
    // Each indicator must name a measure (and action) the 事業 sheet has.
    for ind in &indicators {
        let Some(m) = policies
            .iter()
            .find(|p| p.number == ind.policy)
            .and_then(|p| p.measures.iter().find(|m| m.number == ind.measure))
        else {
            problems.push(PlanFileProblem {
                sheet: INDICATOR_SHEET.to_owned(),
                row: 0,
                message: Text::new(
                    format!(
                        "指標「{}」の施策（{}-{}）が「事業」シートにありません。",
                        ind.input.name,
                        ind.policy,
                        council_domain::plan::circled(ind.measure)
                    ),
                    format!("Indicator “{}”: its measure is not on the 事業 sheet.", ind.input.name),
                ),
            });
            continue;
        };
        if let Some(a) = ind.action
            && !m.actions.iter().enumerate().any(|(i, (x, _))| x.number.unwrap_or(i as i32 + 1) == a)
        {
            problems.push(PlanFileProblem {
                sheet: INDICATOR_SHEET.to_owned(),
                row: 0,
                message: Text::new(
                    format!("指標「{}」の事業番号{a}が、その施策にありません。", ind.input.name),
                    format!("Indicator “{}”: the measure has no action {a}.", ind.input.name),
                ),
            });
        }
    }
    Ok(ParsedPlan { plan, policies, indicators, problems })
}

/// What importing `parsed` would create, with every problem.
pub fn preview(conn: &Connection, parsed: &ParsedPlan) -> Result<PlanImportPreview> {
    let known: std::collections::HashSet<String> = partners::list(conn)?.into_iter().map(|p| p.name).collect();
    let mut new_partners: Vec<String> = parsed
        .policies
        .iter()
        .flat_map(|p| &p.measures)
        .flat_map(|m| &m.actions)
        .flat_map(|(_, names)| names.iter().cloned())
        .filter(|n| !known.contains(n))
        .collect();
    new_partners.sort();
    new_partners.dedup();
    let measures: Vec<&ParsedMeasure> = parsed.policies.iter().flat_map(|p| &p.measures).collect();
    Ok(PlanImportPreview {
        title: parsed.plan.title.clone(),
        period: council_domain::plan::period_text(
            parsed.plan.start_year,
            parsed.plan.end_year.max(parsed.plan.start_year),
        ),
        policies: parsed.policies.len() as u32,
        measures: measures.len() as u32,
        actions: measures.iter().map(|m| m.actions.len() as u32).sum(),
        indicators: parsed.indicators.len() as u32,
        actuals: parsed.indicators.iter().map(|i| i.actuals.len() as u32).sum(),
        new_partners,
        problems: parsed.problems.clone(),
    })
}

/// Why a previewed file cannot be imported, if it cannot: any problem refuses the whole file.
pub fn refusal(preview: &PlanImportPreview) -> Option<Error> {
    let n = preview.problems.len();
    (n > 0).then(|| Error::Validation {
        message: Text::new(
            format!("ファイルに直すところが{n}か所あります。直してから取り込んでください。何も取り込んでいません。"),
            format!("The file has {n} problem(s) to fix first; nothing was imported."),
        ),
        problems: Vec::new(),
    })
}

/// Creates a new plan from `parsed` inside the caller's transaction; refused (nothing written) while
/// the file has any problem. Any rule the screens apply that the file breaks (a number used twice)
/// fails the whole import too.
pub fn import(w: &Write<'_>, parsed: &ParsedPlan) -> Result<PlanId> {
    if let Some(refused) = refusal(&preview(w, parsed)?) {
        return Err(refused);
    }
    let mut partner_ids: HashMap<String, PartnerId> = partners::list(w)?.into_iter().map(|p| (p.name, p.id)).collect();
    let plan_id = council_domain::plan::create_plan(w, &parsed.plan)?;
    for p in &parsed.policies {
        let policy = council_domain::plan::create_policy(
            w,
            &plan_id,
            &PolicyInput { number: Some(p.number), title: p.title.clone(), description: String::new() },
        )?;
        for m in &p.measures {
            let measure = council_domain::plan::create_measure(
                w,
                &policy,
                &MeasureInput {
                    number: Some(m.number),
                    title: m.title.clone(),
                    current_state: m.current_state.clone(),
                },
            )?;
            let mut action_ids = Vec::new();
            for (input, names) in &m.actions {
                let mut input = input.clone();
                for name in names {
                    let id = match partner_ids.get(name) {
                        Some(id) => id.clone(),
                        None => {
                            let id = partners::create(
                                w,
                                &PartnerInput {
                                    name: name.clone(),
                                    kind: PartnerKind::Other,
                                    contact_person: String::new(),
                                    phone: String::new(),
                                    email: String::new(),
                                    address: String::new(),
                                    notes: "計画の取り込みで登録".to_owned(),
                                },
                            )?;
                            partner_ids.insert(name.clone(), id.clone());
                            id
                        }
                    };
                    input.partner_ids.push(id);
                }
                let id = council_domain::plan::create_action(w, &measure, &input)?;
                let number: i32 = w.query_row("SELECT number FROM plan_action WHERE id = ?1", [&id], |r| r.get(0))?;
                action_ids.push((number, id));
            }
            for ind in parsed.indicators.iter().filter(|i| i.policy == p.number && i.measure == m.number) {
                let owner = match ind.action {
                    None => IndicatorOwner::Measure(measure.clone()),
                    Some(n) => match action_ids.iter().find(|(num, _)| *num == n) {
                        Some((_, id)) => IndicatorOwner::Action(id.clone()),
                        None => continue, // reported by the preview; unreachable once it is clean
                    },
                };
                let id = council_domain::plan::create_indicator(w, &owner, &ind.input)?;
                for (y, v) in &ind.actuals {
                    council_domain::plan::set_actual(w, &id, *y, Some(*v))?;
                }
            }
        }
    }
    Ok(plan_id)
}

/// The plan version as an Excel workbook (its tree and indicators with their actuals).
pub fn export_file(conn: &Connection, id: &PlanId) -> Result<crate::roster::ExportFile> {
    let plan = council_domain::plan::get(conn, id)?;
    let rows = plan.policies.iter().flat_map(|p| &p.measures).map(|m| m.actions.len().max(1) as u32).sum();
    Ok(crate::roster::ExportFile {
        file_name: format!("{}_第{}版.xlsx", plan.summary.title, plan.summary.version),
        bytes: export(&plan)?,
        rows,
        warning: None,
    })
}

/// Reads a plan workbook (its bytes, as the window read them) and shows what importing it would create,
/// with every problem by sheet and row. Writes nothing.
pub fn preview_file(conn: &Connection, bytes: &[u8], file_name: &str) -> Result<PlanImportPreview> {
    preview(conn, &parse(bytes, file_name)?)
}

/// Creates a new plan from a workbook, all or nothing: refused (nothing written) while the file has any
/// problem; the data is backed up first.
pub fn import_file(session: &council_domain::Session, bytes: &[u8], file_name: &str) -> Result<PlanId> {
    let parsed = parse(bytes, file_name)?;
    // A file that would be refused changes nothing and needs no safety copy.
    session.read(|r| {
        council_domain::council::require(r)?;
        match refusal(&preview(r, &parsed)?) {
            Some(refused) => Err(refused),
            None => Ok(()),
        }
    })?;
    session.backup_now(council_store::backup::BackupReason::BeforeImport)?;
    session.write(|w| import(w, &parsed))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_read_back() {
        let slots = vec![
            ScheduleSlot { fiscal_year: 2024, quarter: 2 },
            ScheduleSlot { fiscal_year: 2024, quarter: 3 },
            ScheduleSlot { fiscal_year: 2025, quarter: 1 },
        ];
        assert_eq!(schedule_text(&slots), "2024:2,3; 2025:1");
        assert_eq!(parse_schedule(&schedule_text(&slots)), Some(slots));
        assert_eq!(parse_schedule("２０２６年度：通年").map(|s| s.len()), Some(4), "full-width and 通年");
        assert_eq!(parse_schedule("2026:2Q・3Q").map(|s| s.len()), Some(2));
        assert_eq!(parse_schedule(""), Some(Vec::new()), "no schedule is fine");
        assert_eq!(parse_schedule("2026:5"), None, "there is no fifth quarter");
        assert_eq!(parse_schedule("いつか"), None);
    }

    #[test]
    fn measure_numbers_in_any_form() {
        assert_eq!(parse_measure_number("2"), Some(2));
        assert_eq!(parse_measure_number("②"), Some(2));
        assert_eq!(parse_measure_number("1-③"), Some(3));
        assert_eq!(parse_measure_number("x"), None);
        assert_eq!(year("令和6年度"), Some(2024));
        assert_eq!(year("2028"), Some(2028));
    }
}
