#!/usr/bin/env bash
# Installs whatever this machine lacks to build, run and test Council Desk, and nothing it already has.
# Safe to run again; `make run` and `make test` call it first. Debian 12 / Ubuntu 22.04+.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: WebKitGTK and friends for Tauri, Xvfb and the WebDriver for the end-to-end tests,
# fontconfig's tools and the Japanese UI font (with DejaVu Sans, whose underscore shows at text sizes), tools to look at screenshots and PDFs, rclone (a real WebDAV server for the
# submission-package delivery and sharing tests), strace and util-linux's prlimit (the data-safety drills kill a restore at
# each rename and read hostile spreadsheets under a memory cap), and libclang for the build of SQLite's session
# extension (sharing between PCs: rusqlite's `session` feature runs bindgen).
packages=(
  build-essential pkg-config file curl libclang-dev
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver
  fontconfig fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho fonts-dejavu-core
  imagemagick poppler-utils
  rclone
  strace util-linux
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node.js 20 and Rust, from their own sources when the PC's are missing or too old.
source scripts/toolchains.sh

# The UI's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund)
fi

# tauri-driver bridges WebDriver to the app's webview for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
