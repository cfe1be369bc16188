//! Limits no council reaches, checked while a file from outside is read, so that a crafted or broken
//! spreadsheet is refused with a message that names the limit instead of taking the window down (a
//! sheet that claims a million rows, a 6 KB workbook that expands to gigabytes, a cell of 200 MB).
//!
//! A federation of 10,000 households has about 30,000 persons: a roster of 100,000 rows, 200
//! columns, 4,000 characters in a cell and 32 MB of file leaves room to spare.

use std::io::{Cursor, Read, Seek};

use calamine::{Cell, Data, Range, Xlsx};

use council_domain::error::{Error, Result};
use council_domain::text::Text;

/// The largest file read (bytes).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most bytes a workbook may expand to, all its parts together.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts a workbook may hold.
pub const MAX_PARTS: usize = 2_000;
/// The most rows of a sheet or records of a CSV file.
pub const MAX_ROWS: u32 = 100_000;
/// The most columns.
pub const MAX_COLUMNS: u32 = 200;
/// The most cells of the area a sheet's cells span (rows × columns), as the sheet is held in memory.
pub const MAX_CELLS: u64 = 2_000_000;
/// The longest cell (characters).
pub const MAX_CELL_CHARS: usize = 4_000;
/// The most problems listed; the rest are counted.
pub const MAX_PROBLEMS_LISTED: usize = 100;

/// The refusal of a file that is over a limit: what the limit is and what to do.
pub fn over_limit(file_name: &str, ja: String, en: String) -> Error {
    Error::invalid(
        "file",
        Text::new(
            format!(
                "「{file_name}」は読み込めません。{ja}データは変更していません。名簿や計画の本体だけのファイルにしてから選んでください。"
            ),
            format!(
                "\"{file_name}\" cannot be read: {en} Nothing was changed. Save a file with the roster or the plan alone and choose it."
            ),
        ),
    )
}

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub fn check_size(file_name: &str, bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(over_limit(
            file_name,
            format!("ファイルが大きすぎます（{} MB、上限 {} MB）。", bytes.len() >> 20, MAX_FILE_BYTES >> 20),
            format!("the file is too large ({} MB; the limit is {} MB).", bytes.len() >> 20, MAX_FILE_BYTES >> 20),
        ));
    }
    Ok(())
}

/// Refuses a workbook whose parts expand beyond [`MAX_UNPACKED_BYTES`] all together, or that has
/// more than [`MAX_PARTS`] parts, before any of it is parsed. The parts are really unpacked (into
/// nothing) to count their bytes: the sizes a workbook's directory declares can lie.
pub fn check_workbook(file_name: &str, bytes: &[u8]) -> Result<()> {
    check_size(file_name, bytes)?;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) }; // calamine says why
    if archive.len() > MAX_PARTS {
        return Err(over_limit(
            file_name,
            format!("ブックの部品が多すぎます（{}個）。", archive.len()),
            format!("the workbook has too many parts ({}).", archive.len()),
        ));
    }
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let Ok(mut part) = archive.by_index(i) else { return Ok(()) }; // calamine says why
        let room = MAX_UNPACKED_BYTES - unpacked;
        unpacked += std::io::copy(&mut (&mut part).take(room + 1), &mut std::io::sink()).unwrap_or(0);
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(over_limit(
                file_name,
                format!("展開すると大きすぎるファイルです（{} MB を超えます）。", MAX_UNPACKED_BYTES >> 20),
                format!("it expands to more than {} MB.", MAX_UNPACKED_BYTES >> 20),
            ));
        }
    }
    Ok(())
}

/// A worksheet's used cells, read one by one within the limits (rows, columns, the area they span,
/// cell length), as a range. A sheet whose cells lie beyond a limit is refused before the area is
/// held in memory.
pub fn read_sheet<RS: Read + Seek>(book: &mut Xlsx<RS>, sheet: &str, file_name: &str) -> Result<Range<Data>> {
    let not_excel = |_| {
        Error::invalid(
            "file",
            Text::new(
                format!(
                    "「{file_name}」のシート「{sheet}」を読めません。Excel で開けるか確かめ、保存し直してから選んでください。"
                ),
                format!(
                    "The sheet \"{sheet}\" of \"{file_name}\" cannot be read. Check that Excel opens it, save it again and retry."
                ),
            ),
        )
    };
    let mut reader = book.worksheet_cells_reader(sheet).map_err(not_excel)?;
    let mut cells = Vec::new();
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Some(cell) = reader.next_cell().map_err(not_excel)? {
        let (row, col) = cell.get_position();
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            let (ja, en) = if row >= MAX_ROWS {
                (
                    format!("{}行目に値があります（上限 {MAX_ROWS}行）。", row + 1),
                    format!("it has a value in row {} (the limit is {MAX_ROWS} rows).", row + 1),
                )
            } else {
                (
                    format!("{}列目に値があります（上限 {MAX_COLUMNS}列）。", col + 1),
                    format!("it has a value in column {} (the limit is {MAX_COLUMNS} columns).", col + 1),
                )
            };
            return Err(over_limit(file_name, ja, en));
        }
        let value = Data::from(cell.get_value().clone());
        if let Data::String(s) = &value
            && s.chars().count() > MAX_CELL_CHARS
        {
            return Err(over_limit(
                file_name,
                format!("{}行目のセルが長すぎます（上限 {MAX_CELL_CHARS}文字）。", row + 1),
                format!("a cell in row {} is too long (the limit is {MAX_CELL_CHARS} characters).", row + 1),
            ));
        }
        if value == Data::Empty {
            continue;
        }
        (top, left, bottom, right) = (top.min(row), left.min(col), bottom.max(row), right.max(col));
        let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if area > MAX_CELLS {
            return Err(over_limit(
                file_name,
                format!("値のある範囲が広すぎます（{}行×{}列）。", bottom - top + 1, right - left + 1),
                format!(
                    "its values span too large an area ({} rows × {} columns).",
                    bottom - top + 1,
                    right - left + 1
                ),
            ));
        }
        cells.push(Cell::new((row, col), value));
    }
    Ok(Range::from_sparse(cells))
}

/// Keeps the first [`MAX_PROBLEMS_LISTED`] of `problems` and returns how many more there were.
pub fn cap<T>(problems: &mut Vec<T>) -> u32 {
    let more = problems.len().saturating_sub(MAX_PROBLEMS_LISTED);
    problems.truncate(MAX_PROBLEMS_LISTED);
    u32::try_from(more).unwrap_or(u32::MAX)
}
