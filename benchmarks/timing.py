"""Wall-clock timing shared by the benchmarks."""

import time


def best_of(repeats: int, fn, *args):
    """(result of the last call, best wall time in seconds) over `repeats` calls of fn(*args)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return result, min(times)
