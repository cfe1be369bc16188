//! The TypeScript declarations of every type that crosses the IPC boundary, generated from the Rust
//! types (ts-rs) into one file the UI imports: `ui/src/backend/bindings.ts`. A test fails when the
//! committed file differs from what the types generate.

use ts_rs::{Config, TS};

/// Path of the generated file, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/backend/bindings.ts";

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {{
        let mut out = String::from(
            "// Generated from the Rust types by council-core (ts-rs). Do not edit by hand:\n\
             // run `make bindings` after changing a type that crosses the IPC boundary.\n\n",
        );
        $(
            out.push_str("export ");
            out.push_str(&<$t as TS>::decl($cfg));
            out.push_str("\n\n");
        )*
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }};
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    declarations!(&cfg;
        crate::text::Text,
        crate::ids::CouncilId,
        crate::error::ErrorCode,
        crate::error::FieldProblem,
        crate::calendar::FiscalYearInfo,
        crate::settings::Language,
        crate::settings::TextScale,
        crate::settings::DateStyle,
        crate::settings::Settings,
        crate::settings::SettingsPatch,
        crate::documents::DocumentKind,
        crate::documents::RecordNeed,
        crate::documents::DocumentInfo,
        crate::documents::DocumentRequest,
        crate::documents::DocumentPreview,
        crate::documents::PrintedDocument,
        crate::council::CouncilKind,
        crate::council::CouncilProfile,
        crate::council::CouncilProfileInput,
        crate::members::BlockId,
        crate::members::HouseholdId,
        crate::members::PersonId,
        crate::members::Block,
        crate::members::BlockInput,
        crate::members::LeaveReason,
        crate::members::Person,
        crate::members::PersonInput,
        crate::members::Household,
        crate::members::HouseholdInput,
        crate::members::MemberRow,
        crate::members::MemberQuery,
        crate::members::MemberPage,
        crate::members::BlockCount,
        crate::members::HouseholdCounts,
        crate::members::PersonHit,
        crate::officers::OfficerTermId,
        crate::officers::OfficerRole,
        crate::officers::OfficerTerm,
        crate::officers::OfficerTermInput,
        crate::officers::CarryChoice,
        crate::partners::PartnerId,
        crate::partners::PartnerKind,
        crate::partners::Partner,
        crate::partners::PartnerInput,
        crate::dues::DuesPaymentId,
        crate::dues::DuesRate,
        crate::dues::DuesStatus,
        crate::dues::DuesRow,
        crate::dues::DuesBlockSummary,
        crate::dues::DuesOverview,
        crate::dues::DuesPaymentInput,
        crate::dues::DuesPayment,
        crate::roster_io::Encoding,
        crate::roster_io::SourceFormat,
        crate::roster_io::RosterField,
        crate::roster_io::FieldChoice,
        crate::roster_io::RowProblem,
        crate::roster_io::DuplicateRow,
        crate::roster_io::ImportRow,
        crate::roster_io::ImportPreview,
        crate::roster_io::OnDuplicate,
        crate::roster_io::ImportOptions,
        crate::roster_io::ImportSummary,
        crate::roster_io::ExportFormat,
        crate::roster_io::ExportEncoding,
        crate::roster_io::ExportScope,
        crate::roster_io::ExportFile,
        crate::roster_io::SavedExport,
        crate::search::SearchResults,
        crate::attachments::AttachmentId,
        crate::attachments::Attachment,
        crate::plan::PlanId,
        crate::plan::PolicyId,
        crate::plan::MeasureId,
        crate::plan::ActionId,
        crate::plan::IndicatorId,
        crate::plan::ActionStatus,
        crate::plan::PlanSummary,
        crate::plan::PartnerRef,
        crate::plan::ScheduleSlot,
        crate::plan::Actual,
        crate::plan::progress::Direction,
        crate::plan::progress::Progress,
        crate::plan::Indicator,
        crate::plan::Action,
        crate::plan::Measure,
        crate::plan::Policy,
        crate::plan::Plan,
        crate::plan::PlanInput,
        crate::plan::PolicyInput,
        crate::plan::MeasureInput,
        crate::plan::ActionInput,
        crate::plan::IndicatorInput,
        crate::plan::IndicatorOwner,
        crate::plan::ActionChoice,
        crate::plan::PlanHit,
        crate::plan::PlanNode,
        crate::plan::ReviewEvent,
        crate::plan::ReviewAction,
        crate::plan::ReviewIndicator,
        crate::plan::ReviewMeasure,
        crate::plan::Review,
        crate::plan::xlsx::PlanFileProblem,
        crate::plan::xlsx::PlanImportPreview,
        crate::events::EventId,
        crate::events::EventCategory,
        crate::events::Event,
        crate::events::EventInput,
        crate::events::CirculationRow,
        crate::events::CirculationBlock,
        crate::events::EventNotice,
        crate::home::HomeSummary,
        crate::meetings::MeetingId,
        crate::meetings::AgendaItemId,
        crate::meetings::PaperId,
        crate::meetings::ActionItemId,
        crate::meetings::minutes::MinutesId,
        crate::meetings::MeetingKind,
        crate::meetings::InviteRule,
        crate::meetings::AgendaKind,
        crate::meetings::MotionResult,
        crate::meetings::MinutesStatus,
        crate::meetings::ActionItemStatus,
        crate::meetings::rules::QuorumBasis,
        crate::meetings::rules::QuorumRule,
        crate::meetings::rules::Attendance,
        crate::meetings::rules::QuorumStatus,
        crate::meetings::rules::Majority,
        crate::meetings::Invitee,
        crate::meetings::AttendanceInput,
        crate::meetings::Paper,
        crate::meetings::AgendaItem,
        crate::meetings::AgendaItemInput,
        crate::meetings::MotionResultInput,
        crate::meetings::MeetingInput,
        crate::meetings::MinutesRef,
        crate::meetings::Meeting,
        crate::meetings::MeetingSummary,
        crate::meetings::MeetingQuery,
        crate::meetings::DecisionHit,
        crate::meetings::MeetingList,
        crate::meetings::ActionItem,
        crate::meetings::ActionItemInput,
        crate::meetings::minutes::MinutesItem,
        crate::meetings::minutes::Minutes,
        crate::meetings::minutes::MinutesInput,
        crate::meetings::papers::PaperKind,
        crate::meetings::papers::PaperHeader,
        crate::meetings::papers::AgendaLine,
        crate::meetings::papers::NoticeDoc,
        crate::meetings::papers::VoteFormDoc,
        crate::meetings::papers::AttendanceLine,
        crate::meetings::papers::AttendanceSheetDoc,
        crate::meetings::papers::MinutesLine,
        crate::meetings::papers::MinutesDoc,
        crate::meetings::papers::PackMotion,
        crate::meetings::papers::BoardPackDoc,
        crate::meetings::papers::MeetingPaper,
        crate::audit::AuditAction,
        crate::audit::AuditEntry,
        crate::desk::AppState,
        crate::desk::RecordCount,
        crate::desk::CouncilInfo,
        crate::backup::BackupReason,
        crate::backup::BackupEntry,
        crate::backup::BackupInfo,
        crate::backup::RestoreOutcome,
        crate::handover::HandoverInfo,
        crate::handover::HandoverImport,
        crate::open_data::OpenDataFormat,
        crate::open_data::ExportedTable,
        crate::open_data::OpenDataExport,
        crate::integrity::IntegrityReport,
        crate::error::ErrorPayload,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when the committed bindings differ from the Rust types; `UPDATE_BINDINGS=1` rewrites them.
    #[test]
    fn committed_bindings_match_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(BINDINGS_PATH);
        let generated = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{BINDINGS_PATH} is out of date with the Rust types: run `make bindings` and commit the result"
        );
    }
}
