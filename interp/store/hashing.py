"""Hashes and names of store items, computed exactly as Nix and Guix compute them.

Nix base-32, hash compression, NAR serialisation and the ``makeStorePath``
fingerprints, so that an item gets the path Nix or Guix would give it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import BuildError

log = logging.getLogger(__name__)

#: Nix's base-32 digits: no ``e``, ``o``, ``t`` or ``u``, to avoid words.
BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"

#: Length of the hash part of a store path: 160 bits in base 32.
HASH_PART_LENGTH = 32

#: The longest name Nix accepts after ``<hash>-``.
MAX_NAME_LENGTH = 211

NAR_MAGIC = "nix-archive-1"

_NAME_CHARS = re.compile(r"[A-Za-z0-9+\-._?=]+")
_CHUNK = 1 << 20


# --- base 32 and compression ---------------------------------------------------


def base32_length(byte_count: int) -> int:
    """Return how many base-32 digits encode BYTE_COUNT bytes."""
    return (byte_count * 8 - 1) // 5 + 1


def nix_base32_encode(digest: bytes) -> str:
    """Return DIGEST in Nix base 32.

    Nix reads the bytes as one little-endian number and prints its 5-bit
    groups from the most significant one, so the first digit holds the
    highest bits of the last byte.
    """
    digits = []
    for n in range(base32_length(len(digest)) - 1, -1, -1):
        bit = n * 5
        index, shift = divmod(bit, 8)
        value = digest[index] >> shift
        if index + 1 < len(digest):
            value |= digest[index + 1] << (8 - shift)
        digits.append(BASE32_ALPHABET[value & 0x1F])
    return "".join(digits)


def nix_base32_decode(text: str) -> bytes:
    """Return the bytes that TEXT (Nix base 32) encodes; raise ValueError if invalid."""
    byte_count = len(text) * 5 // 8
    out = bytearray(byte_count)
    for position, char in enumerate(reversed(text)):
        digit = BASE32_ALPHABET.find(char)
        if digit < 0:
            raise ValueError(f"invalid base-32 digit {char!r} in {text!r}")
        index, shift = divmod(position * 5, 8)
        if index < byte_count:
            out[index] |= (digit << shift) & 0xFF
        if index + 1 < byte_count:
            out[index + 1] |= digit >> (8 - shift)
        elif digit >> (8 - shift):
            raise ValueError(f"base-32 string {text!r} overflows {byte_count} bytes")
    return bytes(out)


def compress_hash(digest: bytes, size: int = 20) -> bytes:
    """Return DIGEST folded to SIZE bytes by XOR, byte I going into slot I mod SIZE."""
    folded = bytearray(size)
    for index, byte in enumerate(digest):
        folded[index % size] ^= byte
    return bytes(folded)


def sha256(data: bytes) -> bytes:
    """Return the SHA-256 digest of DATA."""
    return hashlib.sha256(data).digest()


# --- NAR serialisation ---------------------------------------------------------


def _nar_string(data: bytes | str) -> bytes:
    """Return DATA framed as a NAR string: length, bytes, zero padding to 8."""
    if isinstance(data, str):
        data = data.encode()
    padding = -len(data) % 8
    return len(data).to_bytes(8, "little") + data + b"\0" * padding


def _nar_tokens(*tokens: str | bytes) -> bytes:
    return b"".join(_nar_string(token) for token in tokens)


def nar_chunks(path: str | os.PathLike) -> Iterator[bytes]:
    """Yield the NAR serialisation of the file, directory or symlink at PATH.

    Regular files are streamed in chunks; directory entries come sorted by
    their names' bytes; a file is executable when its owner may execute it.
    """
    yield _nar_string(NAR_MAGIC)
    yield from _nar_node(os.fsencode(path))


def _nar_node(path: bytes) -> Iterator[bytes]:
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        yield _nar_tokens("(", "type", "symlink", "target", os.readlink(path), ")")
    elif stat.S_ISREG(info.st_mode):
        yield from _nar_regular(path, info)
    elif stat.S_ISDIR(info.st_mode):
        yield _nar_tokens("(", "type", "directory")
        for name in sorted(os.listdir(path)):
            yield _nar_tokens("entry", "(", "name", name, "node")
            yield from _nar_node(os.path.join(path, name))
            yield _nar_string(")")
        yield _nar_string(")")
    else:
        raise BuildError(
            f"cannot put {os.fsdecode(path)!r} in the store: not a "
            "regular file, directory or symbolic link"
        )


def _nar_regular(path: bytes, info: os.stat_result) -> Iterator[bytes]:
    header = ["(", "type", "regular"]
    if info.st_mode & stat.S_IXUSR:
        header += ["executable", ""]
    header.append("contents")
    yield _nar_tokens(*header)
    yield info.st_size.to_bytes(8, "little")
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            yield chunk
    yield b"\0" * (-info.st_size % 8) + _nar_string(")")


def nar_hash(path: str | os.PathLike) -> tuple[bytes, int]:
    """Return the SHA-256 digest of the NAR of PATH and the NAR's size in bytes."""
    hasher = hashlib.sha256()
    size = 0
    for chunk in nar_chunks(path):
        hasher.update(chunk)
        size += len(chunk)
    return hasher.digest(), size


