"""Corpora, tokenisers and the train/test split of the scaling-law paper (lmtheory.scaling.{corpora,rdata,tokenise,
split}): every loader on small files built here, KJV from the installed wheel, an R lazy-load database written here
byte by byte, tokenisation round trips and the split's exact membership."""

import gzip
import importlib.util
import json
import re
import struct
import zlib
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from lmtheory.scaling.corpora import (
    AUSTEN_RDB,
    austen_documents,
    check_corpus,
    hf_documents,
    kjv_documents,
    load_documents,
    text_documents,
    tinystories_documents,
    wikitext_documents,
)
from lmtheory.scaling.split import split_stream
from lmtheory.scaling.tokenise import SEPARATOR, load_tokeniser, save_tokeniser, token_stream, train_tokeniser


def documents(*texts) -> pl.DataFrame:
    return pl.DataFrame(
        {"doc_id": range(len(texts)), "title": [f"d{i}" for i in range(len(texts))], "text": list(texts)},
        schema={"doc_id": pl.UInt32, "title": pl.String, "text": pl.String},
    )


# ---- R serialisation, written by hand (R Internals §1.8: XDR, format version 3) ----


def xdr(*ints) -> bytes:
    return struct.pack(f">{len(ints)}i", *ints)


def charsxp(text: str | None, latin1: bool = False) -> bytes:
    if text is None:
        return xdr(9, -1)
    raw = text.encode("latin-1" if latin1 else "utf-8")
    return xdr((4 << 12 if latin1 else 8 << 12) | 9, len(raw)) + raw


def strsxp(strings, attributes: bytes = b"") -> bytes:
    return xdr(16 | (1 << 9 if attributes else 0), len(strings)) + b"".join(map(charsxp, strings)) + attributes


def names_attribute(names, first_use: bool) -> bytes:
    """The pairlist (names = ...): the symbol `names` is written once, later as a reference to it."""
    tag = xdr(1) + charsxp("names") if first_use else xdr((1 << 8) | 255)
    return xdr(2 | (1 << 10)) + tag + strsxp(names) + xdr(254)


def serialised(item: bytes) -> bytes:
    return b"X\n" + xdr(3, 0x040201, 0x030500, 5) + b"UTF-8" + item


def write_lazyload_db(directory: Path, objects: dict[str, bytes]) -> Path:
    """Rdata.rdb with one [4-byte length][zlib] record per serialised object, and its gzip'd index Rdata.rdx."""
    records = [struct.pack(">I", len(raw)) + zlib.compress(raw) for raw in objects.values()]
    offsets = np.cumsum([0] + [len(r) for r in records])[:-1]
    variables = b"".join(xdr(13, 2, int(o), len(r)) for o, r in zip(offsets, records, strict=True))
    index = (
        xdr(19 | 1 << 9, 3)
        + xdr(19 | 1 << 9, len(objects)) + variables + names_attribute(list(objects), first_use=True)
        + xdr(19 | 1 << 9, 0) + names_attribute([], first_use=False)
        + xdr(10, 1, 1)
        + names_attribute(["variables", "references", "compressed"], first_use=False)
    )  # fmt: skip
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Rdata.rdb").write_bytes(b"".join(records))
    (directory / "Rdata.rdx").write_bytes(gzip.compress(serialised(index)))
    return directory / "Rdata.rdb"


def test_austen_reads_a_handwritten_lazyload_db_and_reflows_paragraphs(tmp_path):
    root = tmp_path / "deb"
    write_lazyload_db(
        root / "usr/lib/R/site-library/janeaustenr/data",
        {
            "emma": serialised(strsxp(["EMMA", "", "By Jane  Austen", "", "", "It was a", "fine day.", None, "End"])),
            "persuasion": serialised(strsxp(["Persuasion", "", "Anne at Kellynch", "café"])),
        },
    )
    frame = austen_documents(root)
    assert frame.to_dicts() == [
        {"doc_id": 0, "title": "emma", "text": "EMMA\nBy Jane Austen\nIt was a fine day.\nEnd"},
        {"doc_id": 1, "title": "persuasion", "text": "Persuasion\nAnne at Kellynch café"},
    ]
    rdb = root / "usr/lib/R/site-library/janeaustenr/data/Rdata.rdb"
    assert austen_documents(rdb).equals(frame)
    assert austen_documents(rdb.parent.parent).equals(frame)


def test_latin1_strings_and_missing_package_message(tmp_path):
    latin1 = xdr(16, 1) + charsxp("naïve", latin1=True)
    rdb = write_lazyload_db(tmp_path / "db", {"one": serialised(latin1)})
    assert austen_documents(rdb)["text"].to_list() == ["naïve"]
    with pytest.raises(FileNotFoundError, match=r"r-cran-janeaustenr.*apt-get download r-cran-janeaustenr"):
        austen_documents(tmp_path / "nowhere")


