"""Garbage collection: roots keep their closure alive, everything else goes."""

from __future__ import annotations

import os
import random

import pytest
from oscdsl.errors import BuildError
from oscdsl.store import Store, hashing

from .conftest import sh_derivation


def reopen(store: Store) -> Store:
    """Return a second connection to STORE, holding no temporary roots."""
    return Store(store.prefix, store.state_dir)


def test_unrooted_items_are_collected_once_no_process_holds_them(store):
    a = store.add_text("a", "a")
    with reopen(store) as other:
        assert a in other.live_paths()  # STORE's temporary root
    store.close()
    with reopen(store) as other:
        assert other.dead_paths() == {a}
        deleted, freed = other.collect_garbage()
        assert deleted == [a] and freed == 1
        assert not other.is_valid(a) and not os.path.lexists(a)


def test_root_keeps_its_whole_closure(store, tmp_path):
    a = store.add_text("a", "a")
    b = store.add_text("b", a, [a])
    c = store.add_text("c", "c")
    link = store.add_root(str(tmp_path / "result"), b)
    assert os.readlink(link) == b
    store.close()
    with reopen(store) as other:
        assert other.live_paths() == {a, b}
        assert other.collect_garbage()[0] == [c]
        assert other.is_valid(a) and other.is_valid(b)


def test_removing_the_user_link_drops_the_root(store, tmp_path):
    a = store.add_text("a", "a")
    link = store.add_root(str(tmp_path / "result"), a)
    store.close()
    os.unlink(link)
    with reopen(store) as other:
        assert other.collect_garbage()[0] == [a]
        assert os.listdir(other.state_path("gcroots", "auto")) == []


def test_delete_refuses_a_live_item_and_names_its_root(store, tmp_path):
    a = store.add_text("a", "a")
    b = store.add_text("b", a, [a])
    store.add_root(str(tmp_path / "result"), b)
    with pytest.raises(BuildError, match="still alive, reachable from the root"):
        store.delete(a)
    assert store.is_valid(a) and os.path.exists(a)


def test_delete_refuses_an_item_with_referrers(store):
    a = store.add_text("a", "a")
    b = store.add_text("b", a, [a])
    store.close()
    with reopen(store) as other:
        with pytest.raises(BuildError, match=f"still referred to by {b}"):
            other.delete(a)
        assert other.delete(b) == len(a) and other.delete(a) == 1


def test_built_outputs_and_derivations_are_collected_in_order(store, tmp_path):
    lib = sh_derivation(store, "lib", "echo lib > $out\n")
    lib_out = store.read_derivation(lib).outputs["out"].path
    app = sh_derivation(store, "app", f"cat {lib_out} > $out; echo {lib_out} >>$out\n",
                        inputs={lib: ["out"]})  # fmt: skip
    app_out = store.build([app])[app]["out"]
    store.add_root(str(tmp_path / "app"), app_out)
    store.close()
    with reopen(store) as other:
        deleted, _ = other.collect_garbage()
        assert app_out not in deleted and lib_out not in deleted
        assert app in deleted and lib in deleted
        assert other.requisites([app_out]) == {app_out, lib_out}


def test_collector_removes_stray_temporaries_and_unregistered_items(store):
    fake = f"{store.prefix}/{'a' * 32}-half-built"
    os.mkdir(fake)
    with open(store.temp_name(f"{store.prefix}/{'b' * 32}-x"), "w") as f:
        f.write("partial")
    store.collect_garbage()
    assert os.listdir(store.prefix) == []


def test_collector_never_deletes_what_a_root_reaches(store, tmp_path):
    rng = random.Random(7)
    paths: list[str] = []
    for i in range(60):
        refs = rng.sample(paths, k=min(len(paths), rng.randint(0, 3)))
        paths.append(store.add_text(f"n{i}", f"{i} {' '.join(refs)}", refs))
    roots = rng.sample(paths, 6)
    for i, root in enumerate(roots):
        store.add_root(str(tmp_path / f"root{i}"), root)
    reachable = store.requisites(roots)
    store.close()
    with reopen(store) as other:
        deleted, _ = other.collect_garbage()
        assert set(deleted) == set(paths) - reachable
        for path in reachable:
            assert other.is_valid(path)
            digest, _ = hashing.nar_hash(path)
            assert other.path_info(path).nar_hash == hashing.format_hash(digest)
