//! The catalogue of papers a council prints: which documents exist, what each is called, and which
//! record it is printed for. The rest of this crate typesets them; this module only names them, so
//! the window, the `council render` command and the tests agree on one list.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_domain::error::{Error, Result};
use council_domain::text::Text;

/// A document the app can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 会員名簿（班別）.
    Roster,
    /// 役員名簿.
    Officers,
    /// 世帯数集計表.
    Counts,
    /// 加入世帯数報告書: the member households on a day, reported to the city.
    HouseholdReport,
    /// 代表者変更届: the council's new representative (会長), reported to the city.
    RepresentativeChange,
    /// 会費集金表 (per block, or all blocks).
    Collection,
    /// 会費領収書 for one household.
    Receipt,
    /// 会費領収書 of every payment of the year, of one block or all, with their counterfoils.
    Receipts,
    /// 宛名ラベル, 12 to an A4 sheet (2 × 6, 86.4 × 42.3 mm): every member household, or one block's.
    Labels12,
    /// 宛名ラベル, 24 to an A4 sheet (3 × 8, 66 × 33.9 mm).
    Labels24,
    /// 封筒 長形3号 (120 × 235 mm), one to a page: every member household, or one block's.
    Envelopes,
    /// 加入届: blank, or filled from the roster for a household.
    JoinForm,
    /// 退会届: blank, or filled from the roster for a household.
    LeaveForm,
    /// 行事のお知らせ（回覧）with each block's 回覧確認表, for one event.
    EventNotice,
    /// 参加申込書 for one event.
    EntryForm,
    /// 施策シート: the yearly review of the community plan (a version, or the current plan).
    PlanReview,
    /// 開催通知 of a meeting with its agenda (and, for a 総会, the proxy and written-vote forms).
    MeetingNotice,
    /// 委任状 for a 総会.
    ProxyForm,
    /// 書面表決書 for a 総会.
    WrittenVoteForm,
    /// 出席簿 of a meeting, with a signature column.
    AttendanceSheet,
    /// 議事録 with signature lines (for a meeting: its minutes; for an amendment: its own ID).
    Minutes,
    /// A meeting's board pack: contents, notice, agenda, motions and the list of papers.
    BoardPack,
    /// The board pack imposed two A4 pages to an A3 sheet for saddle-stitch (中綴じ) printing.
    BoardPackBooklet,
    /// 総会結果のお知らせ: each motion of a meeting and its result, for circulation.
    ResultsNotice,
    /// 委任状・書面表決 集計表: a meeting's proxies and written votes by motion, before the vote.
    VoteTally,
    /// 交付申請書 of a grant application: the amount applied for, the project, the attachments.
    GrantApplication,
    /// 事業計画書 of a grant application: purpose, content, period, place, schedule, effect.
    GrantPlan,
    /// 収支予算書 of a grant application: income and expense lines with their breakdown.
    GrantBudget,
    /// 変更承認申請書: the budget before and after a change, per category, with the reason.
    GrantChange,
    /// 実績報告書: the performance report's cover form.
    GrantReport,
    /// 事業実績書: what the project did — its events, turnout and photos.
    GrantResults,
    /// 収支決算書: budget, actual and 増減 per line, with the reasons.
    GrantSettlement,
    /// 請求書: the claim for the grant, with the bank account.
    GrantClaim,
    /// 領収書貼付台紙: the receipts by category, listed and pasted in.
    GrantReceipts,
    /// 事業報告書: the year's activities (events and meetings held, members, the plan's progress)
    /// as reported to the city and to the 総会.
    ActivityReport,
    /// 収支予算書: the council's own budget of an account (the general account unless one is named).
    AccountBudget,
    /// 収支決算書: the council's own settlement of an account, with its 次年度繰越金.
    AccountSettlement,
    /// 現金出納帳 / 預金出納帳: every book of an account for a year (or one month of it).
    Cashbook,
    /// 監査報告書: the auditors' report of an account's year, with their names.
    AuditReport,
    /// 財産目録: the money in every book and the equipment held at the year's end.
    Inventory,
    /// 会計報告: one page for circulation — the year's income and expenses in short, and the carry-over.
    AccountReport,
}

