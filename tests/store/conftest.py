"""Fixtures for the store tests: a real store and /bin/sh derivations in it."""

from __future__ import annotations

import os

import pytest
from oscdsl.store import Store

#: The PATH builders get, since the store gives them none by default.
HOST_PATH = "/usr/bin:/bin"


@pytest.fixture
def store(tmp_path):
    """Return a fresh Store in TMP_PATH, closed after the test."""
    with Store(str(tmp_path / "store"), str(tmp_path / "state")) as the_store:
        yield the_store


def sh_derivation(
    store: Store,
    name: str,
    script: str,
    *,
    inputs: dict[str, list[str]] | None = None,
    sources: tuple[str, ...] = (),
    outputs: tuple[str, ...] = ("out",),
    env: dict[str, str] | None = None,
    fixed=None,
) -> str:
    """Write a derivation NAME whose builder runs SCRIPT (a text item) with /bin/sh."""
    builder_script = store.add_text(f"{name}-builder.sh", script)
    drv = store.derivation(
        name,
        "/bin/sh",
        ["-e", builder_script],
        env={"PATH": HOST_PATH, **(env or {})},
        input_derivations=inputs or {},
        input_sources=(builder_script, *sources),
        outputs=outputs,
        fixed=fixed,
    )
    return store.write_derivation(drv)


def mode_of(path: str) -> int:
    """Return the permission bits of PATH (not following a symlink)."""
    return os.lstat(path).st_mode & 0o7777
