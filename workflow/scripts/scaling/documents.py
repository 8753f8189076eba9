"""Rule scaling_documents: a corpus as documents (doc_id, title, text) from its configured source."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import write_parquet
from lmtheory.scaling.corpora import load_documents

documents = load_documents(snakemake.params.source)
log.info("%d documents, %d characters", documents.height, documents["text"].str.len_chars().sum())
write_parquet(documents, snakemake.output[0], {"source": snakemake.params.source})
