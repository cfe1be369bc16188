//! How the window's processes find the UI's typeface (Linux).
//!
//! WebKitGTK asks fontconfig, through Skia, for the UI's family once for every size and weight of type
//! it lays out (≈ 20 times for Home). For a family it has no rule of its own for, the system's
//! configuration appends its whole list of preferred fallback families to the request (≈ 100 names on
//! Debian), and Skia then tests that list name by name — a font-set match for each — only to drop the
//! appended names again before it matches. Each look-up so cost 1.4–2 ms of the web process's main
//! thread while the first screen was laid out (BENCHMARKS.md, seventh round).
//!
//! The app therefore gives itself and the processes it starts a configuration that is the system's own
//! (`/etc/fonts/fonts.conf`, which also reads the person's own settings) followed by one rule: a
//! request whose first family is BIZ UDゴシック (the UI's type, which the app's packages install) asks
//! for that family alone. The font found does not change — a test compares every answer with the
//! system's configuration — and a character the family lacks is still found by coverage. A person who
//! has pointed fontconfig elsewhere (`FONTCONFIG_FILE` or `FONTCONFIG_PATH`) keeps their choice, and
//! where the system's file is not at the usual place nothing is changed.

/// The families the rule is for: the first of the UI's `font-family` (`ui/src/app.css`; a test keeps
/// the two the same), installed with the app (Debian: `fonts-morisawa-bizud-gothic`). The names after
/// them are other systems' Japanese UI fonts, which fontconfig keeps as it has them.
#[cfg(target_os = "linux")]
const RULED_FAMILIES: &[&str] = &["BIZ UDPGothic", "BIZ UDGothic"];

/// The system's configuration file, read first by the window's configuration.
#[cfg(target_os = "linux")]
const SYSTEM_CONFIG: &str = "/etc/fonts/fonts.conf";

/// The app's fontconfig configuration: the system's, then one rule per family in [`RULED_FAMILIES`].
#[cfg(target_os = "linux")]
fn config() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n\
         <!-- Council Desk's fontconfig configuration for itself and WebKit's processes (src-tauri/src/fonts.rs). -->\n\
         <fontconfig>\n",
    );
    xml.push_str(&format!("  <include ignore_missing=\"yes\">{SYSTEM_CONFIG}</include>\n"));
    for family in RULED_FAMILIES {
        // Last in the configuration, so after the system's rules have appended their fallbacks.
        // `strong`: Skia keeps only strongly bound names when it matches a family.
        xml.push_str(&format!(
            "  <match target=\"pattern\">\n    <test qual=\"first\" name=\"family\" compare=\"eq\"><string>{family}</string></test>\n    \
             <edit name=\"family\" mode=\"assign_replace\" binding=\"strong\"><string>{family}</string></edit>\n  </match>\n"
        ));
    }
    xml.push_str("</fontconfig>\n");
    xml
}

/// Writes the configuration to `path` unless it already holds it.
#[cfg(target_os = "linux")]
fn write_if_changed(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|kept| kept == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written aside and renamed into place: a reader never sees half a file.
    let aside = path.with_extension("conf.new");
    std::fs::write(&aside, text)?;
    std::fs::rename(&aside, path)
}

/// Where the configuration goes (the per-user cache folder), if the window should use one: not when
/// the person has pointed fontconfig elsewhere, nor when the system's file is not where it usually is.
#[cfg(target_os = "linux")]
fn config_path(
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
    system_config: &std::path::Path,
    cache: Option<std::path::PathBuf>,
) -> Option<std::path::PathBuf> {
    if var("FONTCONFIG_FILE").is_some() || var("FONTCONFIG_PATH").is_some() || !system_config.is_file() {
        return None;
    }
    Some(cache?.join(council_store::data_dir::APP_IDENTIFIER).join("fonts.conf"))
}

