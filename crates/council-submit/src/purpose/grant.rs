//! The grant purposes, each for one grant application (`--id`): the application (交付申請), the
//! change application (変更承認申請), the performance report (実績報告) and the claim (請求).
//!
//! Each package holds the grant forms the step needs (typeset by council-docs), the application's
//! facts as data, and for the report the receipt files and the photos of the events the grant paid
//! for. The checklist says what the step needs from the records before the package can be built —
//! the same conditions the grants module checks when the step itself is recorded (a budget without
//! problems to apply; the award before a change or a report; the completion date, a settlement with
//! its reasons and the receipts looked at before a report; the final amount before a claim) — and,
//! for the application, the program's own list of required documents.
use council_docs::catalogue::DocumentKind;
use council_domain::Read;
use council_domain::grants::{
    BudgetState, BudgetVersion, GrantApplication, GrantApplicationId, GrantStatus, Settlement,
};
use council_domain::money::format_yen;
use council_domain::text::Text;
use council_io::open_data::{CellValue, ColumnKind, ValueTable, col};

use super::{
    ChecklistItem, PackagePlan, PackageRequest, Purpose, data_parts, int_cell as int, item, pdf, text_cell as text,
};
use crate::error::Result;
use crate::package::{Part, PartSource};

/// Which grant step a package is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Apply,
    Change,
    Report,
    Claim,
}

impl Step {
    fn purpose(self) -> Purpose {
        match self {
            Step::Apply => Purpose::GrantApplication,
            Step::Change => Purpose::ChangeApplication,
            Step::Report => Purpose::PerformanceReport,
            Step::Claim => Purpose::Claim,
        }
    }

    /// The forms the step hands in, in the order the city files them.
    fn forms(self) -> &'static [DocumentKind] {
        match self {
            Step::Apply => &[DocumentKind::GrantApplication, DocumentKind::GrantPlan, DocumentKind::GrantBudget],
            Step::Change => &[DocumentKind::GrantChange, DocumentKind::GrantPlan, DocumentKind::GrantBudget],
            Step::Report => &[
                DocumentKind::GrantReport,
                DocumentKind::GrantResults,
                DocumentKind::GrantSettlement,
                DocumentKind::GrantReceipts,
            ],
            Step::Claim => &[DocumentKind::GrantClaim],
        }
    }
}

/// The whole application as one Excel workbook, for a city that asks for the budget and the
/// settlement as data (and for the council's own accounts): the application, every budget version
/// (the earlier ones as they were handed in), the expenses, the settlement and the events. Returns the
/// suggested file name and the bytes.
pub fn workbook(session: &council_domain::Session, id: &GrantApplicationId) -> Result<(String, Vec<u8>)> {
    session.read(|r| workbook_of(r, id))
}

fn workbook_of(r: &Read<'_>, id: &GrantApplicationId) -> Result<(String, Vec<u8>)> {
    let app = council_domain::grants::application::get(r, id, council_domain::council::start_month(r)?, r.today())?;
    let mut tables = vec![application_table(&app)];
    for v in &app.budgets {
        let label = format!("収支予算（第{}版）", v.version);
        tables.extend(budget_tables(v, &format!("budget_v{}", v.version), &label));
    }
    tables.push(expense_table(&app));
    tables.push(settlement_table(&council_domain::grants::settlement::get(r, id)?));
    tables.push(event_table(&app));
    let bytes = council_io::open_data::workbook(&tables)?;
    // The project's name as typed, minus what no file system takes in a name.
    let name: String =
        app.project_name.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    Ok((format!("助成金_{name}.xlsx"), bytes))
}

