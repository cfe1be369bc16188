//! Forged packages, checked with `council verify` as the city checks them: re-signed by another key
//! (with a forged file and the manifest rewritten to match), a manifest naming another key than the
//! one that signed it, bytes added before or after the zip or in its comment, a zip appended after
//! the package, a signature copied from another package. None may ever be called intact with a
//! confirmed sender; a council's first package is "signature valid, sender not confirmed" (exit 2).

use std::io::{Read as _, Write as _};
use std::path::Path;

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use sha2::{Digest as _, Sha256};

use crate::harness::{council, ok, text};

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

fn zip_of(files: &[(String, Vec<u8>)], comment: Option<&str>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
        w.write_all(bytes).expect("write");
    }
    if let Some(c) = comment {
        w.set_comment(c).expect("comment");
    }
    w.finish().expect("finish").into_inner()
}

fn fingerprint(key: &ed25519_dalek::VerifyingKey) -> String {
    let hex = hex::encode(&Sha256::digest(key.as_bytes())[..16]);
    hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The package with `data/officers.json` replaced by a forgery, the manifest rewritten to match it,
/// and signed with `key`; `name_key` is the key the manifest says signed it.
fn forged(genuine: &[u8], key: &SigningKey, name_key: Option<&str>) -> Vec<u8> {
    let mut files = entries(genuine);
    let forgery = br#"{"officers":[{"role":"treasurer","name":"attacker"}]}"#.to_vec();
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&files.iter().find(|(n, _)| n == "manifest.json").expect("manifest").1).expect("json");
    for f in manifest["files"].as_array_mut().expect("files") {
        if f["path"] == "data/officers.json" {
            f["size"] = forgery.len().into();
            f["sha256"] = hex::encode(Sha256::digest(&forgery)).into();
        }
    }
    let own = fingerprint(&key.verifying_key());
    manifest["key_fingerprint"] = name_key.unwrap_or(&own).into();
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("json");
    let b64 = base64::engine::general_purpose::STANDARD;
    let sig = serde_json::json!({
        "algorithm": "ed25519",
        "public_key": b64.encode(key.verifying_key().as_bytes()),
        "signature": b64.encode(key.sign(&manifest_bytes).to_bytes()),
    });
    for (name, bytes) in &mut files {
        match name.as_str() {
            "manifest.json" => *bytes = manifest_bytes.clone(),
            "manifest.sig" => *bytes = serde_json::to_vec(&sig).expect("json"),
            "data/officers.json" => *bytes = forgery.clone(),
            _ => {}
        }
    }
    zip_of(&files, None)
}

/// `council verify` on `bytes` with the city's list `known` (and `--key`): exit code and output.
fn verify(dir: &Path, bytes: &[u8], known: &Path, key: Option<&Path>) -> (i32, String) {
    let file = dir.join("check.zip");
    std::fs::write(&file, bytes).expect("write");
    let mut args = vec!["verify", file.to_str().expect("utf-8"), "--known", known.to_str().expect("utf-8")];
    if let Some(k) = key {
        args.extend(["--key", k.to_str().expect("utf-8")]);
    }
    let out = council(&dir.join("unused"), &args);
    (out.status.code().expect("exited"), text(&out.stdout) + &text(&out.stderr))
}

#[test]
fn forged_packages_are_never_called_intact_from_a_confirmed_sender() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    ok(&data, &["demo"]);
    let zip = dir.path().join("officers.zip");
    ok(&data, &["package", "build", "--purpose", "officer-list", "--out", zip.to_str().expect("utf-8")]);
    let genuine = std::fs::read(&zip).expect("package");
    let council_key = data.join("keys/council.ed25519.pub");
    let attacker = SigningKey::from_bytes(&[7u8; 32]);
    let council_fp = ok(&data, &["package", "key"]);
    let council_fp = council_fp.lines().find_map(|l| l.split_once("Fingerprint:")).map(|(_, fp)| fp.trim().to_owned());

    // A city that has never seen this council: the forgery re-signed by the attacker is not
    // confirmed (exit 2), never "intact" with a confirmed sender.
    let fresh = dir.path().join("fresh.json");
    let (code, out) = verify(dir.path(), &forged(&genuine, &attacker, None), &fresh, None);
    assert_eq!(code, 2, "first sight of a key is not a confirmed sender: {out}");
    assert!(out.contains("送り主は未確認") && out.contains("not confirmed"), "{out}");
    assert!(!out.contains("送り主も確認できました"), "{out}");

    // The city that knows the council (its key given once, by phone): every forgery refused.
    let known = dir.path().join("known.json");
    let (code, out) = verify(dir.path(), &genuine, &known, Some(&council_key));
    assert_eq!(code, 0, "the genuine package with the council's key: {out}");
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("re-signed by another key, forged file", forged(&genuine, &attacker, None)),
        ("re-signed, the manifest still naming the council's key", {
            let fp = fingerprint(
                &ed25519_dalek::VerifyingKey::from_bytes(
                    &base64::engine::general_purpose::STANDARD
                        .decode(std::fs::read_to_string(&council_key).unwrap().lines().last().unwrap().trim())
                        .unwrap()
                        .try_into()
                        .unwrap(),
                )
                .unwrap(),
            );
            forged(&genuine, &attacker, Some(&fp))
        }),
        ("bytes appended after the zip", [genuine.clone(), b"\r\nappended".to_vec()].concat()),
        ("bytes before the zip", [b"MZ\x90\x00".to_vec(), genuine.clone()].concat()),
        ("a comment on the zip", zip_of(&entries(&genuine), Some("unsigned note"))),
        ("another zip appended", [genuine.clone(), zip_of(&[("x.txt".into(), b"x".to_vec())], None)].concat()),
    ];
    // The council's own signature moved onto a forged manifest.
    let mut files = entries(&genuine);
    let sig = files.iter().find(|(n, _)| n == "manifest.sig").unwrap().1.clone();
    let forgery = entries(&forged(&genuine, &attacker, None));
    for (name, bytes) in &mut files {
        if name != "manifest.sig" {
            *bytes = forgery.iter().find(|(n, _)| n == name).unwrap().1.clone();
        }
    }
    files.iter_mut().find(|(n, _)| n == "manifest.sig").unwrap().1 = sig;
    cases.push(("the council's signature on a forged manifest", zip_of(&files, None)));

    let (mut tried, mut held) = (0, 0);
    for (what, bytes) in &cases {
        for key in [None, Some(council_key.as_path())] {
            tried += 1;
            let (code, out) = verify(dir.path(), bytes, &known, key);
            assert_eq!(code, 1, "{what} (key given: {}): refused, exit 1: {out}", key.is_some());
            assert!(out.contains("受け付けられません") && out.contains("refused"), "{what}: says it is refused: {out}");
            held += 1;
        }
    }
    // The city's list still holds the council's key, confirmed.
    let list: serde_json::Value = serde_json::from_slice(&std::fs::read(&known).unwrap()).unwrap();
    assert_eq!(list["councils"].as_array().unwrap().len(), 1);
    assert_eq!(list["councils"][0]["confirmed"], true);
    if let Some(fp) = council_fp {
        assert_eq!(list["councils"][0]["fingerprint"].as_str(), Some(fp.as_str()));
    }
    let (code, out) = verify(dir.path(), &genuine, &known, None);
    assert_eq!(code, 0, "the genuine package still verifies without the key now: {out}");
    println!("drill forged packages: tried {tried}, held {held}");
}
