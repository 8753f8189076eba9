"""Row selection in experiment tables by column values, shared by the measures and figures of the icl and cot papers."""

import polars as pl


def matching(frame: pl.DataFrame, **values) -> pl.DataFrame:
    """Rows whose column equals each given value (strings exactly, numbers to 1e-9 relative); values that are None
    and columns the frame lacks are skipped."""
    for column, value in values.items():
        if value is None or column not in frame.columns:
            continue
        if isinstance(value, str):
            frame = frame.filter(pl.col(column) == value)
        else:
            frame = frame.filter((pl.col(column) - value).abs() <= 1e-9 * max(1.0, abs(value)))
    return frame