/// The parts and checklist of a grant package.
pub(crate) fn plan(r: &Read<'_>, request: &PackageRequest, step: Step) -> Result<PackagePlan> {
    let id = GrantApplicationId(request.record.clone().unwrap_or_default().trim().to_owned());
    let app = council_domain::grants::application::get(r, &id, council_domain::council::start_month(r)?, r.today())?;
    let fy = app.program.fiscal_year;
    let mut checklist = vec![status_item(&app, step)];
    let mut parts = Vec::new();
    let mut tables = vec![application_table(&app)];
    match step {
        Step::Apply => {
            checklist.push(budget_item(&app));
            forms(&mut checklist, &mut parts, &app, step, fy);
            program_documents(r, &app, &mut checklist, &mut parts)?;
            if let Some(v) = council_docs::working_budget(&app) {
                tables.extend(budget_tables(v, "budget", "収支予算"));
            }
        }
        Step::Change => {
            let change = changed_budget(&app);
            checklist.push(change_item(&app, change));
            forms(&mut checklist, &mut parts, &app, step, fy);
            if let Some(v) = change {
                tables.extend(budget_tables(v, "changed_budget", "変更後の収支予算"));
            }
        }
        Step::Report => {
            let settlement = council_domain::grants::settlement::get(r, &id)?;
            let vs_actual = council_domain::grants::settlement::budget_vs_actual(r, &id)?;
            report_items(&app, &settlement, &vs_actual.changes_needed, &mut checklist);
            forms(&mut checklist, &mut parts, &app, step, fy);
            report_attachments(&app, &mut checklist, &mut parts);
            tables.push(expense_table(&app));
            tables.push(settlement_table(&settlement));
            tables.push(event_table(&app));
        }
        Step::Claim => {
            forms(&mut checklist, &mut parts, &app, step, fy);
            checklist.push(item(
                "bank_account",
                Text::new("振込先の口座", "Bank account for the payment"),
                false,
                false,
                Text::new(
                    "口座は自治会の情報に無いため、請求書の口座の欄は空欄で印刷されます。提出前に記入してください。",
                    "The council's profile holds no bank account: the claim prints those lines blank. Fill them in before handing it in.",
                ),
            ));
            tables.push(claim_table(&app));
        }
    }
    let title = step.purpose().info().title;
    // The data files go right after the forms, before the attachments.
    let forms_end = parts.iter().take_while(|p| matches!(p.source, PartSource::Pdf(_))).count();
    let data = data_parts(&step.purpose().info().cli_name, &title);
    for (i, part) in data.into_iter().enumerate() {
        parts.insert(forms_end + i, part);
    }
    Ok(PackagePlan { fiscal_year: fy, parts, checklist, tables })
}

/// Where the application stands, and whether the step can be taken from there.
fn status_item(app: &GrantApplication, step: Step) -> ChecklistItem {
    use GrantStatus as S;
    let s = app.status;
    let closed = matches!(s, S::Withdrawn | S::Rejected);
    let awarded = app.awarded_on.is_some() && !closed;
    let (label, ok, missing) = match step {
        Step::Apply => (
            Text::new("申請の状態", "The application's state"),
            !closed,
            Text::new(
                format!("この申請は「{}」で終わっています。新しい申請を作ってください。", s.label().ja),
                format!("This application is closed ({}). Start a new application.", s.label().en),
            ),
        ),
        Step::Change => (
            Text::new("交付決定（実績報告の前）", "Awarded, not yet reported"),
            awarded && matches!(s, S::Awarded | S::InProgress | S::ChangeApplied | S::ChangeApproved),
            if awarded {
                Text::new(
                    format!("この申請は「{}」です。変更申請は交付決定の後、実績報告の前に出します。", s.label().ja),
                    format!(
                        "This application is “{}”. A change is applied for after the award and before the report.",
                        s.label().en
                    ),
                )
            } else {
                not_awarded(s)
            },
        ),
        Step::Report => (Text::new("交付決定", "Awarded"), awarded, not_awarded(s)),
        Step::Claim => (
            Text::new("交付確定（確定額）", "Final amount fixed"),
            app.settled_amount.is_some() && matches!(s, S::Settled | S::Claimed | S::Paid),
            Text::new(
                format!(
                    "この申請は「{}」です。市から交付額確定の通知が届いたら、申請の画面で「交付確定」を記録してから請求してください。",
                    s.label().ja
                ),
                format!(
                    "This application is “{}”. When the city's notice of the final amount arrives, record “Settled” on the application's screen, then claim.",
                    s.label().en
                ),
            ),
        ),
    };
    let detail = if ok {
        match (step, app.settled_amount, app.amount_granted) {
            (Step::Claim, Some(a), _) => {
                Text::new(format!("確定額 {}", format_yen(a)), format!("Final amount {}", format_yen(a)))
            }
            (Step::Change | Step::Report, _, Some(a)) => {
                Text::new(format!("交付決定額 {}", format_yen(a)), format!("Granted {}", format_yen(a)))
            }
            _ => app.status_label.clone(),
        }
    } else {
        missing
    };
    item("status", label, true, ok, detail)
}

