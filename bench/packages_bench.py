"""Benchmark host-package imports and profiles, cold then warm.

Cold imports a closure into an empty store; warm repeats it from a new
Store and Importer (as a new process would), which only stats the files.
The anchor is ``cp --parents`` copying the same files.  Run (as root for the
container step): ``.venv/bin/python bench/packages_bench.py [PACKAGE...]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections.abc import Callable

from oscdsl.packages.dpkg import DpkgDatabase
from oscdsl.packages.importer import DEFAULT_EXCLUDES, Importer
from oscdsl.packages.profile import build_profile, populate_root
from oscdsl.store import Store


def timed(function: Callable[[], object]) -> tuple[float, object]:
    """Return (seconds FUNCTION took, what it returned)."""
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def host_files(names: list[str]) -> list[str]:
    """Return the regular files of the closure of NAMES that an import copies."""
    database = DpkgDatabase()
    closure = database.closure(database.lookup(n) for n in names)
    files = []
    for package in closure:
        for path in database.files(package):
            excluded = any(path.startswith(e + "/") for e in DEFAULT_EXCLUDES)
            if not excluded and os.path.isfile(path) and not os.path.islink(path):
                files.append(path)
    return files


def copy_anchor(files: list[str]) -> float:
    """Return the seconds ``cp --parents`` takes to copy FILES."""
    with tempfile.TemporaryDirectory() as target:
        seconds, _ = timed(
            lambda: subprocess.run(["cp", "--parents", *files, target], check=True)
        )
    return seconds


def container_start(store: Store, profile: str) -> float:
    """Return the seconds a container takes to run the profile's ``bash -c true``."""
    from oscdsl.linux.container import call_with_container
    from oscdsl.linux.filesystems import bind_spec

    def payload() -> None:
        os.execve("/bin/bash", ["bash", "-c", "true"], {"PATH": "/usr/bin:/bin"})

    mounts = [bind_spec(store.prefix, read_only=True)]
    seconds, status = timed(
        lambda: call_with_container(
            mounts, payload, populate_file_system=lambda: populate_root(profile)
        )
    )
    assert status == 0
    return seconds


def main() -> None:
    """Print the figures for the packages named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("packages", nargs="*", default=["bash", "coreutils"])
    names = parser.parse_args().packages
    with tempfile.TemporaryDirectory() as directory:
        prefix, state = f"{directory}/store", f"{directory}/state"
        with Store(prefix, state) as store:
            cold, items = timed(lambda: Importer(store).realize(names))
            profile_cold, profile = timed(
                lambda: build_profile(store, sorted(set(items.values())))
            )
        with Store(prefix, state) as store:
            warm, again = timed(lambda: Importer(store).realize(names))
            assert again == items
            profile_warm, _ = timed(
                lambda: build_profile(store, sorted(set(items.values())))
            )
            runnable = os.path.lexists(f"{profile}/usr/bin/bash")
            start = None
            if os.geteuid() == 0 and runnable:
                start = container_start(store, profile)
        files = host_files(names)
        anchor = copy_anchor(files)
        size = sum(os.path.getsize(f) for f in files)
    print(
        f"closure of {' '.join(names)}: {len(items)} packages, "
        f"{len(set(items.values()))} items, {len(files)} files, {size >> 20} MiB"
    )
    print(
        f"import cold   {cold * 1000:8.1f} ms  ({cold / anchor:.1f}x cp --parents "
        f"{anchor * 1000:.1f} ms)"
    )
    print(f"import warm   {warm * 1000:8.1f} ms")
    print(f"profile cold  {profile_cold * 1000:8.1f} ms")
    print(f"profile warm  {profile_warm * 1000:8.1f} ms")
    if start is not None:
        print(f"container bash -c true {start * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
