"""Hashes and store paths, checked against an independent implementation and
against paths printed by Nix itself."""

from __future__ import annotations

import hashlib
import os
import struct

import pytest
from oscdsl.errors import BuildError
from oscdsl.store import hashing

# --- an independent, deliberately different implementation ------------------------

DIGITS = "0123456789abcdfghijklmnpqrsvwxyz"


def ref_base32(data: bytes) -> str:
    """Read DATA as one little-endian integer and print its 5-bit groups, high first."""
    number = int.from_bytes(data, "little")
    width = (len(data) * 8 + 4) // 5
    return "".join(DIGITS[(number >> (5 * k)) & 31] for k in reversed(range(width)))


def ref_fold(digest: bytes) -> bytes:
    """XOR the 32-byte DIGEST's tail (zero-padded) onto its first 20 bytes."""
    tail = digest[20:] + bytes(40 - len(digest))
    return bytes(a ^ b for a, b in zip(digest[:20], tail, strict=True))


def ref_store_path(kind: str, inner_hex: str, prefix: str, name: str) -> str:
    fingerprint = f"{kind}:sha256:{inner_hex}:{prefix}:{name}".encode()
    return (
        f"{prefix}/{ref_base32(ref_fold(hashlib.sha256(fingerprint).digest()))}-{name}"
    )


def ref_text_path(name: str, text: bytes, refs: list[str], prefix: str) -> str:
    kind = ":".join(["text", *sorted(refs)])
    return ref_store_path(kind, hashlib.sha256(text).hexdigest(), prefix, name)


def ref_nar(path: str) -> bytes:
    """Build the whole NAR of PATH in memory, recursively."""

    def frame(value) -> bytes:
        raw = value if isinstance(value, bytes) else value.encode()
        return struct.pack("<Q", len(raw)) + raw + b"\0" * ((8 - len(raw) % 8) % 8)

    def node(p: str) -> bytes:
        if os.path.islink(p):
            return b"".join(map(frame, ["(", "type", "symlink", "target",
                                        os.readlink(p), ")"]))  # fmt: skip
        if os.path.isdir(p):
            body = b""
            for entry in sorted(os.listdir(p), key=os.fsencode):
                body += b"".join(map(frame, ["entry", "(", "name", entry, "node"]))
                body += node(os.path.join(p, entry)) + frame(")")
            return b"".join(map(frame, ["(", "type", "directory"])) + body + frame(")")
        with open(p, "rb") as f:
            data = f.read()
        flag = ["executable", ""] if os.access(p, os.X_OK) else []
        head = ["(", "type", "regular", *flag, "contents"]
        return b"".join(map(frame, head)) + frame(data) + frame(")")

    return frame("nix-archive-1") + node(path)


def small_tree(root) -> str:
    """Create a small fixed tree under ROOT and return its path."""
    tree = root / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "hello.txt").write_text("Hello, store!\n")
    (tree / "run").write_text("#!/bin/sh\necho hi\n")
    os.chmod(tree / "run", 0o755)
    (tree / "sub" / "empty").write_bytes(b"")
    (tree / "sub" / "eight-bytes").write_bytes(b"12345678")
    os.symlink("../hello.txt", tree / "sub" / "link")
    return str(tree)


# --- base 32 and compression ---------------------------------------------------------


def test_base32_of_empty_sha256_is_the_value_nix_prints():
    digest = hashlib.sha256(b"").digest()
    expected = "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"
    assert hashing.nix_base32_encode(digest) == expected
    assert ref_base32(digest) == expected


@pytest.mark.parametrize("size", [0, 1, 2, 5, 16, 20, 32, 64])
def test_base32_agrees_with_independent_encoder_and_round_trips(size):
    data = hashlib.sha512(bytes([size])).digest()[:size]
    encoded = hashing.nix_base32_encode(data)
    assert encoded == ref_base32(data)
    assert hashing.nix_base32_decode(encoded) == data


def test_base32_decode_rejects_letters_outside_the_alphabet():
    with pytest.raises(ValueError):
        hashing.nix_base32_decode("e" * 32)


def test_compress_hash_folds_to_twenty_bytes_by_xor():
    digest = bytes(range(32))
    assert hashing.compress_hash(digest) == ref_fold(digest)
    assert hashing.compress_hash(digest)[:3] == bytes([0 ^ 20, 1 ^ 21, 2 ^ 22])


# --- store paths --------------------------------------------------------------------


