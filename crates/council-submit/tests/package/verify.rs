//! The city's side: `verify` on packages made by the real writer and then altered the ways a package
//! can be altered — and the reader's hardening against archives made to attack it.

use crate::common;

use std::io::{Read as _, Write as _};

use council_store::data_dir::DataDir;
use council_submit::Error;
use council_submit::keys::CouncilKey;
use council_submit::verify::{FileStatus, verify_bytes, verify_file};
use proptest::prelude::*;

/// A fresh package and the key that signed it.
fn package() -> (Vec<u8>, CouncilKey, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = DataDir::at(dir.path());
    let pkg = common::package_of(&data, 4096, 7);
    (pkg.bytes, CouncilKey::load(&data, common::lock()).expect("load").expect("key"), dir)
}

/// The entries of a zip, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut out = Vec::new();
            f.read_to_end(&mut out).expect("read");
            (f.name().expect("name").to_string(), out)
        })
        .collect()
}

/// A zip of `files`, written as any zip tool would.
fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn refused(result: Result<council_submit::verify::VerifyReport, Error>) -> String {
    match result {
        Err(Error::Refused(text)) => text.to_string(),
        Err(other) => panic!("expected a refusal, got {other}"),
        Ok(report) => panic!("expected a refusal, got a report (ok: {}, {:?})", report.ok, report.problems),
    }
}

#[test]
fn a_changed_file_is_reported_with_its_name() {
    let (bytes, key, _d) = package();
    let mut files = entries(&bytes);
    files.iter_mut().find(|(n, _)| n == "attachments/photo.jpg").unwrap().1[100] ^= 1;
    let report = verify_bytes(&zip_of(&files), Some(&key.verifying_key())).expect("the manifest is genuine");
    assert!(!report.ok, "a changed photo is not ok");
    let photo = report.files.iter().find(|f| f.path == "attachments/photo.jpg").unwrap();
    assert!(matches!(photo.status, FileStatus::Changed { .. }), "named as changed: {:?}", photo.status);
    let note = report.files.iter().find(|f| f.path == "documents/note.txt").unwrap();
    assert_eq!(note.status, FileStatus::Ok, "the untouched file is still fine");
    assert_eq!(report.problems.len(), 1, "exactly one problem: {:?}", report.problems);
    assert!(report.problems[0].ja.contains("attachments/photo.jpg") && report.problems[0].ja.contains("変更"));
}

#[test]
fn a_missing_file_and_an_extra_file_are_each_reported() {
    let (bytes, key, _d) = package();
    let mut files: Vec<_> = entries(&bytes).into_iter().filter(|(n, _)| n != "documents/note.txt").collect();
    files.push(("extra/readme.txt".into(), b"added later".to_vec()));
    let report = verify_bytes(&zip_of(&files), Some(&key.verifying_key())).expect("report");
    assert!(!report.ok);
    let note = report.files.iter().find(|f| f.path == "documents/note.txt").unwrap();
    assert_eq!(note.status, FileStatus::Missing, "the removed file is missing");
    assert_eq!(report.extra, ["extra/readme.txt"], "the added file is named");
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
}

#[test]
fn an_untouched_package_verifies_from_a_file_too() {
    let (bytes, key, dir) = package();
    let file = dir.path().join("p.zip");
    std::fs::write(&file, &bytes).expect("write");
    let report = verify_file(&file, Some(&key.verifying_key())).expect("verifies");
    assert!(report.ok && report.extra.is_empty() && report.problems.is_empty());
    let report = verify_file(&file, None).expect("verifies without a registered key");
    assert_eq!(report.signer.registered, None, "without a key, only the fingerprint says who signed");
    assert_eq!(report.signer.fingerprint, report.manifest.key_fingerprint);
}

#[test]
fn a_changed_manifest_breaks_the_signature_and_is_refused() {
    let (bytes, key, _d) = package();
    let mut files = entries(&bytes);
    let manifest = &mut files.iter_mut().find(|(n, _)| n == "manifest.json").unwrap().1;
    let text = String::from_utf8(manifest.clone()).unwrap().replace("さくら台自治会", "さくら台町内会");
    *manifest = text.into_bytes();
    let msg = refused(verify_bytes(&zip_of(&files), Some(&key.verifying_key())));
    assert!(msg.contains("署名が一致しません") && msg.contains("signature does not match"), "{msg}");
}

#[test]
fn a_package_signed_with_another_key_is_refused() {
    let (bytes, _key, _d) = package();
    let other_dir = tempfile::tempdir().expect("tempdir");
    let other = CouncilKey::load_or_create(&DataDir::at(other_dir.path()), common::lock()).expect("other key");
    let msg = refused(verify_bytes(&bytes, Some(&other.verifying_key())));
    assert!(msg.contains("別の鍵") && msg.contains(&other.public_info().fingerprint), "names both keys: {msg}");
}

