"""Job set-up for workflow scripts: thread pools from the rule's `threads`, stderr into the rule's log.

Import and call `configure(snakemake)` before importing polars, pyarrow or torch: polars reads POLARS_MAX_THREADS
once, at import, and Snakemake sets only the OpenMP/BLAS variables.
"""

import ctypes
import logging
import os
import sys

# glibc's malloc serves blocks above its mmap threshold (dynamic, from 128 KiB) with mmap and returns them on free:
# a torch forward pass on CPU allocates and frees tens of MiB per step, and a sampling job spent much of its
# time in the page faults. Blocks up to 32 MiB come from the heap, and up to 1 GiB freed stays there: sampling
# 1.4-1.6x faster, the numbers unchanged (benchmarks/transformer_sampling.py).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt parameters, <malloc.h>
HEAP_BLOCKS = {M_MMAP_THRESHOLD: 32 * 2**20, M_TRIM_THRESHOLD: 2**30}


def keep_freed_memory() -> bool:
    """Tune glibc's malloc as HEAP_BLOCKS says; False where the C library is not glibc (macOS, musl)."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return all(mallopt(parameter, value) == 1 for parameter, value in HEAP_BLOCKS.items())


def configure(smk) -> logging.Logger:
    """Set thread pools to smk.threads, keep freed memory on the heap (keep_freed_memory), send stderr and logging to
    smk.log[0]; return the job's logger."""
    keep_freed_memory()
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
