"""Importing installed host packages into a real store."""

from __future__ import annotations

import io
import os
import stat
import sys

import pytest
from oscdsl.errors import BuildError
from oscdsl.packages import importer as importer_module
from oscdsl.packages import trees
from oscdsl.packages.dpkg import DpkgDatabase
from oscdsl.packages.importer import (
    Importer,
    canonical_path,
    import_packages,
    store_name,
    strongly_connected,
)
from oscdsl.store import Store

from .conftest import make_store


@pytest.fixture(scope="module")
def bash_closure(shared_store: Store) -> dict[str, str]:
    """Return {qualified name: item} of bash and coreutils, imported once."""
    return Importer(shared_store).realize(["bash", "coreutils"])


def item_of(closure: dict[str, str], name: str) -> str:
    """Return the item of the package NAME (any architecture) in CLOSURE."""
    (item,) = {path for key, path in closure.items() if key.split(":")[0] == name}
    return item


def test_same_path_on_every_import_and_no_work_the_second_time(
    tmp_path, monkeypatch
) -> None:
    with make_store(tmp_path) as store:
        first = import_packages(store, ["bash"])

    # A new process: only the fingerprint cache can spare the work.
    def refuse(*args):
        raise AssertionError("the second import hashed or copied files")

    monkeypatch.setattr(trees, "nar_hash", refuse)
    monkeypatch.setattr(trees, "write", refuse)
    with make_store(tmp_path) as store:
        assert import_packages(store, ["bash"]) == first


def test_same_path_in_a_fresh_store_with_the_same_prefix(tmp_path) -> None:
    with make_store(tmp_path / "a") as store:
        first = import_packages(store, ["sed"])[0]
    with Store(str(tmp_path / "a" / "store"), str(tmp_path / "b-state")) as store:
        store.collect_garbage()
        again = import_packages(store, ["sed"])[0]
    assert again == first


def test_references_are_the_dependency_closure(
    shared_store: Store, bash_closure: dict[str, str]
) -> None:
    bash = item_of(bash_closure, "bash")
    libc = item_of(bash_closure, "libc6")
    assert libc in shared_store.references(bash)
    assert item_of(bash_closure, "libtinfo6") in shared_store.references(bash)
    closure = shared_store.requisites([bash])
    assert {libc, bash} <= closure
    assert closure <= set(bash_closure.values())


def test_dependency_cycle_becomes_one_item(bash_closure: dict[str, str]) -> None:
    libc = item_of(bash_closure, "libc6")
    assert item_of(bash_closure, "libgcc-s1") == libc
    assert "_libgcc-s1-" in os.path.basename(libc)


def test_item_holds_the_files_read_only_and_leaves_the_host_alone(
    bash_closure: dict[str, str],
) -> None:
    bash = item_of(bash_closure, "bash")
    files = DpkgDatabase().files(DpkgDatabase().lookup("bash"))
    host = next(p for p in ("/bin/bash", "/usr/bin/bash") if p in files)
    before = os.stat(host)
    copy = os.path.join(bash, host.lstrip("/"))
    with open(copy, "rb") as ours, open(host, "rb") as theirs:
        assert ours.read() == theirs.read()
    info = os.stat(copy)
    assert stat.S_IMODE(info.st_mode) == 0o555
    assert info.st_mtime == 1
    assert os.stat(host).st_mtime_ns == before.st_mtime_ns
    assert stat.S_IMODE(os.stat(host).st_mode) == stat.S_IMODE(before.st_mode)
    assert os.path.exists(os.path.join(bash, "etc/bash.bashrc"))
    assert not os.path.exists(os.path.join(bash, "usr/share/doc"))
    assert not os.path.exists(os.path.join(bash, "usr/share/man"))


def test_alternatives_link_goes_with_the_package_they_point_to(
    bash_closure: dict[str, str],
) -> None:
    target = os.readlink("/etc/alternatives/awk")
    owner = os.path.basename(target)  # mawk or gawk, whichever provides awk
    if owner not in {key.split(":")[0] for key in bash_closure}:
        pytest.skip(f"awk is {target} here, which bash's closure does not hold")
    item = item_of(bash_closure, owner)
    assert os.readlink(os.path.join(item, "usr/bin/awk")) == target


def test_missing_package_names_what_to_install(store: Store) -> None:
    with pytest.raises(BuildError) as raised:
        import_packages(store, ["bash", "oscdsl-no-such-package"])
    assert "oscdsl-no-such-package" in raised.value.message
    assert (
        raised.value.hint
        == "install it on the host: apt-get install oscdsl-no-such-package"
    )
    assert store.valid_paths() == set()


def test_store_names_replace_what_store_names_forbid() -> None:
    database = DpkgDatabase()
    gmp = database.lookup("libgmp10")
    name = store_name([gmp], database.native_arch)
    assert ":" not in name and name.startswith("libgmp10-")


def test_components_come_after_what_they_depend_on() -> None:
    edges = {"bash": ["libc6"], "libc6": ["libgcc"], "libgcc": ["libc6", "base"]}
    assert strongly_connected(["bash", "libc6", "libgcc", "base"], edges) == [
        ["base"],
        ["libc6", "libgcc"],
        ["bash"],
    ]


def test_canonical_path_merges_usr() -> None:
    assert canonical_path("/bin/nc.openbsd") == "/usr/bin/nc.openbsd"
    assert (
        canonical_path("/lib64/ld-linux-x86-64.so.2")
        == "/usr/lib64/ld-linux-x86-64.so.2"
    )
    assert canonical_path("/usr/bin/mawk") == "/usr/bin/mawk"
    assert canonical_path("/etc/passwd") == "/etc/passwd"


def test_progress_is_reported_per_item(store: Store, monkeypatch) -> None:
    seen = []
    Importer(
        store, progress=lambda done, total, name: seen.append((done, total))
    ).realize(["sed"])
    assert seen and seen[-1][0] == seen[-1][1]
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert importer_module.default_progress() is None