@pytest.mark.skipif(not AUSTEN_RDB.is_file(), reason="Debian package r-cran-janeaustenr is not installed")
def test_installed_austen_matches_the_spec_counts():
    frame = austen_documents()
    text = frame["text"].to_list()
    assert frame["title"].to_list() == [
        "emma", "mansfieldpark", "northangerabbey", "persuasion", "prideprejudice", "sensesensibility",
    ]  # fmt: skip
    # spec Appendix A: 717,537 words; 4,007,103 chars counts the 5 joins "\n\n" between the 6 books (2 chars each)
    assert sum(len(t.split()) for t in text) == 717_537
    assert sum(map(len, text)) == 4_007_103 - 10
    assert len(set("".join(text))) == 81


def test_kjv_from_the_installed_wheel_is_66_clean_books():
    frame = kjv_documents()
    titles, text = frame["title"].to_list(), frame["text"].to_list()
    assert frame["doc_id"].to_list() == list(range(66))
    assert (titles[0], titles[18], titles[39], titles[-1]) == ("Genesis", "Psalms", "Matthew", "Revelation")
    assert text[0].startswith("In the beginning God created the heaven and the earth. And the earth was without")
    assert text[-1].endswith("The grace of our Lord Jesus Christ be with you all. Amen.")
    assert not any(re.search(r"[\d\[\]]", t) for t in text)
    # The spec's 789,858 words come from cleaning the Bible as one string, where the end of Job ("full of days.")
    # and Psalms 1:1 ("1. Blessed") touch and become the one word "days.Blessed"; split by book they are two words.
    assert sum(len(t.split()) for t in text) == 789_858 + 1


def test_text_files_directories_separators_and_reflow(tmp_path):
    (tmp_path / "b.txt").write_text("second\nfile\n")
    (tmp_path / "a.txt").write_text("one\n%\n two \n%\n\n%three")
    (tmp_path / "skip.md").write_text("not text")
    assert text_documents(tmp_path / "b.txt").to_dicts() == [{"doc_id": 0, "title": "b.txt", "text": "second\nfile"}]
    split = text_documents(tmp_path, separator="%")
    assert split["title"].to_list() == ["a.txt:0", "a.txt:1", "a.txt:3", "b.txt:0"]  # the empty piece 2 is dropped
    assert split["text"].to_list() == ["one", "two", "three", "second\nfile"]
    assert text_documents(tmp_path / "b.txt", reflow_paragraphs=True)["text"].to_list() == ["second file"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"no \*\.txt files"):
        text_documents(tmp_path / "empty")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        text_documents(tmp_path / "missing.txt")


def test_tinystories_file_splits_at_endoftext(tmp_path):
    path = tmp_path / "TinyStories-train.txt"
    path.write_text("Once upon a time.\n<|endoftext|>\nTom ran.\nHe won.\n<|endoftext|>\n")
    frame = tinystories_documents(path)
    assert frame["text"].to_list() == ["Once upon a time.", "Tom ran.\nHe won."]
    assert frame["title"].to_list() == ["TinyStories-train.txt:0", "TinyStories-train.txt:1"]


WIKITEXT = " \n = Alpha = \n \n Alpha is a letter . \n \n = = History = = \n \n Old . \n = Beta = \n \n Beta too . \n"


def test_wikitext_articles_start_at_single_equals_titles(tmp_path):
    (tmp_path / "wiki.train.raw").write_text(WIKITEXT)
    frame = wikitext_documents(tmp_path)
    assert frame["title"].to_list() == ["Alpha", "Beta"]
    assert frame["text"].to_list() == [
        "= Alpha = \n\n Alpha is a letter . \n\n = = History = = \n\n Old .",
        "= Beta = \n\n Beta too .",
    ]


def test_hf_rows_and_hf_wikitext_lines_match_the_local_loaders(tmp_path):
    pytest.importorskip("datasets")
    stories = tmp_path / "stories.jsonl"
    stories.write_text('{"story": "A cat sat."}\n{"story": "  "}\n{"story": "A dog ran."}\n')
    hf = {"path": "json", "data_files": str(stories), "text_field": "story", "cache_dir": str(tmp_path / "cache")}
    assert hf_documents(**hf).to_dicts() == [
        {"doc_id": 0, "title": "json:train:0", "text": "A cat sat."},
        {"doc_id": 1, "title": "json:train:2", "text": "A dog ran."},
    ]
    assert tinystories_documents(hf=hf).equals(hf_documents(**hf))
    with pytest.raises(KeyError, match="no field 'text'"):
        hf_documents(**{**hf, "text_field": "text"})
    (tmp_path / "wiki.train.raw").write_text(WIKITEXT)
    lines = {"path": "text", "data_files": str(tmp_path / "wiki.train.raw"), "cache_dir": str(tmp_path / "cache")}
    assert wikitext_documents(hf=lines).equals(wikitext_documents(tmp_path))


