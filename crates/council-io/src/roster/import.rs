//! The import: rows to households, the preview that lists every problem and duplicate before anything
//! is written, and the all-or-nothing write.
//!
//! Rows become households this way: rows with the same 世帯番号 form one household; a row without a
//! number whose 続柄 names someone other than the head (妻, 長男 …) joins the household of the row
//! above; any other row is a household of its own. The head is the row marked 世帯主 (or 本人), else
//! the household's first row. Address, block and joining date may be written on any one row of the
//! household.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{self, FieldChoice, RosterField};
use super::table::{Encoding, RawTable, SourceFormat};
use council_domain::Write;
use council_domain::audit::{AuditAction, Change};
use council_domain::calendar;
use council_domain::error::{Error, FieldProblem, Result};
use council_domain::kana;
use council_domain::members::{self, BlockId, BlockInput, HouseholdId, HouseholdInput, PersonInput};
use council_domain::text::Text;

/// How many parsed rows the preview shows.
const SAMPLE_ROWS: usize = 10;

/// A row of the file that must be fixed before the import can run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    /// The spreadsheet's row number (the header row for problems with the column mapping).
    pub row: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong and how to fix it.
    pub message: Text,
}

/// A household in the file that seems to be already registered, or written twice in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateRow {
    /// The row of the household's head in the file.
    pub row: u32,
    /// The head's name in the file.
    pub name: String,
    /// The registered household it matches, if it matches one.
    pub existing_household_id: Option<HouseholdId>,
    /// The earlier row of the file it repeats, if it repeats one.
    pub existing_row: Option<u32>,
    /// The matching head's name.
    pub existing_name: String,
    /// Why it is taken for a duplicate.
    pub reason: Text,
}

/// One row as it will be imported (the preview's sample).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRow {
    /// The spreadsheet's row number.
    pub row: u32,
    /// 世帯番号.
    pub household_code: String,
    /// Block name.
    pub block: String,
    /// Address.
    pub address: String,
    /// Joining date, if written and readable.
    #[ts(type = "string | null")]
    pub joined_on: Option<NaiveDate>,
    /// Name.
    pub name: String,
    /// Reading.
    pub kana: String,
    /// Head of its household.
    pub is_head: bool,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Birth year, if written and readable.
    pub birth_year: Option<i32>,
    /// Notes.
    pub notes: String,
}

/// Everything the import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    /// The file's name.
    pub file_name: String,
    /// What kind of file it is.
    pub format: SourceFormat,
    /// For CSV, the encoding it was read with.
    pub encoding: Option<Encoding>,
    /// The header row's number.
    pub header_row: u32,
    /// The header cells, one per column.
    pub headers: Vec<String>,
    /// The field of each column (as guessed, or as the user chose).
    pub mapping: Vec<RosterField>,
    /// The fields a column can be mapped to, with their labels.
    pub choices: Vec<FieldChoice>,
    /// Data rows read (blank rows not counted).
    pub rows: u32,
    /// Households the file holds.
    pub households: u32,
    /// Persons the file holds.
    pub persons: u32,
    /// Blocks named in the file that do not exist yet; the import creates them.
    pub new_blocks: Vec<String>,
    /// The problems, in row order (the first 100); the import runs only when there are none.
    pub problems: Vec<RowProblem>,
    /// How many more problems there are beyond those listed.
    pub more_problems: u32,
    /// Households that seem to be registered already or repeated in the file.
    pub duplicates: Vec<DuplicateRow>,
    /// Things worth knowing that are not problems (new blocks, default joining dates, ignored columns).
    pub notices: Vec<Text>,
    /// The first rows as they will be imported.
    pub sample: Vec<ImportRow>,
}

/// What to do with households that are already registered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Import the others and leave the duplicates out.
    Skip,
    /// Import nothing while there are duplicates.
    #[default]
    Refuse,
}

/// Choices for the import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// Duplicates: skip them, or refuse the import.
    pub on_duplicate: OnDuplicate,
}