/// Sets the configuration for this process and the processes it starts (WebKit's). Called first thing in
/// `run`, before any other thread exists and before GTK or WebKit reads fontconfig's environment. If
/// the file cannot be written, fontconfig keeps the system's configuration.
pub fn choose() {
    #[cfg(target_os = "linux")]
    if let Some(path) = config_path(|v| std::env::var_os(v), std::path::Path::new(SYSTEM_CONFIG), dirs::cache_dir())
        && write_if_changed(&path, &config()).is_ok()
    {
        let _ = glib::setenv("FONTCONFIG_FILE", &path, false);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use super::*;

    /// The families in `font-family` of the UI's root rule that fontconfig is asked for: not the
    /// app's own `@font-face` families (the underscore's), which WebKit resolves itself.
    fn css_families() -> Vec<String> {
        let css = include_str!("../../ui/src/app.css");
        let line = css.lines().find(|l| l.trim_start().starts_with("font-family:")).expect("font-family in app.css");
        let list = line.trim().trim_start_matches("font-family:").trim_end_matches(';');
        let own = |f: &str| css.lines().any(|l| l.starts_with("@font-face") && l.contains(&format!("'{f}'")));
        list.split(',').map(|f| f.trim().trim_matches('\'').trim_matches('"').to_owned()).filter(|f| !own(f)).collect()
    }

    #[test]
    fn the_rules_are_for_the_first_families_of_the_ui() {
        let css = css_families();
        assert_eq!(&css[..RULED_FAMILIES.len()], RULED_FAMILIES, "font-family in ui/src/app.css begins with them");
    }

    #[test]
    fn a_person_s_own_fontconfig_setting_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let system = dir.path().join("fonts.conf");
        std::fs::write(&system, "<fontconfig/>").expect("system config");
        let cache = Some(dir.path().join("cache"));
        let none = |_: &str| None;
        assert_eq!(
            config_path(none, &system, cache.clone()),
            Some(dir.path().join("cache/jp.councildesk.desk/fonts.conf"))
        );
        for set in ["FONTCONFIG_FILE", "FONTCONFIG_PATH"] {
            let var = |v: &str| (v == set).then(|| "/somewhere".into());
            assert_eq!(config_path(var, &system, cache.clone()), None, "{set} set by the person");
        }
        assert_eq!(config_path(none, &dir.path().join("missing.conf"), cache.clone()), None, "no system file");
        assert_eq!(config_path(none, &system, None), None, "no cache folder");
    }

    #[test]
    fn the_file_is_written_whole_and_only_when_it_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/fonts.conf");
        write_if_changed(&path, "one").expect("first write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "one");
        let written = std::fs::metadata(&path).and_then(|m| m.modified()).expect("mtime");
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_if_changed(&path, "one").expect("same again");
        assert_eq!(std::fs::metadata(&path).and_then(|m| m.modified()).expect("mtime"), written, "not rewritten");
        write_if_changed(&path, "two").expect("changed");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "two");
        assert!(!path.with_extension("conf.new").exists(), "nothing left aside");
    }

    /// Runs a fontconfig tool with the system's configuration, or with the window's (`config`).
    fn fc(args: &[&str], config: Option<&Path>) -> String {
        let mut cmd = Command::new(args[0]);
        cmd.args(&args[1..]).env_remove("FONTCONFIG_PATH");
        match config {
            Some(c) => cmd.env("FONTCONFIG_FILE", c),
            None => cmd.env_remove("FONTCONFIG_FILE"),
        };
        let out = cmd.output().unwrap_or_else(|e| panic!("{} (Debian package fontconfig) could not run: {e}", args[0]));
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Against the machine's real fontconfig: a request for BIZ UD carries that family alone, and every
    /// request — the family, a character it lacks, a generic, a family not installed — finds the same
    /// font as with the system's configuration alone.
    #[test]
    fn biz_ud_is_asked_for_alone_and_every_font_found_is_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("fonts.conf");
        std::fs::write(&path, config()).expect("write config");
        // The family list of a request after the configuration (`fc-pattern -c -d`).
        let substituted = |family: &str, config: Option<&Path>| {
            fc(&["fc-pattern", "-c", "-d", "--format", "%{family}", family], config)
        };
        for family in RULED_FAMILIES {
            assert!(substituted(family, None).split(',').count() > 1, "the system appends fallbacks to {family}");
            assert_eq!(substituted(family, Some(&path)), *family, "the window asks for {family} alone");
        }
        for other in ["sans-serif", "Noto Sans JP", "Meiryo", "DejaVu Sans"] {
            assert_eq!(substituted(other, Some(&path)), substituted(other, None), "{other}: as the system has it");
        }
        let matched = |pattern: &str, config: Option<&Path>| {
            fc(&["fc-match", "--format", "%{family}|%{style}|%{file}", pattern], config)
        };
        for family in RULED_FAMILIES {
            let system = matched(family, None);
            assert!(system.starts_with(family), "{family} is installed (scripts/setup.sh): {system}");
        }
        for pattern in [
            "BIZ UDPGothic",
            "BIZ UDPGothic:weight=bold",
            "BIZ UDGothic",
            "BIZ UDGothic:weight=bold",
            "sans-serif",
            "Meiryo",
            // Characters the UI's family lacks: Arabic digits, a snowman, Hangul.
            "BIZ UDPGothic:charset=661",
            "BIZ UDPGothic:charset=2603",
            "BIZ UDPGothic:charset=d55c",
        ] {
            assert_eq!(matched(pattern, Some(&path)), matched(pattern, None), "fc-match {pattern}");
        }
    }
}
