"""The checked Parquet reader: same frames as polars, and a clear error naming a truncated or corrupted file."""

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lmtheory.io import (
    CorruptFileError,
    read_parquet,
    read_provenance,
    read_tokens,
    tokens_by_context,
    tokens_frame,
    write_parquet,
)


@pytest.fixture
def written(tmp_path):
    """A sequences file (incompressible random tokens, so most bytes are data pages) and the frame written."""
    tokens = np.random.default_rng(0).integers(0, 2, (2000, 64))
    frame = tokens_frame(tokens, 2, k=3).with_columns(
        label=pl.lit("x"), weight=pl.Series([None, *np.linspace(0, 1, 1999)]), ok=pl.lit(True)
    )
    path = tmp_path / "samples.parquet"
    write_parquet(frame, path, {"theta": 0.9}, seed=1)
    return path, frame


def test_reads_what_polars_reads(written):
    path, frame = written
    assert_frame_equal(read_parquet(path), frame)
    assert_frame_equal(read_parquet(path), pl.read_parquet(path))
    assert read_parquet(path, ["k", "tokens"]).columns == ["k", "tokens"]


@pytest.mark.parametrize(("q", "dtype"), [(2, np.uint8), (300, np.uint16), (70000, np.uint32)])
def test_token_matrices_round_trip_grouped_in_file_order(tmp_path, q, dtype):
    """Tokens stored as bytes of the smallest type come back equal, grouped by seed and k, each group in file order."""
    tokens = np.random.default_rng(q).integers(0, q, (60, 9))
    ks, seeds = np.tile([4, 1, 2], 20), np.repeat([7, 3], 30)
    path = tmp_path / "sequences.parquet"
    write_parquet(tokens_frame(tokens, q, k=ks, seed=seeds), path)
    runs = tokens_by_context(path, 9)
    assert list(runs) == [3, 7] and all(list(by_k) == [1, 2, 4] for by_k in runs.values())
    for seed, by_k in runs.items():
        for k, matrix in by_k.items():
            assert matrix.dtype == dtype and np.array_equal(matrix, tokens[(seeds == seed) & (ks == k)])
    assert np.array_equal(read_tokens(path, k=2, seed=3), tokens[(ks == 2) & (seeds == 3)])
    assert np.array_equal(read_tokens(path), tokens)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1], id="last-byte-lost"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: np.random.default_rng(2).bytes(len(data)), id="garbage"),
        pytest.param(lambda data: data[:8000] + bytes([data[8000] ^ 0xFF]) + data[8001:], id="flipped-data-byte"),
    ],
)
def test_damaged_file_is_named(written, damage):
    path, _ = written
    path.write_bytes(damage(path.read_bytes()))
    for read in (read_parquet, read_tokens):
        with pytest.raises(CorruptFileError, match="corrupt or truncated") as error:
            read(path)
        assert str(path) in str(error.value) and "delete this file and re-run" in str(error.value)


def test_truncated_file_has_no_provenance(written):
    path, _ = written
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(CorruptFileError, match=str(path)):
        read_provenance(path)


def test_missing_column_is_named(written):
    path, _ = written
    with pytest.raises(CorruptFileError, match=r"lacks column\(s\) \['seq_id'\]") as error:
        read_parquet(path, ["tokens", "seq_id"])
    assert str(path) in str(error.value)


def test_missing_file_stays_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_parquet(tmp_path / "absent.parquet")


def test_json_safe_turns_unmeasurable_values_into_null():
    from lmtheory.io import json_safe

    value = {"a": float("nan"), "b": [np.float64(1.5), np.inf, (np.int64(2), None)], "c": {"d": -np.inf, "e": "x"}}
    assert json_safe(value) == {"a": None, "b": [1.5, None, [2, None]], "c": {"d": None, "e": "x"}}
    assert type(json_safe(np.float64(1.5))) is float