/// What the import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    /// Households created.
    pub households: u32,
    /// Persons created.
    pub persons: u32,
    /// Blocks created.
    pub blocks_created: Vec<String>,
    /// Households left out as duplicates.
    pub skipped_duplicates: u32,
    /// One line saying what happened.
    pub message: Text,
}

/// A household as the file describes it.
#[derive(Debug)]
struct PlannedHousehold {
    head_row: u32,
    rows: Vec<u32>,
    code: String,
    address: String,
    block: Option<String>,
    joined_on: Option<NaiveDate>,
    persons: Vec<PersonInput>,
    duplicate: bool,
}

#[derive(Debug)]
struct Plan {
    preview: ImportPreview,
    households: Vec<PlannedHousehold>,
}

/// Reads the table with `mapping` and lists what the import would do: counts, new blocks, every
/// problem with its row number, and duplicates of registered households. Writes nothing.
/// Households without a joining date would join on `today`.
pub fn preview_import(
    conn: &Connection,
    table: &RawTable,
    mapping: &[RosterField],
    today: NaiveDate,
) -> Result<ImportPreview> {
    Ok(plan(conn, table, mapping, today)?.preview)
}

/// The error that stops an import of `preview`: its problems, or its duplicates when they are to be
/// refused. `None` when the import can run.
pub fn refusal(preview: &ImportPreview, on_duplicate: OnDuplicate) -> Option<Error> {
    if let Some(first) = preview.problems.first() {
        let n = preview.problems.len() + preview.more_problems as usize;
        return Some(Error::Validation {
            message: Text::new(
                format!(
                    "名簿「{}」に直すところが{n}か所あります（最初は{}行目）。何も取り込んでいません。ファイルを直してから、もう一度取り込んでください。",
                    preview.file_name, first.row
                ),
                format!(
                    "The roster \"{}\" has {n} problem(s) to fix (the first in row {}). Nothing was imported. \
                     Fix the file, then import it again.",
                    preview.file_name, first.row
                ),
            ),
            problems: preview
                .problems
                .iter()
                .map(|p| FieldProblem { field: format!("row.{}", p.row), message: p.message.clone() })
                .collect(),
        });
    }
    if on_duplicate == OnDuplicate::Refuse
        && let Some(first) = preview.duplicates.first()
    {
        let n = preview.duplicates.len();
        return Some(Error::Validation {
            message: Text::new(
                format!(
                    "既に登録されている世帯、またはファイルの中で重なっている世帯が{n}件あります（最初は{}行目）。何も取り込んでいません。重なる世帯を飛ばして取り込むか、ファイルを直してください。",
                    first.row
                ),
                format!(
                    "{n} household(s) are already registered or repeated in the file (the first in row {}). Nothing \
                     was imported. Import again skipping them, or fix the file.",
                    first.row
                ),
            ),
            problems: preview
                .duplicates
                .iter()
                .map(|d| FieldProblem { field: format!("row.{}", d.row), message: d.reason.clone() })
                .collect(),
        });
    }
    None
}

