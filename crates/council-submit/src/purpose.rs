//! The purposes a council makes packages for, and what each package holds.
//!
//! A purpose is a variant of [`Purpose`] plus one function that returns its [`PackagePlan`]: the
//! parts (which PDFs, which data tables, which attachments) and the checklist (what is required,
//! what is present, what to do when something is missing). Building, signing, the outbox and
//! delivery are the same for every purpose.
//!
//! # The purposes
//!
//! The council's yearly papers ([`officer_list`], [`activity_report`]) cover a fiscal year; the grant
//! purposes ([`grant`]: application, change application, performance report, claim) are each made
//! for one grant application (`RecordNeed::Required`: its ID, passed as `--id`), for the program's
//! fiscal year. Adding a purpose is a variant here (with its line in [`Purpose::info`]), a function
//! returning its [`PackagePlan`] — its parts as `PartSource::Pdf` / `AttachmentFile` / `DataJson` /
//! `DataXlsx` and its checklist of required and optional items — and a test that builds it and one
//! that shows an incomplete one refused.
use council_docs::catalogue::{DocumentKind, DocumentRequest, RecordNeed};
use council_domain::Error as CoreError;
use council_domain::Read;
use council_domain::text::Text;
use council_io::open_data::{CellValue, ValueTable};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::package::Part;

pub mod activity_report;
pub mod grant;
pub mod officer_list;

/// What a package is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// 役員名簿: the year's officers, as the city asks for them every year.
    OfficerList,
    /// 事業報告: the year's events, meetings, members and the plan's progress.
    ActivityReport,
    /// 交付申請: a grant application with its plan, budget and the program's required documents.
    GrantApplication,
    /// 変更承認申請: a change of an awarded grant's budget.
    ChangeApplication,
    /// 実績報告: what a grant's project did and cost, with the settlement, receipts and photos.
    PerformanceReport,
    /// 請求: the claim for the grant's final amount.
    Claim,
}

/// A purpose as the window and `council package` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurposeInfo {
    /// The purpose.
    pub purpose: Purpose,
    /// Its ID in manifests (`officer_list`).
    pub id: String,
    /// Its name on the command line (`officer-list`).
    pub cli_name: String,
    /// Its title.
    pub title: Text,
    /// What the package holds, in a sentence.
    pub description: Text,
    /// Whether it is made for one record (a grant application) or for the council's year.
    pub record: RecordNeed,
}

/// A request to build a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackageRequest {
    /// What for.
    pub purpose: Purpose,
    /// The record it is for, where the purpose needs one.
    #[serde(default)]
    #[ts(optional)]
    pub record: Option<String>,
    /// The fiscal year; the current one when absent.
    #[serde(default)]
    #[ts(optional)]
    pub fiscal_year: Option<i32>,
}

/// One line of a package's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistItem {
    /// Stable key (`officers`, `events`): the field a validation error names.
    pub key: String,
    /// What it is (役員の登録).
    pub label: Text,
    /// Whether the package cannot be built without it.
    pub required: bool,
    /// Whether it is there.
    pub present: bool,
    /// When present, what it holds (5名); when missing, what to do (役員の画面で登録してください).
    pub detail: Text,
}

/// A file the package will hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlannedFile {
    /// Its path in the zip.
    pub path: String,
    /// What it is.
    pub title: Text,
}

/// What the window shows before building a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Checklist {
    /// The purpose.
    pub purpose: PurposeInfo,
    /// The fiscal year it covers.
    pub fiscal_year: i32,
    /// True when every required item is present (the package can be built).
    pub complete: bool,
    /// The checklist.
    pub items: Vec<ChecklistItem>,
    /// The files it will hold.
    pub files: Vec<PlannedFile>,
}