def test_load_documents_dispatches_and_names_bad_keys(tmp_path):
    (tmp_path / "a.txt").write_text("x|y")
    corpus = {"source": "text", "path": tmp_path / "a.txt", "separator": "|"}
    assert load_documents(corpus)["text"].to_list() == ["x", "y"]
    with pytest.raises(ValueError, match=r"source 'bible' is not one of \['austen', 'hf', 'kjv'"):
        load_documents({"source": "bible"})
    with pytest.raises(ValueError, match=r"unknown keys \['sep'\]; allowed keys are \['path', 'reflow_paragraphs'"):
        load_documents({"source": "text", "path": "a", "sep": "|"})
    with pytest.raises(ValueError, match="exactly one of `path`"):
        load_documents({"source": "wikitext"})


def test_char_stream_places_one_separator_between_documents(tmp_path):
    docs = documents("ab", "ba c", "é")
    tokeniser = train_tokeniser(docs["text"])
    assert tokeniser.symbols == [" ", "a", "b", "c", "é"] and tokeniser.vocab_size == 6
    stream = token_stream(docs, tokeniser)
    assert stream["token"].to_list() == [2, 3, 0, 3, 2, 1, 4, 0, 5]
    assert stream["doc_id"].to_list() == [0, 0, 0, 1, 1, 1, 1, 1, 2]
    assert stream.schema["token"] == pl.UInt8
    assert tokeniser.decode(stream["token"]) == f"ab{SEPARATOR}ba c{SEPARATOR}é"
    save_tokeniser(tokeniser, tmp_path / "char.json")
    assert json.loads((tmp_path / "char.json").read_text())["symbols"] == [" ", "a", "b", "c", "é"]
    assert token_stream(docs, load_tokeniser(tmp_path / "char.json")).equals(stream)
    with pytest.raises(ValueError, match=r"outside the tokeniser's vocabulary: \['z'\]"):
        tokeniser.encode_batch(["az"])
    with pytest.raises(ValueError, match="contain the separator"):
        token_stream(documents("a", f"b{SEPARATOR}"), tokeniser)


TEXT = "the cat sat on the mat. the dog sat on the log. Ünïcode — “quotes”\n\n" * 20


def test_bpe_is_deterministic_and_round_trips(tmp_path):
    docs = documents(TEXT, "the end")
    first, second = (train_tokeniser(docs["text"], "bpe", 300) for _ in range(2))
    assert first.tokenizer.to_str() == second.tokenizer.to_str()
    assert 257 < first.vocab_size <= 300
    stream = token_stream(docs, first)
    tokens = stream["token"].to_numpy()
    assert stream.schema["token"] == pl.UInt16
    assert np.flatnonzero(tokens == 0).tolist() == [stream["doc_id"].to_list().index(1) - 1]
    assert first.decode(tokens) == TEXT + SEPARATOR + "the end"
    assert len(tokens) < len(TEXT.encode()) / 2  # merges compress the repetitive text
    save_tokeniser(first, tmp_path / "bpe.json")
    assert token_stream(docs, load_tokeniser(tmp_path / "bpe.json")).equals(stream)
    with pytest.raises(ValueError, match="vocab_size > 257"):
        train_tokeniser(docs["text"], "bpe", 100)


def test_block_split_sends_every_third_block_to_test():
    stream = pl.DataFrame({"token": np.arange(11, dtype=np.uint8), "doc_id": np.zeros(11, np.uint32)})
    train, test = split_stream(stream, block=2, test_every=3)
    assert test["position"].to_list() == [4, 5, 10]
    assert train["position"].to_list() == [0, 1, 2, 3, 6, 7, 8, 9]
    assert train["token"].to_list() == [0, 1, 2, 3, 6, 7, 8, 9]


def test_document_split_keeps_documents_whole_and_fractions_exact():
    docs = documents(*[f"doc{i}" for i in range(40)])
    tokeniser = train_tokeniser(docs["text"])
    stream = token_stream(docs, tokeniser)
    train, test = split_stream(stream, test_every=20, by_document=True)
    assert test["doc_id"].unique().sort().to_list() == [19, 39]
    assert set(train["doc_id"].unique()) == set(range(40)) - {19, 39}
    assert set(train["position"]).isdisjoint(test["position"])
    assert train.height + test.height == stream.height - 1  # train's trailing separator (after doc 38) dropped
    for part, ids in ((train, set(range(40)) - {19, 39}), (test, {19, 39})):
        assert (part["token"] == 0).sum() == len(ids) - 1
    assert tokeniser.decode(test["token"]) == f"doc19{SEPARATOR}doc39"


def test_a_hub_source_without_datasets_is_refused_before_any_job(monkeypatch):
    """Without `datasets` installed, a corpus that reads the HF hub fails the config check naming the extra to install;
    a local source does not need it."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasets" else real(name, *a))
    for corpus in ({"source": "hf", "path": "roneneldan/TinyStories"}, {"source": "tinystories", "hf": {"path": "x"}}):
        with pytest.raises(ValueError, match=r"needs the PyPI package datasets \(pip install -e '\.\[hf\]'\)"):
            check_corpus(corpus)
    check_corpus({"source": "tinystories", "path": "TinyStories-train.txt"})