/// Imports the roster in the caller's transaction: all of it, or nothing when the preview has any
/// problem (or any duplicate, unless they are to be skipped). Missing blocks are created; every
/// household is created through [`members::create_household`] (so each gets its audit entry), and one
/// more entry records the import itself. Households without a joining date join on `now`'s date in
/// Japan.
pub fn import_roster(
    w: &Write<'_>,
    table: &RawTable,
    mapping: &[RosterField],
    options: ImportOptions,
) -> Result<ImportSummary> {
    let today = w.now().with_timezone(&council_domain::clock::jst()).date_naive();
    let plan = plan(w, table, mapping, today)?;
    if let Some(err) = refusal(&plan.preview, options.on_duplicate) {
        return Err(err);
    }
    let mut block_ids: HashMap<String, BlockId> =
        members::blocks(w)?.into_iter().map(|b| (kana::fold(&b.name), b.id)).collect();
    for name in &plan.preview.new_blocks {
        let id = members::create_block(w, &BlockInput { name: name.clone(), notes: String::new() })?;
        block_ids.insert(kana::fold(name), id);
    }
    let (mut households, mut persons, mut skipped) = (0u32, 0u32, 0u32);
    for h in plan.households {
        if h.duplicate {
            skipped += 1;
            continue;
        }
        let input = HouseholdInput {
            code: h.code.clone(),
            address: h.address.clone(),
            block_id: h.block.as_ref().and_then(|b| block_ids.get(&kana::fold(b)).cloned()),
            joined_on: h.joined_on.unwrap_or(today),
            notes: String::new(),
            persons: h.persons.clone(),
        };
        members::create_household(w, &input).map_err(|e| at_rows(e, &h))?;
        households += 1;
        persons += h.persons.len() as u32;
    }
    let blocks_created = plan.preview.new_blocks.clone();
    let message = Text::new(
        format!(
            "名簿「{}」から{households}世帯（{persons}人）を取り込みました。{}{}",
            table.file_name,
            if blocks_created.is_empty() {
                String::new()
            } else {
                format!("新しい班・組: {}。", blocks_created.join("、"))
            },
            if skipped > 0 { format!("重なる{skipped}世帯は飛ばしました。") } else { String::new() }
        ),
        format!(
            "Imported {households} household(s) ({persons} person(s)) from \"{}\".{}{}",
            table.file_name,
            if blocks_created.is_empty() {
                String::new()
            } else {
                format!(" New blocks: {}.", blocks_created.join(", "))
            },
            if skipped > 0 { format!(" Skipped {skipped} duplicate household(s).") } else { String::new() }
        ),
    );
    let summary = ImportSummary { households, persons, blocks_created, skipped_duplicates: skipped, message };
    let id = uuid::Uuid::now_v7().to_string();
    w.record(Change {
        entity: "roster_import",
        entity_id: &id,
        action: AuditAction::Create,
        summary: summary.message.ja.clone(),
        before: None,
        after: Some(serde_json::json!({
            "file_name": table.file_name,
            "mapping": plan.preview.mapping,
            "households": households,
            "persons": persons,
            "blocks_created": summary.blocks_created,
            "skipped_duplicates": skipped,
        })),
    })?;
    Ok(summary)
}

/// A household's validation error with its problems moved to the file's rows.
fn at_rows(err: Error, h: &PlannedHousehold) -> Error {
    match err {
        Error::Validation { message, problems } => Error::Validation {
            message,
            problems: problems
                .into_iter()
                .map(|p| {
                    let person = p
                        .field
                        .strip_prefix("persons.")
                        .and_then(|rest| rest.split('.').next())
                        .and_then(|i| i.parse::<usize>().ok());
                    let row = person.and_then(|i| h.rows.get(i)).copied().unwrap_or(h.head_row);
                    FieldProblem { field: format!("row.{row}"), message: p.message }
                })
                .collect(),
        },
        other => other,
    }
}

/// One data row's values.
#[derive(Debug)]
struct ParsedRow {
    out: ImportRow,
    head_mark: Option<bool>,
    raw_head: String,
}

/// The columns chosen for each field.
struct Columns<'a> {
    table: &'a RawTable,
    index: HashMap<RosterField, usize>,
}

impl Columns<'_> {
    fn has(&self, f: RosterField) -> bool {
        self.index.contains_key(&f)
    }

    fn header(&self, f: RosterField) -> Option<String> {
        self.index.get(&f).map(|&i| self.table.headers[i].clone())
    }

    /// The header's text for messages: 「フリガナ」.
    fn name(&self, f: RosterField) -> String {
        self.header(f).filter(|h| !h.is_empty()).unwrap_or_else(|| f.label().ja)
    }

    fn cell<'r>(&self, cells: &'r [String], f: RosterField) -> &'r str {
        self.index.get(&f).and_then(|&i| cells.get(i)).map_or("", |s| s.as_str())
    }
}

struct Problems(Vec<RowProblem>);

impl Problems {
    fn add(&mut self, row: u32, column: Option<String>, ja: String, en: String) {
        self.0.push(RowProblem { row, column, message: Text::new(ja, en) });
    }
}