fn not_awarded(s: GrantStatus) -> Text {
    if matches!(s, GrantStatus::Withdrawn | GrantStatus::Rejected) {
        return Text::new(
            format!("この申請は「{}」で終わっています。", s.label().ja),
            format!("This application is closed ({}).", s.label().en),
        );
    }
    Text::new(
        format!(
            "この申請は「{}」で、まだ交付決定されていません。決定の通知が届いたら、申請の画面で「交付決定」を記録してください。",
            s.label().ja
        ),
        format!(
            "This application is “{}” and not yet awarded. When the award notice arrives, record “Awarded” on the application's screen.",
            s.label().en
        ),
    )
}

/// The budget of a change (being prepared, handed in or approved), as the change form prints it.
fn changed_budget(app: &GrantApplication) -> Option<&BudgetVersion> {
    app.budgets.iter().rev().find(|v| v.version > 1 && v.state != BudgetState::Declined)
}

fn budget_item(app: &GrantApplication) -> ChecklistItem {
    let check = &app.budget_check;
    let label = Text::new("収支予算（確認で問題がないこと）", "The budget (passing every check)");
    match (check.version, check.problems.first()) {
        (None, _) => item(
            "budget",
            label,
            true,
            false,
            Text::new(
                "収支予算がまだありません。申請の「予算」の画面で収入と経費を入力してください。",
                "There is no budget yet. Enter the income and expenses on the application's Budget screen.",
            ),
        ),
        (Some(_), Some(first)) => item(
            "budget",
            label,
            true,
            false,
            Text::new(
                format!(
                    "予算に直すところが{}件あります。予算の画面で直してください（{}）",
                    check.problems.len(),
                    first.message.ja
                ),
                format!(
                    "The budget has {} problem(s) to fix on the Budget screen ({})",
                    check.problems.len(),
                    first.message.en
                ),
            ),
        ),
        (Some(v), None) => item(
            "budget",
            label,
            true,
            true,
            Text::new(
                format!("第{v}版　経費 {}、うち交付金 {}", format_yen(check.expense_total), format_yen(check.grant)),
                format!("Version {v}: expenses {}, grant {}", format_yen(check.expense_total), format_yen(check.grant)),
            ),
        ),
    }
}

fn change_item(app: &GrantApplication, change: Option<&BudgetVersion>) -> ChecklistItem {
    let label = Text::new("変更後の収支予算", "The changed budget");
    let Some(v) = change else {
        return item(
            "budget",
            label,
            true,
            false,
            Text::new(
                "変更後の予算がありません。申請の「予算」の画面で予算を変更して保存してください。",
                "There is no changed budget. Change the budget on the application's Budget screen and save it.",
            ),
        );
    };
    // The check the budget form shows is of the draft (the change being prepared).
    let problems = if v.state == BudgetState::Draft { app.budget_check.problems.as_slice() } else { &[] };
    match problems.first() {
        Some(first) => item(
            "budget",
            label,
            true,
            false,
            Text::new(
                format!("変更後の予算に直すところが{}件あります（{}）", problems.len(), first.message.ja),
                format!("The changed budget has {} problem(s) to fix ({})", problems.len(), first.message.en),
            ),
        ),
        None => item(
            "budget",
            label,
            true,
            true,
            Text::new(
                format!("第{}版（{}）　経費 {}", v.version, v.state_label.ja, format_yen(v.expense_total)),
                format!("Version {} ({}): expenses {}", v.version, v.state_label.en, format_yen(v.expense_total)),
            ),
        ),
    }
}