def test_text_path_is_pinned_and_matches_independent_code():
    path = hashing.store_path_for_text(
        "hello.txt", b"Hello, world!\n", [], "/gnu/store"
    )
    assert path == ref_text_path("hello.txt", b"Hello, world!\n", [], "/gnu/store")
    assert path == "/gnu/store/lnqjid21cvqw4c4kh7xnj2ikp2d0qfnb-hello.txt"


def test_text_path_with_references_sorts_them_into_the_fingerprint():
    refs = ["/gnu/store/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-b",
            "/gnu/store/00000000000000000000000000000000-a"]  # fmt: skip
    path = hashing.store_path_for_text("script", b"run\n", refs, "/gnu/store")
    assert path == ref_text_path("script", b"run\n", refs, "/gnu/store")
    assert path == "/gnu/store/2cwl80g23w7dyb9h0s63zax37azhsd56-script"
    assert path != hashing.store_path_for_text("script", b"run\n", [], "/gnu/store")


def test_flat_fixed_output_path_is_the_one_nix_printed():
    # "Hello World\n" built by a fixed-output derivation named simple-fod.
    digest = hashlib.sha256(b"Hello World\n").digest()
    path = hashing.store_path_for_fixed("simple-fod", digest, "/nix/store")
    assert path == "/nix/store/3lx7snlm14n3a6sm39x05m85hic3f9xy-simple-fod"


def test_recursive_source_path_uses_the_nar_hash(tmp_path):
    tree = small_tree(tmp_path)
    nar = ref_nar(tree)
    digest, size = hashing.nar_hash(tree)
    assert (digest, size) == (hashlib.sha256(nar).digest(), len(nar))
    expected = ref_store_path("source", hashlib.sha256(nar).hexdigest(),
                              "/gnu/store", "tree")  # fmt: skip
    assert hashing.store_path_for_recursive_source("tree", digest, "/gnu/store") == (
        expected
    )


def test_nar_hash_of_a_small_tree_is_pinned(tmp_path):
    tree = small_tree(tmp_path)
    assert hashlib.sha256(ref_nar(tree)).hexdigest() == NAR_OF_SMALL_TREE
    assert hashing.nar_hash(tree)[0].hex() == NAR_OF_SMALL_TREE
    assert hashing.nar_hash_text(b"abc")[0] == hashing.nar_hash(_file(tmp_path))[0]


NAR_OF_SMALL_TREE = "85fc799698c498a28434d6bd2718eeb39f7f9304d0322a39dabcdef1bba3f1de"


def _file(root) -> str:
    path = root / "abc"
    path.write_bytes(b"abc")
    return str(path)


def test_output_path_of_a_second_output_carries_its_name():
    drv_hash = hashlib.sha256(b"x").digest()
    path = hashing.store_path_for_output("pkg", "dev", drv_hash, "/gnu/store")
    assert path == ref_store_path("output:dev", drv_hash.hex(), "/gnu/store", "pkg-dev")


# --- names and scanning -----------------------------------------------------------


@pytest.mark.parametrize("name", ["", ".hidden", "a b", "é", "x/y", "a" * 212])
def test_invalid_names_raise_a_build_error_naming_them(name):
    with pytest.raises(BuildError, match="invalid store item name"):
        hashing.check_name(name)


def test_valid_names_allow_nix_punctuation():
    assert hashing.check_name("foo-1.2+x_y?=z") == "foo-1.2+x_y?=z"


def test_scan_references_finds_hashes_in_contents_links_and_across_chunks(tmp_path):
    prefix = "/gnu/store"
    a = f"{prefix}/{'a' * 32}-a"
    b = f"{prefix}/{'b' * 32}-b"
    c = f"{prefix}/{'c' * 32}-c"
    (tmp_path / "out").mkdir()
    big = b"x" * ((1 << 20) - 10)  # the hash straddles the first chunk boundary
    (tmp_path / "out" / "big").write_bytes(big + a.encode())
    os.symlink(b + "/bin", tmp_path / "out" / "link")
    found = hashing.scan_references(str(tmp_path / "out"), [a, b, c])
    assert found == {a, b}


def test_is_store_path_accepts_only_direct_items():
    assert hashing.is_store_path(f"/gnu/store/{'a' * 32}-x", "/gnu/store")
    assert not hashing.is_store_path(f"/gnu/store/{'a' * 32}-x/bin", "/gnu/store")
    assert not hashing.is_store_path(f"/gnu/store/{'e' * 32}-x", "/gnu/store")