fn plan(conn: &Connection, table: &RawTable, mapping: &[RosterField], today: NaiveDate) -> Result<Plan> {
    let mut mapping = mapping.to_vec();
    mapping.resize(table.headers.len(), RosterField::Ignore);
    let mut problems = Problems(Vec::new());
    let cols = check_mapping(table, &mapping, &mut problems);
    if table.rows.is_empty() {
        problems.add(
            table.header_row,
            None,
            format!(
                "{}行目の見出しの下に、名簿の行がありません。名簿の入ったファイルか確かめてください。",
                table.header_row
            ),
            format!(
                "There are no roster rows under the header in row {}. Check that this is the roster file.",
                table.header_row
            ),
        );
    }

    let parsed: Vec<ParsedRow> = table.rows.iter().map(|r| parse_row(&cols, r.row, &r.cells, &mut problems)).collect();
    let mut households = group(&cols, &parsed, &mut problems);
    let new_blocks = resolve_blocks(conn, &mut households)?;
    let duplicates = find_duplicates(conn, &mut households)?;

    let mut notices = Vec::new();
    if !new_blocks.is_empty() {
        notices.push(Text::new(
            format!("まだ無い班・組を{}つ作ります: {}", new_blocks.len(), new_blocks.join("、")),
            format!("{} new block(s) will be created: {}", new_blocks.len(), new_blocks.join(", ")),
        ));
    }
    let undated = households.iter().filter(|h| h.joined_on.is_none()).count();
    if undated > 0 {
        notices.push(Text::new(
            format!("加入日の無い{undated}世帯は、今日（{}）を加入日にします。", calendar::wareki(today)),
            format!(
                "{undated} household(s) without a joining date will join today ({}).",
                calendar::english_date(today)
            ),
        ));
    }
    let ignored: Vec<&str> = table
        .headers
        .iter()
        .zip(&mapping)
        .filter(|(h, f)| **f == RosterField::Ignore && !h.is_empty())
        .map(|(h, _)| h.as_str())
        .collect();
    if !ignored.is_empty() {
        notices.push(Text::new(
            format!("取り込まない列: 「{}」", ignored.join("」「")),
            format!("Columns not imported: \"{}\"", ignored.join("\", \"")),
        ));
    }

    let mut problems = problems.0;
    problems.sort_by_key(|p| p.row);
    let more_problems = crate::limits::cap(&mut problems);
    let sample = parsed.iter().take(SAMPLE_ROWS).map(|p| p.out.clone()).collect();
    let preview = ImportPreview {
        file_name: table.file_name.clone(),
        format: table.format,
        encoding: table.encoding,
        header_row: table.header_row,
        headers: table.headers.clone(),
        mapping,
        choices: RosterField::choices(),
        rows: parsed.len() as u32,
        households: households.len() as u32,
        persons: parsed.len() as u32,
        new_blocks,
        problems,
        more_problems,
        duplicates,
        notices,
        sample,
    };
    Ok(Plan { preview, households })
}

fn check_mapping<'a>(table: &'a RawTable, mapping: &[RosterField], problems: &mut Problems) -> Columns<'a> {
    let mut index = HashMap::new();
    for (i, f) in mapping.iter().enumerate() {
        if *f == RosterField::Ignore {
            continue;
        }
        if let Some(&first) = index.get(f) {
            let (a, b) = (&table.headers[first], &table.headers[i]);
            let label = f.label();
            problems.add(
                table.header_row,
                Some(b.clone()),
                format!(
                    "「{}」が2つの列（「{a}」と「{b}」）に選ばれています。片方を「取り込まない」にしてください。",
                    label.ja
                ),
                format!(
                    "\"{}\" is chosen for two columns (\"{a}\" and \"{b}\"). Set one of them to \"Do not import\".",
                    label.en
                ),
            );
        } else {
            index.insert(*f, i);
        }
    }
    for required in [RosterField::Name, RosterField::Kana, RosterField::Address] {
        if !index.contains_key(&required) {
            let label = required.label();
            problems.add(
                table.header_row,
                None,
                format!("「{}」の列が選ばれていません。どの列が{}か選んでください。", label.ja, label.ja),
                format!("No column is chosen for \"{}\". Choose the column that holds it.", label.en),
            );
        }
    }
    Columns { table, index }
}

