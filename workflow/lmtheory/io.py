"""Parquet and JSON I/O with provenance; every file is written to a temporary name and renamed into place.

Token sequences of fixed length n are a `pl.Array(pl.UInt8|UInt16|UInt32, n)` column named `tokens`. Every Parquet
file carries its provenance (params, seed, package version, git commit) in the key-value metadata under `lmtheory`,
and page checksums, so that `read_parquet` detects a corrupted or truncated file and names it.
"""

import json
import math
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from lmtheory import __version__

PROVENANCE_KEY = "lmtheory"


class CorruptFileError(ValueError):
    """An intermediate file that cannot be read back (truncated, overwritten, or without the columns asked for)."""

    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}; delete this file and re-run to rebuild it")


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
    pq.write_table(table.replace_schema_metadata(meta), tmp, compression="zstd", write_page_checksum=True)
    os.replace(tmp, path)


@contextmanager
def _reading(path):
    """Turn a failure to decode the Parquet file `path` (pyarrow raises ArrowException, OSError or ValueError) into
    CorruptFileError naming the file; a missing file stays FileNotFoundError."""
    try:
        yield
    except (FileNotFoundError, CorruptFileError):
        raise
    except (pa.ArrowException, OSError, ValueError) as err:
        raise CorruptFileError(path, f"corrupt or truncated Parquet file ({type(err).__name__}: {err})") from err


def read_parquet(path, columns: list[str] | None = None) -> pl.DataFrame:
    """The Parquet file at `path` (only `columns`, when given) with its page checksums verified. A file that cannot be
    read, or lacks one of `columns`, raises CorruptFileError naming it. The key-value metadata is dropped (polars keeps
    none; `read_provenance` reads it)."""
    with _reading(path), pq.ParquetFile(path, page_checksum_verification=True) as parquet:
        names = parquet.schema_arrow.names
        if missing := [name for name in columns or [] if name not in names]:
            raise CorruptFileError(path, f"lacks column(s) {missing} (has {names})")
        return pl.from_arrow(parquet.read(columns=columns).replace_schema_metadata())


def read_provenance(path) -> dict:
    with _reading(path):
        meta = pq.read_schema(path).metadata or {}
        return json.loads(meta.get(PROVENANCE_KEY.encode(), b"{}"))


def json_safe(value):
    """`value` with every non-finite float (NaN, ±inf) replaced by None and numpy scalars by Python ones, nested
    through dicts, lists and tuples: what cannot be measured reads as null in the JSON."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    return None if isinstance(value, float) and not math.isfinite(value) else value


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


def tokens_by_context(path, n: int) -> dict[int | None, dict[int, np.ndarray]]:
    """{training seed: {k: (B, n) tokens}} of a sequences file grouped by its `seed` and `k` columns. A file without a
    `seed` column (every model but the trained transformers) has the one key None; one without `k` (a true corpus) is
    the full context k = n."""
    frame = read_parquet(path)
    if "k" not in frame.columns:
        frame = frame.with_columns(k=pl.lit(n, pl.Int64))
    if "seed" not in frame.columns:
        frame = frame.with_columns(seed=pl.lit(None, pl.Int64))
    runs = {}
    for (seed, k), group in frame.sort("seed", "k").group_by("seed", "k", maintain_order=True):
        runs.setdefault(seed, {})[k] = group["tokens"].to_numpy()
    return runs


def with_seed(frame: pl.DataFrame, seed: int | None) -> pl.DataFrame:
    """`frame` with a first column `seed` (a transformer's training seed); unchanged when seed is None."""
    return frame if seed is None else frame.select(pl.lit(seed, pl.Int64).alias("seed"), pl.all())


def read_tokens(path, **filters) -> np.ndarray:
    """The (B, n) token matrix of a sequences file, optionally restricted to rows whose columns equal `filters`."""
    frame = read_parquet(path, ["tokens", *filters])
    for name, value in filters.items():
        frame = frame.filter(pl.col(name) == value)
    return frame["tokens"].to_numpy()
