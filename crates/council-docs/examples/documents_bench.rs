//! Documents against what councils do today: a 10-page 議事録 and the full grant report set
//! (実績報告書, 事業実績書, 収支決算書, 請求書, 領収書貼付台紙) typeset by Council Desk, against LibreOffice
//! headless converting an equivalent .docx (the minutes, same text) and .xlsx (the report set, one sheet
//! per form, the receipt images placed on the last) to PDF. All in the same run:
//!
//! - warm: in this process, fonts already loaded (median of RUNS);
//! - cold: a fresh process (this program with `--child`) that opens the data folder, typesets and
//!   writes the PDFs: process start to PDF on disk, as `soffice --convert-to pdf` is measured (median
//!   of RUNS, after one unmeasured run of each so the disk cache and LibreOffice's profile are ready).
//!
//! Run: `cargo run -p council-docs --example documents_bench [-- RUNS]` (needs `soffice`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use council_docs::{DocumentKind, DocumentRequest};
use council_domain::clock::FixedClock;
use council_domain::grants::{GrantApplication, GrantStatus, application, expenses};
use council_domain::meetings::minutes::{self, MinutesInput, MinutesItem};
use council_domain::meetings::{self, AgendaItemInput, AgendaKind, InviteRule, Majority, MeetingInput, MeetingKind};
use council_domain::{Session, council};
use council_store::data_dir::DataDir;

type Error = Box<dyn std::error::Error>;
/// An agenda item of the long meeting: (title, presenter, discussion).
type Item = (String, String, String);

