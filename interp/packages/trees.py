"""File trees planned in memory before they become store items.

A planned tree can be NAR-hashed without being written (so a store path is
known, and found valid, before any file is copied) and then written out.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

_CHUNK = 1 << 20


@dataclass
class File:
    """A regular file whose contents are those of the host file SOURCE."""

    source: str
    executable: bool


@dataclass
class Symlink:
    """A symbolic link to TARGET."""

    target: str


@dataclass
class Directory:
    """A directory holding ENTRIES, {name: node}."""

    entries: dict[str, Node] = field(default_factory=dict)


Node = File | Symlink | Directory


# ---------------------------------------------------------------------------
# Building a plan


def parent_directory(root: Directory, relative: str) -> Directory | None:
    """Return the directory that holds RELATIVE under ROOT, creating missing ones.

    Return None if a component on the way is already a file or a link.
    """
    directory = root
    for part in relative.split("/")[:-1]:
        child = directory.entries.setdefault(part, Directory())
        if not isinstance(child, Directory):
            return None
        directory = child
    return directory


def lookup(root: Directory, relative: str) -> Node | None:
    """Return the node at the slash-separated RELATIVE path under ROOT, or None."""
    node: Node | None = root
    for part in relative.split("/"):
        if not isinstance(node, Directory):
            return None
        node = node.entries.get(part)
    return node


def walk(node: Node, prefix: str = "") -> Iterator[tuple[str, Node]]:
    """Yield (relative path, node) for every node below NODE, sorted by name."""
    if isinstance(node, Directory):
        for name in sorted(node.entries):
            child = node.entries[name]
            path = f"{prefix}{name}"
            yield path, child
            yield from walk(child, path + "/")


# ---------------------------------------------------------------------------
# The NAR of a plan


def _frame(data: bytes | str) -> bytes:
    """Return DATA as a NAR string: length, bytes, zero padding to 8."""
    if isinstance(data, str):
        data = os.fsencode(data)
    return len(data).to_bytes(8, "little") + data + b"\0" * (-len(data) % 8)


def _frames(*tokens: str) -> bytes:
    return b"".join(_frame(token) for token in tokens)


def nar_chunks(node: Node) -> Iterator[bytes]:
    """Yield the NAR serialisation of the planned NODE, reading its host files."""
    yield _frame("nix-archive-1")
    yield from _node_chunks(node)


def _node_chunks(node: Node) -> Iterator[bytes]:
    if isinstance(node, Symlink):
        yield _frames("(", "type", "symlink", "target", node.target, ")")
    elif isinstance(node, File):
        yield from _file_chunks(node)
    else:
        yield _frames("(", "type", "directory")
        # NAR orders entries by the bytes of their names.
        for name in sorted(node.entries, key=os.fsencode):
            yield _frames("entry", "(", "name", name, "node")
            yield from _node_chunks(node.entries[name])
            yield _frame(")")
        yield _frame(")")


def _file_chunks(node: File) -> Iterator[bytes]:
    header = ["(", "type", "regular"]
    if node.executable:
        header += ["executable", ""]
    yield _frames(*header, "contents")
    with open(node.source, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        yield size.to_bytes(8, "little")
        written = 0
        while written < size and (chunk := file.read(min(_CHUNK, size - written))):
            written += len(chunk)
            yield chunk
    # A file that shrank meanwhile gives a hash that the written copy will
    # not match, which the store reports.
    yield b"\0" * (size - written) + b"\0" * (-size % 8) + _frame(")")


def nar_hash(node: Node) -> tuple[bytes, int]:
    """Return the SHA-256 digest of the NAR of the planned NODE and its size."""
    hasher = hashlib.sha256()
    size = 0
    for chunk in nar_chunks(node):
        hasher.update(chunk)
        size += len(chunk)
    return hasher.digest(), size


# ---------------------------------------------------------------------------
# Writing a plan


def write(node: Node, path: str) -> None:
    """Create the planned NODE at the new path PATH, copying host files."""
    if isinstance(node, Symlink):
        os.symlink(node.target, path)
    elif isinstance(node, File):
        copy_file(node.source, path, node.executable)
    else:
        os.mkdir(path, 0o755)
        for name, child in node.entries.items():
            write(child, os.path.join(path, name))


def copy_file(source: str, target: str, executable: bool) -> None:
    """Copy the host file SOURCE to the new file TARGET without touching SOURCE.

    copy_file_range(2) copies inside the kernel and shares extents (a
    reflink) on file systems that can; other kernels fall back to read/write.
    """
    mode = 0o755 if executable else 0o644
    with open(source, "rb") as src:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        with open(fd, "wb") as dst:
            remaining = os.fstat(src.fileno()).st_size
            try:
                while remaining > 0:
                    copied = os.copy_file_range(src.fileno(), fd, remaining)
                    if copied == 0:
                        break
                    remaining -= copied
            except OSError as error:
                log.debug("copy_file_range(%s) failed: %s; copying", source, error)
                src.seek(0)
                dst.seek(0)
                dst.truncate()
                shutil.copyfileobj(src, dst, _CHUNK)


def host_node(path: str, info: os.stat_result) -> Node | None:
    """Return the node for host file PATH whose lstat is INFO (None if special)."""
    if stat.S_ISLNK(info.st_mode):
        return Symlink(os.readlink(path))
    if stat.S_ISREG(info.st_mode):
        return File(path, bool(info.st_mode & stat.S_IXUSR))
    if stat.S_ISDIR(info.st_mode):
        return Directory()
    return None
