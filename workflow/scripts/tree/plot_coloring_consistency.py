"""Rule coloring_consistency_figure: figures/coloring_consistency.pdf from the coloring statistics."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.tree.figures.coloring_consistency import coloring_figure
from lmtheory.io import read_json, read_parquet
from lmtheory.plots import save_figure

curves = []
for c in snakemake.params.curves.values():
    violations = read_parquet(c["violations"])
    rates = [
        (level, row["rate"], row["rate_se"])
        for level in range(c["d"])
        for row in violations.filter((pl.col("k") == c["b"] ** level) & (pl.col("height") == level + 1)).iter_rows(
            named=True
        )
    ]
    truth = read_json(c["truth"])
    curves.append(
        {
            "label": c["label"],
            "b": c["b"],
            "eps0": truth["eps0"],
            "predict": truth["p_star"] > 0,
            "stats": read_parquet(c["stats"]),
            "counted": read_parquet(c["counted"]),
            "rates": rates,
        }
    )
save_figure(coloring_figure(curves), snakemake.output[0])
