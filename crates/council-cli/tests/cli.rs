//! The `council` binary run as a user runs it, on a real data folder in a temp dir.

use std::process::Command;

fn council(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_council"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("COUNCIL_DESK_TODAY", "2026-11-23")
        .output()
        .expect("run council")
}

#[test]
fn init_then_info_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(
        dir.path(),
        &["init", "--name", "髙﨑町内会", "--kind", "chonaikai", "--city", "みどり市", "--representative", "𠮷田 一郎"],
    );
    assert!(out.status.success(), "init must succeed: {}", String::from_utf8_lossy(&out.stderr));
    let out = council(dir.path(), &["info", "--json"]);
    assert!(out.status.success(), "info must succeed: {}", String::from_utf8_lossy(&out.stderr));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("info --json prints JSON");
    assert_eq!(info["name"], "髙﨑町内会", "names outside JIS X 0208 round-trip unchanged");
    assert_eq!(info["fiscal_year"]["label_ja"], "令和8年度", "2026-11-23 lies in FY2026");
    assert_eq!(info["is_demo"], false);
    assert!(dir.path().join("council.sqlite3").exists(), "the database lives in the --data folder");
}

#[test]
fn demo_creates_the_sample_council_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(dir.path(), &["demo"]);
    assert!(out.status.success(), "demo must succeed: {}", String::from_utf8_lossy(&out.stderr));
    let out = council(dir.path(), &["info"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("さくら台自治会（デモ）"), "info names the demo council: {text}");
    assert!(text.contains("令和8年度（FY2026）"), "info shows the fiscal year both ways: {text}");
    let again = council(dir.path(), &["demo"]);
    assert!(!again.status.success(), "a second council in the same folder is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("既に自治会が登録されています"), "the refusal says why");
}

#[test]
fn info_without_a_council_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(dir.path(), &["info"]);
    assert!(!out.status.success(), "info on an empty folder fails");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("最初に自治会の情報を登録してください"), "the message says what to do: {err}");
}

