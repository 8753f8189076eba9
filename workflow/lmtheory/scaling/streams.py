"""Token-stream files: train.parquet and test.parquet hold a split's `token` column in stream order with `position`,
each token's index in the full stream; test windows are cut inside runs of consecutive positions (held-out blocks),
so that a window never spans two blocks."""

import numpy as np
import polars as pl

from lmtheory.io import read_parquet, write_parquet


def write_part(part: pl.DataFrame, path, params: dict) -> None:
    write_parquet(part.select("token", "position", "doc_id"), path, params)


def read_train(path) -> np.ndarray:
    """The training stream as int64 token ids."""
    return read_parquet(path, columns=["token"])["token"].to_numpy().astype(np.int64)


def read_test_blocks(path) -> list[np.ndarray]:
    """The test stream cut into its runs of consecutive stream positions (the held-out blocks)."""
    frame = read_parquet(path, columns=["token", "position"])
    token, position = frame["token"].to_numpy().astype(np.int64), frame["position"].to_numpy()
    return np.split(token, np.flatnonzero(np.diff(position) != 1) + 1) if token.size else []
