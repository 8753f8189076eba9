"""Rule check_claim: measure one claim on its cases, apply its comparator, write results/claims/<id>.json."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.claims import decide
from lmtheory.io import provenance, write_json
from lmtheory.measures import measures_of

p = snakemake.params
claim = p.claim
MEASURES = measures_of(claim["paper"])
if claim["measure"] not in MEASURES:
    raise ValueError(f"claim {claim['id']}: unknown measure {claim['measure']!r}; known: {sorted(MEASURES)}")
measure = MEASURES[claim["measure"]]
cases = []
for case in p.cases:
    if "skip" in case:  # its setting is absent or too small for it (lmtheory.claims.not_run)
        cases.append({"label": case["label"], "value": None, "note": case["skip"], "not_run": True})
        continue
    measured = measure(case, case["inputs"], p.settings.get(case.get("lang"), {}))
    cases.extend(measured if isinstance(measured, list) else [measured])
verdict, reason, decided = decide(cases, claim["comparator"], smoke=p.run_kind == "smoke")
log.info("%s: %s (%s)", claim["id"], verdict, reason)
write_json(
    {
        **claim,
        "cases": decided,
        "verdict": verdict,
        "reason": reason,
        "run_kind": p.run_kind,
        "provenance": provenance({"cases": p.cases, "settings": p.settings}),
    },
    snakemake.output[0],
)
