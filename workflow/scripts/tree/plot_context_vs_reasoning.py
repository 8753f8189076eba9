"""Rule context_vs_reasoning_figure: figures/context_vs_reasoning.pdf from k*(n) and the reasoning runs."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.tree.context_requirement import interpolated_context
from lmtheory.io import read_json, read_parquet
from lmtheory.tree.figures.context_vs_reasoning import memory_figure
from lmtheory.plots import save_figure

series = []
for s in snakemake.params.series.values():
    stats = [read_parquet(path) for path in s["stats"]]
    series.append(
        {
            "label": s["label"],
            "n": [int(t["n"][0]) for t in stats],
            "k_star": [(interpolated_context(t, s["column"], s["threshold"]) or {}).get("k_star") for t in stats],
            "window": [read_json(path)["window"] for path in s["runs"]],
        }
    )
save_figure(memory_figure(series), snakemake.output[0])
