"""Controls for the claims read from experiment tables (icl, cot): a control names, per table, the experiment run that
stands for the model (results/<paper>/tables/<table>.parquet), cached so claims that share a model share its run."""

from functools import cache
from pathlib import Path

from claim_controls import Control


def table_control(claim: str, polarity: str, model: str, run, tables=None) -> Control:
    """A control whose model is `run()` (a frame), written for every table its claim's cases read (or `tables`)."""
    frame = cache(run)

    def write(root: Path, cases: list[dict]) -> None:
        for case in cases:
            for path in case["inputs"]:
                if tables is None or Path(path).stem in tables:
                    frame().write_parquet(root / path)

    return Control(claim, polarity, model, write)
