//! How the window paints on a machine without a GPU.
//!
//! WebKitGTK paints pages with Skia through OpenGL. Where there is no GPU to run it (no DRM render
//! node: an office PC without graphics drivers, a virtual machine, a remote session), that OpenGL is
//! Mesa's software renderer: it compiles its shaders with LLVM as the window opens and then paints on
//! the CPU anyway, more slowly than Skia's own CPU painting (which WPE WebKit uses by default on small
//! devices). On the large council the first screen took ~100 ms longer that way. There the window
//! asks WebKit to paint on the CPU (`WEBKIT_SKIA_ENABLE_CPU_RENDERING`), unless the person has set the
//! variable themselves; compositing stays as WebKit has it. Machines with a GPU keep WebKit's default.

/// Whether `dri` (`/dev/dri`) holds a DRM render node: a GPU that OpenGL can render on.
#[cfg(target_os = "linux")]
fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri)
        .map(|dir| dir.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Makes the choice for this process and the webview processes it starts. Called first thing in
/// `run`, before any other thread exists and before WebKit reads its environment; GLib's setter is
/// used because WebKit reads the variable through GLib's process environment.
pub fn choose() {
    #[cfg(target_os = "linux")]
    if !has_render_node(std::path::Path::new("/dev/dri")) {
        // `false`: a value the person set is kept.
        let _ = glib::setenv("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1", false);
    }
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
