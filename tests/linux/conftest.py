"""Helpers for the container tests: real namespaces, real mounts, real processes.

Payloads are Python callables run in the container; they write what they
observe as JSON to ``/out/result.json``, a writable bind of a host directory
that the test then reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from oscdsl.linux.container import call_with_container
from oscdsl.linux.filesystems import FileSystemSpec, bind_spec

if os.geteuid() != 0:
    pytest.skip("the container tests run as root", allow_module_level=True)
if not os.path.exists("/proc/self/ns/user"):
    pytest.skip("this kernel has no user namespaces", allow_module_level=True)

USR_LINKS = {
    "bin": "usr/bin",
    "lib": "usr/lib",
    "lib64": "usr/lib64",
    "sbin": "usr/sbin",
}


def populate_usr_links() -> None:
    """Create /bin, /lib, /lib64 and /sbin links into the bound /usr."""
    for name, target in USR_LINKS.items():
        if os.path.exists("/" + target):
            os.symlink(target, "/" + name)


def write_result(value: Any) -> None:
    """Write VALUE as the payload's result, to be read by the test."""
    with open("/out/result.json", "w") as out:
        json.dump(value, out)


class Runner:
    """Run payloads in containers whose /out is the host directory OUT."""

    def __init__(self, out: Path) -> None:
        self.out = out

    @property
    def out_spec(self) -> FileSystemSpec:
        """Return the spec binding the result directory on /out."""
        return bind_spec(str(self.out), "/out")

    def run(
        self,
        observe: Callable[[], Any],
        mounts: list[FileSystemSpec] = (),
        **options: Any,
    ) -> tuple[int, Any]:
        """Run OBSERVE in a container; return (exit status, what it returned)."""

        def payload() -> int:
            write_result(observe())
            return 0

        status = call_with_container([self.out_spec, *mounts], payload, **options)
        return status, self.result()

    def result(self) -> Any:
        """Return the JSON the last payload wrote, or None."""
        path = self.out / "result.json"
        if not path.exists():
            return None
        value = json.loads(path.read_text())
        path.unlink()
        return value


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    """Return a Runner writing results under TMP_PATH, readable by any uid."""
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)
    return Runner(out)


@pytest.fixture
def usr_mounts() -> list[FileSystemSpec]:
    """Return mounts giving the container the host's /usr, read-only."""
    return [bind_spec("/usr", read_only=True)]


def host_mountinfo() -> list[str]:
    """Return the mount points of this process's mount namespace."""
    with open("/proc/self/mountinfo") as file:
        return sorted(line.split()[4] for line in file)


def fork_runtime(body: Callable[[], int]) -> int:
    """Run BODY in a forked runtime process; return that process's PID."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            status = body()
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(status)
    return pid
