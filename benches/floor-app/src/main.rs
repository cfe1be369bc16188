//! The floor: a window with one page, and the same start-up probe as Council Desk (with
//! `COUNCIL_DESK_STARTUP_PROBE=1` it prints `startup-probe: home` once the page's text is painted).

use tauri::Listener as _;

const SCRIPT: &str = r#"(() => {
  const look = () => document.querySelector('[data-testid="floor"]')
    ? requestAnimationFrame(() => requestAnimationFrame(() =>
        window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: 'startup-probe', payload: 'home' })))
    : requestAnimationFrame(look);
  look();
})();"#;

fn main() {
    let probe = std::env::var_os("COUNCIL_DESK_STARTUP_PROBE").is_some();
    tauri::Builder::default()
        .setup(move |app| {
            if probe {
                app.listen("startup-probe", |e| eprintln!("startup-probe: {}", e.payload().trim_matches('"')));
            }
            Ok(())
        })
        .on_page_load(move |webview, payload| {
            if probe && payload.event() == tauri::webview::PageLoadEvent::Finished {
                let _ = webview.eval(SCRIPT);
            }
        })
        .run(tauri::generate_context!())
        .expect("the floor app could not start");
}
