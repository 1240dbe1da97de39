"""Host packages running in a real container that maps no host directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from oscdsl.linux.container import call_with_container
from oscdsl.linux.filesystems import bind_spec
from oscdsl.packages.dpkg import DpkgDatabase
from oscdsl.packages.importer import import_packages
from oscdsl.packages.profile import build_profile, populate_root, profile_environment
from oscdsl.store import Store

if os.geteuid() != 0:
    pytest.skip("the container tests run as root", allow_module_level=True)
if not os.path.exists("/proc/self/ns/user"):
    pytest.skip("this kernel has no user namespaces", allow_module_level=True)


def run_in_profile(
    store: Store, profile: str, out: Path, script: str
) -> tuple[int, str]:
    """Run SCRIPT with the profile's bash in a container; return (status, output).

    The container's only host directories are the store (read-only) and OUT,
    which receives the output.
    """
    out.mkdir(exist_ok=True)
    out.chmod(0o777)
    environment = profile_environment(profile)

    def payload() -> None:
        log = os.open("/out/log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.execve("/bin/bash", ["bash", "-c", script], environment)

    mounts = [bind_spec(store.prefix, read_only=True), bind_spec(str(out), "/out")]
    status = call_with_container(
        mounts, payload, populate_file_system=lambda: populate_root(profile)
    )
    return status, (out / "log").read_text()


def host_only_file() -> str:
    """Return a file of the host's /usr that no package of the profile owns."""
    database = DpkgDatabase()
    files = database.files(database.lookup("dpkg"))
    return next(p for p in files if p.startswith("/usr/share/") and os.path.isfile(p))


def test_bash_and_coreutils_run_from_the_profile_alone(
    store: Store, tmp_path: Path
) -> None:
    profile = build_profile(store, import_packages(store, ["bash", "coreutils"]))
    hidden = host_only_file()
    script = (
        "ls /; echo ok; "
        f"test -e {hidden} && echo host-visible || echo host-hidden; "
        "readlink /proc/self/exe"
    )
    status, output = run_in_profile(store, profile, tmp_path / "out", script)
    lines = output.split()
    assert status == 0, output
    assert {"bin", "lib", "lib64", "sbin", "usr", "ok", "host-hidden"} <= set(lines)
    assert lines[-1].startswith(store.prefix + "/") and lines[-1].endswith(
        "/bin/readlink"
    )


def test_alternatives_link_runs_the_chosen_program(
    store: Store, tmp_path: Path, netcat: str
) -> None:
    if os.path.realpath("/etc/alternatives/nc") != "/usr/bin/nc.openbsd":
        pytest.skip("nc is not netcat-openbsd's on this host")
    profile = build_profile(store, import_packages(store, ["bash", netcat]))
    status, output = run_in_profile(
        store, profile, tmp_path / "out", "nc -h 2>&1; true"
    )
    assert status == 0, output
    assert "OpenBSD netcat" in output
