//! Hostile spreadsheets and CSV files given to `council import roster`, in a process whose address
//! space is capped at 2 GiB: each is refused with a message that names the limit or the row, in
//! bounded memory, and nothing is imported.

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use crate::harness::{TODAY, ok, rows, text};

/// `council import roster FILE --dry-run` with at most 2 GiB of address space.
fn import_capped(data: &Path, file: &Path) -> std::process::Output {
    Command::new("prlimit")
        .arg("--as=2147483648")
        .arg(env!("CARGO_BIN_EXE_council"))
        .arg("--data")
        .arg(data)
        .args(["import", "roster"])
        .arg(file)
        .env("COUNCIL_DESK_TODAY", TODAY)
        .output()
        .expect("prlimit (util-linux) runs")
}

/// A workbook with one value at (row, column), zero-based, as Excel saves it.
fn xlsx_with_value_at(file: &Path, row: u32, col: u16) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "氏名").expect("header");
    sheet.write_string(0, 1, "ふりがな").expect("header");
    sheet.write_string(row, col, "x").expect("far cell");
    book.save(file).expect("save");
}

/// A copy of a small workbook whose first sheet's XML expands to `expanded` bytes of empty rows.
fn zip_bomb(file: &Path, expanded: usize) {
    let small = file.with_extension("small.xlsx");
    xlsx_with_value_at(&small, 1, 0);
    let source = std::fs::read(&small).expect("read");
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(source)).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(file).expect("create"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut part = input.by_index(i).expect("part");
        let name = part.name().expect("a part name").to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).expect("read part");
        out.start_file(name.as_str(), options).expect("start");
        if name.ends_with("sheet1.xml") {
            let text = String::from_utf8(bytes).expect("xml");
            let (head, tail) = text.split_once("</sheetData>").expect("sheetData");
            out.write_all(head.as_bytes()).expect("head");
            let filler = "<row/>".repeat(1 << 16);
            let mut written = 0;
            while written < expanded {
                out.write_all(filler.as_bytes()).expect("fill");
                written += filler.len();
            }
            out.write_all(b"</sheetData>").expect("end");
            out.write_all(tail.as_bytes()).expect("tail");
        } else {
            out.write_all(&bytes).expect("copy");
        }
    }
    out.finish().expect("finish");
}

#[test]
fn hostile_spreadsheets_are_refused_by_name_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    ok(&data, &["demo"]);
    let before = rows(&data.join("council.sqlite3"));
    let mut cases: Vec<(&str, std::path::PathBuf, &str)> = Vec::new();

    let far = dir.path().join("far.xlsx");
    xlsx_with_value_at(&far, 1_048_575, 16_383);
    cases.push(("a 6 KB workbook with a value at XFD1048576", far, "1048576"));

    let far_col = dir.path().join("wide.xlsx");
    xlsx_with_value_at(&far_col, 2, 5_000);
    cases.push(("a value in column 5,001", far_col, "5001"));

    let bomb = dir.path().join("bomb.xlsx");
    zip_bomb(&bomb, 600 << 20);
    cases.push(("a small workbook expanding to 600 MB", bomb, "MB"));

    let many = dir.path().join("many.csv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&many).expect("csv"));
        writeln!(f, "氏名,ふりがな,住所").expect("header");
        for i in 0..1_000_000 {
            writeln!(f, "{i},,").expect("row");
        }
    }
    cases.push(("a CSV of 1,000,000 rows", many, "100000"));

    let long_cell = dir.path().join("long.csv");
    std::fs::write(&long_cell, format!("氏名,ふりがな,備考\n山田 太郎,やまだ たろう,{}\n", "あ".repeat(5_000)))
        .expect("csv");
    cases.push(("a CSV with a 5,000-character cell", long_cell, "4000"));

    let huge = dir.path().join("huge.csv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&huge).expect("csv"));
        writeln!(f, "氏名,ふりがな,備考").expect("header");
        let cell = "x".repeat(1 << 20);
        for _ in 0..200 {
            writeln!(f, "山田 太郎,やまだ たろう,{cell}").expect("row");
        }
    }
    cases.push(("a 200 MB CSV", huge, "32 MB"));

    let mixed = dir.path().join("mixed.csv");
    {
        let mut bytes = "氏名,ふりがな\n山田 太郎,やまだ たろう\n".as_bytes().to_vec();
        bytes.extend_from_slice(&encoding_rs_cp932("佐藤 花子,さとう はなこ\n"));
        std::fs::write(&mixed, bytes).expect("csv");
    }
    cases.push(("a CSV half UTF-8, half Shift_JIS", mixed, "3行目"));

    let mut held = 0;
    for (name, file, says) in &cases {
        let out = import_capped(&data, file);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: refused cleanly, not killed or aborted: {err}");
        assert!(err.contains(says), "{name}: the message names the limit or the row ({says}): {err}");
        assert!(
            err.contains("データは変更していません") || err.contains("読めません"),
            "{name}: says nothing changed: {err}"
        );
        assert_eq!(rows(&data.join("council.sqlite3")), before, "{name}: nothing was imported");
        held += 1;
    }

    // Problems beyond the first hundred are counted, not listed.
    let bad = dir.path().join("bad.csv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&bad).expect("csv"));
        writeln!(f, "氏名,ふりがな,住所").expect("header");
        for i in 0..5_000 {
            writeln!(f, "山田 太郎{i},,さくら台{i}").expect("row without its reading");
        }
    }
    let out = import_capped(&data, &bad);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "refused: {err}");
    assert!(
        err.contains("5000か所") || err.contains("5000 problem"),
        "the count covers every problem: {}",
        &err[..err.len().min(400)]
    );
    assert_eq!(err.lines().filter(|l| l.starts_with("行 ")).count(), 100, "at most 100 problems are listed");
    held += 1;
    println!("drill hostile-spreadsheets: tried {}, held {held}", cases.len() + 1);
}

/// Text in Shift_JIS (CP932), as Japanese Excel writes CSV.
fn encoding_rs_cp932(text: &str) -> Vec<u8> {
    // Kana and kanji of JIS X 0208 in Shift_JIS, written out by hand for the few characters used.
    let pairs: &[(char, [u8; 2])] = &[
        ('佐', [0x8D, 0xB2]),
        ('藤', [0x93, 0xA1]),
        ('花', [0x89, 0xD4]),
        ('子', [0x8E, 0x71]),
        ('さ', [0x82, 0xB3]),
        ('と', [0x82, 0xC6]),
        ('う', [0x82, 0xA4]),
        ('は', [0x82, 0xCD]),
        ('な', [0x82, 0xC8]),
        ('こ', [0x82, 0xB1]),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        match pairs.iter().find(|(k, _)| *k == c) {
            Some((_, b)) => out.extend_from_slice(b),
            None => out.push(c as u8),
        }
    }
    out
}
