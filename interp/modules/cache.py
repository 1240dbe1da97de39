"""The on-disk cache of read source files, keyed by content hash.

Reading Scheme needs Lark, whose import alone costs more than the rest of a
start; the cache keeps each file's datums (with their locations) so that a
warm start neither imports Lark nor reads the source.  An index maps a file's
path, size and modification time to its content hash; the datums are stored
under that hash, so an edited file is re-read and an unchanged copy elsewhere
is not.  Entries are written to a temporary name and renamed into place, so a
crash never leaves a truncated entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from ..datums import NIL, Loc, Pair

log = logging.getLogger(__name__)

FORMAT_VERSION = b"oscdsl-datums-2"
_index: dict[str, str] | None = None
_reader_stamp: bytes | None = None
_memo: dict[str, list[Any]] = {}


def reader_stamp() -> bytes:
    """Return what identifies the reader; entries another reader made are not used."""
    global _reader_stamp
    if _reader_stamp is None:
        from .system import stdlib_directory

        package = Path(__file__).resolve().parent.parent
        grammar = stdlib_directory().parent / "grammar" / "oscdsl.lark"
        parts = [FORMAT_VERSION]
        for path in (
            package / "reader.py",
            grammar,
            package / "grammar" / "oscdsl.lark",
        ):
            try:
                stat = path.stat()
                parts.append(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
            except OSError:
                parts.append(b"-")
        _reader_stamp = b"|".join(parts)
    return _reader_stamp


def cache_directory() -> Path:
    """Return the cache directory: $OSCDSL_CACHE_DIR, or oscdsl/ in the XDG cache."""
    explicit = os.environ.get("OSCDSL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "oscdsl"


def read_file_cached(path: Path) -> list[Any]:
    """Return the top-level datums of the file PATH, from the cache when possible."""
    from ..errors import scheme_error

    try:
        stat = path.stat()
    except OSError as error:
        raise scheme_error(
            "system-error", f"cannot open {path}: {error.strerror}", who="load"
        ) from None
    key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{reader_stamp().hex()}"
    remembered = _memo.get(key)
    if remembered is not None:
        return remembered
    forms = _read_file_cached(path, key)
    # Kept in memory too: a forked process (a container) may read the file
    # again where the cache directory is not visible.
    _memo[key] = forms
    return forms


def _read_file_cached(path: Path, key: str) -> list[Any]:
    index = load_index()
    digest = index.get(key)
    if digest is not None:
        forms = load_entry(digest)
        if forms is not None:
            return forms
    data = path.read_bytes()
    digest = hashlib.sha256(reader_stamp() + data).hexdigest()
    forms = load_entry(digest)
    if forms is None:
        from ..reader import read_all

        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            from ..datums import Loc
            from ..errors import ReadError

            line = data[: error.start].count(b"\n") + 1
            raise ReadError(
                f"the file is not UTF-8 text (byte {error.start})",
                Loc(str(path), line, 1),
            ) from None
        forms = read_all(text, str(path))
        store_entry(digest, forms)
    index[key] = digest
    save_index(index)
    return forms


def load_index() -> dict[str, str]:
    global _index
    if _index is None:
        try:
            with open(cache_directory() / "index.pickle", "rb") as stream:
                _index = pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError, ValueError):
            _index = {}
    return _index


def save_index(index: dict[str, str]) -> None:
    atomic_write(cache_directory() / "index.pickle", pickle.dumps(index))


def load_entry(digest: str) -> list[Any] | None:
    try:
        with open(cache_directory() / "datums" / f"{digest}.pickle", "rb") as stream:
            return [decode(item) for item in pickle.load(stream)]
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError):
        return None


def store_entry(digest: str, forms: list[Any]) -> None:
    payload = pickle.dumps(
        [encode(form) for form in forms], protocol=pickle.HIGHEST_PROTOCOL
    )
    atomic_write(cache_directory() / "datums" / f"{digest}.pickle", payload)


def atomic_write(path: Path, data: bytes) -> None:
    """Write DATA to PATH through a temporary file and a rename; ignore failures."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        # The cache only saves time: a read-only home must not stop a run.
        log.debug("cannot write cache entry %s: %s", path, error)


class _List:
    """A pair chain flattened for pickling: ITEMS, their LOCS, and the TAIL."""

    __slots__ = ("items", "locs", "tail")

    def __init__(self, items: list, locs: list, tail: Any) -> None:
        self.items = items
        self.locs = locs
        self.tail = tail

    def __reduce__(self):
        return (_List, (self.items, self.locs, self.tail))


def _loc_tuple(loc: Loc | None) -> tuple | None:
    return None if loc is None else (loc.source, loc.line, loc.column)


def encode(datum: Any) -> Any:
    """Return DATUM with pair chains flattened, so pickling does not recurse deeply."""
    if type(datum) is Pair:
        items, locs = [], []
        while type(datum) is Pair:
            items.append(encode(datum.car))
            locs.append(_loc_tuple(datum.loc))
            datum = datum.cdr
        return _List(items, locs, encode(datum))
    if type(datum) is list:
        return [encode(item) for item in datum]
    return datum


def decode(datum: Any) -> Any:
    """Invert :func:`encode`."""
    if type(datum) is _List:
        result = decode(datum.tail)
        for item, loc in zip(reversed(datum.items), reversed(datum.locs), strict=True):
            result = Pair(decode(item), result, Loc(*loc) if loc else None)
        return result
    if type(datum) is list:
        return [decode(item) for item in datum]
    return datum


__all__ = ["NIL", "read_file_cached"]