fn parse_row(cols: &Columns<'_>, row: u32, cells: &[String], problems: &mut Problems) -> ParsedRow {
    use RosterField as F;
    let get = |f| cols.cell(cells, f);
    let name = get(F::Name).to_owned();
    if cols.has(F::Name) && name.is_empty() {
        let c = cols.name(F::Name);
        problems.add(
            row,
            cols.header(F::Name),
            format!("氏名が空です。「{c}」の列に氏名を入れるか、この行を消してください。"),
            format!("The name is empty. Enter it in the \"{c}\" column, or delete the row."),
        );
    }
    let reading = get(F::Kana).to_owned();
    if cols.has(F::Kana) {
        let c = cols.name(F::Kana);
        if reading.is_empty() {
            problems.add(
                row,
                cols.header(F::Kana),
                format!("ふりがなが空です。「{c}」の列に ひらがな か カタカナ で読みを入れてください（名簿は ふりがな の順に並びます）。"),
                format!("The reading is empty. Enter it in hiragana or katakana in the \"{c}\" column (rosters are sorted by it)."),
            );
        } else if !kana::is_reading(&reading) {
            problems.add(
                row,
                cols.header(F::Kana),
                format!(
                    "ふりがな「{reading}」に かな 以外の文字があります。ひらがな か カタカナ だけで書いてください。"
                ),
                format!(
                    "The reading \"{reading}\" has characters other than kana. Write it in hiragana or katakana only."
                ),
            );
        }
    }
    let date_text = get(F::JoinedOn);
    let joined_on = calendar::parse_date(date_text);
    if !date_text.is_empty() && joined_on.is_none() {
        problems.add(
            row,
            cols.header(F::JoinedOn),
            format!("加入日「{date_text}」を日付として読めません。2024/4/1 や 令和6年4月1日 の形で書いてください。"),
            format!("The joining date \"{date_text}\" is not a date. Write it like 2024/4/1 or 令和6年4月1日."),
        );
    }
    let year_text = get(F::BirthYear);
    let birth_year = calendar::parse_year(year_text);
    match birth_year {
        None if !year_text.is_empty() => problems.add(
            row,
            cols.header(F::BirthYear),
            format!("生まれ年「{year_text}」を読めません。1955 や 昭和30 の形で書いてください。"),
            format!("The birth year \"{year_text}\" cannot be read. Write it like 1955 or 昭和30."),
        ),
        Some(y) if !(1880..=2100).contains(&y) => problems.add(
            row,
            cols.header(F::BirthYear),
            format!("生まれ年「{year_text}」（{y}年）はありえない年です。西暦4桁か 昭和30 の形で直してください。"),
            format!("The birth year \"{year_text}\" ({y}) is out of range. Write it like 1955 or 昭和30."),
        ),
        _ => {}
    }
    let email = fields::nfkc(get(F::Email));
    if !email.is_empty() && !email.contains('@') {
        problems.add(
            row,
            cols.header(F::Email),
            format!("メール「{email}」に @ がありません。正しいアドレスに直すか、空にしてください。"),
            format!("The e-mail \"{email}\" has no @. Correct it or leave it empty."),
        );
    }
    let raw_head = get(F::IsHead).to_owned();
    ParsedRow {
        out: ImportRow {
            row,
            household_code: fields::nfkc(get(F::HouseholdCode)),
            block: fields::block_name(get(F::Block), &cols.header(F::Block).unwrap_or_default()),
            address: get(F::Address).to_owned(),
            joined_on,
            name,
            kana: reading,
            is_head: false,
            phone: fields::nfkc(get(F::Phone)),
            email,
            birth_year,
            notes: get(F::Notes).to_owned(),
        },
        head_mark: fields::head_mark(&raw_head),
        raw_head,
    }
}