#[test]
fn a_missing_signature_is_refused() {
    let (bytes, key, _d) = package();
    let files: Vec<_> = entries(&bytes).into_iter().filter(|(n, _)| n != "manifest.sig").collect();
    let msg = refused(verify_bytes(&zip_of(&files), Some(&key.verifying_key())));
    assert!(msg.contains("manifest.sig"), "{msg}");
}

#[test]
fn zip_slip_and_absolute_names_are_refused() {
    let (bytes, key, _d) = package();
    for evil in ["../evil.sh", "documents/../../evil.sh", "/etc/cron.d/evil", "C:/Windows/evil.dll", "a\\..\\..\\evil"]
    {
        let mut files = entries(&bytes);
        files.push((evil.to_owned(), b"#!/bin/sh".to_vec()));
        let msg = refused(verify_bytes(&zip_of(&files), Some(&key.verifying_key())));
        assert!(msg.contains("ファイル名"), "{evil}: {msg}");
    }
}

#[test]
fn duplicate_names_are_refused() {
    let (bytes, key, _d) = package();
    // Two entries of the same name: written under different names, then renamed in place.
    let mut files = entries(&bytes);
    files.push(("documents/notf.txt".into(), b"the other one".to_vec()));
    let mut zip = zip_of(&files);
    let from = b"documents/notf.txt";
    let mut i = 0;
    while let Some(pos) = zip[i..].windows(from.len()).position(|w| w == from) {
        zip[i + pos..i + pos + from.len()].copy_from_slice(b"documents/note.txt");
        i += pos + from.len();
    }
    let msg = refused(verify_bytes(&zip, Some(&key.verifying_key())));
    assert!(msg.contains("同じ名前"), "{msg}");

    // Names that differ only in case collide on Windows and macOS.
    let mut files = entries(&bytes);
    files.push(("Documents/Note.txt".into(), b"shadow".to_vec()));
    let msg = refused(verify_bytes(&zip_of(&files), Some(&key.verifying_key())));
    assert!(msg.contains("大文字・小文字"), "{msg}");
}

#[test]
fn a_huge_declared_size_is_refused_before_reading() {
    let (bytes, key, _d) = package();
    let mut zip = bytes.clone();
    // The central directory entry of the photo: its uncompressed size (offset 24) set to ~4 GB.
    let name = b"attachments/photo.jpg";
    let mut at = None;
    for i in 0..zip.len() - 4 {
        if zip[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] && zip[i + 46..].starts_with(name) {
            at = Some(i);
        }
    }
    let at = at.expect("central directory entry of the photo");
    zip[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let msg = refused(verify_bytes(&zip, Some(&key.verifying_key())));
    assert!(msg.contains("MB"), "names the declared size: {msg}");
}

#[test]
fn data_hidden_in_front_and_non_zips_are_refused() {
    let (bytes, key, _d) = package();
    let mut prefixed = b"MZ this could be a program".to_vec();
    prefixed.extend_from_slice(&bytes);
    refused(verify_bytes(&prefixed, Some(&key.verifying_key())));
    refused(verify_bytes(b"not a zip at all", None));
    refused(verify_bytes(&zip_of(&[("readme.txt".into(), b"hello".to_vec())]), None));
}

#[test]
fn a_manifest_naming_an_escaping_path_is_refused_even_when_signed() {
    // A package signed by the council's own key but listing a bad path (a bug or a forged builder):
    // the reader still refuses the path.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = DataDir::at(dir.path());
    let key = CouncilKey::load_or_create(&data, common::lock()).expect("key");
    let pkg = common::package_of(&data, 100, 1);
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&entries(&pkg.bytes).into_iter().find(|(n, _)| n == "manifest.json").unwrap().1)
            .unwrap();
    manifest["files"][0]["path"] = "../../evil".into();
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let sig = serde_json::json!({
        "algorithm": "ed25519",
        "public_key": b64.encode(key.verifying_key().as_bytes()),
        "signature": b64.encode(key.sign(&manifest_bytes).to_bytes()),
    });
    let files = vec![
        ("manifest.json".to_owned(), manifest_bytes),
        ("manifest.sig".to_owned(), serde_json::to_vec(&sig).unwrap()),
    ];
    let msg = refused(verify_bytes(&zip_of(&files), Some(&key.verifying_key())));
    assert!(msg.contains("使えないファイル名"), "{msg}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Whatever bytes arrive, the reader answers (refuses or reports) and never panics.
    #[test]
    fn any_bytes_are_answered_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = verify_bytes(&bytes, None);
    }

    /// A package with bytes changed anywhere is either refused or reported, and when it still
    /// verifies as ok, its signed manifest is the original one: no change gets through unnoticed.
    #[test]
    fn a_changed_byte_never_passes_unnoticed(at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        let (bytes, key, _d) = package();
        let original = verify_bytes(&bytes, Some(&key.verifying_key())).expect("original verifies");
        let mut changed = bytes.clone();
        let i = at.index(changed.len());
        changed[i] ^= xor;
        if let Ok(report) = verify_bytes(&changed, Some(&key.verifying_key())) && report.ok {
            prop_assert_eq!(&report.manifest, &original.manifest);
            prop_assert!(report.files.iter().all(|f| f.status == FileStatus::Ok));
        }
    }
}