/// The step's forms: one checklist line and one PDF each.
fn forms(checklist: &mut Vec<ChecklistItem>, parts: &mut Vec<Part>, app: &GrantApplication, step: Step, fy: i32) {
    for kind in step.forms() {
        let info = kind.info();
        checklist.push(item(
            &format!("{}_pdf", info.id.replace('-', "_")),
            info.title.clone(),
            true,
            true,
            Text::new("申請の記録から作ります。", "Made from the application's records."),
        ));
        parts.push(pdf(&format!("documents/{}.pdf", info.id), *kind, Some(app.id.0.clone()), fy));
    }
}

/// The program's list of required documents beyond the grant forms: the officer list and the
/// general meeting's minutes are made from the records; anything else (the bylaws) is prepared
/// outside the app and shown as such.
fn program_documents(
    r: &Read<'_>,
    app: &GrantApplication,
    checklist: &mut Vec<ChecklistItem>,
    parts: &mut Vec<Part>,
) -> Result<()> {
    let fy = app.program.fiscal_year;
    let made = ["交付申請書", "事業計画書", "収支予算書"];
    for (n, doc) in app.program.required_documents.iter().enumerate() {
        if made.iter().any(|m| doc.contains(m)) {
            continue;
        }
        if doc.contains("役員名簿") {
            let officers = council_domain::officers::for_year(r, Some(fy), r.today())?;
            checklist.push(super::officer_list::officers_item(
                &officers,
                Text::new(doc.clone(), format!("{doc} (officer list)")),
            ));
            if !officers.is_empty() {
                parts.push(pdf("documents/officer-list.pdf", DocumentKind::Officers, None, fy));
            }
        } else if doc.contains("議事録") {
            // The general meeting that decided the project: this fiscal year's, else last year's.
            let mut signed = None;
            for year in [fy, fy - 1] {
                let facts = council_docs::report::activity_facts(r, Some(year))?;
                signed = facts.meetings.into_iter().filter(|m| m.general && m.minutes_signed).max_by_key(|m| m.date);
                if signed.is_some() {
                    break;
                }
            }
            checklist.push(item(
                "general_meeting_minutes",
                Text::new(doc.clone(), format!("{doc} (general meeting minutes)")),
                true,
                signed.is_some(),
                match &signed {
                    Some(m) => Text::new(format!("{}（{}）", m.title, m.date_text), format!("{} ({})", m.title, m.date)),
                    None => Text::new(
                        "署名済みの総会の議事録がありません。会議の画面で総会の議事録を作り、署名まで済ませてください。",
                        "There are no signed minutes of a general meeting. Write and sign the general meeting's minutes on the Meetings screen.",
                    ),
                },
            ));
            if let Some(m) = signed {
                let mut part =
                    pdf("documents/general-meeting-minutes.pdf", DocumentKind::Minutes, Some(m.id.clone()), fy);
                part.title = Text::new(
                    format!("{}の議事録（{}）", m.title, m.date_text),
                    format!("Minutes of {} ({})", m.title, m.date),
                );
                parts.push(part);
            }
        } else {
            checklist.push(item(
                &format!("document_{}", n + 1),
                Text::new(doc.clone(), format!("{doc} (prepared outside the app)")),
                false,
                false,
                Text::new(
                    "このアプリでは作れない書類です。紙で添えるか、市に届けてあるもので足りるか確かめてください。",
                    "The app cannot make this document. Hand it in on paper, or check that the copy the city holds will do.",
                ),
            ));
        }
    }
    Ok(())
}

