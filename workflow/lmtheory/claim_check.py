"""Rule check_claim: measure one claim on its cases, apply its comparator, write results/claims/<id>.json.

It runs inside the Snakemake process (a `run:` block, in a thread of the local executor), not as a script: a claim
check computes for milliseconds, while a new Python process importing polars, pyarrow and Snakemake costs about a
third of a second of CPU. The job writes its own timing record (wall and this thread's CPU seconds, Snakemake's
benchmark columns): a Snakemake benchmark of an in-process job would measure the whole Snakemake process tree.
"""

import logging
import time
from pathlib import Path

from lmtheory.claims import decide
from lmtheory.io import provenance, write_json
from lmtheory.measures import measure_cases


def check_claim(claim: dict, cases: list[dict], settings: dict, run_kind: str, output, log, times) -> None:
    """Decide `claim` on its resolved `cases`, write the claim's JSON to `output`, its verdict to the log file `log`
    and its wall/CPU seconds to the benchmark-format file `times`."""
    start, cpu = time.perf_counter(), time.thread_time()
    logger = logging.getLogger(f"lmtheory.claims.{claim['id']}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handler = logging.FileHandler(log, mode="w")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logger.addHandler(handler)
    try:
        measured = measure_cases(claim, cases, settings)
        verdict, reason, decided = decide(measured, claim["comparator"], smoke=run_kind == "smoke")
        logger.info("%s: %s (%s)", claim["id"], verdict, reason)
        write_json(
            {
                **claim,
                "cases": decided,
                "verdict": verdict,
                "reason": reason,
                "run_kind": run_kind,
                "provenance": provenance({"cases": cases, "settings": settings}),
            },
            output,
        )
    except Exception:
        logger.exception("%s: the check failed", claim["id"])
        raise
    finally:
        logger.removeHandler(handler)
        handler.close()
    Path(times).parent.mkdir(parents=True, exist_ok=True)
    Path(times).write_text(f"s\tcpu_time\n{time.perf_counter() - start:.4f}\t{time.thread_time() - cpu:.4f}\n")
