#!/usr/bin/env bash
# Resident memory of `seisai match` itself (BENCHMARKS.md "Matching speed",
# session 19): the product binary with its allocator, not the benchmark
# example's. Runs BIN over QUERIES (JSON lines) against the lists stored in
# DATADIR (tools/bench/import_lists.sh BIN DATADIR), samples VmRSS every
# 50 ms, and prints the peak (VmHWM), the RSS once screening runs (the last
# sample) and the "index: … in N s" time.
#
# usage: tools/bench/match_memory.sh BIN DATADIR QUERIES
#   e.g. tools/bench/match_memory.sh target/release/seisai /tmp/lists q20k.jsonl
# Compare two builds by running them alternately, three times each.
set -u
[ $# -eq 3 ] || { sed -n 2,12p "$0"; exit 2; }
bin=$1 dir=$2 queries=$3
err=$(mktemp)
"$bin" --data-dir "$dir" match --input "$queries" --output /dev/null 2>"$err" &
pid=$!
peak=0 last=0
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
  [ -n "$rss" ] && last=$rss
  [ -n "$hwm" ] && peak=$hwm
  sleep 0.05
done
wait "$pid"
echo "peak $((peak / 1024)) MB, screening $((last / 1024)) MB, $(grep -oE 'in [0-9.]+ s' "$err" | head -1 | sed 's/^/index built /')"
rm -f "$err"
