//! Writes the roster fixture files under `tests/fixtures/` that the import tests (and the end-to-end
//! suite) read. Run it again after changing what a fixture must hold:
//!
//! ```sh
//! cargo run -p council-io --example roster_fixtures
//! ```

#[path = "support/roster_sheet.rs"]
mod roster_sheet;

use std::path::Path;

use roster_sheet::{HEADERS, Row, Value, texts, xlsx};

/// The spreadsheet row at which `roster-bad.xlsx` lacks a reading.
const BAD_ROW: u32 = 731;

/// The good roster: 6 households, 10 persons, in 1班 / 2班 / 3班 (the file writes them 1, ２ and 3班).
fn good_rows(yoshida: &str) -> Vec<Row> {
    let y = |given: &str| format!("{yoshida} {given}");
    vec![
        texts(&[
            "００１",
            "1",
            "さくら台一丁目１－１",
            "令和6年4月1日",
            "髙橋 一郎",
            "タカハシ イチロウ",
            "世帯主",
            "０４２－１２３－４５６７",
            "",
            "昭和30",
            "",
        ]),
        texts(&["００１", "", "", "", "髙橋 和子", "タカハシ カズコ", "妻", "", "", "S33", ""]),
        texts(&[
            "002",
            "1",
            "さくら台一丁目２－３",
            "R6.4.1",
            "山﨑 花子",
            "やまさき はなこ",
            "本人",
            "042-123-0002",
            "hanako@example.jp",
            "1960",
            "",
        ]),
        None,
        texts(&[
            "003",
            "2班",
            "さくら台二丁目４－５",
            "2024/4/1",
            &y("太郎"),
            "よしだ たろう",
            "世帯主",
            "",
            "",
            "1948",
            "班長経験あり",
        ]),
        texts(&["003", "", "", "", &y("次郎"), "よしだ じろう", "長男", "", "", "1975", ""]),
        texts(&["003", "", "", "", &y("花"), "ﾖｼﾀﾞ ﾊﾅ", "孫", "", "", "２００５", ""]),
        Some(vec![
            Value::T("004".into()),
            Value::T("２".into()),
            Value::T("さくら台二丁目６".into()),
            Value::D(2023, 5, 1),
            Value::T("佐藤 恵".into()),
            Value::T("さとう めぐみ".into()),
            Value::T("世帯主".into()),
            Value::T(String::new()),
            Value::T(String::new()),
            Value::T("平成2年".into()),
            Value::T(String::new()),
        ]),
        None,
        texts(&[
            "005",
            "3班",
            "さくら台三丁目７－８",
            "平成31年4月30日",
            "鈴木 誠",
            "すずき まこと",
            "",
            "",
            "",
            "",
            "",
        ]),
        texts(&["", "", "", "", "鈴木 愛", "すずき あい", "妻", "", "", "", "世帯番号なし・続柄で上の世帯に入る"]),
        texts(&[
            "006",
            "3班",
            "さくら台三丁目９",
            "令和元年5月1日",
            "﨑山 健",
            "さきやま けん",
            "世帯主",
            "",
            "",
            "",
            "",
        ]),
    ]
}

fn small_rows(fixed: bool) -> Vec<Row> {
    vec![
        texts(&["森 勇", "もり いさむ", "さくら台1-1", "1班", "042-000-0001"]),
        texts(&["髙木 正", "たかぎ ただし", "さくら台1-2", "1班", ""]),
        texts(&["山﨑 茂", if fixed { "やまさき しげる" } else { "" }, "さくら台1-3", "1班", ""]),
        texts(&["𠮷川 結衣", "よしかわ ゆい", "さくら台2-1", "2班", "042-000-0004"]),
        texts(&["石井 博", "いしい ひろし", "さくら台2-2", "2班", ""]),
    ]
}

/// About 750 rows like a real roster, with blank rows, and one row (731) without its reading.
fn bad_rows() -> Vec<Row> {
    let header_row = 2; // one title row above the header
    let mut rows = Vec::new();
    let mut data = roster_sheet::synthetic(400).into_iter();
    let mut r = header_row;
    while r < 750 {
        r += 1;
        if r % 50 == 0 {
            rows.push(None);
            continue;
        }
        let Some(mut cells) = data.next() else { break };
        if r == BAD_ROW {
            cells[5].clear();
        }
        rows.push(Some(cells.into_iter().map(Value::T).collect()));
    }
    rows
}

fn cp932_csv(rows: &[Row]) -> Vec<u8> {
    let mut text = String::from("さくら台自治会 会員名簿,,,,,,,,,,\r\n");
    text.push_str(&HEADERS.join(","));
    text.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = match row {
            None => vec![String::new(); HEADERS.len()],
            Some(cells) => cells
                .iter()
                .map(|v| match v {
                    Value::T(s) => s.clone(),
                    Value::D(y, m, d) => format!("{y}/{m}/{d}"),
                })
                .collect(),
        };
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable, "the CP932 fixture must hold only characters CP932 has (髙 and 﨑 are in its extensions)");
    bytes.into_owned()
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::create_dir_all(&dir).expect("fixtures folder");
    let write = |name: &str, bytes: Vec<u8>| {
        std::fs::write(dir.join(name), &bytes).expect("write fixture");
        println!("{name}: {} bytes", bytes.len());
    };
    let title = ["さくら台自治会　会員名簿", "令和8年4月1日現在"];
    let groups = [("世帯", 0, 3), ("世帯の人", 4, 10)];
    write("roster-good.xlsx", xlsx(&title, &groups, &HEADERS, &good_rows("𠮷田")));
    write("roster-good-cp932.csv", cp932_csv(&good_rows("吉田")));
    write("roster-bad.xlsx", xlsx(&title[..1], &[], &HEADERS, &bad_rows()));
    let small = ["氏名", "ふりがな", "住所", "班", "電話"];
    write("roster-small-error.xlsx", xlsx(&[], &[], &small, &small_rows(false)));
    write("roster-small-fixed.xlsx", xlsx(&[], &[], &small, &small_rows(true)));
}
