"""Tokenisers trained per corpus, and the token stream of a documents frame (spec §2.1, §8.1).

Two kinds, chosen in config: `char` (one token per Unicode character seen in the training texts; the CPU default)
and `bpe` (byte-level BPE from HF `tokenizers`, trained to a given vocabulary size: 1024 for the CPU profile, 8192
at paper scale). Both reserve id 0 for the document separator `<|endoftext|>`; the stream puts one separator
between consecutive documents [spec §2.1 O]. A tokeniser is saved as JSON so that later stages decode with exactly
the vocabulary the stream was made with.
"""

import json
from pathlib import Path

import numpy as np
import polars as pl
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from lmtheory.io import token_dtype, write_json

SEPARATOR = "<|endoftext|>"
SEPARATOR_ID = 0
TOKENISER_KINDS = ("char", "bpe")
ENCODE_CHUNK = 4096  # documents encoded at a time: bounds the memory of tokenizers' Encoding objects


class CharTokeniser:
    """Character-level tokeniser: id 0 is the separator, ids 1..len(symbols) the symbols in code-point order."""

    kind = "char"

    def __init__(self, symbols):
        self.symbols = sorted(symbols)
        if not self.symbols or len(set(self.symbols)) != len(self.symbols) or any(len(s) != 1 for s in self.symbols):
            raise ValueError("a character vocabulary needs at least one character, all distinct and single")
        self._codes = np.array([ord(s) for s in self.symbols], dtype=np.uint32)
        self._strings = np.array([SEPARATOR, *self.symbols], dtype=object)

    @property
    def vocab_size(self) -> int:
        return len(self.symbols) + 1

    def encode_batch(self, texts) -> list[np.ndarray]:
        """The ids of each text; a character outside the vocabulary is an error naming it."""
        return [self._encode(text) for text in texts]

    def _encode(self, text: str) -> np.ndarray:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        index = np.searchsorted(self._codes, codes).clip(max=len(self._codes) - 1)
        known = self._codes[index] == codes
        if not known.all():
            unknown = sorted({chr(c) for c in codes[~known]})
            raise ValueError(f"characters outside the tokeniser's vocabulary: {unknown[:20]}")
        return (index + 1).astype(np.int64)

    def decode(self, ids) -> str:
        return "".join(self._strings[np.asarray(ids, dtype=np.int64)])

    def to_json(self) -> dict:
        return {"kind": self.kind, "separator": SEPARATOR, "symbols": self.symbols}


class BpeTokeniser:
    """Byte-level BPE (HF `tokenizers`): GPT-2 pre-tokenisation without a prefix space, id 0 the separator."""

    kind = "bpe"

    def __init__(self, tokenizer: Tokenizer):
        if tokenizer.token_to_id(SEPARATOR) != SEPARATOR_ID:
            raise ValueError(f"a BPE tokeniser needs {SEPARATOR} as id {SEPARATOR_ID}")
        self.tokenizer = tokenizer

    @property
    def vocab_size(self) -> int:
        return self.tokenizer.get_vocab_size()

    def encode_batch(self, texts) -> list[np.ndarray]:
        encodings = self.tokenizer.encode_batch_fast(list(texts), add_special_tokens=False)
        return [np.array(encoding.ids, dtype=np.int64) for encoding in encodings]

    def decode(self, ids) -> str:
        return self.tokenizer.decode([int(i) for i in ids], skip_special_tokens=False)

    def to_json(self) -> dict:
        return {"kind": self.kind, "tokenizer": json.loads(self.tokenizer.to_str())}


def train_tokeniser(texts, kind: str = "char", vocab_size: int | None = None) -> CharTokeniser | BpeTokeniser:
    """A tokeniser trained on `texts` (a list of strings): `char` takes every character that occurs; `bpe` learns
    byte-level merges up to `vocab_size` ids (separator and 256 bytes included; a small corpus may stop short)."""
    if kind not in TOKENISER_KINDS:
        raise ValueError(f"tokeniser kind {kind!r} is not one of {TOKENISER_KINDS}")
    texts = list(texts)
    if kind == "char":
        if vocab_size is not None:
            raise ValueError("a char tokeniser takes its vocabulary from the text: leave vocab_size unset")
        return CharTokeniser(set().union(*map(set, texts)))
    if vocab_size is None or vocab_size <= 257:
        raise ValueError(f"a bpe tokeniser needs vocab_size > 257 (separator + 256 bytes), got {vocab_size}")
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[SEPARATOR],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer)
    return BpeTokeniser(tokenizer)


def tokeniser_from_json(obj: dict) -> CharTokeniser | BpeTokeniser:
    """The tokeniser that `to_json` described."""
    if obj.get("kind") == "char":
        return CharTokeniser(obj["symbols"])
    if obj.get("kind") == "bpe":
        return BpeTokeniser(Tokenizer.from_str(json.dumps(obj["tokenizer"])))
    raise ValueError(f"tokeniser JSON has kind {obj.get('kind')!r}, expected one of {TOKENISER_KINDS}")


def save_tokeniser(tokeniser: CharTokeniser | BpeTokeniser, path) -> None:
    write_json(tokeniser.to_json(), path)


def load_tokeniser(path) -> CharTokeniser | BpeTokeniser:
    return tokeniser_from_json(json.loads(Path(path).read_text()))


def token_stream(documents: pl.DataFrame, tokeniser: CharTokeniser | BpeTokeniser) -> pl.DataFrame:
    """The corpus as one token stream: columns `token` (smallest unsigned type for the vocabulary) and `doc_id`, the
    documents in frame order with one separator after every document but the last (the separator carries the id of
    the document it ends). A document containing the separator string is an error."""
    texts, doc_ids = documents["text"].to_list(), documents["doc_id"].to_numpy()
    clashes = [int(d) for d, text in zip(doc_ids, texts, strict=True) if SEPARATOR in text]
    if clashes:
        raise ValueError(f"documents {clashes[:10]} contain the separator {SEPARATOR!r}")
    pieces, owners = [], []
    for start in range(0, len(texts), ENCODE_CHUNK):
        chunk = slice(start, start + ENCODE_CHUNK)
        for doc_id, ids in zip(doc_ids[chunk], tokeniser.encode_batch(texts[chunk]), strict=True):
            pieces += [ids, np.array([SEPARATOR_ID])]
            owners.append(np.full(len(ids) + 1, doc_id, dtype=np.uint32))
    tokens = np.concatenate(pieces[:-1]) if pieces else np.zeros(0, np.int64)
    doc = np.concatenate(owners)[: len(tokens)] if owners else np.zeros(0, np.uint32)
    return pl.DataFrame(
        {"token": pl.Series(tokens).cast(token_dtype(tokeniser.vocab_size)), "doc_id": pl.Series(doc, dtype=pl.UInt32)}
    )