/// What the performance report needs from the records (the same as recording the report step).
fn report_items(app: &GrantApplication, s: &Settlement, changes_needed: &[Text], checklist: &mut Vec<ChecklistItem>) {
    checklist.push(item(
        "completed_on",
        Text::new("事業の完了日", "The day the project ended"),
        true,
        app.completed_on.is_some(),
        match app.completed_on {
            Some(d) => Text::new(council_domain::calendar::wareki(d), d.to_string()),
            None => Text::new(
                "申請の編集画面で、事業が終わった日（完了日）を入力してください。",
                "Enter the day the project ended on the application's edit screen.",
            ),
        },
    ));
    let n = app.expenses.len();
    checklist.push(item(
        "expenses",
        Text::new("支出の記録", "Expenses"),
        true,
        n > 0,
        if n == 0 {
            Text::new(
                "支出の画面で、この事業の支出を領収書と一緒に記録してください。",
                "Record the project's expenses with their receipts on the Expenses screen.",
            )
        } else {
            Text::new(
                format!("{n}件　{}", format_yen(app.expense_total)),
                format!("{n} expenses, {}", format_yen(app.expense_total)),
            )
        },
    ));
    let without: Vec<&str> =
        app.expenses.iter().filter(|e| e.receipt.is_none()).map(|e| e.description.as_str()).collect();
    checklist.push(item(
        "receipt_files",
        Text::new("領収書のファイル", "Receipt files"),
        true,
        n > 0 && without.is_empty(),
        if without.is_empty() {
            Text::new(format!("{n}枚"), format!("{n} files"))
        } else {
            Text::new(
                format!(
                    "領収書のファイルが付いていない支出が{}件あります（{}）。支出の画面で領収書を付けてください。",
                    without.len(),
                    without.join("、")
                ),
                format!(
                    "{} expense(s) have no receipt file ({}). Attach the receipts on the Expenses screen.",
                    without.len(),
                    without.join(", ")
                ),
            )
        },
    ));
    let warnings = app.receipt_warning_count;
    // Recording the report took the person's word that the warnings were looked at.
    let reviewed = warnings == 0 || app.reported_on.is_some();
    checklist.push(item(
        "receipts_reviewed",
        Text::new("領収書の確認事項", "Receipt warnings looked at"),
        true,
        reviewed,
        if warnings == 0 {
            Text::new("確認事項はありません。", "No warnings.")
        } else if reviewed {
            Text::new(
                format!("{warnings}件（実績報告のときに確認済み）"),
                format!("{warnings} (looked at when the report was recorded)"),
            )
        } else {
            let first = app.expenses.iter().flat_map(|e| e.warnings.iter()).next();
            Text::new(
                format!(
                    "領収書の確認事項が{warnings}件あります（{}）。支出の画面で直すか、実績報告を記録するときに「確認した」にチェックしてください。",
                    first.map(|w| w.message.ja.as_str()).unwrap_or_default()
                ),
                format!(
                    "There are {warnings} receipt warning(s) ({}). Fix them on the Expenses screen, or tick “reviewed” when you record the report.",
                    first.map(|w| w.message.en.as_str()).unwrap_or_default()
                ),
            )
        },
    ));
    checklist.push(item(
        "budget_change",
        Text::new("予算との差（変更申請が要らないこと）", "Within the budget (no change needed)"),
        true,
        changes_needed.is_empty(),
        match changes_needed.first() {
            None => Text::new("変更申請の要る科目はありません。", "No category needs a change application."),
            Some(first) if changes_needed.len() == 1 => Text::new(first.ja.clone(), first.en.clone()),
            Some(first) => Text::new(
                format!("{}（ほかに{}件）", first.ja, changes_needed.len() - 1),
                format!("{} ({} more)", first.en, changes_needed.len() - 1),
            ),
        },
    ));
    let unentered: Vec<&str> = s.income.iter().filter(|l| !l.source.is_known()).map(|l| l.label.ja.as_str()).collect();
    let unentered_en: Vec<&str> =
        s.income.iter().filter(|l| !l.source.is_known()).map(|l| l.label.en.as_str()).collect();
    let settled = unentered.is_empty() && s.missing_reasons.is_empty();
    checklist.push(item(
        "settlement",
        Text::new("収支決算（収入の実績と増減の理由）", "The settlement (actual income, reasons for differences)"),
        true,
        settled,
        if settled {
            Text::new(
                format!("収入 {}　支出 {}", format_yen(s.income_actual_total), format_yen(s.expense_actual_total)),
                format!(
                    "Income {}, expenses {}",
                    format_yen(s.income_actual_total),
                    format_yen(s.expense_actual_total)
                ),
            )
        } else if !unentered.is_empty() {
            Text::new(
                format!(
                    "収入の実績がありません（{}）。出納帳でこの事業の収入として記帳するか、決算の画面で入力してください。",
                    unentered.join("、")
                ),
                format!(
                    "No actual income for {}: record it in the books as this project's income, or enter it on the Settlement screen.",
                    unentered_en.join(", ")
                ),
            )
        } else {
            let first = &s.missing_reasons[0];
            Text::new(
                format!("決算の画面で、増減の理由を入力してください（{}）。", first.ja),
                format!("Enter the reasons for the differences on the Settlement screen ({}).", first.en),
            )
        },
    ));
}

