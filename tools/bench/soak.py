#!/usr/bin/env python3
"""Soak test of `seisai serve`: single-query /match requests at a steady
rate for a fixed time while a list is re-imported through /admin/import
every UPDATE seconds (alternating two versions of one dataset), sampling
the server's RSS every 5 s (the settled level) and polling it every 0.2 s
for its peak (during updates). Standard library only.

    tools/bench/soak.py --url http://127.0.0.1:18781 --pid PID --admin-key KEY \
        --dataset us_ofac_sdn --files A.csv B.csv [--seconds 600] [--rate 100] [--update 60]

Checks every response: status 200, and the list versions it names
(`seisai.versions`) form a version set that was served as a whole: each
version of the updated dataset always comes with the same index size
(a request served from a half-built index would break this). Prints a
summary as JSON and exits 1 on any error.
"""

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

QUERIES = [
    {"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952-10-07"], "nationality": ["ru"]}},
    {"schema": "Person", "properties": {"name": ["Maria Gonzalez Lopez"], "birthDate": ["1984-03-12"]}},
    {"schema": "Company", "properties": {"name": ["Bank Melli Iran"], "country": ["ir"]}},
    {"schema": "Person", "properties": {"name": ["Tanaka Taro"], "nationality": ["jp"]}},
    {"schema": "Company", "properties": {"name": ["Rosneft Oil Company"], "country": ["ru"]}},
    {"schema": "Person", "properties": {"name": ["Kim Jong Un"], "nationality": ["kp"]}},
    {"schema": "Company", "properties": {"name": ["Sumitomo Mitsui Trading Co Ltd"], "country": ["jp"]}},
]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.ok = 0
        self.errors = []
        self.error_count = 0
        self.latencies = []
        self.pairs = {}  # version of the updated dataset -> set of index sizes
        self.dataset_counts = set()

    def record(self, ms, error=None, version=None, size=None, datasets=None):
        with self.lock:
            self.latencies.append(ms)
            if error:
                self.error_count += 1
                if len(self.errors) < 20:
                    self.errors.append(error)
                return
            self.ok += 1
            self.pairs.setdefault(version, set()).add(size)
            self.dataset_counts.add(datasets)


def worker(url, dataset, rate, deadline, results, n):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    interval = 1.0 / rate
    next_at = time.monotonic()
    i = n
    while time.monotonic() < deadline:
        body = json.dumps({"queries": {"q1": QUERIES[i % len(QUERIES)]}})
        i += 1
        start = time.monotonic()
        try:
            conn.request("POST", "/match/default", body, {"Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
            ms = (time.monotonic() - start) * 1000
            if resp.status != 200:
                results.record(ms, f"status {resp.status}: {data[:200]!r}")
            else:
                info = json.loads(data)["seisai"]
                versions = info["versions"]
                results.record(ms, version=versions.get(dataset), size=info["index_entities"], datasets=len(versions))
        except Exception as e:  # noqa: BLE001 - every failure is an error of the soak
            results.record((time.monotonic() - start) * 1000, f"{type(e).__name__}: {e}")
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        next_at += interval
        pause = next_at - time.monotonic()
        if pause > 0:
            time.sleep(pause)


def update(url, key, dataset, path):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    body = json.dumps({"dataset": dataset, "paths": [path]})
    start = time.monotonic()
    conn.request("POST", "/admin/import", body, {"Content-Type": "application/json", "Authorization": f"ApiKey {key}"})
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, round(time.monotonic() - start, 2), data[:300].decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--admin-key", required=True)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--files", nargs=2, required=True)
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--rate", type=float, default=100, help="requests per second in all")
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--update", type=int, default=60, help="seconds between list updates")
    a = ap.parse_args()

    results = Results()
    start = time.monotonic()
    deadline = start + a.seconds
    threads = [
        threading.Thread(target=worker, args=(a.url, a.dataset, a.rate / a.connections, deadline, results, n))
        for n in range(a.connections)
    ]
    for t in threads:
        t.start()
    rss = [(0, rss_kb(a.pid))]

    def sample():
        while time.monotonic() < deadline:
            time.sleep(5)
            rss.append((int(time.monotonic() - start), rss_kb(a.pid)))

    # The highest RSS, polled every 0.2 s: the 5 s samples above show the
    # settled level, and mostly miss the seconds of an update during which
    # the server holds the index in service and the one being built.
    peak = {"kb": rss[0][1]}

    def poll_peak():
        while time.monotonic() < deadline:
            time.sleep(0.2)
            peak["kb"] = max(peak["kb"], rss_kb(a.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    poller = threading.Thread(target=poll_peak)
    poller.start()
    updates = []
    next_update = start + a.update
    k = 0
    while time.monotonic() < deadline:
        time.sleep(1)
        now = time.monotonic()
        if now >= next_update and now < deadline - 5:
            status, secs, text = update(a.url, a.admin_key, a.dataset, a.files[k % 2])
            updates.append({"at_s": int(now - start), "status": status, "seconds": secs, "file": a.files[k % 2]})
            if status != 200:
                results.record(0, f"update {status}: {text}")
            k += 1
            next_update += a.update
    for t in threads + [sampler, poller]:
        t.join()
    lat = sorted(results.latencies)

    def pct(p):
        return round(lat[min(len(lat) - 1, int(len(lat) * p))], 1) if lat else None

    mixed = {v: sorted(s) for v, s in results.pairs.items() if len(s) != 1}
    rss_mb = [round(r / 1024) for _, r in rss]
    # Memory is "flat" when the second half's peak and its settled level (the
    # median sample: most samples fall between updates) both stay within 10 %
    # of the first half's. Peaks alone depend on whether a sample happened to
    # fall in an index build; the median shows a slow creep after each swap.
    half = len(rss_mb) // 2
    summary = {
        "seconds": a.seconds,
        "requests": len(lat),
        "ok": results.ok,
        "errors": results.error_count,
        "first_errors": results.errors[:5],
        "rate_per_s": round(len(lat) / a.seconds, 1),
        "latency_ms": {"p50": pct(0.5), "p99": pct(0.99), "max": pct(1.0)},
        "updates": updates,
        "versions_seen": {v: sorted(s) for v, s in results.pairs.items()},
        "version_sets_mixed": mixed,
        "dataset_counts_seen": sorted(results.dataset_counts),
        "rss_mb": {"start": rss_mb[0], "min": min(rss_mb), "max": max(rss_mb), "end": rss_mb[-1],
                   "first_half_max": max(rss_mb[:half] or rss_mb), "second_half_max": max(rss_mb[half:]),
                   "first_half_median": statistics.median(rss_mb[:half] or rss_mb),
                   "second_half_median": statistics.median(rss_mb[half:]),
                   "peak_polled_every_0_2_s": round(peak["kb"] / 1024)},
        "rss_samples_mb": rss_mb,
    }
    print(json.dumps(summary, indent=1))
    m = summary["rss_mb"]
    flat = (m["second_half_max"] <= 1.10 * m["first_half_max"]
            and m["second_half_median"] <= 1.10 * m["first_half_median"])
    failed = summary["errors"] > 0 or mixed or not flat or any(u["status"] != 200 for u in updates)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
