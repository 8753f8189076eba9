"""Train/test split of a token stream (spec §6.2 cpu-quick; §6.1 and pitfall 12 for splitting by document).

By blocks (the default): the stream is cut into consecutive blocks of `block` tokens and every `test_every`-th
block (blocks test_every−1, 2·test_every−1, … counting from 0) goes to test, so the training stream starts at the
corpus start. By document: every `test_every`-th document (doc_id ≡ test_every−1 mod test_every) goes to test,
so no document, e.g. no Bible book of a parallel translation, is on both sides. Each part keeps the stream's
columns in stream order plus `position`, the token's index in the full stream (tokens i and i+1 of a part are
contiguous in the corpus iff their positions differ by 1).
"""

import polars as pl

from lmtheory.scaling.tokenise import SEPARATOR_ID


def split_stream(
    stream: pl.DataFrame, block: int = 4096, test_every: int = 20, by_document: bool = False
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(train, test) parts of a token stream (columns `token`, `doc_id`, see `tokenise.token_stream`). By document, a
    part that ends with the separator of its last document drops it, so each part is its documents joined by
    single separators."""
    if block < 1 or test_every < 2:
        raise ValueError(f"split needs block ≥ 1 and test_every ≥ 2, got block={block}, test_every={test_every}")
    stream = stream.with_row_index("position")
    unit = pl.col("doc_id") if by_document else pl.col("position") // block
    is_test = unit % test_every == test_every - 1
    parts = stream.filter(~is_test), stream.filter(is_test)
    if by_document:
        parts = tuple(_without_trailing_separator(part) for part in parts)
    return parts


def _without_trailing_separator(part: pl.DataFrame) -> pl.DataFrame:
    return part.head(-1) if part.height and part["token"][-1] == SEPARATOR_ID else part
