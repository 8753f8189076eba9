"""Rule scaling_tokenise: the run's tokeniser fitted on its corpus, the token stream, and its train/test split."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import read_parquet
from lmtheory.scaling.split import split_stream
from lmtheory.scaling.streams import write_part
from lmtheory.scaling.tokenise import save_tokeniser, token_stream, train_tokeniser

p = snakemake.params
documents = read_parquet(snakemake.input.documents)
options = dict(p.tokeniser)
tokeniser = train_tokeniser(documents["text"].to_list(), kind=options.pop("kind"), **options)
stream = token_stream(documents, tokeniser)
train, test = split_stream(stream, **p.split)
log.info("V = %d; %d tokens: %d train, %d test", tokeniser.vocab_size, stream.height, train.height, test.height)
params = {"tokeniser": p.tokeniser, "split": p.split}
write_part(train, snakemake.output.train, params)
write_part(test, snakemake.output.test, params)
save_tokeniser(tokeniser, snakemake.output.tokeniser)
