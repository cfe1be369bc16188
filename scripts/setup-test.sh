#!/usr/bin/env bash
# Tests scripts/toolchains.sh, the part of the set-up that installs Node.js 20 and Rust, each in a
# home folder of its own: a PC whose Node.js is Debian 12's 18 gets Node.js 20 and npm; a PC with no
# connection is told so in words, and nothing is installed. (`make test` runs this.)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "setup-test: $*" >&2; exit 1; }

# A Node.js 18 in front on PATH, as Debian 12's `nodejs` package gives.
mkdir -p "$work/old-node/bin"
cat >"$work/old-node/bin/node" <<'NODE'
#!/bin/sh
case "$1" in -e) echo 0 ;; *) echo v18.19.0 ;; esac
NODE
chmod +x "$work/old-node/bin/node"

echo "setup-test: Debian 12's Node.js 18 is replaced by Node.js 20 in the tools folder"
out=$(HOME="$work/home1" PATH="$work/old-node/bin:$PATH" bash -c '
  set -euo pipefail; say() { echo "==> $*"; }
  source scripts/toolchains.sh
  echo "node=$(node --version) npm=$(npm --version) where=$(command -v node)"' 2>&1) || fail "the install failed: $out"
echo "$out" | grep -q "node=v20\." || fail "Node.js 20 is not the one on PATH: $out"
echo "$out" | grep -q "npm=10\." || fail "npm is not there: $out"
echo "$out" | grep -q "where=$work/home1/.local/share/council-desk/node/bin/node" || fail "not in the tools folder: $out"
# Run again: nothing more is fetched (the tools folder's Node.js is found).
again=$(HOME="$work/home1" PATH="$work/old-node/bin:$PATH" bash -c '
  set -euo pipefail; say() { echo "==> $*"; }; source scripts/toolchains.sh' 2>&1)
echo "$again" | grep -q "Installing" && fail "a second run installed again: $again"

echo "setup-test: with no connection, it says so and installs nothing"
set +e
out=$(HOME="$work/home2" PATH="$work/old-node/bin:$PATH" https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
  bash -c 'set -euo pipefail; say() { echo "==> $*"; }; source scripts/toolchains.sh' 2>&1)
code=$?
set -e
[ $code -ne 0 ] || fail "it went on without Node.js 20: $out"
echo "$out" | grep -q "not seem to be connected to the internet" || fail "the message does not say why: $out"
[ ! -e "$work/home2/.local/share/council-desk/node" ] || fail "a half-installed Node.js was left behind"

echo "setup-test: with no cargo and no connection, Rust's install says so too"
set +e
out=$(HOME="$work/home3" PATH="$work/home1/.local/share/council-desk/node/bin:/usr/bin:/bin" \
  https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
  bash -c 'set -euo pipefail; say() { echo "==> $*"; }; source scripts/toolchains.sh' 2>&1)
code=$?
set -e
[ $code -ne 0 ] || fail "it went on without Rust: $out"
echo "$out" | grep -q "Installing Rust" || fail "it did not try to install Rust: $out"
echo "$out" | grep -q "not seem to be connected to the internet" || fail "the message does not say why: $out"
[ ! -e "$work/home3/.cargo" ] || fail "a half-installed Rust was left behind"
cd "$repo"
echo "setup-test: ok"
