"""Progress of a long job in its log: at most one line per `interval` seconds (and the first and last), each with
the count done, the elapsed and remaining time and the rate, formatted by tqdm's meter."""

import time

from tqdm import tqdm

METER = "{n}/{total} [{elapsed}<{remaining}, {rate_fmt}]"


class Progress:
    """progress(done, note) logs `<what> <done>/<total> [elapsed<remaining, rate] note` when `interval` seconds have
    passed since the last line, at done = 1 and at done = total."""

    def __init__(self, log, what: str, total: int, unit: str = "it", interval: float = 30.0):
        self.log, self.what, self.total, self.unit, self.interval = log, what, total, unit, interval
        self.start = self.last = time.perf_counter()

    def __call__(self, done: int, note: str = "") -> None:
        now = time.perf_counter()
        if done not in (1, self.total) and now - self.last < self.interval:
            return
        self.last = now
        meter = tqdm.format_meter(done, self.total, now - self.start, unit=self.unit, bar_format=METER)
        self.log(f"{self.what} {meter}" + (f" {note}" if note else ""))
