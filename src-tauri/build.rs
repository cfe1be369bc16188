//! Declares the app's commands so Tauri generates one permission per command; the window's
//! capability (capabilities/main.json) grants exactly the ones it uses.

include!("commands.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
