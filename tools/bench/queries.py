#!/usr/bin/env python3
"""FtM JSON query lines for `seisai match` from an eval CSV of person names.

The end-to-end batch benchmark of BENCHMARKS.md screens the first N people
of ../shared/eval/negatives-global.csv (name and birth date), each a
different name, so that candidates' memory is not warm from earlier queries.

usage: tools/bench/queries.py CSV N > queries.jsonl
   e.g. tools/bench/queries.py ../shared/eval/negatives-global.csv 20000 > q20k.jsonl
"""
import csv
import json
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
path, limit = sys.argv[1], int(sys.argv[2])
with open(path, newline="", encoding="utf-8") as f:
    for n, row in enumerate(csv.DictReader(f)):
        if n >= limit:
            break
        props = {"name": [row["full_name"]]}
        if row.get("date_of_birth"):
            props["birthDate"] = [row["date_of_birth"]]
        print(json.dumps({"id": f"q{n + 1}", "schema": "Person", "properties": props}, ensure_ascii=False))
