//! The purposes a council makes packages for, and what each package holds.
//!
//! A purpose is a variant of [`Purpose`] plus one function that returns its [`PackagePlan`]: the
//! parts (which PDFs, which data tables, which attachments) and the checklist (what is required,
//! what is present, what to do when something is missing). Building, signing, the outbox and
//! delivery are the same for every purpose.
//!
//! # Adding a purpose (the grant purposes plug in here)
//!
//! Grant applications, change applications, performance reports and claims will be added when the
//! grants module exists. Each is three small steps:
//!
//! 1. a variant in [`Purpose`] (and in [`Purpose::ALL`]), with its line in [`Purpose::info`]: its
//!    ID (`grant_application`), titles, and whether it needs a record (`RecordNeed::Required`: the
//!    application's ID, passed as `--id`);
//! 2. a function `fn plan(desk: &Desk, request: &PackageRequest) -> Result<PackagePlan>` in a module
//!    beside [`officer_list`] and [`activity_report`], called from [`Purpose::plan`]. It turns the
//!    program's required-documents list into checklist items (required, present or missing with what
//!    to do), names its PDFs as `PartSource::Pdf(DocumentRequest { document: DocumentKind::…, record,
//!    fiscal_year })`, its receipts as `PartSource::AttachmentFile { sha256, .. }`, and its data as
//!    [`ValueTable`]s with `PartSource::DataJson` / `DataXlsx`;
//! 3. a test that builds it on the demo council and one that shows an incomplete one refused.
//!
//! The reserved IDs are `grant_application`, `change_application`, `performance_report` and
//! `claim` (FORMAT.md lists them for the city).
use council_core::Desk;
use council_core::documents::{DocumentKind, DocumentRequest, RecordNeed};
use council_core::error::Error as CoreError;
use council_core::open_data::ValueTable;
use council_core::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::package::Part;

pub mod activity_report;
pub mod officer_list;

/// What a package is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// 役員名簿: the year's officers, as the city asks for them every year.
    OfficerList,
    /// 事業報告: the year's events, meetings, members and the plan's progress.
    ActivityReport,
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
    pub const ALL: [Purpose; 2] = [Purpose::OfficerList, Purpose::ActivityReport];

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
    pub fn plan(self, desk: &Desk, request: &PackageRequest) -> Result<PackagePlan> {
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
            Purpose::OfficerList => officer_list::plan(desk, request),
            Purpose::ActivityReport => activity_report::plan(desk, request),
        }
    }
}

/// The fiscal year a request covers: its own, or the current one.
pub(crate) fn fiscal_year(desk: &Desk, request: &PackageRequest) -> Result<i32> {
    Ok(match request.fiscal_year {
        Some(y) => y,
        None => desk.app_state()?.fiscal_year.year,
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
        source: crate::package::PartSource::Pdf(DocumentRequest { document, record, fiscal_year: Some(fiscal_year) }),
    }
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
