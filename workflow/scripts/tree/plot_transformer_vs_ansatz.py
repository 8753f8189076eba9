"""Rule transformer_figure: figures/transformer_vs_ansatz.pdf from the exact and transformer statistics."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.plots import save_figure
from lmtheory.tree.figures.transformer_vs_ansatz import read_panel, transformer_figure

panels = [read_panel(**p) for p in snakemake.params.panels.values()]
save_figure(transformer_figure(panels), snakemake.output[0])
