# Council Desk — the two commands a newcomer needs are `make run` and `make test`.
# Each installs what is missing first (scripts/setup.sh), then does its job.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# Where scripts/setup.sh puts Rust (rustup) and Node.js 20 when the PC's own are missing or too old.
export PATH := $(HOME)/.cargo/bin:$(HOME)/.local/share/council-desk/node/bin:$(PATH)

.PHONY: help setup ui run test test-rust test-ui test-e2e bindings screenshots package demo bench

help:
	@echo "make run      - install what is missing, build, and open Council Desk"
	@echo "make test     - install what is missing and run every test (Rust, UI, end-to-end)"
	@echo "make package  - build the Linux installer (.deb)"
	@echo "make bindings - regenerate the UI's client and types and the capability from the command list"
	@echo "make bench    - run every benchmark and print the tables (figures in BENCHMARKS.md)"

setup:
	@scripts/setup.sh

# The window serves the built UI from ui/dist, embedded at compile time: build it first.
ui: setup
	cd ui && npm run build

run: ui
	cargo run -p council-desk

# `cargo test` builds the app binary too (src-tauri has integration tests), with the same features,
# so the end-to-end suite runs that binary without compiling Tauri a second time.
test: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check && npm run lint && npm test
	scripts/setup-test.sh
	cargo test --workspace --exclude council-e2e
	$(FUZZ_SMOKE)
	$(E2E)

# The package reader's fuzz target, built and run on its seed inputs (see crates/council-submit/fuzz).
FUZZ_SMOKE = cargo run -q -p council-submit-fuzz --bin verify -- crates/council-submit/fuzz/seeds/*

E2E = xvfb-run -a --server-args="-screen 0 1280x800x24" cargo test -p council-e2e -- --test-threads=1

test-e2e: ui
	cargo test -p council-desk --no-run
	$(E2E)

# The TypeScript client and types, the window's capability and the shell's command names, all from
# the one command list in crates/council-api (a test fails while a committed one is out of date).
bindings:
	UPDATE_BINDINGS=1 cargo test -p council-api --lib generated

screenshots: ui
	cargo test -p council-desk --no-run
	UPDATE_SCREENSHOTS=1 xvfb-run -a --server-args="-screen 0 1280x800x24" cargo test -p council-e2e -- --test-threads=1

package: ui
	cd src-tauri && npx --yes @tauri-apps/cli@2.12.5 build --bundles deb

# Every benchmark in one run (BENCHMARKS.md): scale data, core operations (criterion), roster import,
# documents against LibreOffice, packages against sha256sum + zip and curl, start-up and memory against
# a minimal Tauri app. Not part of `make test`: benchmarks are not tests.
bench: ui
	scripts/bench.sh
