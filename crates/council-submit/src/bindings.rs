//! The TypeScript declarations of this crate's types that cross the IPC boundary (ts-rs), for the
//! window: `ui/src/backend/submit-bindings.ts`. They refer to the core's types (`Text`,
//! `RecordNeed`) by name, imported from the core's `bindings.ts`. The shell's build writes the file
//! (`UPDATE_BINDINGS=1 cargo test -p council-submit --lib bindings`); a test fails when the committed
//! file differs from what the types generate, once the file exists.

use ts_rs::{Config, TS};

/// Path of the generated file, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/backend/submit-bindings.ts";

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {{
        let mut out = String::from(
            "// Generated from the Rust types by council-submit (ts-rs). Do not edit by hand:\n\
             // run `UPDATE_BINDINGS=1 cargo test -p council-submit --lib bindings` after changing one.\n\n\
             import type { Text, RecordNeed } from './bindings';\n\n",
        );
        $(
            out.push_str("export ");
            out.push_str(&<$t as TS>::decl($cfg));
            out.push_str("\n\n");
        )*
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }};
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    declarations!(&cfg;
        crate::purpose::Purpose,
        crate::purpose::PurposeInfo,
        crate::purpose::PackageRequest,
        crate::purpose::ChecklistItem,
        crate::purpose::PlannedFile,
        crate::purpose::Checklist,
        crate::manifest::FileKind,
        crate::manifest::ManifestCouncil,
        crate::manifest::ManifestFile,
        crate::manifest::Manifest,
        crate::package::PackageSummary,
        crate::keys::PublicKeyInfo,
        crate::transport::DestinationConfig,
        crate::transport::PasswordSource,
        crate::transport::DestinationStatus,
        crate::outbox::DeliveryState,
        crate::outbox::SavedCopy,
        crate::outbox::OutboxEntry,
        crate::outbox::OutboxEvent,
        crate::outbox::SendReport,
        crate::verify::FileStatus,
        crate::verify::CheckedFile,
        crate::verify::Signer,
        crate::verify::VerifyReport,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the file with `UPDATE_BINDINGS=1`; otherwise, once the window has committed it, fails
    /// when it is out of date. Until then it checks that every type is declared.
    #[test]
    fn bindings_are_generated_and_current() {
        let generated = typescript();
        for name in ["OutboxEntry", "OutboxEvent", "DeliveryState", "Checklist", "VerifyReport", "PublicKeyInfo"] {
            assert!(generated.contains(&format!("export type {name} ")), "{name} is exported");
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(BINDINGS_PATH);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        if let Ok(committed) = std::fs::read_to_string(&path) {
            assert!(committed == generated, "{BINDINGS_PATH} is out of date: regenerate it and commit the result");
        }
    }
}
