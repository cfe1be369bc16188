//! Declares the app's commands so Tauri generates one permission per command; the window's
//! capability (capabilities/main.json) grants exactly the ones it uses.

const COMMANDS: &[&str] = &[
    "app_state",
    "set_up_council",
    "set_up_demo",
    "update_council",
    "update_settings",
    "recent_changes",
    "history",
    "blocks",
    "create_block",
    "update_block",
    "members",
    "household",
    "create_household",
    "update_household",
    "move_household",
    "leave_household",
    "household_counts",
    "find_persons",
    "officers",
    "create_officer",
    "delete_officer",
    "carry_officers",
    "partners",
    "create_partner",
    "update_partner",
    "dues_overview",
    "dues_rows",
    "set_dues_rate",
    "set_dues_adjustment",
    "record_dues_payment",
    "dues_payments",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