/// What a purpose puts in its package.
#[derive(Debug, Clone)]
pub struct PackagePlan {
    /// The fiscal year it covers.
    pub fiscal_year: i32,
    /// The files, in zip order.
    pub parts: Vec<Part>,
    /// Required and optional items with their state.
    pub checklist: Vec<ChecklistItem>,
    /// The data tables behind `PartSource::DataJson` and `PartSource::DataXlsx`.
    pub tables: Vec<ValueTable>,
}

impl PackagePlan {
    /// The required items that are missing.
    pub fn missing(&self) -> Vec<ChecklistItem> {
        self.checklist.iter().filter(|i| i.required && !i.present).cloned().collect()
    }

    /// Whether every required item is present.
    pub fn complete(&self) -> bool {
        self.missing().is_empty()
    }
}

impl Purpose {
    /// Every purpose, in the order the window lists them.
    pub const ALL: [Purpose; 6] = [
        Purpose::OfficerList,
        Purpose::ActivityReport,
        Purpose::GrantApplication,
        Purpose::ChangeApplication,
        Purpose::PerformanceReport,
        Purpose::Claim,
    ];

    /// The purpose's catalogue entry.
    pub fn info(self) -> PurposeInfo {
        let (id, cli, ja, en, desc_ja, desc_en, record) = match self {
            Purpose::OfficerList => (
                "officer_list",
                "officer-list",
                "役員名簿",
                "Officer list",
                "その年度の役員名簿（PDF）と、同じ内容のデータ（JSON・Excel）。",
                "The year's officer list (PDF) and the same data as JSON and Excel.",
                RecordNeed::None,
            ),
            Purpose::ActivityReport => (
                "activity_report",
                "activity-report",
                "事業報告",
                "Activity report",
                "事業報告書・世帯数集計表・施策シート（PDF）、行事と会議のデータ（JSON・Excel）、総会の議事録と行事の写真。",
                "The activity report, household counts and plan review (PDF), the events and meetings as data (JSON and Excel), the general meeting's minutes and the events' photos.",
                RecordNeed::None,
            ),
            Purpose::GrantApplication => (
                "grant_application",
                "grant-application",
                "交付申請",
                "Grant application",
                "交付申請書・事業計画書・収支予算書と、制度が求める役員名簿・総会の議事録（PDF）、申請と予算のデータ（JSON・Excel）。",
                "The application form, project plan and budget with the officer list and general meeting minutes the program asks for (PDF), and the application and budget as data (JSON and Excel).",
                RecordNeed::Required,
            ),
            Purpose::ChangeApplication => (
                "change_application",
                "change-application",
                "変更承認申請",
                "Change application",
                "変更承認申請書と変更後の事業計画書・収支予算書（PDF）、変更後の予算のデータ（JSON・Excel）。",
                "The change application with the changed project plan and budget (PDF), and the changed budget as data (JSON and Excel).",
                RecordNeed::Required,
            ),
            Purpose::PerformanceReport => (
                "performance_report",
                "performance-report",
                "実績報告",
                "Performance report",
                "実績報告書・事業実績書・収支決算書・領収書貼付台紙（PDF）、支出・決算・行事のデータ（JSON・Excel）、領収書のファイルと行事の写真。",
                "The performance report, results, settlement and receipt sheets (PDF), the expenses, settlement and events as data (JSON and Excel), the receipt files and the events' photos.",
                RecordNeed::Required,
            ),
            Purpose::Claim => (
                "claim",
                "claim",
                "請求",
                "Claim",
                "請求書（PDF）と、確定額・概算払・請求額のデータ（JSON・Excel）。",
                "The claim form (PDF) and the final amount, advance and amount claimed as data (JSON and Excel).",
                RecordNeed::Required,
            ),
        };
        PurposeInfo {
            purpose: self,
            id: id.to_owned(),
            cli_name: cli.to_owned(),
            title: Text::new(ja, en),
            description: Text::new(desc_ja, desc_en),
            record,
        }
    }

