"""Parquet and JSON I/O with provenance; every file is written to a temporary name and renamed into place.

Token sequences of fixed length n are a `pl.Array(pl.UInt8|UInt16|UInt32, n)` column named `tokens`. Every Parquet
file carries its provenance (params, seed, package version, git commit) in the key-value metadata under `lmtheory`.
"""

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow.parquet as pq

from . import __version__

PROVENANCE_KEY = "lmtheory"


def git_commit() -> str | None:
    """The current git commit of the working tree, with a '-dirty' suffix when it has changes; None outside git."""
    try:
        root = Path(__file__).resolve().parent
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def provenance(params: dict | None = None, seed=None) -> dict:
    return {"params": params or {}, "seed": seed, "version": __version__, "git": git_commit()}


def _temporary(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.tmp{os.getpid()}")


def write_parquet(frame: pl.DataFrame, path, params: dict | None = None, seed=None) -> None:
    """Write `frame` with provenance metadata, atomically."""
    path = Path(path)
    table = frame.to_arrow()
    meta = dict(table.schema.metadata or {})
    meta[PROVENANCE_KEY.encode()] = json.dumps(provenance(params, seed), default=str).encode()
    tmp = _temporary(path)
    pq.write_table(table.replace_schema_metadata(meta), tmp, compression="zstd")
    os.replace(tmp, path)


def read_provenance(path) -> dict:
    meta = pq.read_schema(path).metadata or {}
    return json.loads(meta.get(PROVENANCE_KEY.encode(), b"{}"))


def write_json(obj: dict, path) -> None:
    """Write `obj` as indented JSON, atomically."""
    path = Path(path)
    tmp = _temporary(path)
    tmp.write_text(json.dumps(obj, indent=2, default=float) + "\n")
    os.replace(tmp, path)


def read_json(path) -> dict:
    return json.loads(Path(path).read_text())


def token_dtype(q: int):
    """Smallest unsigned polars type holding q symbols."""
    for dtype, bits in ((pl.UInt8, 8), (pl.UInt16, 16), (pl.UInt32, 32)):
        if q <= 1 << bits:
            return dtype
    raise ValueError(f"vocabulary of {q} symbols is too large")


def tokens_frame(tokens: np.ndarray, q: int, **columns) -> pl.DataFrame:
    """Frame with a `seq` id, any extra constant/array columns, and the fixed-length `tokens` column."""
    size, n = tokens.shape
    frame = pl.DataFrame({"seq": np.arange(size, dtype=np.uint32)})
    for name, value in columns.items():
        frame = frame.with_columns(pl.Series(name, np.broadcast_to(value, size)))
    return frame.with_columns(pl.Series("tokens", tokens).cast(pl.Array(token_dtype(q), n)))


def tokens_by_context(path, n: int) -> dict[int, np.ndarray]:
    """{k: (B, n) tokens} of a sequences file grouped by its `k` column; a file without one (a true corpus) is the
    full context k = n."""
    frame = pl.read_parquet(path)
    if "k" not in frame.columns:
        frame = frame.with_columns(k=pl.lit(n, pl.Int64))
    return {k: group["tokens"].to_numpy() for (k,), group in frame.group_by("k")}


def read_tokens(path, **filters) -> np.ndarray:
    """The (B, n) token matrix of a sequences file, optionally restricted to rows whose columns equal `filters`."""
    frame = pl.read_parquet(path)
    for name, value in filters.items():
        frame = frame.filter(pl.col(name) == value)
    return frame["tokens"].to_numpy()