/// The receipts (every expense's file) and the photos of the events the grant paid for.
fn report_attachments(app: &GrantApplication, checklist: &mut Vec<ChecklistItem>, parts: &mut Vec<Part>) {
    for (n, e) in app.expenses.iter().enumerate() {
        let Some(r) = &e.receipt else { continue };
        parts.push(Part {
            path_in_zip: format!("attachments/receipts/{:02}_{}.{}", n + 1, e.paid_on, extension(&r.mime)),
            title: Text::new(
                format!("領収書：{}（{}）", e.description, format_yen(e.amount)),
                format!("Receipt: {} ({})", e.description, format_yen(e.amount)),
            ),
            source: PartSource::AttachmentFile { sha256: r.sha256.clone(), media_type: r.mime.clone() },
        });
    }
    let photos: usize = app.events.iter().map(|e| e.photos.len()).sum();
    checklist.push(item(
        "events",
        Text::new("助成金で行った行事", "Events the grant paid for"),
        false,
        !app.events.is_empty(),
        if app.events.is_empty() {
            Text::new(
                "行事の画面で、この事業の行事をこの申請に結び付けると、参加者数が事業実績書に載ります。",
                "Link the project's events to this application on the Events screen: their turnout goes into the results.",
            )
        } else {
            Text::new(
                format!("{}件　延べ{}人", app.events.len(), app.participants_total),
                format!("{} events, {} participants in all", app.events.len(), app.participants_total),
            )
        },
    ));
    checklist.push(item(
        "event_photos",
        Text::new("行事の写真", "Event photos"),
        false,
        photos > 0,
        if photos == 0 {
            Text::new(
                "結び付けた行事に写真を添付すると、実施状況の写真として入ります。",
                "Photos attached to the linked events are included to show the project happened.",
            )
        } else {
            Text::new(format!("{photos}枚"), format!("{photos} photos"))
        },
    ));
    for e in &app.events {
        for (i, photo) in e.photos.iter().enumerate() {
            parts.push(Part {
                path_in_zip: format!(
                    "attachments/photos/{}_{}_{}.{}",
                    e.starts_on,
                    super::activity_report::short(&e.id.0),
                    i + 1,
                    extension(&photo.mime)
                ),
                title: Text::new(
                    format!("{}の写真（{}）", e.title, photo.name),
                    format!("Photo of {} ({})", e.title, photo.name),
                ),
                source: PartSource::AttachmentFile { sha256: photo.sha256.clone(), media_type: photo.mime.clone() },
            });
        }
    }
}

