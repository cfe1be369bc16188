//! The reasons the sharing gives (a record refused, a conflict listed, a sync that failed) in both
//! languages. Each PC works the reasons out itself, in the same words, and keeps them in Japanese (the
//! same on every PC); the window shows them in its language.

use council_base::Text;

/// Every fixed reason, Japanese then English.
const FIXED: &[(&str, &str)] = &[
    ("この自治会に登録されていないPCの記録です", "A record from a PC not registered with this council."),
    ("登録を取り消したPCの記録です", "A record from a PC whose sharing was revoked."),
    ("署名のない記録です", "A record without a signature."),
    ("署名が壊れています", "The record's signature is damaged."),
    (
        "署名が合いません（途中で書き換えられています）",
        "The signature does not match (the record was changed on the way).",
    ),
    ("役割が読み取れません", "The PC's role cannot be read."),
    ("変更の内容が壊れています", "The record's changes are damaged."),
    ("署名済みの議事録を変えようとしています", "It tries to change signed minutes."),
    (
        "班長は自分の班の世帯の会費だけを記録できます",
        "A block leader may record the dues of their own block's households only.",
    ),
    ("記録の形が壊れています", "The record is damaged."),
    ("記録の束の形が壊れています", "The file of records is damaged."),
    ("暗号を解けません（別の自治会のものか、壊れています）", "It cannot be decrypted (another council's, or damaged)."),
    ("大きすぎる記録です", "The record is too large."),
    ("記録の数が置き場所の番号と合いません", "The number of records does not match the file's name."),
    ("別の自治会の記録です", "A record of another council."),
    ("記録の番号かPCが置き場所と合いません", "The record's number or PC does not match where it was found."),
    (
        "このPCの前の記録とつながりません（抜けているか差し替えられています）",
        "It does not follow the PC's previous record (one is missing or was replaced).",
    ),
    (
        "記録の時刻がこのPCの前の記録より前になっています（書き換えられています）",
        "It is dated before the PC's previous record (it was altered).",
    ),
    (
        "ほかのPCで削除された記録を参照しているか、データの決まりに合わないため、この変更は適用できませんでした",
        "This change could not be applied: it refers to something another PC deleted, or breaks a rule of the data.",
    ),
    (
        "ほかのPCで削除されていましたが、変更があったため元に戻しました",
        "It had been deleted on another PC; it was brought back because it was changed here.",
    ),
    (
        "削除されましたが、ほかのPCで変更されていたため残しました",
        "It was deleted, but kept because another PC had changed it.",
    ),
    (
        "削除しました。ほかのPCでの変更は名簿の個人情報（電話・メール・生まれ年・備考）だけで、それを受け取らないPCもあるため、どのPCでも削除を優先しました",
        "Deleted: another PC had changed only the roster's personal details (phone, e-mail, year of birth, notes), which some PCs do not receive, so the deletion went ahead on every PC.",
    ),
    (
        "名簿の個人情報の部分が記録の内容と合いません（途中で書き換えられています）",
        "The record's sealed personal details do not match its changes (it was changed on the way).",
    ),
    (
        "同じ世帯・同じ年度の会費が2台のPCで記録されました（二重記録かもしれません）",
        "Dues for the same household and year were recorded on two PCs (perhaps twice by mistake).",
    ),
];

/// A role's name, Japanese to English.
fn role_en(ja: &str) -> &str {
    match ja {
        "会長" => "chair",
        "会計" => "treasurer",
        "書記" => "secretary",
        "監事" => "auditor",
        "班長" => "block leader",
        "閲覧のみ" => "read-only",
        other => other,
    }
}

/// A reason kept in Japanese, in both languages (a reason not known here shows in Japanese in both).
pub fn text(ja: &str) -> Text {
    if let Some((_, en)) = FIXED.iter().find(|(j, _)| *j == ja) {
        return Text::new(ja, *en);
    }
    if let Some(role) = ja.strip_suffix("の役割では、共有するPCを追加・変更できません") {
        return Text::new(ja, format!("The {} role may not add or change the sharing PCs.", role_en(role)));
    }
    if let Some((role, rest)) = ja.split_once("の役割では変更できない記録（")
        && let Some(table) = rest.strip_suffix("）を含んでいます")
    {
        return Text::new(ja, format!("It holds changes the {} role may not make ({table}).", role_en(role)));
    }
    Text::new(ja, ja)
}

/// A sync's failure as kept on this PC (both languages, as JSON).
pub fn keep(text: &Text) -> String {
    serde_json::json!({ "ja": text.ja, "en": text.en }).to_string()
}

/// A kept failure read back (an older plain Japanese one shows as it is).
pub fn kept(stored: &str) -> Text {
    let parsed: Option<serde_json::Value> = serde_json::from_str(stored).ok();
    let part = |v: &serde_json::Value, k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_owned);
    match parsed.as_ref().and_then(|v| Some((part(v, "ja")?, part(v, "en")?))) {
        Some((ja, en)) => Text::new(ja, en),
        None => Text::new(stored, stored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_the_sharing_gives_has_its_english() {
        let mut missing = Vec::new();
        for source in
            [include_str!("engine.rs"), include_str!("roles.rs"), include_str!("record.rs"), include_str!("share.rs")]
        {
            for line in source.lines() {
                for (i, part) in line.split('"').enumerate() {
                    let japanese = part.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
                    let reason = ["です", "ません", "ました", "います", "）"].iter().any(|end| part.ends_with(end));
                    if i % 2 == 1 && japanese && reason && !part.contains('{') && text(part).en == part {
                        missing.push(part.to_owned());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "reasons without English: {missing:?}");
        assert_eq!(text("署名済みの議事録を変えようとしています").en, "It tries to change signed minutes.");
        assert_eq!(
            text("書記の役割では変更できない記録（ledger_entry）を含んでいます").en,
            "It holds changes the secretary role may not make (ledger_entry)."
        );
        let failure = Text::new("つながりません", "Cannot be reached");
        assert_eq!(kept(&keep(&failure)), failure);
        assert_eq!(kept("古いエラー").ja, "古いエラー");
    }
}
