#!/usr/bin/env bash
# The server's memory of BENCHMARKS.md "Session 20": starts `serve
# --open-screening` on DATADIR (a store with the lists imported, see
# import_lists.sh), and prints the resident memory when /readyz first
# answers, after 10 s of wrk load (match.lua, 16 connections) and 3 s
# later, the peak (VmHWM), and wrk's req/s and p50/p99.
#
# usage: tools/bench/serve_memory.sh BIN DATADIR PORT
# Compare two builds by running them alternately, twice, in the same minutes.
set -u
[ $# -eq 3 ] || { sed -n 2,9p "$0"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 port=$3
kb() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$pid/status"; }
"$bin" --data-dir "$dir" serve --addr "127.0.0.1:$port" --open-screening >"$dir/serve.log" 2>&1 &
pid=$!
start=$(date +%s.%N)
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.25; done
ready=$(echo "$(date +%s.%N) - $start" | bc)
rss_ready=$(kb VmRSS)
out=$(wrk -t1 -c16 -d10s --latency -s "$here/match.lua" "http://127.0.0.1:$port" 2>&1)
rss_load=$(kb VmRSS)
sleep 3
echo "ready in ${ready:0:4} s; RSS ready $rss_ready MB, after load $rss_load MB, idle $(kb VmRSS) MB, peak $(kb VmHWM) MB"
echo "$out" | awk '/Requests\/sec/ {print "req/s", $2} / 50%/ {print "p50", $2} / 99%/ {print "p99", $2}' | tr '\n' ' '; echo
kill "$pid"; wait "$pid" 2>/dev/null
