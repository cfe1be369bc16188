//! Home's figures (unpaid dues, households by block) are kept between reads so that the window can
//! prepare them while it starts ([`Figures`], keyed on the data's version): every change, made
//! through this session, by another process on the same data folder (the CLI) or by a restore, must
//! show in the next read.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::dues::{self, DuesPaymentInput, DuesRate};
use council_domain::home::Figures;
use council_domain::members::{self, BlockInput, HouseholdInput, PersonInput};
use council_domain::{Session, council, folder};
use council_store::backup::BackupReason;
use council_store::data_dir::DataDir;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn open(dir: &std::path::Path) -> Session {
    council_domain::open(DataDir::at(dir), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder")
}

fn household(block: &council_domain::members::BlockId, name: &str) -> HouseholdInput {
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
            relation: String::new(),
            notes: String::new(),
        }],
    }
}

fn payment(household: &council_domain::members::HouseholdId, amount: i64) -> DuesPaymentInput {
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
    let s = open(dir.path());
    let figures = Figures::kept_in(s.dir());
    let dues_overview = |fy: Option<i32>| s.read(|r| figures.dues_overview(r, fy, r.today()));
    let household_counts = || s.read(|r| figures.household_counts(r, None, r.today()));
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let block =
        s.write(|w| members::create_block(w, &BlockInput { name: "1班".into(), notes: String::new() })).expect("block");
    let a = s.write(|w| members::create_household(w, &household(&block, "青木 誠"))).expect("a");
    let b = s.write(|w| members::create_household(w, &household(&block, "伊藤 茂"))).expect("b");
    s.write(|w| {
        dues::set_rate(w, &DuesRate { fiscal_year: 2026, amount: 3600, single_elderly_amount: None, elderly_age: 75 })
    })
    .expect("rate");

    let first = dues_overview(None).expect("overview");
    assert_eq!((first.unpaid_households, first.paid), (2, 0));
    assert_eq!(dues_overview(None).expect("kept"), first, "unchanged data: the same figures");
    assert_eq!(household_counts().expect("counts").total, 2);

    // Written here.
    s.write(|w| dues::record_payment(w, &payment(&a, 3600))).expect("pay");
    let paid = dues_overview(None).expect("overview");
    assert_eq!((paid.unpaid_households, paid.paid), (1, 3600), "a payment recorded here shows at once");
    let before_restore = s.backup_now(BackupReason::Manual).expect("backup");

    // Written by another process on the same folder (the CLI), while this session stays open.
    {
        let cli = open(dir.path());
        cli.write(|w| dues::record_payment(w, &payment(&b, 3600))).expect("pay elsewhere");
        cli.write(|w| members::create_household(w, &household(&block, "上田 健"))).expect("join elsewhere");
    }
    let elsewhere = dues_overview(None).expect("overview");
    assert_eq!((elsewhere.unpaid_households, elsewhere.paid), (1, 7200), "the CLI's payment and new household show");
    assert_eq!(household_counts().expect("counts").total, 3, "the CLI's new household is counted");

    // Another year is its own read, not this year's kept figures.
    assert_eq!(dues_overview(Some(2025)).expect("2025").paid, 0);
    assert_eq!(dues_overview(None).expect("2026").paid, 7200);

    // A restore brings back the figures of the backup.
    folder::restore(&s, std::path::Path::new(&before_restore.path)).expect("restore");
    let restored = dues_overview(None).expect("overview");
    assert_eq!((restored.unpaid_households, restored.paid), (1, 3600), "as they were when the backup was taken");
    assert_eq!(household_counts().expect("counts").total, 2);
}
