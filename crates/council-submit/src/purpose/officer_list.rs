//! 役員名簿: the year's officers, as the city asks for them every year — the officer list PDF and
//! the same list as data.
use council_docs::catalogue::DocumentKind;
use council_domain::Read;
use council_domain::officers::{OfficerRole, OfficerTerm};
use council_domain::text::Text;
use council_io::open_data::{CellValue, ColumnKind, ValueTable, col};

use super::{ChecklistItem, PackagePlan, PackageRequest, Purpose, data_parts, fiscal_year, item, pdf};
use crate::error::Result;

/// The checklist line for the year's officers (required): how many, or where to enter them.
pub(crate) fn officers_item(officers: &[OfficerTerm], label: Text) -> ChecklistItem {
    item(
        "officers",
        label,
        true,
        !officers.is_empty(),
        if officers.is_empty() {
            Text::new(
                "役員の画面で、この年度の役員を登録してください（前年度からの引き継ぎもできます）。",
                "Enter this year's officers on the Officers screen (or carry them over from last year).",
            )
        } else {
            Text::new(format!("{}名", officers.len()), format!("{} officers", officers.len()))
        },
    )
}

/// The officer list's parts and checklist.
pub fn plan(r: &Read<'_>, request: &PackageRequest) -> Result<PackagePlan> {
    let fy = fiscal_year(r, request)?;
    let officers = council_domain::officers::for_year(r, Some(fy), r.today())?;
    let president = officers.iter().find(|o| o.role == OfficerRole::President);
    let checklist = vec![
        officers_item(&officers, Text::new("この年度の役員", "This year's officers")),
        item(
            "president",
            Text::new("会長（代表者）", "President (representative)"),
            true,
            president.is_some(),
            match president {
                Some(p) => Text::new(p.person_name.clone(), p.person_name.clone()),
                None => Text::new(
                    "役員の画面で、会長を役職「会長」として登録してください。",
                    "Enter the president on the Officers screen with the role “President”.",
                ),
            },
        ),
        item(
            "officer_list_pdf",
            DocumentKind::Officers.info().title,
            true,
            true,
            Text::new("登録された役員から作ります。", "Made from the officers entered."),
        ),
    ];
    let title = Purpose::OfficerList.info().title;
    let mut parts = vec![pdf("documents/officer-list.pdf", DocumentKind::Officers, None, fy)];
    parts.extend(data_parts("officers", &title));
    let text = |s: &str| if s.is_empty() { CellValue::Null } else { CellValue::Text(s.to_owned()) };
    let table = ValueTable {
        key: "officers".into(),
        label: Text::new("役員", "Officers"),
        columns: vec![
            col("role", "役職の種類", ColumnKind::Text),
            col("title", "役職", ColumnKind::Text),
            col("name", "氏名", ColumnKind::Text),
            col("kana", "ふりがな", ColumnKind::Text),
            col("block", "班", ColumnKind::Text),
            col("address", "住所", ColumnKind::Text),
            col("phone", "電話", ColumnKind::Text),
            col("starts_on", "任期の始まり", ColumnKind::Date),
            col("ends_on", "任期の終わり", ColumnKind::Date),
        ],
        rows: officers
            .iter()
            .map(|o| {
                vec![
                    CellValue::Text(
                        serde_json::to_value(o.role)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                    ),
                    text(&o.title),
                    text(&o.person_name),
                    text(&o.person_kana),
                    text(o.block_name.as_deref().unwrap_or_default()),
                    text(&o.address),
                    text(&o.phone),
                    CellValue::Text(o.starts_on.to_string()),
                    CellValue::Text(o.ends_on.to_string()),
                ]
            })
            .collect(),
    };
    Ok(PackagePlan { fiscal_year: fy, parts, checklist, tables: vec![table] })
}
