"""Rule figure_caption: the report caption of one figure, with the verdict of every claim it shows."""

from lmtheory.runtime import configure

configure(snakemake)

import os
from pathlib import Path

from lmtheory.captions import figure_caption
from lmtheory.io import read_json

text = figure_caption(Path(snakemake.input.description).read_text(), [read_json(p) for p in snakemake.input.claims])
out = Path(snakemake.output[0])
tmp = out.with_name(f".{out.name}.tmp")
tmp.write_text(text)
os.replace(tmp, out)