const TODAY: &str = "2026-11-23";
const GRANT_SET: [DocumentKind; 5] = [
    DocumentKind::GrantReport,
    DocumentKind::GrantResults,
    DocumentKind::GrantSettlement,
    DocumentKind::GrantClaim,
    DocumentKind::GrantReceipts,
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn open(dir: &Path) -> Result<Session, Error> {
    Ok(council_domain::open(DataDir::at(dir), Box::new(FixedClock::at_date(TODAY.parse()?)))?)
}

fn request(document: DocumentKind, record: &str) -> DocumentRequest {
    DocumentRequest { document, record: Some(record.to_owned()), fiscal_year: None, month: None, as_of: None }
}

/// Typesets `kinds` for `record` and writes each PDF into `out`; returns the pages in all.
fn render(session: &Session, kinds: &[DocumentKind], record: &str, out: &Path) -> Result<usize, Error> {
    let mut pages = 0;
    for kind in kinds {
        let typeset = council_docs::produce(session, &request(*kind, record))?;
        pages += typeset.page_count();
        std::fs::write(out.join(format!("{}.pdf", kind.info().id)), typeset.pdf()?)?;
    }
    Ok(pages)
}

/// `--child DATA OUT RECORD KIND…`: the cold case, a fresh process.
fn child(args: &[String]) -> Result<(), Error> {
    let session = open(Path::new(&args[0]))?;
    let kinds: Vec<DocumentKind> = args[3..].iter().map(|id| DocumentKind::from_id(id)).collect::<Result<_, _>>()?;
    render(&session, &kinds, &args[2], Path::new(&args[1]))?;
    Ok(())
}

const SENTENCES: [&str; 8] = [
    "担当の役員から、昨年度の実施状況と今年度の進め方について資料に基づき説明があった。",
    "参加者から、高齢の方が参加しやすいよう開始時刻を早めてはどうかとの意見があり、次回の役員会で検討することとした。",
    "会計から、支出の見込みは予算の範囲内であり、予備費を取り崩す必要はない旨の補足があった。",
    "班長から、回覧の回収が遅れる班があるため、回覧板の順路を見直してほしいとの要望があった。",
    "防災部長から、避難所の開設手順を確認する訓練を小学校と合同で行う予定であることが報告された。",
    "質疑の後、議長が賛否を諮ったところ、賛成多数で原案のとおり承認された。",
    "福祉部から、ふれあいサロンの参加者が増えており、会場の広さと送迎の手配が課題であるとの報告があった。",
    "今後の進め方について活発な意見交換が行われ、各部で具体案をまとめて次回報告することとなった。",
];

fn discussion(n: usize) -> String {
    (0..9).map(|k| SENTENCES[(n * 3 + k) % SENTENCES.len()]).collect()
}

/// A long 役員会 whose minutes run to ten pages: 40 agenda items, each with a full discussion.
fn long_meeting(session: &Session) -> Result<(String, Vec<Item>), Error> {
    let input = MeetingInput {
        kind: MeetingKind::Board,
        title: "第8回役員会（臨時拡大）".to_owned(),
        held_on: "2026-11-15".parse()?,
        starts_at: "19:00".to_owned(),
        place: "さくら台集会所 会議室".to_owned(),
        chair: "山田 太郎".to_owned(),
        invite: Some(InviteRule::None),
        notes: String::new(),
    };
    let meeting = session.write(|w| meetings::create(w, &input, council::start_month(w)?))?;
    let mut content = Vec::new();
    for n in 0..40 {
        let title = format!(
            "{}について（その{}）",
            ["防災訓練", "夏祭り", "会費の集金", "敬老会", "地区だより", "防犯灯"][n % 6],
            n / 6 + 1
        );
        let input = AgendaItemInput {
            kind: AgendaKind::Motion,
            title: title.clone(),
            presenter: "担当役員".to_owned(),
            planned_minutes: Some(10),
            proposal: "別紙のとおり実施する。".to_owned(),
            majority: Majority::Simple,
        };
        session.write(|w| meetings::add_item(w, &meeting, &input))?;
        content.push((title, "担当役員".to_owned(), discussion(n)));
    }
    let agenda = session.read(|r| meetings::get(r, &meeting, council::start_month(r)?))?.agenda;
    let minutes = session.write(|w| minutes::start(w, &meeting))?;
    let input = MinutesInput {
        chair: "山田 太郎".to_owned(),
        recorder: "鈴木 幸子".to_owned(),
        signatory1: "佐藤 健一".to_owned(),
        signatory2: "高橋 誠".to_owned(),
        opening: "定刻、議長が開会を宣言した。".to_owned(),
        closing: "以上をもって議事を終了し、21時10分に閉会した。".to_owned(),
        correction: String::new(),
        items: agenda
            .iter()
            .zip(&content)
            .map(|(a, c)| MinutesItem { agenda_item_id: a.id.clone(), discussion: c.2.clone() })
            .collect(),
    };
    session.write(|w| minutes::update(w, &minutes, &input))?;
    Ok((meeting.0, content))
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The minutes as a Word file with the same text (what a secretary types today), A4, 明朝.
fn minutes_docx(path: &Path, content: &[Item]) -> Result<(), Error> {
    let para = |text: &str, bold: bool, size: u32| {
        format!(
            "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"BIZ UDMincho\" w:eastAsia=\"BIZ UDMincho\"/>{}<w:sz w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            if bold { "<w:b/>" } else { "" },
            xml(text)
        )
    };
    let mut body = para("さくら台自治会　第8回役員会（臨時拡大）議事録", true, 32);
    for line in [
        "日時：令和8年11月15日（日）19時00分",
        "場所：さくら台集会所 会議室",
        "議長：山田 太郎　　書記：鈴木 幸子",
        "議事録署名人：佐藤 健一、高橋 誠",
        "定刻、議長が開会を宣言した。",
    ] {
        body.push_str(&para(line, false, 21));
    }
    for (n, (title, presenter, text)) in content.iter().enumerate() {
        body.push_str(&para(&format!("第{}号議案　{title}（説明：{presenter}）", n + 1), true, 24));
        body.push_str(&para("結果：可決（過半数）", false, 21));
        body.push_str(&para(text, false, 21));
    }
    body.push_str(&para("以上をもって議事を終了し、21時10分に閉会した。", false, 21));
    for role in ["議長", "議事録署名人", "議事録署名人"] {
        body.push_str(&para(&format!("{role}　＿＿＿＿＿＿＿＿＿＿＿＿　印"), false, 21));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1701\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>\
         </w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    zip.finish()?;
    Ok(())
}

/// The grant report set as one workbook, a sheet per form with the same figures, the receipt images on
/// the last sheet (PDF receipts listed by name: Excel cannot place a PDF).
fn grant_xlsx(path: &Path, session: &Session, app: &GrantApplication) -> Result<(), Error> {
    use rust_xlsxwriter::{Format, Image, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_font_name("BIZ UDMincho");
    let plain = Format::new().set_font_name("BIZ UDMincho");
    let yen = Format::new().set_font_name("BIZ UDMincho").set_num_format("#,##0");
    let spent: i64 = app.expenses.iter().map(|e| e.amount).sum();
    let texts: [(&str, Vec<String>); 4] = [
        (
            "実績報告書",
            vec![
                "第5号様式".to_owned(),
                "みどり市長 様".to_owned(),
                "さくら台自治会 会長 山田 太郎 印".to_owned(),
                format!("{}の実績について、下記のとおり報告します。", app.project_name),
                format!("交付決定額　{}円", app.amount_granted.unwrap_or(0)),
                format!("事業費　{spent}円"),
            ],
        ),
        (
            "事業実績書",
            vec![
                "第6号様式".to_owned(),
                format!("事業名　{}", app.project_name),
                format!("目的　{}", app.purpose),
                format!("内容　{}", app.content),
                format!("場所　{}", app.place),
                format!("対象　{}", app.target_group),
                format!("効果　{}", app.expected_effect),
            ],
        ),
        (
            "請求書",
            vec![
                "第8号様式".to_owned(),
                "みどり市長 様".to_owned(),
                format!("{}の交付金として、下記の金額を請求します。", app.project_name),
                format!("請求額　{}円", app.amount_granted.unwrap_or(0)),
                "振込先　みどり信用金庫 さくら台支店 普通 1234567 さくら台自治会".to_owned(),
            ],
        ),
        ("収支決算書", vec!["第7号様式".to_owned(), "支出の部".to_owned()]),
    ];
    for (name, lines) in &texts {
        let sheet = book.add_worksheet().set_name(*name)?;
        sheet.set_column_width(0, 60)?;
        sheet.set_column_width(1, 16)?;
        for (r, l) in lines.iter().enumerate() {
            sheet.write_with_format(r as u32, 0, l.as_str(), if r == 0 { &bold } else { &plain })?;
        }
        if *name == "収支決算書" {
            let mut r = lines.len() as u32 + 1;
            for e in &app.expenses {
                sheet.write_with_format(
                    r,
                    0,
                    format!("{}　{}　{}", e.category_label.ja, e.payee, e.description),
                    &plain,
                )?;
                sheet.write_with_format(r, 1, e.amount as f64, &yen)?;
                r += 1;
            }
            sheet.write_with_format(r, 0, "合計", &bold)?;
            sheet.write_with_format(r, 1, spent as f64, &yen)?;
        }
    }
    let sheet = book.add_worksheet().set_name("領収書貼付台紙")?;
    sheet.set_column_width(0, 60)?;
    let mut r = 0u32;
    for e in &app.expenses {
        sheet.write_with_format(
            r,
            0,
            format!("{}　{}　{}円　{}", e.paid_on, e.payee, e.amount, e.description),
            &plain,
        )?;
        r += 1;
        if e.receipt.is_some() {
            let (receipt, bytes) = session.read(|r| expenses::receipt(r, &r.dir().attachments(), &e.id))?;
            if receipt.mime == "image/png" {
                let image = Image::new_from_buffer(&bytes)?.set_scale_width(3.0).set_scale_height(3.0);
                sheet.insert_image(r, 0, &image)?;
                r += 10;
            } else {
                sheet.write_with_format(r, 0, format!("（{}）", receipt.file_name), &plain)?;
                r += 1;
            }
        }
    }
    book.save(path)?;
    Ok(())
}

fn pages(pdf: &Path) -> String {
    Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_owned()))
        })
        .unwrap_or_else(|| "?".to_owned())
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let runs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(5);
    let tmp = tempfile::tempdir()?;
    // BENCH_KEEP=1 keeps the folder (both sides' PDFs, to look at) and says where it is.
    let (_cleanup, root) = if std::env::var_os("BENCH_KEEP").is_some() {
        let kept = tmp.keep();
        eprintln!("files kept in {}", kept.display());
        (None, kept)
    } else {
        let path = tmp.path().to_path_buf();
        (Some(tmp), path)
    };
    let data = root.join("data");
    let out = root.join("out");
    let lo = root.join("lo");
    std::fs::create_dir_all(&out)?;
    std::fs::create_dir_all(&lo)?;
    let session = open(&data)?;
    session.write(|w| council_demo::create(w, &session.dir().attachments()))?;
    let (meeting, content) = long_meeting(&session)?;
    // Last year's application: settled and paid, so every form of the report set has its figures.
    let grant = session
        .read(|r| application::list(r, None, r.today()))?
        .into_iter()
        .find(|a| a.status == GrantStatus::Paid)
        .ok_or("the demo's paid grant application")?;
    let app = session.read(|r| application::get(r, &grant.id, council::start_month(r)?, r.today()))?;

    // Warm, in this process (the very first document also shows the cold in-process cost).
    let t = Instant::now();
    let minutes_pages = render(&session, &[DocumentKind::Minutes], &meeting, &out)?;
    let first_in_process = t.elapsed();
    let grant_pages = render(&session, &GRANT_SET, &grant.id.0, &out)?;
    let warm = |kinds: &[DocumentKind], record: &str| -> Result<Duration, Error> {
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            render(&session, kinds, record, &out)?;
            times.push(t.elapsed());
        }
        Ok(median(times))
    };
    let warm_minutes = warm(&[DocumentKind::Minutes], &meeting)?;
    let warm_grant = warm(&GRANT_SET, &grant.id.0)?;
    let mut warm_each = Vec::new();
    for kind in GRANT_SET {
        warm_each.push((kind, warm(&[kind], &grant.id.0)?));
    }

    // Cold: a fresh process each time.
    let exe = std::env::current_exe()?;
    let cold = |record: &str, kinds: &[DocumentKind]| -> Result<Duration, Error> {
        let mut times = Vec::new();
        for n in 0..=runs {
            let t = Instant::now();
            let status = Command::new(&exe)
                .arg("--child")
                .arg(&data)
                .arg(&out)
                .arg(record)
                .args(kinds.iter().map(|k| k.info().id))
                .status()?;
            if !status.success() {
                return Err("the child process failed".into());
            }
            if n > 0 {
                times.push(t.elapsed());
            }
        }
        Ok(median(times))
    };
    let cold_minutes = cold(&meeting, &[DocumentKind::Minutes])?;
    let cold_grant = cold(&grant.id.0, &GRANT_SET)?;

    // LibreOffice on the equivalent files, its profile in a folder of its own.
    let docx = root.join("minutes.docx");
    minutes_docx(&docx, &content)?;
    let xlsx = root.join("grant-report-set.xlsx");
    grant_xlsx(&xlsx, &session, &app)?;
    let profile = format!("-env:UserInstallation=file://{}", root.join("lo-profile").display());
    let soffice = |file: &PathBuf| -> Result<Duration, Error> {
        let mut times = Vec::new();
        for n in 0..=runs {
            let t = Instant::now();
            let output = Command::new("soffice")
                .arg(&profile)
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&lo)
                .arg(file)
                .output()?;
            if !output.status.success() {
                return Err(format!("soffice failed: {}", String::from_utf8_lossy(&output.stderr)).into());
            }
            if n > 0 {
                times.push(t.elapsed());
            }
        }
        Ok(median(times))
    };
    let lo_minutes = soffice(&docx)?;
    let lo_grant = soffice(&xlsx)?;

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("median of {runs} runs; first document of this process (fonts loaded): {:.0} ms", ms(first_in_process));
    println!(
        "\n| document | pages (ours / LibreOffice) | Council Desk warm | Council Desk cold (new process → PDF written) | LibreOffice headless (new process → PDF) | ratio LibreOffice / ours, cold | ratio, warm |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|");
    let row = |name: String, ours: usize, theirs: &Path, warm: Duration, cold: Duration, lo: Duration| {
        println!(
            "| {name} | {ours} / {} | {:.0} ms | {:.0} ms | {:.0} ms | {:.1}× | {:.0}× |",
            pages(theirs),
            ms(warm),
            ms(cold),
            ms(lo),
            lo.as_secs_f64() / cold.as_secs_f64(),
            lo.as_secs_f64() / warm.as_secs_f64()
        );
    };
    row("議事録, 40 items".to_owned(), minutes_pages, &lo.join("minutes.pdf"), warm_minutes, cold_minutes, lo_minutes);
    row(
        format!("grant report set (5 forms, {} expenses)", app.expenses.len()),
        grant_pages,
        &lo.join("grant-report-set.pdf"),
        warm_grant,
        cold_grant,
        lo_grant,
    );
    for (kind, d) in warm_each {
        println!(
            "| – {} | {} | {:.0} ms | | | | |",
            kind.info().title.ja,
            pages(&out.join(format!("{}.pdf", kind.info().id))),
            ms(d)
        );
    }
    Ok(())
}