/// What a document must be told to be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordNeed {
    /// Nothing: the whole council.
    None,
    /// Optionally one record (e.g. one block of the collection sheet).
    Optional,
    /// Exactly one record (e.g. the household a receipt is for).
    Required,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentInfo {
    /// The document.
    pub kind: DocumentKind,
    /// Its name on the command line and in file names (`roster`).
    pub id: String,
    /// Its title.
    pub title: Text,
    /// Whether it is printed for one record, and which kind of record (`household`, `block`…).
    pub record: RecordNeed,
    /// What the record is, for `council render --list` and error messages.
    pub record_kind: String,
    /// Whether it carries personal information (the UI warns before saving such a file).
    pub personal: bool,
}

impl DocumentKind {
    /// Every document, in the order the catalogue lists them.
    pub const ALL: [DocumentKind; 41] = [
        Self::Roster,
        Self::Officers,
        Self::Counts,
        Self::HouseholdReport,
        Self::RepresentativeChange,
        Self::Collection,
        Self::Receipt,
        Self::Receipts,
        Self::Labels12,
        Self::Labels24,
        Self::Envelopes,
        Self::JoinForm,
        Self::LeaveForm,
        Self::EventNotice,
        Self::EntryForm,
        Self::PlanReview,
        Self::MeetingNotice,
        Self::ProxyForm,
        Self::WrittenVoteForm,
        Self::AttendanceSheet,
        Self::Minutes,
        Self::BoardPack,
        Self::BoardPackBooklet,
        Self::ResultsNotice,
        Self::VoteTally,
        Self::GrantApplication,
        Self::GrantPlan,
        Self::GrantBudget,
        Self::GrantChange,
        Self::GrantReport,
        Self::GrantResults,
        Self::GrantSettlement,
        Self::GrantClaim,
        Self::GrantReceipts,
        Self::ActivityReport,
        Self::AccountBudget,
        Self::AccountSettlement,
        Self::Cashbook,
        Self::AuditReport,
        Self::Inventory,
        Self::AccountReport,
    ];