/// A file name's extension for a media type.
fn extension(mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

fn date(d: Option<chrono::NaiveDate>) -> CellValue {
    d.map_or(CellValue::Null, |d| CellValue::Text(d.to_string()))
}

/// The application's facts, one row.
fn application_table(app: &GrantApplication) -> ValueTable {
    use ColumnKind::{Date, Integer, Text as Str};
    let partners: Vec<&str> = app
        .partners
        .iter()
        .map(|p| p.name.as_str())
        .chain(Some(app.partners_text.as_str()).filter(|t| !t.trim().is_empty()))
        .collect();
    let actions: Vec<&str> = app.actions.iter().map(|a| a.label.as_str()).collect();
    ValueTable {
        key: "application".into(),
        label: Text::new("申請", "Application"),
        columns: vec![
            col("id", "ID", Str),
            col("program", "制度", Str),
            col("grantor", "交付元", Str),
            col("fiscal_year", "年度", Integer),
            col("project_name", "事業名", Str),
            col("purpose", "目的", Str),
            col("content", "内容", Str),
            col("starts_on", "開始日", Date),
            col("ends_on", "終了予定日", Date),
            col("completed_on", "完了日", Date),
            col("place", "実施場所", Str),
            col("target_group", "対象者", Str),
            col("expected_participants", "参加見込み人数", Integer),
            col("participants", "参加者数（延べ）", Integer),
            col("partners", "連携団体", Str),
            col("plan_actions", "計画の事業", Str),
            col("status", "状態", Str),
            col("requested_amount", "申請額（円）", Integer),
            col("applied_on", "交付申請日", Date),
            col("awarded_on", "交付決定日", Date),
            col("award_number", "交付決定の番号", Str),
            col("amount_granted", "交付決定額（円）", Integer),
            col("advance_amount", "概算払額（円）", Integer),
            col("reported_on", "実績報告日", Date),
            col("settled_on", "交付確定日", Date),
            col("settled_amount", "交付確定額（円）", Integer),
            col("claimed_on", "請求日", Date),
            col("expense_total", "支出の合計（円）", Integer),
            col("grant_expense_total", "うち交付金から（円）", Integer),
        ],
        rows: vec![vec![
            text(&app.id.0),
            text(&app.program.name),
            text(&app.program.grantor),
            CellValue::Integer(i64::from(app.program.fiscal_year)),
            text(&app.project_name),
            text(&app.purpose),
            text(&app.content),
            date(Some(app.starts_on)),
            date(Some(app.ends_on)),
            date(app.completed_on),
            text(&app.place),
            text(&app.target_group),
            int(app.expected_participants),
            CellValue::Integer(app.participants_total),
            text(&partners.join("、")),
            text(&actions.join("、")),
            text(app.status.as_str()),
            CellValue::Integer(app.requested_amount),
            date(app.applied_on),
            date(app.awarded_on),
            text(&app.award_number),
            int(app.amount_granted),
            int(app.advance_amount),
            date(app.reported_on),
            date(app.settled_on),
            int(app.settled_amount),
            date(app.claimed_on),
            CellValue::Integer(app.expense_total),
            CellValue::Integer(app.grant_expense_total),
        ]],
    }
}

/// A budget version's income and expense lines.
fn budget_tables(v: &BudgetVersion, key: &str, label: &str) -> [ValueTable; 2] {
    use ColumnKind::{Bool, Integer, Text as Str};
    [
        ValueTable {
            key: format!("{key}_income"),
            label: Text::new(format!("{label}（収入）"), format!("{key} income")),
            columns: vec![
                col("version", "版", Integer),
                col("kind", "区分", Str),
                col("description", "内容", Str),
                col("amount", "金額（円）", Integer),
            ],
            rows: v
                .income
                .iter()
                .map(|l| {
                    vec![
                        CellValue::Integer(i64::from(v.version)),
                        text(l.kind.as_str()),
                        text(&l.description),
                        CellValue::Integer(l.amount),
                    ]
                })
                .collect(),
        },
        ValueTable {
            key: format!("{key}_expenses"),
            label: Text::new(format!("{label}（支出）"), format!("{key} expenses")),
            columns: vec![
                col("version", "版", Integer),
                col("category", "科目", Str),
                col("category_label", "科目名", Str),
                col("description", "内容", Str),
                col("charged_to_grant", "交付金の対象", Bool),
                col("amount", "金額（円）", Integer),
            ],
            rows: v
                .expenses
                .iter()
                .map(|l| {
                    vec![
                        CellValue::Integer(i64::from(v.version)),
                        text(l.category.as_str()),
                        text(l.category.label_ja()),
                        text(&l.description),
                        CellValue::Integer(i64::from(l.charged_to_grant)),
                        CellValue::Integer(l.amount),
                    ]
                })
                .collect(),
        },
    ]
}

/// Every expense with its receipt's file in the package.
fn expense_table(app: &GrantApplication) -> ValueTable {
    use ColumnKind::{Bool, Date, Integer, Text as Str};
    ValueTable {
        key: "expenses".into(),
        label: Text::new("支出", "Expenses"),
        columns: vec![
            col("paid_on", "支払日", Date),
            col("payee", "支払先", Str),
            col("description", "但し書き", Str),
            col("category", "科目", Str),
            col("category_label", "科目名", Str),
            col("amount", "金額（円）", Integer),
            col("from_grant", "交付金から", Bool),
            col("addressee", "宛名", Str),
            col("receipt_file", "領収書のファイル", Str),
            col("warnings", "確認事項", Str),
        ],
        rows: app
            .expenses
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let file = e
                    .receipt
                    .as_ref()
                    .map(|r| format!("attachments/receipts/{:02}_{}.{}", n + 1, e.paid_on, extension(&r.mime)));
                let warnings: Vec<&str> = e.warnings.iter().map(|w| w.message.ja.as_str()).collect();
                vec![
                    date(Some(e.paid_on)),
                    text(&e.payee),
                    text(&e.description),
                    text(e.category.as_str()),
                    text(e.category.label_ja()),
                    CellValue::Integer(e.amount),
                    CellValue::Integer(i64::from(e.from_grant)),
                    text(&e.addressee),
                    file.map_or(CellValue::Null, CellValue::Text),
                    text(&warnings.join(" / ")),
                ]
            })
            .collect(),
    }
}

