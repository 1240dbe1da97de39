"""Fixtures for the host-package tests: a real store and real dpkg packages."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from oscdsl.packages.dpkg import DpkgDatabase
from oscdsl.store import Store

if not os.path.exists("/var/lib/dpkg/status"):
    pytest.skip("host packages need a Debian-family host", allow_module_level=True)


def make_store(directory: Path) -> Store:
    """Return a store whose prefix and state live under DIRECTORY."""
    return Store(str(directory / "store"), str(directory / "state"))


@pytest.fixture
def store(tmp_path: Path):
    """Yield a fresh store in TMP_PATH, closed afterwards."""
    with make_store(tmp_path) as fresh:
        yield fresh


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):
    """Yield a store shared by a module's tests that only read what they import."""
    with make_store(tmp_path_factory.mktemp("shared")) as fresh:
        yield fresh


def ensure_installed(*names: str) -> None:
    """Install the host packages NAMES with apt unless they are; skip if apt fails."""
    database = DpkgDatabase()
    missing = [name for name in names if database.lookup(name) is None]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip(f"needs the host packages {missing} and cannot install them")
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        pytest.skip(f"apt-get install {' '.join(missing)} failed: {result.stderr}")


@pytest.fixture(scope="session")
def netcat() -> str:
    """Return the name of the host's netcat package, installed if needed."""
    ensure_installed("netcat-openbsd")
    return "netcat-openbsd"