    /// The document's entry in the catalogue.
    pub fn info(self) -> DocumentInfo {
        let (id, ja, en, record, record_kind, personal) = match self {
            Self::Roster => ("roster", "会員名簿（班別）", "Roster by block", RecordNeed::None, "", true),
            Self::Officers => ("officers", "役員名簿", "Officer list", RecordNeed::None, "", true),
            Self::Counts => ("counts", "世帯数集計表", "Household count summary", RecordNeed::None, "", false),
            Self::HouseholdReport => {
                ("household-report", "加入世帯数報告書", "Report of member households", RecordNeed::None, "", false)
            }
            // Names the old and the new representative: personal information.
            Self::RepresentativeChange => {
                ("representative-change", "代表者変更届", "Change of representative", RecordNeed::None, "", true)
            }
            Self::Collection => {
                ("collection", "会費集金表", "Dues collection sheet", RecordNeed::Optional, "block", true)
            }
            Self::Receipt => ("receipt", "会費領収書", "Dues receipt", RecordNeed::Required, "household", true),
            Self::Receipts => {
                ("receipts", "会費領収書（班ごと）", "Dues receipts by block", RecordNeed::Optional, "block", true)
            }
            Self::Labels12 => {
                ("labels-12", "宛名ラベル（12面）", "Address labels (12 a sheet)", RecordNeed::Optional, "block", true)
            }
            Self::Labels24 => {
                ("labels-24", "宛名ラベル（24面）", "Address labels (24 a sheet)", RecordNeed::Optional, "block", true)
            }
            Self::Envelopes => {
                ("envelopes", "封筒（長形3号）", "Envelopes (長形3号)", RecordNeed::Optional, "block", true)
            }
            Self::JoinForm => ("join-form", "加入届", "Joining form", RecordNeed::Optional, "household", true),
            Self::LeaveForm => ("leave-form", "退会届", "Leaving form", RecordNeed::Optional, "household", true),
            Self::EntryForm => ("entry-form", "参加申込書", "Entry form", RecordNeed::Required, "event", false),
            // The check-off sheets name every member household: personal information.
            Self::EventNotice => (
                "event-notice",
                "行事のお知らせ（回覧）",
                "Event notice for circulation",
                RecordNeed::Required,
                "event",
                true,
            ),
            Self::PlanReview => {
                ("plan-review", "施策シート（進捗管理）", "Plan review sheets", RecordNeed::Optional, "plan", false)
            }
            Self::MeetingNotice => ("notice", "開催通知", "Meeting notice", RecordNeed::Required, "meeting", false),
            Self::ProxyForm => ("proxy-form", "委任状", "Proxy form", RecordNeed::Required, "meeting", false),
            Self::WrittenVoteForm => {
                ("written-vote-form", "書面表決書", "Written-vote form", RecordNeed::Required, "meeting", false)
            }
            Self::AttendanceSheet => {
                ("attendance-sheet", "出席簿", "Attendance sheet", RecordNeed::Required, "meeting", true)
            }
            Self::Minutes => ("minutes", "議事録", "Minutes", RecordNeed::Required, "meeting", false),
            Self::BoardPack => ("board-pack", "会議資料", "Board pack", RecordNeed::Required, "meeting", false),
            Self::BoardPackBooklet => (
                "board-pack-a3",
                "会議資料（A3中綴じ）",
                "Board pack (A3 saddle-stitched booklet)",
                RecordNeed::Required,
                "meeting",
                false,
            ),
            Self::ResultsNotice => {
                ("results-notice", "結果のお知らせ", "Results notice", RecordNeed::Required, "meeting", false)
            }
            // Names every member who sent a proxy or a written vote: personal information.
            Self::VoteTally => (
                "vote-tally",
                "委任状・書面表決 集計表",
                "Proxy and written-vote tally",
                RecordNeed::Required,
                "meeting",
                true,
            ),
            Self::GrantApplication => {
                ("grant-application", "交付申請書", "Grant application form", RecordNeed::Required, "grant", false)
            }
            Self::GrantPlan => ("grant-plan", "事業計画書", "Project plan", RecordNeed::Required, "grant", false),
            Self::GrantBudget => ("grant-budget", "収支予算書", "Project budget", RecordNeed::Required, "grant", false),
            Self::GrantChange => {
                ("grant-change", "変更承認申請書", "Change application", RecordNeed::Required, "grant", false)
            }
            Self::GrantReport => {
                ("grant-report", "実績報告書", "Performance report", RecordNeed::Required, "grant", false)
            }
            Self::GrantResults => {
                ("grant-results", "事業実績書", "Project results", RecordNeed::Required, "grant", false)
            }
            Self::GrantSettlement => {
                ("grant-settlement", "収支決算書", "Settlement of accounts", RecordNeed::Required, "grant", false)
            }
            Self::GrantClaim => ("grant-claim", "請求書", "Grant claim", RecordNeed::Required, "grant", false),
            // The payees include people (a lecturer's honorarium): personal information.
            Self::GrantReceipts => {
                ("grant-receipts", "領収書貼付台紙", "Receipt sheets", RecordNeed::Required, "grant", true)
            }
            Self::ActivityReport => ("activity-report", "事業報告書", "Activity report", RecordNeed::None, "", false),
            Self::AccountBudget => ("budget", "収支予算書", "Budget", RecordNeed::Optional, "account", false),
            Self::AccountSettlement => {
                ("settlement", "収支決算書", "Settlement of accounts", RecordNeed::Optional, "account", false)
            }
            // The payers and payees include people: personal information.
            Self::Cashbook => ("cashbook", "出納帳", "Cash and bank books", RecordNeed::Optional, "account", true),
            Self::AuditReport => ("audit-report", "監査報告書", "Audit report", RecordNeed::Optional, "account", false),
            Self::Inventory => ("assets", "財産目録", "Inventory of property", RecordNeed::None, "", false),
            Self::AccountReport => (
                "account-report",
                "会計報告",
                "Accounts report for circulation",
                RecordNeed::Optional,
                "account",
                false,
            ),
        };
        DocumentInfo {
            kind: self,
            id: id.into(),
            title: Text::new(ja, en),
            record,
            record_kind: record_kind.into(),
            personal,
        }
    }

