"""Profiles: symlink forests of package items, collisions, GC."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from oscdsl.packages.importer import import_packages
from oscdsl.packages.profile import (
    Collision,
    build_profile,
    collisions,
    profile_environment,
    root_links,
)
from oscdsl.store import Store

from .conftest import make_store


def add_tree(store: Store, tmp_path: Path, name: str, files: dict[str, str]) -> str:
    """Return a store item NAME holding FILES ({relative path: text})."""
    source = tmp_path / name
    for relative, text in files.items():
        path = source / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return store.add_path(name, str(source))


@pytest.fixture(scope="module")
def bash_profile(shared_store: Store) -> str:
    """Return the profile of bash and coreutils, built once."""
    return build_profile(
        shared_store, import_packages(shared_store, ["bash", "coreutils"])
    )


def test_profile_merges_usr_and_provides_the_loader(
    shared_store: Store, bash_profile: str
) -> None:
    for name in ("bin", "sbin", "lib", "lib64"):
        assert os.readlink(os.path.join(bash_profile, name)) == f"usr/{name}"
    bash = os.readlink(os.path.join(bash_profile, "usr/bin/bash"))
    assert bash.startswith(shared_store.prefix + "/") and bash.endswith(
        "-bash-" + bash.split("-bash-")[1]
    )
    assert os.path.isfile(bash)
    loader = os.path.join(bash_profile, "usr/lib64/ld-linux-x86-64.so.2")
    assert os.readlink(loader) == "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
    libc = os.readlink(os.path.join(bash_profile, "usr/lib/x86_64-linux-gnu/libc.so.6"))
    assert "-libc6-" in libc


def test_profile_refers_to_every_item_of_the_closure(
    shared_store: Store, bash_profile: str
) -> None:
    items = import_packages(shared_store, ["bash", "coreutils"])
    assert shared_store.references(bash_profile) == shared_store.requisites(items)


def test_same_items_give_the_same_profile(
    shared_store: Store, bash_profile: str
) -> None:
    items = import_packages(shared_store, ["bash", "coreutils"])
    assert build_profile(shared_store, items) == bash_profile


def test_collision_is_reported_with_both_owners(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = add_tree(store, tmp_path, "tool-a", {"usr/bin/tool": "a", "usr/bin/a": "a"})
    second = add_tree(store, tmp_path, "tool-b", {"bin/tool": "b", "usr/bin/b": "b"})
    assert collisions(store, [first, second]) == [
        Collision("usr/bin/tool", first, second)
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="oscdsl.packages.profile"):
        profile = build_profile(store, [first, second])
    (record,) = [r for r in caplog.records if "collision" in r.getMessage()]
    assert (
        f"/usr/bin/tool is provided by both {first} and {second}" in record.getMessage()
    )
    assert os.readlink(f"{profile}/usr/bin/tool") == f"{first}/usr/bin/tool"
    assert os.readlink(f"{profile}/usr/bin/b") == f"{second}/usr/bin/b"


def test_link_that_becomes_itself_under_merged_usr_is_no_collision(
    store: Store, tmp_path: Path
) -> None:
    real = add_tree(store, tmp_path, "real", {"bin/tool": "x"})
    source = tmp_path / "compat" / "usr" / "bin"
    source.mkdir(parents=True)
    (source / "tool").symlink_to("/bin/tool")
    compat = store.add_path("compat", str(tmp_path / "compat"))
    assert collisions(store, [compat, real]) == []
    profile = build_profile(store, [compat, real])
    assert os.readlink(f"{profile}/usr/bin/tool") == f"{real}/bin/tool"


def test_gc_keeps_the_packages_of_a_rooted_profile(tmp_path: Path) -> None:
    with make_store(tmp_path) as store:
        profile = build_profile(store, import_packages(store, ["bash"]))
        (unrooted,) = import_packages(store, ["sed"])
        store.add_root(str(tmp_path / "system"), profile)
    # Another process: this one's temporary roots are gone with its Store.
    with make_store(tmp_path) as store:
        deleted, _ = store.collect_garbage()
        assert unrooted in deleted
        kept = store.requisites([profile])
        assert len(kept) > 5 and kept <= store.valid_paths()
    assert all(os.path.exists(p) for p in kept)
    assert not os.path.exists(unrooted)


def test_root_links_and_environment(bash_profile: str) -> None:
    links = root_links(bash_profile)
    assert links["/usr"] == f"{bash_profile}/usr"
    assert links["/lib64"] == "usr/lib64" and links["/bin"] == "usr/bin"
    environment = profile_environment(bash_profile)
    assert environment["PATH"].split(":")[-4:] == [
        "/usr/sbin",
        "/usr/bin",
        "/sbin",
        "/bin",
    ]
    assert "SSL_CERT_FILE" not in environment