    /// The purpose named `name` (its CLI name or its manifest ID).
    pub fn from_name(name: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|p| p.info().cli_name == name || p.info().id == name).ok_or_else(|| {
            let names: Vec<String> = Self::ALL.iter().map(|p| p.info().cli_name).collect();
            CoreError::invalid(
                "purpose",
                Text::new(
                    format!(
                        "「{name}」という提出の種類はありません。次のいずれかを指定してください: {}",
                        names.join(", ")
                    ),
                    format!("There is no purpose called “{name}”. Use one of: {}", names.join(", ")),
                ),
            )
            .into()
        })
    }

    /// What this purpose's package holds for `request`.
    pub fn plan(self, r: &Read<'_>, request: &PackageRequest) -> Result<PackagePlan> {
        let info = self.info();
        if info.record == RecordNeed::Required && request.record.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(CoreError::invalid(
                "record",
                Text::new(
                    format!("{}のパッケージは対象を指定してください（--id）。", info.title.ja),
                    format!("Say which record the {} package is for (--id).", info.title.en.to_lowercase()),
                ),
            )
            .into());
        }
        match self {
            Purpose::OfficerList => officer_list::plan(r, request),
            Purpose::ActivityReport => activity_report::plan(r, request),
            Purpose::GrantApplication => grant::plan(r, request, grant::Step::Apply),
            Purpose::ChangeApplication => grant::plan(r, request, grant::Step::Change),
            Purpose::PerformanceReport => grant::plan(r, request, grant::Step::Report),
            Purpose::Claim => grant::plan(r, request, grant::Step::Claim),
        }
    }
}

/// The fiscal year a request covers: its own, or the current one.
pub(crate) fn fiscal_year(r: &Read<'_>, request: &PackageRequest) -> Result<i32> {
    Ok(match request.fiscal_year {
        Some(y) => y,
        None => council_domain::council::current_fiscal_year(r, r.today())?.year,
    })
}

/// A checklist item.
pub(crate) fn item(key: &str, label: Text, required: bool, present: bool, detail: Text) -> ChecklistItem {
    ChecklistItem { key: key.to_owned(), label, required, present, detail }
}

/// A typeset document as a part.
pub(crate) fn pdf(path: &str, document: DocumentKind, record: Option<String>, fiscal_year: i32) -> Part {
    Part {
        path_in_zip: path.to_owned(),
        title: document.info().title,
        source: crate::package::PartSource::Pdf(DocumentRequest {
            document,
            record,
            fiscal_year: Some(fiscal_year),
            month: None,
            as_of: None,
        }),
    }
}

/// A text cell; empty text is no value.
pub(crate) fn text_cell(s: &str) -> CellValue {
    if s.is_empty() { CellValue::Null } else { CellValue::Text(s.to_owned()) }
}

/// A whole-number cell, if there is a number.
pub(crate) fn int_cell(n: Option<i64>) -> CellValue {
    n.map_or(CellValue::Null, CellValue::Integer)
}

/// The data tables as JSON and as a workbook, under `data/<name>.json` and `.xlsx`.
pub(crate) fn data_parts(name: &str, title: &Text) -> [Part; 2] {
    [
        Part {
            path_in_zip: format!("data/{name}.json"),
            title: Text::new(format!("{}（データ・JSON）", title.ja), format!("{} (data, JSON)", title.en)),
            source: crate::package::PartSource::DataJson,
        },
        Part {
            path_in_zip: format!("data/{name}.xlsx"),
            title: Text::new(format!("{}（データ・Excel）", title.ja), format!("{} (data, Excel)", title.en)),
            source: crate::package::PartSource::DataXlsx,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_are_found_by_either_name() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::from_name(&p.info().cli_name).expect("cli name"), p);
            assert_eq!(Purpose::from_name(&p.info().id).expect("id"), p);
        }
        let err = Purpose::from_name("grant").expect_err("unknown");
        assert!(err.text().ja.contains("officer-list"), "lists what exists: {}", err.text().ja);
    }
}
