//! The window may call the app's own commands and nothing else: the capability grants exactly one
//! `allow-<command>` per declared command, plus the core event permissions, and no file-system, shell
//! or other plugin access. The content security policy admits only the app's own files.

include!("../commands.rs");

fn json(path: &str) -> serde_json::Value {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&full).expect("read")).expect("JSON")
}

#[test]
fn the_capability_grants_exactly_the_declared_commands() {
    let cap = json("capabilities/main.json");
    let granted: Vec<&str> =
        cap["permissions"].as_array().expect("permissions").iter().map(|p| p.as_str().expect("string")).collect();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    expected.push("core:event:default".to_owned());
    let mut got: Vec<String> = granted.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "every command is granted, and nothing else (no fs:, shell:, dialog: …)");
    assert_eq!(cap["windows"], serde_json::json!(["main"]), "only the main window");
}

#[test]
fn the_csp_admits_only_the_apps_own_files() {
    let conf = json("tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'", "no inline or remote script");
    assert_eq!(csp["style-src"], "'self'", "no inline style");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, value) in csp.as_object().expect("object") {
        let value = value.as_str().expect("string");
        assert!(
            !value.contains("http://")
                || value.contains("http://ipc.localhost")
                || value.contains("http://asset.localhost"),
            "{directive} admits a remote origin: {value}"
        );
        assert!(!value.contains("https:") && !value.contains('*'), "{directive} admits remote origins: {value}");
    }
}
