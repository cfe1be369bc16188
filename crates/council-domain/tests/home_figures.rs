//! Home's figures (unpaid dues, households by block) are kept by the desk between reads so that the
//! window can prepare them while it starts: every change, made here, by another process on the same
//! data folder (the CLI) or by a restore, must show in the next read.

use chrono::NaiveDate;
use council_core::backup::BackupReason;
use council_core::clock::FixedClock;
use council_core::data_dir::DataDir;
use council_core::dues::{DuesPaymentInput, DuesRate};
use council_core::members::{BlockInput, HouseholdInput, PersonInput};
use council_core::{Desk, demo};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn open(dir: &std::path::Path) -> Desk {
    Desk::open(DataDir::at(dir), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder")
}

fn household(block: &council_core::members::BlockId, name: &str) -> HouseholdInput {
    HouseholdInput {
        code: String::new(),
        address: "さくら台".into(),
        block_id: Some(block.clone()),
        joined_on: d("2010-04-01"),
        notes: String::new(),
        persons: vec![PersonInput {
            id: None,
            name: name.into(),
            kana: "かな".into(),
            is_head: true,
            phone: String::new(),
            email: String::new(),
            birth_year: Some(1970),
            notes: String::new(),
        }],
    }
}

fn payment(household: &council_core::members::HouseholdId, amount: i64) -> DuesPaymentInput {
    DuesPaymentInput {
        household_id: household.clone(),
        fiscal_year: 2026,
        paid_on: d("2026-06-10"),
        amount,
        collected_by: "会計".into(),
        notes: String::new(),
    }
}

#[test]
fn kept_figures_follow_every_change_here_elsewhere_and_by_a_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = open(dir.path());
    desk.set_up_council(&demo::profile()).expect("profile");
    let block =
        desk.create_block(&BlockInput { name: "1班".into(), notes: String::new() }).expect("block")[0].id.clone();
    let a = desk.create_household(&household(&block, "青木 誠")).expect("a");
    let b = desk.create_household(&household(&block, "伊藤 茂")).expect("b");
    desk.set_dues_rate(&DuesRate { fiscal_year: 2026, amount: 3600, single_elderly_amount: None, elderly_age: 75 })
        .expect("rate");

    let first = desk.dues_overview(None).expect("overview");
    assert_eq!((first.unpaid_households, first.paid), (2, 0));
    assert_eq!(desk.dues_overview(None).expect("kept"), first, "unchanged data: the same figures");
    assert_eq!(desk.household_counts(None).expect("counts").total, 2);

    // Written here.
    desk.record_dues_payment(&payment(&a.id, 3600)).expect("pay");
    let paid = desk.dues_overview(None).expect("overview");
    assert_eq!((paid.unpaid_households, paid.paid), (1, 3600), "a payment recorded here shows at once");
    let before_restore = desk.backup_now(BackupReason::Manual).expect("backup");

    // Written by another process on the same folder (the CLI), while this desk stays open.
    {
        let mut cli = open(dir.path());
        cli.record_dues_payment(&payment(&b.id, 3600)).expect("pay elsewhere");
        cli.create_household(&household(&block, "上田 健")).expect("join elsewhere");
    }
    let elsewhere = desk.dues_overview(None).expect("overview");
    assert_eq!((elsewhere.unpaid_households, elsewhere.paid), (1, 7200), "the CLI's payment and new household show");
    assert_eq!(desk.household_counts(None).expect("counts").total, 3, "the CLI's new household is counted");

    // Another year is its own read, not this year's kept figures.
    assert_eq!(desk.dues_overview(Some(2025)).expect("2025").paid, 0);
    assert_eq!(desk.dues_overview(None).expect("2026").paid, 7200);

    // A restore brings back the figures of the backup.
    desk.restore(std::path::Path::new(&before_restore.path)).expect("restore");
    let restored = desk.dues_overview(None).expect("overview");
    assert_eq!((restored.unpaid_households, restored.paid), (1, 3600), "as they were when the backup was taken");
    assert_eq!(desk.household_counts(None).expect("counts").total, 2);
}
