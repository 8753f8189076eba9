"""Rule kgram_loss_figure: figures/kgram_loss.pdf from the loss fits of every setting and depth."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import read_json
from lmtheory.tree.figures.kgram_loss import loss_figure
from lmtheory.plots import save_figure

curves = [{"label": c["label"], "b": c["b"], "fit": read_json(c["loss"])} for c in snakemake.params.curves.values()]
save_figure(loss_figure(curves), snakemake.output[0])