/// Groups rows into households (see the module's documentation) and picks each one's head.
fn group(cols: &Columns<'_>, parsed: &[ParsedRow], problems: &mut Problems) -> Vec<PlannedHousehold> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut previous: Option<usize> = None;
    for (i, p) in parsed.iter().enumerate() {
        let g = if !p.out.household_code.is_empty() {
            *by_code.entry(kana::fold(&p.out.household_code)).or_insert_with(|| {
                groups.push((p.out.household_code.clone(), Vec::new()));
                groups.len() - 1
            })
        } else if p.head_mark == Some(false)
            && let Some(g) = previous
        {
            g
        } else {
            if p.head_mark == Some(false) {
                problems.add(
                    p.out.row,
                    cols.header(RosterField::IsHead),
                    format!("続柄が「{}」ですが、上に同じ世帯の世帯主の行がありません。世帯主の行をこの行の上に置くか、世帯番号を入れてください。", p.raw_head),
                    format!("The relation is \"{}\", but there is no head's row above it. Put the head's row above, or enter a household number.", p.raw_head),
                );
            }
            groups.push((String::new(), Vec::new()));
            groups.len() - 1
        };
        groups[g].1.push(i);
        previous = Some(g);
    }

    let mut out = Vec::with_capacity(groups.len());
    for (code, members) in groups {
        let heads: Vec<usize> = members.iter().copied().filter(|&i| parsed[i].head_mark == Some(true)).collect();
        let head = heads.first().copied().unwrap_or(members[0]);
        let head_row = parsed[head].out.row;
        let which = if code.is_empty() { String::new() } else { format!("（世帯番号 {code}）") };
        for &extra in heads.iter().skip(1) {
            problems.add(
                parsed[extra].out.row,
                cols.header(RosterField::IsHead),
                format!("同じ世帯{which}に世帯主が2人います（{head_row}行目と この行）。世帯主は1人にしてください。"),
                format!(
                    "The household{} has two heads (row {head_row} and this row). Mark only one as the head.",
                    en_code(&code)
                ),
            );
        }
        // Household fields may be written on any one of its rows; the head's row wins.
        let order: Vec<usize> = std::iter::once(head).chain(members.iter().copied().filter(|&i| i != head)).collect();
        let mut household_value = |field: RosterField, value: &dyn Fn(&ImportRow) -> String| -> String {
            let chosen = order.iter().map(|&i| value(&parsed[i].out)).find(|v| !v.is_empty()).unwrap_or_default();
            for &i in &order {
                let v = value(&parsed[i].out);
                if !v.is_empty() && kana::fold(&v) != kana::fold(&chosen) {
                    let label = field.label();
                    problems.add(
                        parsed[i].out.row,
                        cols.header(field),
                        format!("同じ世帯{which}の{head_row}行目と{}が違います（「{chosen}」と「{v}」）。揃えるか、別の世帯なら世帯番号を分けてください。", label.ja),
                        format!("The {} differs from row {head_row} of the same household{} (\"{chosen}\" and \"{v}\"). Make them the same, or give separate households separate numbers.", label.en.to_lowercase(), en_code(&code)),
                    );
                }
            }
            chosen
        };
        let address = household_value(RosterField::Address, &|r| r.address.clone());
        let block = household_value(RosterField::Block, &|r| r.block.clone());
        let joined =
            household_value(RosterField::JoinedOn, &|r| r.joined_on.map(|d| d.to_string()).unwrap_or_default());
        if cols.has(RosterField::Address) && address.is_empty() {
            let c = cols.name(RosterField::Address);
            problems.add(
                head_row,
                cols.header(RosterField::Address),
                format!("住所が空です。「{c}」の列に住所を入れてください（同じ世帯の行のどれか1つで足ります）。"),
                format!("The address is empty. Enter it in the \"{c}\" column (one row of the household is enough)."),
            );
        }
        let persons = order
            .iter()
            .map(|&i| {
                let r = &parsed[i].out;
                PersonInput {
                    id: None,
                    name: r.name.clone(),
                    kana: r.kana.clone(),
                    is_head: i == head,
                    phone: r.phone.clone(),
                    email: r.email.clone(),
                    birth_year: r.birth_year,
                    relation: String::new(),
                    notes: r.notes.clone(),
                }
            })
            .collect();
        out.push(PlannedHousehold {
            head_row,
            rows: order.iter().map(|&i| parsed[i].out.row).collect(),
            code,
            address,
            block: (!block.is_empty()).then_some(block),
            joined_on: joined.parse().ok(),
            persons,
            duplicate: false,
        });
    }
    out
}