/// The settlement's lines.
fn settlement_table(s: &Settlement) -> ValueTable {
    use ColumnKind::{Integer, Text as Str};
    let row = |side: &str, l: &council_domain::grants::SettlementLine| {
        vec![
            text(side),
            text(&l.label.ja),
            CellValue::Integer(l.budget),
            CellValue::Integer(l.actual),
            CellValue::Integer(l.difference),
            text(&l.reason),
        ]
    };
    ValueTable {
        key: "settlement".into(),
        label: Text::new("収支決算", "Settlement"),
        columns: vec![
            col("side", "収入・支出", Str),
            col("line", "項目", Str),
            col("budget", "予算額（円）", Integer),
            col("actual", "決算額（円）", Integer),
            col("difference", "増減（円）", Integer),
            col("reason", "増減の理由", Str),
        ],
        rows: s.income.iter().map(|l| row("income", l)).chain(s.expenses.iter().map(|l| row("expense", l))).collect(),
    }
}

/// The events the grant paid for, with their turnout.
fn event_table(app: &GrantApplication) -> ValueTable {
    use ColumnKind::{Date, Integer, Text as Str};
    ValueTable {
        key: "events".into(),
        label: Text::new("実施した行事", "Events held"),
        columns: vec![
            col("id", "ID", Str),
            col("date", "実施日", Date),
            col("title", "行事名", Str),
            col("place", "場所", Str),
            col("expected", "参加見込み", Integer),
            col("participants", "参加者数", Integer),
            col("volunteers", "ボランティア数", Integer),
            col("photos", "写真の枚数", Integer),
        ],
        rows: app
            .events
            .iter()
            .map(|e| {
                vec![
                    text(&e.id.0),
                    date(Some(e.starts_on)),
                    text(&e.title),
                    text(&e.place),
                    int(e.expected_participants),
                    int(e.actual_participants),
                    int(e.volunteers),
                    CellValue::Integer(e.photos.len() as i64),
                ]
            })
            .collect(),
    }
}

/// What is claimed: the final amount less any advance received.
fn claim_table(app: &GrantApplication) -> ValueTable {
    use ColumnKind::{Date, Integer};
    let advance = app.advance_amount.unwrap_or(0);
    let claimed = app.settled_amount.map(|s| (s - advance).max(0));
    ValueTable {
        key: "claim".into(),
        label: Text::new("請求", "Claim"),
        columns: vec![
            col("settled_on", "交付確定日", Date),
            col("settled_amount", "交付確定額（円）", Integer),
            col("advance_amount", "概算払受領額（円）", Integer),
            col("claimed_amount", "今回請求額（円）", Integer),
        ],
        rows: vec![vec![date(app.settled_on), int(app.settled_amount), CellValue::Integer(advance), int(claimed)]],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_hands_in_its_own_forms() {
        assert_eq!(Step::Apply.forms()[0], DocumentKind::GrantApplication);
        assert_eq!(Step::Change.forms()[0], DocumentKind::GrantChange);
        assert!(Step::Report.forms().contains(&DocumentKind::GrantSettlement), "the report carries the settlement");
        assert!(Step::Report.forms().contains(&DocumentKind::GrantReceipts), "and the receipts' mount sheet");
        assert_eq!(Step::Claim.forms(), &[DocumentKind::GrantClaim]);
        assert_eq!(extension("application/pdf"), "pdf");
        assert_eq!(extension("image/jpeg"), "jpg");
    }
}
