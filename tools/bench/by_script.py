#!/usr/bin/env python3
"""Splits FtM JSON query lines by the script of their first name.

`seisai match` costs more per query for names read from another script:
each has several Latin forms (romanisation systems, guessed vowels,
readings), and each form is looked up and compared. The per-script table
of BENCHMARKS.md screens each part on its own.

usage: tools/bench/by_script.py QUERIES OUT_DIR
   e.g. tools/bench/by_script.py q20k.jsonl /tmp/by-script
writes OUT_DIR/SCRIPT.jsonl (latin, arabic, han, kana, hangul, cyrillic,
greek, hebrew, devanagari, other) and prints the count of each.
"""
import json
import os
import sys
import unicodedata

# A word of the Unicode name of a character, and the script it marks.
SCRIPTS = [
    ("CJK", "han"), ("KATAKANA", "kana"), ("HIRAGANA", "kana"), ("HANGUL", "hangul"),
    ("CYRILLIC", "cyrillic"), ("ARABIC", "arabic"), ("GREEK", "greek"), ("HEBREW", "hebrew"),
    ("DEVANAGARI", "devanagari"),
]


def script_of(name):
    """The script of the first letter of `name` that is not Latin ("other"
    when not one of SCRIPTS); "latin" when every letter is."""
    for ch in name:
        if not ch.isalpha():
            continue
        unicode_name = unicodedata.name(ch, "")
        if "LATIN" in unicode_name:
            continue
        return next((script for marker, script in SCRIPTS if marker in unicode_name), "other")
    return "latin"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    parts = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                names = json.loads(line)["properties"]["name"]
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"{path}:{n}: expected a query with properties.name ({e})")
            parts.setdefault(script_of(names[0] if names else ""), []).append(line)
    for script, lines in sorted(parts.items(), key=lambda p: -len(p[1])):
        with open(os.path.join(out_dir, f"{script}.jsonl"), "w", encoding="utf-8") as out:
            out.writelines(lines)
        print(f"{script}: {len(lines)}")


if __name__ == "__main__":
    main()