#[test]
fn init_with_missing_fields_lists_each_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(dir.path(), &["init", "--name", " ", "--city", "", "--representative", "x"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--name:") && err.contains("--city:"), "each bad flag is named: {err}");
    let info = council(dir.path(), &["info"]);
    assert!(!info.status.success(), "nothing was written by the refused init");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Renames the demo council through the library, as the window would (the CLI has no edit command).
fn rename_council(data: &std::path::Path, name: &str) {
    use council_domain::council::{self, CouncilProfileInput};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let session = council_domain::open(
        council_store::data_dir::DataDir::at(data),
        Box::new(council_domain::clock::FixedClock::at_date(today)),
    )
    .expect("open");
    let p = session.read(|r| council::get(r)).expect("state").expect("council");
    let input = CouncilProfileInput {
        name: name.to_owned(),
        kind: p.kind,
        kind_other: p.kind_other,
        city: p.city,
        district: p.district,
        address: p.address,
        representative_title: p.representative_title,
        representative_name: p.representative_name,
        fiscal_year_start_month: p.fiscal_year_start_month,
    };
    session.write(|w| council::update(w, &input)).expect("rename");
}

#[test]
fn backup_change_restore_gives_back_the_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(council(&data, &["demo"]).status.success());
    let before = council(&data, &["info", "--json"]).stdout;
    let file = dir.path().join("usb/さくら台.sqlite3");
    let out = council(&data, &["backup", "--out", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "backup --out must succeed: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("バックアップを作成しました"), "{}", text(&out.stdout));
    assert!(file.is_file(), "the backup is written where --out says");
    let again = council(&data, &["backup", "--out", file.to_str().expect("utf-8")]);
    assert!(!again.status.success(), "an existing backup is never overwritten");

    rename_council(&data, "さくら台東自治会");
    assert_ne!(council(&data, &["info", "--json"]).stdout, before, "the data changed");

    let refused = council(&data, &["restore", file.to_str().expect("utf-8")]);
    assert!(!refused.status.success(), "without a terminal or --yes, restore refuses");
    assert!(text(&refused.stdout).contains("さくら台自治会"), "…after showing the preview: {}", text(&refused.stdout));
    assert!(text(&refused.stderr).contains("--yes"), "…and says how to go ahead: {}", text(&refused.stderr));
    let info = council(&data, &["info"]);
    assert!(text(&info.stdout).contains("さくら台東自治会"), "the refused restore changed nothing");

    let out = council(&data, &["restore", file.to_str().expect("utf-8"), "--yes"]);
    assert!(out.status.success(), "restore must succeed: {}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("自治会 / Council:  さくら台自治会（デモ）"), "the preview names the council: {shown}");
    assert!(
        shown.contains("加入世帯 / Member households: ") && shown.contains("変更履歴 / Recorded changes: "),
        "the preview shows the counts: {shown}"
    );
    assert!(shown.contains("復元前のデータを保存しました"), "the replaced data was backed up first: {shown}");
    assert_eq!(council(&data, &["info", "--json"]).stdout, before, "the data equals the backup again");

    let list = council(&data, &["backups", "--json"]);
    assert!(list.status.success());
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON list");
    let reasons: Vec<_> = list.as_array().expect("array").iter().map(|b| b["reason"].as_str().unwrap_or("")).collect();
    assert!(reasons.contains(&"before_restore"), "the safety copy is listed: {reasons:?}");
    assert!(reasons.contains(&"daily"), "the day's automatic backup is listed: {reasons:?}");
    let listed = text(&council(&data, &["backups"]).stdout);
    assert!(listed.contains("令和8年（2026年）11月23日") && listed.contains("復元する前のデータ"), "{listed}");
    assert!(listed.contains(" KB") || listed.contains(" MB"), "sizes are shown: {listed}");
}

#[test]
fn restore_refuses_a_file_that_is_not_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(council(&data, &["demo"]).status.success());
    let junk = dir.path().join("minutes.sqlite3");
    std::fs::write(&junk, "これはバックアップではありません").expect("write");
    let out = council(&data, &["restore", junk.to_str().expect("utf-8"), "--yes"]);
    assert!(!out.status.success(), "a non-SQLite file must be refused");
    assert!(text(&out.stderr).contains("バックアップとして使えません"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Nothing was changed"), "{}", text(&out.stderr));
    assert!(text(&council(&data, &["info"]).stdout).contains("さくら台自治会"), "the data is untouched");
}

#[test]
fn check_finds_damage_and_restore_recovers_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(council(&data, &["demo"]).status.success());
    assert!(council(&data, &["info"]).status.success(), "this opening takes the daily backup");
    let ok = council(&data, &["check"]);
    assert_eq!(ok.status.code(), Some(0), "sound data: exit 0: {}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("異常はありません"));

    let db = data.join("council.sqlite3");
    let mut bytes = std::fs::read(&db).expect("read");
    bytes[100..4096].fill(0x5a);
    std::fs::write(&db, bytes).expect("damage");

    let out = council(&data, &["check"]);
    assert_eq!(out.status.code(), Some(2), "damaged data: exit 2");
    let shown = text(&out.stdout);
    assert!(shown.contains("壊れています") && shown.contains("council restore"), "names the fix: {shown}");
    let info = council(&data, &["info"]);
    assert!(!info.status.success(), "no command carries on with damaged data");
    assert!(text(&info.stderr).contains("壊れています") && text(&info.stderr).contains("council restore"));

    let list: serde_json::Value =
        serde_json::from_slice(&council(&data, &["backups", "--json"]).stdout).expect("backups lists on damaged data");
    let newest = list[0]["path"].as_str().expect("a backup").to_owned();
    let out = council(&data, &["restore", &newest, "--yes"]);
    assert!(out.status.success(), "restore recovers damaged data: {}", text(&out.stderr));
    assert_eq!(council(&data, &["check"]).status.code(), Some(0), "sound again");
    assert!(text(&council(&data, &["info"]).stdout).contains("さくら台自治会"));
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../council-io/tests/fixtures").join(name)
}

fn init(dir: &std::path::Path) {
    let out =
        council(dir, &["init", "--name", "さくら台自治会", "--city", "みどり市", "--representative", "山田 太郎"]);
    assert!(out.status.success(), "init must succeed: {}", String::from_utf8_lossy(&out.stderr));
}

fn households(dir: &std::path::Path) -> serde_json::Value {
    let out = council(dir, &["info", "--json"]);
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("info --json prints JSON");
    info["counts"].as_array().expect("counts").iter().find(|c| c["key"] == "households").expect("households")["count"]
        .clone()
}

#[test]
fn import_roster_dry_run_checks_without_writing_then_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    init(dir.path());
    let file = fixture("roster-good.xlsx");
    let file = file.to_str().expect("utf-8 path");
    let out = council(dir.path(), &["import", "roster", file, "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "a clean file passes the dry run: {}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("フリガナ → ふりがな"), "the guessed mapping is shown: {text}");
    assert!(text.contains("世帯 6 / 人 10"), "the counts are shown: {text}");
    assert!(text.contains("何も書き込んでいません"), "{text}");
    assert_eq!(households(dir.path()), 0, "the dry run wrote nothing");

    let out = council(dir.path(), &["import", "roster", file]);
    assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(households(dir.path()), 6);

    let again = council(dir.path(), &["import", "roster", file]);
    assert!(!again.status.success(), "duplicates stop the import unless skipped");
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("行 5: "), "each duplicate is listed by its row: {err}");
    let skipped = council(dir.path(), &["import", "roster", file, "--skip-duplicates"]);
    assert!(skipped.status.success(), "{}", String::from_utf8_lossy(&skipped.stderr));
    assert_eq!(households(dir.path()), 6, "nothing doubled");
}

#[test]
fn import_roster_with_a_bad_row_lists_it_exits_non_zero_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    init(dir.path());
    let file = fixture("roster-bad.xlsx");
    for extra in [&["--dry-run"][..], &[][..]] {
        let mut args = vec!["import", "roster", file.to_str().expect("path")];
        args.extend_from_slice(extra);
        let out = council(dir.path(), &args);
        assert!(!out.status.success(), "a problem row must fail the command ({args:?})");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("行 731: ふりがなが空です"), "the row and the reason are printed: {err}");
    }
    assert_eq!(households(dir.path()), 0, "not one row was imported");
}

#[test]
fn import_roster_reads_cp932_csv_when_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    init(dir.path());
    let file = fixture("roster-good-cp932.csv");
    let out = council(dir.path(), &["import", "roster", file.to_str().expect("path"), "--encoding", "cp932"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Shift_JIS"), "says how the file was read");
    let wrong = council(dir.path(), &["import", "roster", file.to_str().expect("path"), "--encoding", "utf-8"]);
    assert!(!wrong.status.success(), "a CP932 file read as UTF-8 is refused, not garbled");
}

#[test]
fn export_roster_writes_the_file_and_warns_about_personal_information() {
    let dir = tempfile::tempdir().expect("tempdir");
    init(dir.path());
    let out = council(dir.path(), &["import", "roster", fixture("roster-good.xlsx").to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let xlsx = dir.path().join("meibo.xlsx");
    let out = council(dir.path(), &["export", "roster", "--format", "xlsx", "--out", xlsx.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("個人情報"), "the full roster warns");
    assert!(std::fs::read(&xlsx).expect("written").starts_with(b"PK"), "an .xlsx (zip) file was written");
    let before = std::fs::read(&xlsx).expect("written");
    let again = council(dir.path(), &["export", "roster", "--format", "csv", "--out", xlsx.to_str().expect("path")]);
    assert!(!again.status.success(), "an existing file is never overwritten");
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("上書きはしません"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(std::fs::read(&xlsx).expect("still there"), before, "the file is unchanged");

    let csv = dir.path().join("city.csv");
    let out = council(
        dir.path(),
        &["export", "roster", "--format", "csv", "--scope", "city", "--out", csv.to_str().expect("path")],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("個人情報"), "the city's extract has no warning");
    let text = std::fs::read_to_string(&csv).expect("utf-8 csv");
    assert!(text.starts_with("\u{feff}班,世帯主"), "BOM and the city's two columns: {text}");
    assert!(text.contains("𠮷田 太郎"), "𠮷 survives in UTF-8");

    let sjis = dir.path().join("sjis.csv");
    let out = council(
        dir.path(),
        &["export", "roster", "--format", "csv", "--encoding", "cp932", "--out", sjis.to_str().expect("path")],
    );
    assert!(!out.status.success(), "𠮷 cannot be written in CP932");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("「𠮷」") && err.contains("UTF-8"), "names the character and the alternative: {err}");
    assert!(!sjis.exists(), "no garbled file is left behind");
}

#[test]
fn handover_export_then_import_on_a_new_pc_with_a_passphrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old");
    assert!(council(&old, &["demo"]).status.success());
    // `info --json` without the database path, which differs between the two PCs.
    let info = |data: &std::path::Path| {
        let mut v: serde_json::Value =
            serde_json::from_slice(&council(data, &["info", "--json"]).stdout).expect("info");
        v.as_object_mut().expect("object").remove("database_file");
        v
    };
    let before = info(&old);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "さくら台の桜並木 2026\n").expect("passphrase file");
    let file = dir.path().join("usb/引き継ぎ.councilhandover");
    let (file_s, pass_s) = (file.to_str().expect("utf-8"), pass.to_str().expect("utf-8"));
    let out = council(&old, &["handover", "export", "--out", file_s, "--passphrase-file", pass_s]);
    assert!(out.status.success(), "handover export must succeed: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("保護 / Protected:  合言葉あり"), "{}", text(&out.stdout));

    let new = dir.path().join("new");
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "さくら台の桜並木 2025\n").expect("wrong passphrase file");
    let out = council(&new, &["handover", "import", file_s, "--passphrase-file", wrong.to_str().expect("utf-8")]);
    assert!(!out.status.success(), "a wrong passphrase must be refused");
    assert!(text(&out.stderr).contains("合言葉（パスフレーズ）が違います"), "{}", text(&out.stderr));
    assert!(!new.join("council.sqlite3").exists(), "the refused import wrote no data");

    let out = council(&new, &["handover", "import", file_s, "--passphrase-file", pass_s]);
    assert!(out.status.success(), "handover import must succeed: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("「さくら台自治会」を引き継ぎました"), "{}", text(&out.stdout));
    assert_eq!(info(&new), before, "the new PC holds the same council, with the same counts");

    let again = council(&new, &["handover", "import", file_s, "--passphrase-file", pass_s]);
    assert!(!again.status.success(), "a folder with a council is not replaced without --replace");
    assert!(text(&again.stderr).contains("already holds a council"), "{}", text(&again.stderr));
}

#[test]
fn handover_import_refuses_a_truncated_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old");
    assert!(council(&old, &["demo"]).status.success());
    let file = dir.path().join("h.councilhandover");
    let out = council(&old, &["handover", "export", "--out", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--passphrase-file"),
        "an unprotected file is warned about: {}",
        text(&out.stderr)
    );
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(&file, &bytes[..bytes.len() - 1000]).expect("truncate");
    let new = dir.path().join("new");
    let out = council(&new, &["handover", "inspect", file.to_str().expect("utf-8")]);
    assert!(!out.status.success(), "a truncated file must be refused");
    assert!(text(&out.stderr).contains("途中で切れているか、壊れている"), "{}", text(&out.stderr));
    assert!(!new.join("council.sqlite3").exists(), "nothing was written");
}

#[test]
fn export_all_writes_json_xlsx_and_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(council(&data, &["demo"]).status.success());
    let json = dir.path().join("all.json");
    let out = council(&data, &["export", "all", "--format", "json", "--out", json.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("世帯: "), "each table's rows are listed: {}", text(&out.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("JSON");
    let info: serde_json::Value = serde_json::from_slice(&council(&data, &["info", "--json"]).stdout).expect("info");
    let persons = info["counts"].as_array().expect("counts").iter().find(|c| c["key"] == "persons").expect("persons");
    let members = doc["tables"]["persons"].as_array().expect("persons").len();
    assert!(members as i64 >= persons["count"].as_i64().expect("count"), "every person is exported");
    for (format, path) in [("xlsx", dir.path().join("all.xlsx")), ("csv", dir.path().join("csv"))] {
        let out = council(&data, &["export", "all", "--format", format, "--out", path.to_str().expect("utf-8")]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert!(path.exists(), "{format}: written where --out says");
    }
    assert!(dir.path().join("csv/households.csv").is_file(), "one CSV per table");
}

#[test]
fn a_year_of_the_accounts_exports_as_a_workbook_and_never_over_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(council(dir.path(), &["demo"]).status.success());
    let out = dir.path().join("会計.xlsx");
    let run = council(dir.path(), &["export", "accounts", "--year", "2025", "--out", out.to_str().expect("utf-8")]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(std::fs::read(&out).expect("written").starts_with(b"PK"), "an .xlsx (zip) file");
    let again = council(dir.path(), &["export", "accounts", "--year", "2025", "--out", out.to_str().expect("utf-8")]);
    assert!(!again.status.success(), "an existing file is never overwritten");
    let pdf = dir.path().join("決算.pdf");
    let run = council(dir.path(), &["render", "settlement", "--year", "2025", "--out", pdf.to_str().expect("utf-8")]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // Every paper of the books, for an account named as the treasurer names it, a month of the cash book.
    for (n, args) in [
        &["cashbook", "--account", "一般会計", "--month", "5"][..],
        &["audit-report", "--account", "一般会計"],
        &["assets"],
        &["account-report"],
        &["budget", "--year", "2026"],
    ]
    .into_iter()
    .enumerate()
    {
        let pdf = dir.path().join(format!("{n}.pdf"));
        let mut all = vec!["render"];
        all.extend_from_slice(args);
        if !args.contains(&"--year") {
            all.extend_from_slice(&["--year", "2025"]);
        }
        all.extend_from_slice(&["--out", pdf.to_str().expect("utf-8")]);
        let run = council(dir.path(), &all);
        assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
        assert!(std::fs::read(&pdf).expect("written").starts_with(b"%PDF-"), "{args:?}");
    }
    let unknown = council(dir.path(), &["render", "cashbook", "--account", "祭礼会計", "--year", "2025"]);
    assert!(!unknown.status.success());
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        said.contains("「祭礼会計」という会計はありません") && said.contains("一般会計"),
        "names the accounts there are: {said}"
    );
    let month = council(dir.path(), &["render", "cashbook", "--month", "13"]);
    assert!(!month.status.success(), "a month is 1–12");
}

#[test]
fn a_cash_book_kept_in_excel_is_checked_then_imported_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(council(dir.path(), &["demo"]).status.success());
    let csv = dir.path().join("出納帳.csv");
    std::fs::write(
        &csv,
        "日付,科目,摘要,収入,支出\n6/1,寄付金,敬老会へのご寄付,3000,\n6/2,集会所費,集会所の鍵,,1100\n",
    )
    .expect("csv");
    let file = csv.to_str().expect("utf-8");
    let unmapped = council(dir.path(), &["import", "cashbook", file, "--year", "2026", "--dry-run"]);
    assert!(!unmapped.status.success(), "a 科目 without a match stops it");
    assert!(text(&unmapped.stderr).contains("「集会所費」に当たる科目"), "{}", text(&unmapped.stderr));
    let mapped = ["import", "cashbook", file, "--year", "2026", "--map", "集会所費=事務費"];
    let dry = council(dir.path(), &[&mapped[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(text(&dry.stdout).contains("何も書き込んでいません"));
    let run = council(dir.path(), &mapped);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("2件の記帳"), "{}", text(&run.stdout));
    let closed = council(dir.path(), &["import", "cashbook", file, "--year", "2025", "--map", "集会所費=事務費"]);
    assert!(!closed.status.success(), "a closed year takes nothing");
    assert!(text(&closed.stderr).contains("決算を締めてある"), "{}", text(&closed.stderr));
}
