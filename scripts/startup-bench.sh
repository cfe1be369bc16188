#!/usr/bin/env bash
# Start-up and memory of Council Desk against the platform's floor (benches/floor-app: the smallest
# Tauri app, same toolchain, Tauri version and profile), both under Xvfb, in the same run.
#
#   scripts/startup-bench.sh APP_BINARY FLOOR_BINARY DATA_FOLDER [RUNS]
#
# Each app is started RUNS times (after one unmeasured start each, which also takes the day's first
# backup of the data) with COUNCIL_DESK_STARTUP_PROBE=1: it prints `startup-probe: home` once Home
# shows data (the floor: once its page is painted); Council Desk then opens the member list and prints
# `startup-probe: members` once its rows are shown. Start-up is process start → that first line. Memory
# is the sum over the app's process and all its descendants (WebKit's web and network processes
# included) of PSS (proportional set size: shared pages split among the processes sharing them) and
# of RSS, read from /proc one second after the member list (the floor: its page) is shown.
set -euo pipefail
app=$1 floor=$2 data=$3 runs=${4:-5}

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display NO_AT_BRIDGE=1 COUNCIL_DESK_DATA=$data COUNCIL_DESK_STARTUP_PROBE=1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The pid and every descendant.
tree() {
  local pids=($1) i=0
  while [ $i -lt ${#pids[@]} ]; do
    for c in $(cat /proc/${pids[$i]}/task/*/children 2>/dev/null); do pids+=("$c"); done
    i=$((i + 1))
  done
  echo "${pids[@]}"
}

# Sum of a field (Pss or Rss, kB) of smaps_rollup over the processes.
sum_kb() {
  local field=$1 total=0 v
  shift
  for p in "$@"; do
    v=$(awk -v f="$field:" '$1 == f { print $2 }' /proc/$p/smaps_rollup 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo $total
}

# One start: prints "startup_ms pss_kB rss_kB processes".
one() {
  local bin=$1 last=$2 log
  log=$(mktemp)
  local start
  start=$(now_ms)
  "$bin" >/dev/null 2> >(while IFS= read -r line; do
    case $line in startup-probe:*) echo "${line#startup-probe: } $(now_ms)" >>"$log" ;; esac
  done) &
  local pid=$!
  local deadline=$(( $(now_ms) + 120000 ))
  until grep -q "^$last " "$log" 2>/dev/null; do
    [ "$(now_ms)" -lt $deadline ] || { echo "timed out waiting for $last from $bin" >&2; kill $pid; exit 1; }
    sleep 0.01
  done
  local home
  home=$(awk '$1 == "home" { print $2 }' "$log")
  sleep 1
  local procs
  procs=$(tree $pid)
  # shellcheck disable=SC2086
  echo "$((home - start)) $(sum_kb Pss $procs) $(sum_kb Rss $procs) $(echo $procs | wc -w)"
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  rm -f "$log"
  sleep 1
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The two are started in turn, run after run, so that a slower minute of the machine weighs on both
# alike.
desk_out=$(mktemp) floor_out=$(mktemp)
one "$app" members >/dev/null
one "$floor" home >/dev/null
for _ in $(seq "$runs"); do
  one "$app" members >>"$desk_out"
  one "$floor" home >>"$floor_out"
done
summary() { echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median) $(cut -d' ' -f3 "$1" | median) $(cut -d' ' -f4 "$1" | median)"; }
read -r d_ms d_pss d_rss d_n <<<"$(summary "$desk_out")"
read -r f_ms f_pss f_rss f_n <<<"$(summary "$floor_out")"
rm -f "$desk_out" "$floor_out"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
echo "| measure (median of $runs starts, Xvfb) | Council Desk (large council) | floor (minimal Tauri app) | ratio | target |"
echo "|---|---:|---:|---:|---|"
echo "| process start → first screen with data | $d_ms ms | $f_ms ms | $(ratio "$d_ms" "$f_ms") | ≤ 1.3 |"
echo "| memory after opening the member list, PSS of all $d_n / $f_n processes | $(mb "$d_pss") | $(mb "$f_pss") | $(ratio "$d_pss" "$f_pss") | ≤ 1.5 |"
echo "| (for reference) the same, RSS summed | $(mb "$d_rss") | $(mb "$f_rss") | $(ratio "$d_rss" "$f_rss") | |"