#[test]
fn a_file_changed_in_place_inside_the_zip_is_reported_as_damaged() {
    // Someone edits the bytes inside the zip without rebuilding it: the zip's own checksum fails.
    let (bytes, key, _d) = package();
    let mut zip = bytes.clone();
    let photo = common::noise(4096, 7);
    let at = zip.windows(64).position(|w| w == &photo[1000..1064]).expect("the stored photo");
    zip[at] ^= 0xFF;
    let report = verify_bytes(&zip, Some(&key.verifying_key())).expect("reported, not refused");
    assert!(!report.ok);
    let f = report.files.iter().find(|f| f.path == "attachments/photo.jpg").unwrap();
    assert!(matches!(f.status, FileStatus::Damaged { .. } | FileStatus::Changed { .. }), "{:?}", f.status);
    assert!(report.problems.iter().any(|p| p.ja.contains("attachments/photo.jpg")), "{:?}", report.problems);
}

#[test]
fn bytes_after_the_zip_or_in_its_comment_are_refused() {
    let (bytes, key, _d) = package();
    let registered = Some(key.verifying_key());
    let appended = [bytes.clone(), b"appended".to_vec()].concat();
    assert!(refused(verify_bytes(&appended, registered.as_ref())).contains("署名されていない"));
    let second_zip = [bytes.clone(), zip_of(&[("x.txt".into(), b"x".to_vec())])].concat();
    refused(verify_bytes(&second_zip, registered.as_ref()));
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries(&bytes) {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
        w.write_all(&data).expect("write");
    }
    w.set_comment("unsigned").expect("comment");
    let commented = w.finish().expect("finish").into_inner();
    assert!(refused(verify_bytes(&commented, registered.as_ref())).contains("注釈"));
    // The same entries without a comment, as any zip tool writes them, still verify.
    let rezipped = zip_of(&entries(&bytes));
    assert!(verify_bytes(&rezipped, registered.as_ref()).expect("verifies").ok);
}

#[test]
fn a_manifest_naming_another_key_than_its_signer_is_refused() {
    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    let (bytes, key, _d) = package();
    let mut files = entries(&bytes);
    let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    // Re-signed by another key while the manifest still names the council's key.
    let manifest = files.iter().find(|(n, _)| n == "manifest.json").expect("manifest").1.clone();
    let b64 = base64::engine::general_purpose::STANDARD;
    let sig = serde_json::json!({
        "algorithm": "ed25519",
        "public_key": b64.encode(other.verifying_key().as_bytes()),
        "signature": b64.encode(other.sign(&manifest).to_bytes()),
    });
    files.iter_mut().find(|(n, _)| n == "manifest.sig").expect("sig").1 = serde_json::to_vec(&sig).expect("json");
    let msg = refused(verify_bytes(&zip_of(&files), None));
    assert!(msg.contains(&council_submit::keys::fingerprint(&key.verifying_key())), "names both keys: {msg}");
}

#[test]
fn the_city_remembers_a_council_s_first_key_and_refuses_another_one_later() {
    use council_submit::known::{KnownCouncils, Sender};
    let (bytes, key, dir) = package();
    let list_path = dir.path().join("city").join("known-councils.json");
    let report = verify_bytes(&bytes, None).expect("verifies");
    let signer = key.verifying_key();
    let mut list = KnownCouncils::load(&list_path).expect("no list yet is an empty list");
    assert_eq!(
        list.judge(&report.manifest, &signer, None, "2026-11-23T10:00:00+09:00").expect("judge"),
        Sender::FirstSeen
    );
    list.save().expect("save");
    let mut list = KnownCouncils::load(&list_path).expect("load");
    let again = list.judge(&report.manifest, &signer, None, "2026-11-24T10:00:00+09:00").expect("judge");
    assert_eq!(again, Sender::RememberedOnly { since: "2026-11-23T10:00:00+09:00".into() });
    assert!(!again.confirmed(), "remembered is not confirmed");
    let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]).verifying_key();
    let err = list.judge(&report.manifest, &other, None, "2026-11-24T10:00:00+09:00").expect_err("another key");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    assert!(list.judge(&report.manifest, &signer, Some(&other), "now").is_err(), "a given key must have signed it");
    assert_eq!(list.judge(&report.manifest, &signer, Some(&signer), "2026-11-25").expect("given"), Sender::GivenKey);
    list.save().expect("save");
    let mut list = KnownCouncils::load(&list_path).expect("load");
    let later = list.judge(&report.manifest, &signer, None, "2026-12-01").expect("judge");
    assert!(later.confirmed(), "confirmed once given: {later:?}");
    std::fs::write(&list_path, b"{ not json").expect("damage");
    assert!(KnownCouncils::load(&list_path).is_err(), "a damaged list is refused, not replaced");
}
