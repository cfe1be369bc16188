//! The files produced from the one list of commands, committed so that a change to the IPC surface is
//! reviewed like any other change. A test fails when a committed file differs from what the list
//! produces; `make bindings` (`UPDATE_BINDINGS=1 cargo test -p council-api --lib generated`) writes
//! them again.
//!
//! - `ui/src/backend/bindings.ts`: the declaration of every type a command takes or answers with
//!   (ts-rs), found by walking the commands' types — there is no second list of types to keep.
//! - `ui/src/backend/commands.ts`: one typed function per command; a call with a wrong argument fails
//!   the UI's type check.
//! - `src-tauri/capabilities/main.json`: the window may call exactly these commands (one
//!   `allow-<command>` permission each) and nothing of the file system or shell.
//! - `src-tauri/commands.rs`: the names `build.rs` declares to Tauri, which makes those permissions.

use std::collections::BTreeMap;

use crate::macros::{Command, Types};

/// A generated file: where it goes (relative to the workspace root) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The path from the workspace root.
    pub path: &'static str,
    /// The whole text.
    pub text: String,
}

/// Types the window receives outside any command's answer: errors and the shell's events.
fn extra_types(types: &mut Types) {
    types.add::<crate::error::ErrorPayload>();
    types.add::<council_submit::OutboxEvent>();
}

/// Every generated file.
pub fn files() -> Vec<Generated> {
    let commands = crate::commands::COMMANDS;
    let mut types = Types::new();
    for command in commands {
        (command.visit)(&mut types);
    }
    extra_types(&mut types);
    vec![
        Generated { path: "ui/src/backend/bindings.ts", text: bindings(&types) },
        Generated { path: "ui/src/backend/commands.ts", text: client(commands, &types) },
        Generated { path: "src-tauri/capabilities/main.json", text: capability(commands) },
        Generated { path: "src-tauri/commands.rs", text: names(commands) },
    ]
}

const HEADER: &str = "// Generated from the command list in crates/council-api (ts-rs). Do not edit by hand:\n\
                      // run `make bindings` after changing a command or a type that crosses the IPC boundary.\n";

/// Every declaration, sorted by name (stable whatever order the commands visit them in).
fn bindings(types: &Types) -> String {
    let sorted: BTreeMap<&str, &str> = types.declarations.iter().map(|(n, d)| (n.as_str(), d.as_str())).collect();
    let mut out = String::from(HEADER);
    out.push_str(&format!(
        "\n/** The largest file an import reads (council-io's limits); the window refuses a larger one before sending it. */\nexport const MAX_IMPORT_BYTES = {};\n",
        council_io::limits::MAX_FILE_BYTES
    ));
    for declaration in sorted.values() {
        out.push('\n');
        out.push_str("export ");
        out.push_str(declaration);
        out.push('\n');
    }
    out
}

/// `move_household` → `moveHousehold`.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The names of declared types that `ts` mentions.
fn mentioned<'a>(ts: &str, declared: &'a BTreeMap<&str, &str>, into: &mut std::collections::BTreeSet<&'a str>) {
    for word in ts.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if let Some((name, _)) = declared.get_key_value(word) {
            into.insert(name);
        }
    }
}

/// The client: one function per command, in the list's order, each with the command's doc comment.
fn client(commands: &[Command], types: &Types) -> String {
    let cfg = types.config();
    let declared: BTreeMap<&str, &str> = types.declarations.iter().map(|(n, d)| (n.as_str(), d.as_str())).collect();
    let mut used = std::collections::BTreeSet::new();
    let mut body = String::new();
    for command in commands {
        let args: Vec<(String, String)> = command.args.iter().map(|(name, ts)| (camel(name), ts(cfg))).collect();
        let answer = (command.answer)(cfg);
        for (_, ts) in &args {
            mentioned(ts, &declared, &mut used);
        }
        mentioned(&answer, &declared, &mut used);
        let doc: Vec<&str> = command.doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if !doc.is_empty() {
            body.push_str(&format!("  /** {} */\n", doc.join(" ")));
        }
        let params: Vec<String> = args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let object: Vec<&str> = args.iter().map(|(n, _)| n.as_str()).collect();
        let object = if object.is_empty() { String::new() } else { format!(", {{ {} }}", object.join(", ")) };
        body.push_str(&format!(
            "  {}: ({}) => call<{answer}>('{}'{object}),\n",
            camel(command.name),
            params.join(", "),
            command.name
        ));
    }
    let imports: Vec<&str> = used.into_iter().collect();
    let mut out = String::from(HEADER);
    out.push('\n');
    if !imports.is_empty() {
        out.push_str(&format!("import type {{ {} }} from './bindings';\n", imports.join(", ")));
    }
    out.push_str("import { call } from './call';\n\n");
    out.push_str("/** The backend's commands, one typed function each, in the order of the command list. */\n");
    out.push_str("export const commands = {\n");
    out.push_str(&body);
    out.push_str("};\n");
    out
}

/// The window's capability: the core event permissions (the outbox's events) and one permission per
/// command; nothing of the file system, the shell or other plugins.
fn capability(commands: &[Command]) -> String {
    let mut permissions = vec!["core:event:default".to_owned()];
    permissions.extend(commands.iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))));
    let value = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "main",
        "description": "What the main window may call: the app's own commands and nothing of the file system or shell.",
        "windows": ["main"],
        "permissions": permissions,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The command names for the shell's `build.rs`.
fn names(commands: &[Command]) -> String {
    let mut out = String::from(
        "// Generated from the command list in crates/council-api: run `make bindings` after changing it.\n\
         // build.rs declares these so Tauri makes an `allow-<command>` permission for each, which the\n\
         // window's capability (capabilities/main.json, generated too) grants.\n\
         pub const COMMANDS: &[&str] = &[\n",
    );
    for command in commands {
        out.push_str(&format!("    \"{}\",\n", command.name));
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// The committed files are what the command list produces (regenerate with `make bindings`).
    #[test]
    fn generated_files_are_up_to_date() {
        let update = std::env::var_os("UPDATE_BINDINGS").is_some();
        let mut stale = Vec::new();
        for file in files() {
            let path = root().join(file.path);
            if update {
                std::fs::write(&path, &file.text).expect("write generated file");
            } else if std::fs::read_to_string(&path).unwrap_or_default() != file.text {
                stale.push(file.path);
            }
        }
        assert!(stale.is_empty(), "out of date (run `make bindings` and commit the result): {stale:?}");
    }

    #[test]
    fn every_command_is_named_once_and_called_by_its_camel_case_name() {
        let commands = crate::commands::COMMANDS;
        let mut names: Vec<&str> = commands.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a command is declared twice");
        assert_eq!(camel("move_household"), "moveHousehold");
        assert_eq!(camel("export_events_ics"), "exportEventsIcs");
        let client = files().into_iter().find(|f| f.path.ends_with("commands.ts")).expect("client");
        assert!(
            client.text.contains(
                "moveHousehold: (id: HouseholdId, block: BlockId | null, fromDate: string) => call<Household>('move_household', { id, block, fromDate }),"
            ),
            "each argument is typed and sent under its camelCase name:\n{}",
            client.text
        );
    }

    #[test]
    fn the_declarations_cover_every_type_a_command_mentions() {
        let files = files();
        let bindings = &files[0].text;
        for name in ["Household", "HouseholdInput", "ErrorPayload", "OutboxEvent", "PackageRequest", "Bytes"] {
            assert!(
                bindings.contains(&format!("export type {name} ")),
                "{name} must be declared for the client to compile"
            );
        }
    }
}
