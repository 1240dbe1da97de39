"""Adding items: Nix paths, read-only items, repair of interrupted attempts."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest
from oscdsl.errors import BuildError
from oscdsl.store import Store, default_prefix, default_state_dir, hashing

from .conftest import mode_of
from .test_hashing import ref_nar, ref_store_path, ref_text_path, small_tree


def test_add_text_gives_the_nix_text_path_and_stores_the_text(store):
    path = store.add_text("greeting", "hello\n")
    assert path == ref_text_path("greeting", b"hello\n", [], store.prefix)
    with open(path) as f:
        assert f.read() == "hello\n"
    assert store.is_valid(path)
    assert store.add_text("greeting", b"hello\n") == path


def test_add_text_records_references_and_closure(store):
    a = store.add_text("a", "a")
    b = store.add_text("b", f"uses {a}", [a])
    c = store.add_text("c", f"uses {b}", [b])
    assert b == ref_text_path("b", f"uses {a}".encode(), [a], store.prefix)
    assert store.references(c) == {b}
    assert store.referrers(a) == {b}
    assert store.requisites([c]) == {a, b, c}


def test_add_text_refuses_an_invalid_reference(store):
    with pytest.raises(BuildError, match="not a valid item"):
        store.add_text("x", "x", [f"{store.prefix}/{'a' * 32}-missing"])


def test_add_text_refuses_a_bad_name_with_a_build_error(store):
    with pytest.raises(BuildError, match="not allowed"):
        store.add_text("hello world", "x")


def test_add_path_names_the_tree_by_its_nar_hash_and_keeps_it_exact(store, tmp_path):
    tree = small_tree(tmp_path)
    path = store.add_path("tree", tree)
    nar = ref_nar(tree)
    assert path == ref_store_path("source", hashlib.sha256(nar).hexdigest(),
                                  store.prefix, "tree")  # fmt: skip
    assert ref_nar(path) == nar
    assert store.path_info(path).nar_hash == "sha256:" + hashlib.sha256(nar).hexdigest()
    assert store.path_info(path).nar_size == len(nar)


def test_flat_add_path_names_the_file_by_its_content_hash(store, tmp_path):
    source = tmp_path / "hello"
    source.write_bytes(b"Hello World\n")
    path = store.add_path("simple-fod", str(source), recursive=False)
    digest = hashlib.sha256(b"Hello World\n").digest()
    assert path == hashing.store_path_for_fixed("simple-fod", digest, store.prefix)


def test_add_path_of_a_missing_file_is_a_build_error(store, tmp_path):
    with pytest.raises(BuildError, match="no such file"):
        store.add_path("nothing", str(tmp_path / "nothing"))


def test_registered_items_are_read_only_with_mtime_one(store, tmp_path):
    text = store.add_text("t", "t")
    tree = store.add_path("tree", small_tree(tmp_path))
    assert mode_of(text) == 0o444
    assert mode_of(tree) == 0o555
    assert mode_of(f"{tree}/run") == 0o555
    assert mode_of(f"{tree}/hello.txt") == 0o444
    assert mode_of(f"{tree}/sub") == 0o555
    for path in (text, tree, f"{tree}/run", f"{tree}/sub/empty"):
        assert os.lstat(path).st_mtime == 1
    if os.geteuid() != 0:  # root ignores permission bits
        with pytest.raises(PermissionError):
            open(text, "w")
        with pytest.raises(PermissionError):
            open(f"{tree}/new", "w")


def test_stale_temporary_and_unregistered_item_are_replaced(store):
    path = hashing.store_path_for_text("item", b"good\n", [], store.prefix)
    with open(store.temp_name(path), "w") as f:
        f.write("half-written")
    os.mkdir(path)
    with open(f"{path}/junk", "w") as f:
        f.write("left by a crash")
    assert not store.is_valid(path)

    assert store.add_text("item", "good\n") == path
    assert os.path.isfile(path) and open(path).read() == "good\n"
    assert not os.path.lexists(store.temp_name(path))


def test_lock_files_are_removed_after_registration(store):
    store.add_text("x", "x")
    assert os.listdir(store.state_path("locks")) == []


def test_metadata_survives_reopening_the_store(tmp_path):
    with Store(str(tmp_path / "s"), str(tmp_path / "st")) as first:
        a = first.add_text("a", "a")
        b = first.add_text("b", a, [a])
    with Store(str(tmp_path / "s"), str(tmp_path / "st")) as second:
        assert second.is_valid(b) and second.references(b) == {a}


def test_default_locations_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OSCDSL_STORE", "/somewhere/store")
    monkeypatch.delenv("OSCDSL_STATE_DIR", raising=False)
    assert default_prefix() == "/somewhere/store"
    assert default_state_dir("/somewhere/store") == "/somewhere/state"
    monkeypatch.setenv("OSCDSL_STATE_DIR", "/elsewhere")
    assert default_state_dir("/somewhere/store") == "/elsewhere"
    monkeypatch.delenv("OSCDSL_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    if os.geteuid() != 0:
        assert default_prefix() == f"{tmp_path}/oscdsl/store"
    else:
        assert default_prefix() == "/var/lib/oscdsl/store"


def test_unwritable_prefix_is_a_build_error_with_a_hint(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(BuildError, match="cannot create the store") as info:
        Store(str(blocker / "store"))
    assert "OSCDSL_STORE" in info.value.hint


def test_items_are_regular_entries_of_the_prefix(store):
    path = store.add_text("x", "x")
    assert stat.S_ISREG(os.lstat(path).st_mode)
    assert os.path.dirname(path) == store.prefix