    /// The document named `id` on the command line.
    pub fn from_id(id: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|k| k.info().id == id).ok_or_else(|| {
            let names: Vec<String> = Self::ALL.iter().map(|k| k.info().id).collect();
            Error::invalid(
                "document",
                Text::new(
                    format!("「{id}」という書類はありません。次のいずれかを指定してください: {}", names.join(", ")),
                    format!("There is no document called “{id}”. Use one of: {}", names.join(", ")),
                ),
            )
        })
    }
}

/// A request to produce a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentRequest {
    /// Which document.
    pub document: DocumentKind,
    /// The record it is for (a household, a block, a meeting…), where the document needs one.
    #[serde(default)]
    #[ts(optional)]
    pub record: Option<String>,
    /// The fiscal year it covers; the current one when absent.
    #[serde(default)]
    #[ts(optional)]
    pub fiscal_year: Option<i32>,
    /// One month of the year (1–12), for a document that can cover a month (the 出納帳).
    #[serde(default)]
    #[ts(optional)]
    pub month: Option<u32>,
    /// The day a document is as of (the household counts, the report to the city, the change of
    /// representative); today when absent.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub as_of: Option<chrono::NaiveDate>,
}

impl DocumentRequest {
    /// A request for `document` with nothing else chosen (no record, the current year, today).
    pub fn of(document: DocumentKind) -> Self {
        Self { document, record: None, fiscal_year: None, month: None, as_of: None }
    }

    /// Checks the request against the catalogue: a record where one is required.
    pub fn check(&self) -> Result<()> {
        let info = self.document.info();
        if info.record == RecordNeed::Required && self.record.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(Error::invalid(
                "record",
                Text::new(
                    format!(
                        "{}は印刷する{}を指定してください（--id）。",
                        info.title.ja,
                        record_label_ja(&info.record_kind)
                    ),
                    format!("Say which {} the {} is for (--id).", info.record_kind, info.title.en.to_lowercase()),
                ),
            ));
        }
        Ok(())
    }

    /// A file name for the saved PDF: `さくら台自治会_会員名簿（班別）_令和8年度.pdf`.
    pub fn file_name(&self, council: &str, fiscal_year_label: &str) -> String {
        let title = self.document.info().title.ja;
        let name = format!("{council}_{title}_{fiscal_year_label}.pdf");
        name.chars()
            .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
            .collect()
    }
}

fn record_label_ja(kind: &str) -> &'static str {
    match kind {
        "household" => "世帯",
        "block" => "班",
        "meeting" => "会議",
        "event" => "行事",
        "plan" => "計画の版",
        "grant" => "交付金の申請",
        _ => "対象",
    }
}

/// A document typeset for the window: its pages as pictures to look at before saving or printing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentPreview {
    /// The document's title, as printed.
    pub title: String,
    /// The suggested file name for saving it.
    pub file_name: String,
    /// Each page as a `data:image/png;base64,…` address.
    pub pages: Vec<String>,
}

/// A document made for printing: where its PDF is, and whether the system's viewer was opened on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrintedDocument {
    /// The PDF file (in the data folder's `printed/`).
    pub path: String,
    /// Whether the system's PDF viewer was started; if not, the window shows the path instead.
    pub opened: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_is_found_by_its_id() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_id(&kind.info().id).expect("known"), kind, "ids round-trip");
        }
        let err = DocumentKind::from_id("minutes-x").expect_err("unknown id");
        assert!(err.text().ja.contains("roster"), "the message lists what exists: {}", err.text().ja);
    }

    #[test]
    fn a_receipt_needs_its_household() {
        let req = DocumentRequest::of(DocumentKind::Receipt);
        assert!(req.check().is_err(), "a receipt without a household cannot be printed");
        let req = DocumentRequest::of(DocumentKind::Roster);
        assert!(req.check().is_ok(), "the roster needs no record");
    }

    #[test]
    fn file_names_are_safe_on_windows() {
        let req = DocumentRequest::of(DocumentKind::Roster);
        let name = req.file_name("A/B:自治会", "令和8年度");
        assert_eq!(name, "A_B_自治会_会員名簿（班別）_令和8年度.pdf");
    }
}