fn en_code(code: &str) -> String {
    if code.is_empty() { String::new() } else { format!(" (number {code})") }
}

/// Matches the file's block names to existing blocks (ignoring width and script), and returns the
/// names that do not exist yet, each once, in the order the file names them.
fn resolve_blocks(conn: &Connection, households: &mut [PlannedHousehold]) -> Result<Vec<String>> {
    let mut known: HashMap<String, String> =
        members::blocks(conn)?.into_iter().map(|b| (kana::fold(&b.name), b.name)).collect();
    let mut new_blocks = Vec::new();
    for h in households.iter_mut() {
        if let Some(name) = &mut h.block {
            match known.get(&kana::fold(name)) {
                Some(existing) => *name = existing.clone(),
                None => {
                    known.insert(kana::fold(name), name.clone());
                    new_blocks.push(name.clone());
                }
            }
        }
    }
    Ok(new_blocks)
}

/// Flags households whose head has the same name (or the same reading) and the same address as a
/// registered member household's head, or as an earlier household of the file.
fn find_duplicates(conn: &Connection, households: &mut [PlannedHousehold]) -> Result<Vec<DuplicateRow>> {
    struct Known {
        id: Option<HouseholdId>,
        row: Option<u32>,
        name: String,
        name_key: String,
        kana_key: String,
    }
    let mut by_address: HashMap<String, Vec<Known>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT h.id, h.address, p.name, p.kana FROM household h
         JOIN person p ON p.household_id = h.id AND p.is_head = 1
         WHERE h.left_on IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, HouseholdId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    for row in rows {
        let (id, address, name, reading) = row?;
        by_address.entry(kana::fold(&address)).or_default().push(Known {
            id: Some(id),
            row: None,
            name_key: kana::fold(&name),
            kana_key: kana::fold(&reading),
            name,
        });
    }
    let mut out = Vec::new();
    for h in households.iter_mut() {
        let Some(head) = h.persons.first() else { continue };
        let (address, name_key, kana_key) = (kana::fold(&h.address), kana::fold(&head.name), kana::fold(&head.kana));
        if address.is_empty() || name_key.is_empty() {
            continue;
        }
        let candidates = by_address.entry(address).or_default();
        let same_name = candidates.iter().find(|k| k.name_key == name_key);
        let found = same_name
            .map(|k| (k, true))
            .or_else(|| candidates.iter().find(|k| !kana_key.is_empty() && k.kana_key == kana_key).map(|k| (k, false)));
        if let Some((k, by_name)) = found {
            let what = if by_name { ("氏名", "name") } else { ("ふりがな", "reading") };
            let reason = match k.row {
                Some(row) => Text::new(
                    format!("{row}行目の世帯と、世帯主の{}と住所が同じです（同じ世帯を2回書いていませんか）。", what.0),
                    format!("Same head's {} and address as the household in row {row} (is it written twice?).", what.1),
                ),
                None => Text::new(
                    format!("世帯主の{}と住所が同じ世帯（{}）が既に登録されています。", what.0, k.name),
                    format!(
                        "A household with the same head's {} and address ({}) is already registered.",
                        what.1, k.name
                    ),
                ),
            };
            out.push(DuplicateRow {
                row: h.head_row,
                name: head.name.clone(),
                existing_household_id: k.id.clone(),
                existing_row: k.row,
                existing_name: k.name.clone(),
                reason,
            });
            h.duplicate = true;
        } else {
            candidates.push(Known { id: None, row: Some(h.head_row), name: head.name.clone(), name_key, kana_key });
        }
    }
    Ok(out)
}
