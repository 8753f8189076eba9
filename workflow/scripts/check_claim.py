"""Rule check_claim: measure one claim on its cases, apply its comparator, write results/claims/<id>.json."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.claims import decide
from lmtheory.io import provenance, write_json
from lmtheory.measures import measure_cases

p = snakemake.params
claim = p.claim
cases = measure_cases(claim, p.cases, p.settings)
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
