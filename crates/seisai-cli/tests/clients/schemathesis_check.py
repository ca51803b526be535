#!/usr/bin/env python3
"""Runs schemathesis (PyPI) against a running `seisai serve`: requests
generated from `/openapi.json`, checking that none gets a 5xx answer.
Run by `crates/seisai-cli/tests/clients.rs`.

    schemathesis_check.py BASE_URL [MAX_EXAMPLES=25]

Exit status: schemathesis' own (0 = no failure); 3 when schemathesis is
not installed (prints SKIPPED).
"""

import shutil
import subprocess
import sys

try:
    import schemathesis  # noqa: F401
except ImportError as e:
    print(f"SKIPPED: schemathesis is not installed ({e}); pip install schemathesis")
    sys.exit(3)

base = sys.argv[1].rstrip("/")
examples = sys.argv[2] if len(sys.argv) > 2 else "25"
cli = shutil.which("schemathesis") or shutil.which("st")
if cli is None:
    print("SKIPPED: the schemathesis command is not on PATH")
    sys.exit(3)
# A fixed seed keeps CI runs reproducible; a failure prints the curl command that reproduces it.
cmd = [cli, "run", f"{base}/openapi.json", "--checks", "not_a_server_error", "--max-examples", examples,
       "--seed", "20261128", "--request-timeout", "20", "--no-color"]
print(" ".join(cmd), flush=True)
sys.exit(subprocess.run(cmd, timeout=600).returncode)
