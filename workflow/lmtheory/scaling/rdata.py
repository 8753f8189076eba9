"""Objects stored in an R lazy-load database (`Rdata.rdb` with its index `Rdata.rdx`), read without R.

The index is a gzip-compressed, XDR-serialised R list whose `variables` element maps each object name to its
(offset, length) in the `.rdb` file. Each record there is a 4-byte big-endian uncompressed length followed by a
zlib stream holding the XDR-serialised object (spec Appendix A). `unserialize` reads the subset of R's
serialisation format that data packages of character vectors and their index use: NULL, symbols, pairlists, and
character, logical, integer and generic vectors with attributes; a vector with a `names` attribute becomes a dict.
"""

import gzip
import struct
import zlib
from pathlib import Path

# R's SEXP type codes (the low byte of an item's flags)
SYMSXP, LISTSXP, CHARSXP, LGLSXP, INTSXP, STRSXP, VECSXP = 1, 2, 9, 10, 13, 16, 19
REFSXP, NILVALUE = 255, 254
HAS_ATTRIBUTES, HAS_TAG = 1 << 9, 1 << 10
LATIN1 = 1 << 2  # CHARSXP encoding level, stored in the flags above bit 12


class _XdrReader:
    """Cursor over one XDR-serialised R object ("X\\n" format, versions 2 and 3)."""

    def __init__(self, raw: bytes):
        if raw[:2] != b"X\n":
            raise ValueError(f"not an XDR-serialised R object (starts with {raw[:2]!r}, expected b'X\\n')")
        self.raw, self.pos, self.refs = raw, 2, []
        version = self.int()
        self.pos += 8  # the R version that wrote it and the minimal R version that reads it
        if version == 3:
            length = self.int()  # of the native encoding's name, which follows
            self.pos += length

    def int(self) -> int:
        (value,) = struct.unpack_from(">i", self.raw, self.pos)
        self.pos += 4
        return value

    def ints(self, n: int) -> list[int]:
        values = struct.unpack_from(f">{n}i", self.raw, self.pos)
        self.pos += 4 * n
        return list(values)

    def item(self):
        flags = self.int()
        kind = flags & 0xFF
        if kind == NILVALUE:
            return None
        if kind == REFSXP:
            index = flags >> 8 or self.int()
            return self.refs[index - 1]
        if kind == SYMSXP:
            self.refs.append(self.item())
            return self.refs[-1]
        if kind == LISTSXP:
            return self._pairlist(flags)
        if kind == CHARSXP:
            n = self.int()
            if n < 0:
                return None  # NA_character_
            text = self.raw[self.pos : self.pos + n].decode("latin-1" if (flags >> 12) & LATIN1 else "utf-8")
            self.pos += n
            return text
        if kind in (LGLSXP, INTSXP):
            value = self.ints(self.int())
        elif kind in (STRSXP, VECSXP):
            value = [self.item() for _ in range(self.int())]
        else:
            raise ValueError(f"unsupported R object type {kind} in serialised data")
        if flags & HAS_ATTRIBUTES:
            names = dict(self.item()).get("names")
            if names is not None:
                return dict(zip(names, value, strict=True))
        return value

    def _pairlist(self, flags: int) -> list[tuple]:
        """A pairlist (attributes, argument lists) as [(tag, value), ...]; written iteratively along the cdr."""
        cells = []
        while True:
            if flags & HAS_ATTRIBUTES:
                self.item()
            tag = self.item() if flags & HAS_TAG else None
            cells.append((tag, self.item()))
            flags = self.int()
            if flags & 0xFF != LISTSXP:
                if flags & 0xFF != NILVALUE:
                    raise ValueError(f"pairlist ends in R object type {flags & 0xFF}, expected NULL")
                return cells


def unserialize(raw: bytes):
    """The R object in XDR serialisation `raw`, as Python lists, dicts (named vectors), str, int or None."""
    return _XdrReader(raw).item()


def lazyload_objects(rdb_path) -> dict:
    """{name: object} of every object in the lazy-load database `rdb_path` (its index is the `.rdx` beside it)."""
    rdb_path = Path(rdb_path)
    rdx_path = rdb_path.with_suffix(".rdx")
    if not rdx_path.is_file():
        raise FileNotFoundError(f"{rdb_path} has no index {rdx_path.name} beside it")
    index = unserialize(gzip.decompress(rdx_path.read_bytes()))
    if index.get("compressed") != [1]:
        raise ValueError(f"{rdx_path}: only zlib-compressed databases are supported, got {index.get('compressed')}")
    data = rdb_path.read_bytes()
    objects = {}
    for name, (offset, length) in index["variables"].items():
        (size,) = struct.unpack_from(">I", data, offset)
        raw = zlib.decompress(data[offset + 4 : offset + length])
        if len(raw) != size:
            raise ValueError(f"{rdb_path}: object {name!r} decompresses to {len(raw)} bytes, its header says {size}")
        objects[name] = unserialize(raw)
    return objects
