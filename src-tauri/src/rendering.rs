//! How the window paints on a machine without a GPU.
//!
//! WebKitGTK composites the page through OpenGL. Where there is no GPU to run it (no DRM render node:
//! an office PC without graphics drivers, a virtual machine, a remote session), that OpenGL is Mesa's
//! software renderer: it compiles its shaders as the window opens and composites every frame on the
//! CPU anyway, which on the large council made the first screen take ~100 ms longer than painting
//! without compositing. There the window paints without it, as WebKit does when asked never to use
//! hardware acceleration. Machines with a GPU keep WebKit's default.

/// Whether `dri` (`/dev/dri`) holds a DRM render node: a GPU that OpenGL can render on.
#[cfg(target_os = "linux")]
fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri)
        .map(|dir| dir.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Applies the choice to the window's webview (before its page has painted anything).
pub fn choose(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    if !has_render_node(std::path::Path::new("/dev/dri")) {
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt as _, WebViewExt as _};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::has_render_node;

    #[test]
    fn only_a_render_node_counts_as_a_gpu() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(!has_render_node(&dir.path().join("missing")), "no /dev/dri at all (Xvfb, most VMs)");
        std::fs::write(dir.path().join("card0"), b"").expect("card");
        assert!(!has_render_node(dir.path()), "a display card alone is not a render node");
        std::fs::write(dir.path().join("renderD128"), b"").expect("render node");
        assert!(has_render_node(dir.path()));
    }
}
