"""Job set-up for workflow scripts: thread pools from the rule's `threads`, stderr into the rule's log.

Import and call `configure(snakemake)` before importing polars, pyarrow or torch: polars reads POLARS_MAX_THREADS
once, at import, and Snakemake sets only the OpenMP/BLAS variables.
"""

import logging
import os
import sys


def configure(smk) -> logging.Logger:
    """Set thread pools to smk.threads, send stderr and logging to smk.log[0]; return the job's logger."""
    threads = str(max(1, int(smk.threads)))
    for var in ("POLARS_MAX_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = threads
    if smk.log:
        sys.stderr = open(smk.log[0], "a", buffering=1)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(message)s", force=True)
    import pyarrow

    pyarrow.set_cpu_count(int(threads))
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(int(threads))
    return logging.getLogger(smk.rule)
