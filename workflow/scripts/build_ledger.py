"""Rule ledger: gather the per-claim verdicts into results/ledger.parquet and results/LEDGER.md."""

from lmtheory.runtime import configure

configure(snakemake)

import os
from pathlib import Path

from lmtheory.io import read_json, write_parquet
from lmtheory.ledger import ledger_frame, ledger_markdown

frame = ledger_frame([read_json(path) for path in snakemake.input.claims])
write_parquet(frame, snakemake.output.parquet, {"run_kind": snakemake.params.run_kind})
md = Path(snakemake.output.md)
tmp = md.with_name(f".{md.name}.tmp")
tmp.write_text(ledger_markdown(frame, snakemake.params.run_kind))
os.replace(tmp, md)
