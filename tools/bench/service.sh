#!/usr/bin/env bash
# The /match load benchmark of BENCHMARKS.md "Service": imports the 15 lists
# of ../shared/data into DATADIR (emptied first), starts `serve
# --open-screening` on PORT, warms up for 3 s, then runs wrk for 20 s with
# 16 connections of single-query /match requests (tools/bench/match.lua) and
# prints req/s, p50/p99, errors and requests per server CPU-second (the
# server's CPU from /proc/PID/stat over the 20 s; wrk's own CPU is not in it).
#
# usage: tools/bench/service.sh BIN DATADIR PORT
#   e.g. tools/bench/service.sh target/release/seisai /tmp/svc_new 18862
# Compare two builds by running them alternately, twice, in the same minutes.
set -u
[ $# -eq 3 ] || { sed -n 2,12p "$0"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 port=$3
rm -rf "$dir"; mkdir -p "$dir"
"$here/import_lists.sh" "$bin" "$dir" >/dev/null 2>&1
"$bin" --data-dir "$dir" serve --addr "127.0.0.1:$port" --open-screening >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
wrk -t1 -c16 -d3s -s "$here/match.lua" "http://127.0.0.1:$port" >/dev/null 2>&1
t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
out=$(wrk -t1 -c16 -d20s --latency -s "$here/match.lua" "http://127.0.0.1:$port" 2>&1)
t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
hz=$(getconf CLK_TCK)
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
cpu=$(echo "($t1-$t0)/$hz" | bc -l)
echo "$out" | grep -E "50%|99%|Requests/sec|Non-2xx|errors|non-200"
echo "server CPU-s: $cpu; req per CPU-s: $(echo "$rps*20/$cpu" | bc -l | cut -c1-7); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$pid"; wait "$pid" 2>/dev/null
