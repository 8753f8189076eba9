"""Rules scaling_<name>_figure: figures/scaling_<name>.pdf from the stage outputs of every configured run (inputs
named <run>:<stage>)."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.plots import save_figure
from lmtheory.scaling.figures.collapse import collapse_figure
from lmtheory.scaling.figures.correlations import correlations_figure
from lmtheory.scaling.figures.entropy import entropy_figure
from lmtheory.scaling.figures.law import law_figure
from lmtheory.scaling.run_results import load_runs

FIGURES = {
    "correlations": correlations_figure,
    "entropy": entropy_figure,
    "law": law_figure,
    "collapse": collapse_figure,
}
runs = load_runs(dict(snakemake.input.items()))
name = snakemake.rule.removeprefix("scaling_").removesuffix("_figure")
if name != "correlations":  # the ladder's figures: statistics runs have none
    runs = [run for run in runs if run.exponents is not None]
save_figure(FIGURES[name](runs), snakemake.output[0])
