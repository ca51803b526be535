#!/usr/bin/env bash
# Imports the newest snapshot of every list of ../shared/data into DATA_DIR,
# for the service benchmarks (BENCHMARKS.md "Service").
#   tools/bench/import_lists.sh SEISAI_BINARY DATA_DIR [SHARED_DATA]
set -euo pipefail
bin=$1 dir=$2 data=${3:-/work/shared/data}
imp() { "$bin" --data-dir "$dir" import "$@" >/dev/null; }
imp us_ofac_sdn "$data/ofac/sdn-2024-05-03.csv"
imp us_ofac_cons "$data/ofac/cons-enhanced-2025-01-10.zip"
imp un_sc "$data/un/un-consolidated-2026-02-27.xml"
imp eu_journal "$data/eu/consolidated" "$data/eu/amendments"
imp eu_fsf "$data/eu/fsf/fsf-extract-2026-08-05.xml"
imp jp_mof "$data/jp/mof-asset-freeze-2026-03-05.xlsx"
imp jp_meti_eul "$data/jp/meti-end-user-list-2025-09-29.xlsx"
imp jp_export_ban --published 2025-09-12 "$data/jp/export-ban-russia-specified-entities-2025-09-12.txt" \
  "$data/jp/export-ban-belarus-specified-entities-2022-07-05.txt" "$data/jp/export-ban-third-country-entities-2025-09-12.txt"
imp us_csl "$data/us_csl/csl-2022.csv.gz"
imp us_bis_dpl --published 2023-12-31 "$data/us_bis_dpl/dpl-2023.txt"
imp cn_mfa "$data/cn/cn-mfa-countersanctions.csv"
imp gb_ofsi "$data/uk/ofsi-conlist-2020-04-27.csv"
imp gb_fcdo "$data/uk/uk-sanctions-list-extract-2026-08-14.xml"
imp ca_sema "$data/ca/sema-2025.xml"
imp opensanctions "$data/opensanctions/fixture-entities.ftm.jsonl"
"$bin" --data-dir "$dir" lists