def write_nar(path: str | os.PathLike, output) -> int:
    """Write the NAR of PATH to the binary file OUTPUT; return its size."""
    size = 0
    for chunk in nar_chunks(path):
        output.write(chunk)
        size += len(chunk)
    return size


def nar_hash_text(contents: bytes, executable: bool = False) -> tuple[bytes, int]:
    """Return the NAR digest and size of a single regular file holding CONTENTS."""
    header = ["(", "type", "regular"] + (["executable", ""] if executable else [])
    nar = _nar_string(NAR_MAGIC) + _nar_tokens(*header, "contents")
    nar += _nar_string(contents) + _nar_string(")")
    return sha256(nar), len(nar)


def format_hash(digest: bytes) -> str:
    """Return DIGEST as the database stores a NAR hash: ``sha256:<hex>``."""
    return "sha256:" + digest.hex()


# --- names and store paths -----------------------------------------------------


def check_name(name: str) -> str:
    """Return NAME if Nix accepts it as a store item name, else raise BuildError."""
    if not name:
        raise BuildError("invalid store item name: the name is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise BuildError(
            f"invalid store item name {name!r}: longer than "
            f"{MAX_NAME_LENGTH} characters"
        )
    if name.startswith("."):
        raise BuildError(f"invalid store item name {name!r}: it starts with a period")
    if not _NAME_CHARS.fullmatch(name):
        bad = sorted({c for c in name if not _NAME_CHARS.fullmatch(c)})
        raise BuildError(
            f"invalid store item name {name!r}: character(s) {''.join(bad)!r} not "
            "allowed",
            hint="names may hold letters, digits and + - . _ ? =",
        )
    return name


def make_type(
    kind: str, references: Iterable[str] = (), self_reference: bool = False
) -> str:
    """Return the type field of a fingerprint: KIND, then ``:path`` per reference."""
    parts = [kind, *sorted(set(references))]
    if self_reference:
        parts.append("self")
    return ":".join(parts)


def make_store_path(type_: str, digest: bytes, name: str, prefix: str) -> str:
    """Return the store path for TYPE_, inner SHA-256 DIGEST and NAME under PREFIX.

    The fingerprint ``TYPE:sha256:<hex>:PREFIX:NAME`` is hashed, folded to
    160 bits and printed in base 32 before ``-NAME``.
    """
    check_name(name)
    fingerprint = f"{type_}:sha256:{digest.hex()}:{prefix}:{name}"
    hash_part = nix_base32_encode(compress_hash(sha256(fingerprint.encode())))
    return f"{prefix}/{hash_part}-{name}"


def store_path_for_text(
    name: str, text: bytes, references: Iterable[str] = (), prefix: str = "/gnu/store"
) -> str:
    """Return the path of a text item: NAME holding TEXT, referring to REFERENCES."""
    return make_store_path(make_type("text", references), sha256(text), name, prefix)


def store_path_for_recursive_source(
    name: str, nar_digest: bytes, prefix: str, references: Iterable[str] = ()
) -> str:
    """Return the path of a tree added recursively with NAR SHA-256 NAR_DIGEST."""
    return make_store_path(make_type("source", references), nar_digest, name, prefix)


