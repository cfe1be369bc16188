#!/usr/bin/env bash
# Every benchmark of BENCHMARKS.md in one run (`make bench`), each printing its Markdown table.
# Figures are medians of several runs; every comparison is a ratio measured in this same run.
# RUNS (default 5) sets the repetitions of the documents, packages and start-up benchmarks.
# Needs what `make test` installs, plus LibreOffice (`soffice`) for the documents comparison and
# python3 for the start-up CPU table.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
runs=${RUNS:-5}
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { printf '\n## %s\n\n' "$*"; }

echo "# Council Desk benchmarks"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo);"\
  "$(. /etc/os-release && echo "$PRETTY_NAME"); $(rustc --version); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

say "Scale data: council demo --scale large (dev profile)"
cargo build -q -p council-cli
start=$(date +%s%N)
"$target/debug/council" --data "$work/large" demo --scale large >/dev/null
echo "made in $(( ($(date +%s%N) - start) / 1000000 )) ms:"
"$target/debug/council" --data "$work/large" info | sed 's/^/    /'

say "Core operations at large scale (criterion, bench profile)"
cargo bench -q -p council-domain --bench core_ops 2>/dev/null | sed -n '/^| operation/,$p'

say "Roster import (.xlsx, 10,000 rows, release)"
cargo run -q --release -p council-io --example roster_bench

say "Documents against LibreOffice headless (dev profile)"
cargo run -q -p council-docs --example documents_bench -- "$runs"

say "Submission packages and delivery (dev profile)"
cargo run -q -p council-submit --example package_bench -- "$runs"

say "Sharing between PCs: five PCs through WebDAV, capture, joining the large council (release)"
cargo run -q --release -p council-sync --example sync_bench

say "Start-up and memory against a minimal Tauri app (dev profile, Xvfb)"
cargo build -q -p council-desk
(cd benches/floor-app && CARGO_TARGET_DIR="$target" cargo build -q)
scripts/startup-bench.sh "$target/debug/council-desk" "$target/debug/floor-app" "$work/large" "$runs"
echo
echo "CPU time by then (the same two apps; steadier than the wall clock on two cores):"
echo
scripts/startup-cpu.py "$work/large" "$runs" "$target/debug/council-desk" "$target/debug/floor-app"
