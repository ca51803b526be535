#!/usr/bin/env python3
"""Drives a running `seisai serve` with OpenSanctions' own Python client
(`yente-client`, PyPI) and with OpenRefine reconciliation requests, the way
existing integrations call yente. Run by `crates/seisai-cli/tests/clients.rs`
against a server loaded with `fixture.ftm.jsonl`.

    yente_client_check.py BASE_URL

Exit status: 0 all checks passed; 1 a check failed (message on stderr);
3 the client package is not installed (prints SKIPPED).
"""

import json
import sys
import time
import urllib.parse
import urllib.request

try:
    import yente_client
    from yente_client import Client, Company, Person
except ImportError as e:  # the test decides whether a missing client is an error
    print(f"SKIPPED: yente-client is not installed ({e}); pip install yente-client")
    sys.exit(3)


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print(f"ok   {what}")


def wait_ready(client, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return client.readyz()
        except yente_client.YenteError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def reconcile(base, payload):
    """An OpenRefine reconciliation POST (form-encoded `queries`)."""
    data = urllib.parse.urlencode({"queries": json.dumps(payload)}).encode()
    req = urllib.request.Request(f"{base}/reconcile/default", data=data,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def main(base):
    with Client(base_url=base, app_name="seisai-compat-test", timeout=30) as client:
        wait_ready(client)
        check(client.healthz() is not None, "healthz parses as StatusResponse")

        catalog = client.datasets()
        names = {d.name for d in catalog.datasets}
        check("testlist" in names, f"/catalog lists the loaded dataset (got {sorted(names)})")

        algos = client.algorithms()
        check(len(algos.algorithms) >= 1, "/algorithms parses as AlgorithmsResponse")

        found = client.search("Ivan Petrov")
        check(any(r.id == "testlist-p1" for r in found.results), "search finds the listed person")

        entity = client.fetch("testlist-p1")
        check(entity.id == "testlist-p1" and entity.schema_ == "Person", "fetch returns the entity")

        person = Person(name=["Ivan Petrov"], birthDate=["1970-05-01"], nationality=["ru"])
        match = client.match(person)
        check(len(match.results) >= 1, "match returns results")
        top = match.results[0]
        check(top.id == "testlist-p1", f"match ranks the listed person first (got {top.id})")
        check(top.match and top.score >= 0.8, f"match flags it (score {top.score})")

        check(entity.last_change is not None, "entities carry last_change")
        recent = client.match(person, changed_since="2000-01-01")
        check(recent.results and recent.results[0].id == "testlist-p1", "changed_since keeps entities changed since")
        future = client.match(person, changed_since="2999-01-01")
        check(not future.results, "changed_since leaves out entities unchanged since")

        clean = client.match(Person(name=["Henrietta Wilberforce-Quayle"]), threshold=0.9)
        check(all(not r.match for r in clean.results), "an unlisted name raises no match")

        company = client.match(Company(name=["Blue Harbour Shipping LLC"], country=["ae"]), limit=3)
        check(company.results and company.results[0].id == "testlist-c1", "companies match too")
        check(len(company.results) <= 3, "limit is applied")

        scoped = client.match(person, datasets=["testlist"], exclude_entities=["testlist-p1"])
        check(all(r.id != "testlist-p1" for r in scoped.results), "exclude_entities is applied")

    manifest = json.load(urllib.request.urlopen(f"{base}/reconcile/default", timeout=30))
    check("name" in manifest and "identifierSpace" in manifest and "defaultTypes" in manifest,
          "reconciliation manifest has name, identifierSpace, defaultTypes")
    answer = reconcile(base, {"q0": {"query": "Ivan Petrov", "type": "Person"},
                              "q1": {"query": "Blue Harbour Shipping"}})
    q0 = answer["q0"]["result"]
    check(q0 and q0[0]["id"] == "testlist-p1" and isinstance(q0[0]["score"], (int, float))
          and isinstance(q0[0]["match"], bool) and q0[0]["type"], "reconciliation answers each query")
    check(answer["q1"]["result"][0]["id"] == "testlist-c1", "reconciliation without a type")
    print("all yente-client and reconciliation checks passed")


if __name__ == "__main__":
    try:
        main(sys.argv[1].rstrip("/"))
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