def store_path_for_fixed(
    name: str, digest: bytes, prefix: str, recursive: bool = False, algo: str = "sha256"
) -> str:
    """Return the path of a fixed-output item whose ALGO hash is DIGEST.

    A recursive SHA-256 item is a ``source`` path; any other is named by the
    hash of ``fixed:out:[r:]ALGO:<hex>:``.
    """
    if recursive and algo == "sha256":
        return store_path_for_recursive_source(name, digest, prefix)
    method = "r:" if recursive else ""
    inner = sha256(f"fixed:out:{method}{algo}:{digest.hex()}:".encode())
    return make_store_path("output:out", inner, name, prefix)


def output_path_name(name: str, output: str) -> str:
    """Return the item name of OUTPUT of a derivation called NAME."""
    return name if output == "out" else f"{name}-{output}"


def store_path_for_output(name: str, output: str, drv_hash: bytes, prefix: str) -> str:
    """Return the path of OUTPUT of derivation NAME whose hash modulo is DRV_HASH."""
    return make_store_path(
        f"output:{output}", drv_hash, output_path_name(name, output), prefix
    )


def hash_part(store_path: str) -> str:
    """Return the 32-digit hash part of STORE_PATH."""
    return os.path.basename(store_path)[:HASH_PART_LENGTH]


def store_path_name(store_path: str) -> str:
    """Return the name part of STORE_PATH (after ``<hash>-``)."""
    return os.path.basename(store_path)[HASH_PART_LENGTH + 1 :]


def is_store_path(path: str, prefix: str) -> bool:
    """Return true if PATH names an item directly under PREFIX (not inside one)."""
    directory, base = os.path.split(path)
    if directory != prefix or len(base) < HASH_PART_LENGTH + 2:
        return False
    head = base[:HASH_PART_LENGTH]
    return base[HASH_PART_LENGTH] == "-" and all(c in BASE32_ALPHABET for c in head)


def check_store_path(path: str, prefix: str) -> str:
    """Return PATH if it names a store item under PREFIX, else raise BuildError."""
    if not is_store_path(path, prefix):
        raise BuildError(f"{path!r} is not an item of the store {prefix}")
    return path


def to_store_path(path: str, prefix: str) -> str:
    """Return the store item that PATH is or lies inside (``<item>/bin/sh`` -> item)."""
    relative = os.path.relpath(path, prefix)
    if relative.startswith("..") or relative == ".":
        raise BuildError(f"{path!r} is not inside the store {prefix}")
    return check_store_path(f"{prefix}/{Path(relative).parts[0]}", prefix)


# --- reference scanning --------------------------------------------------------

_HASH_RUN = re.compile(rb"[0-9a-df-np-sv-z]{32,}")


def _hashes_in(data: bytes, wanted: set[bytes], found: set[bytes]) -> None:
    for run in _HASH_RUN.finditer(data):
        text = run.group()
        for start in range(len(text) - HASH_PART_LENGTH + 1):
            window = text[start : start + HASH_PART_LENGTH]
            if window in wanted:
                found.add(window)


def scan_references(path: str, candidates: Iterable[str]) -> set[str]:
    """Return the CANDIDATES store paths whose hash part occurs under PATH.

    File contents, symbolic link targets and entry names are scanned, as Nix
    scans the NAR of an output.
    """
    by_hash = {hash_part(c).encode(): c for c in candidates}
    wanted, found = set(by_hash), set()
    for current in _walk(path):
        if current != path:  # the item's own name is not part of its content
            _hashes_in(os.fsencode(os.path.basename(current)), wanted, found)
        info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            _hashes_in(os.fsencode(os.readlink(current)), wanted, found)
        elif stat.S_ISREG(info.st_mode):
            _scan_file(current, wanted, found)
    return {by_hash[h] for h in found}


def _scan_file(path: str, wanted: set[bytes], found: set[bytes]) -> None:
    # Keep the last 31 bytes of each chunk so a hash across a boundary is seen.
    carry = b""
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            data = carry + chunk
            _hashes_in(data, wanted, found)
            carry = data[-(HASH_PART_LENGTH - 1) :]


def _walk(path: str) -> Iterator[str]:
    """Yield PATH and, if it is a real directory, everything below it."""
    yield path
    if os.path.isdir(path) and not os.path.islink(path):
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                yield os.path.join(root, name)
