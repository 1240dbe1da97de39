"""Boot real containers whose PID 1 is ``python -m oscdsl.init``.

A test system is a directory tree standing in for the store (an etc
directory, a profile, a system directory), mapped read-only on /gnu/store,
with the host's /usr, this interpreter and the checkout mapped read-only so
that the boot program runs, and a writable /out where services leave
evidence for the test to read from the host.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from oscdsl.init import boot
from oscdsl.init.control import ControlError, request
from oscdsl.init.launch import boot_thunk, interpreter_mounts
from oscdsl.linux.container import call_with_container
from oscdsl.linux.filesystems import bind_spec

if os.geteuid() != 0:
    pytest.skip("the boot tests run containers as root", allow_module_level=True)
if not os.path.exists("/proc/self/ns/user"):
    pytest.skip("this kernel has no user namespaces", allow_module_level=True)

STORE = "/gnu/store"
HOST_NAME = "oscdsl-test"
# Only the loader's directories: /bin stays free for activation's /bin/sh.
LIB_LINKS = {"lib": "usr/lib", "lib64": "usr/lib64"}


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Return PREDICATE's first true value, failing after TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        time.sleep(0.02)


def populate_lib_links() -> None:
    """Make the host's loader and libraries reachable at /lib and /lib64."""
    for name, target in LIB_LINKS.items():
        if os.path.exists("/" + target):
            os.symlink(target, "/" + name)


class SystemTree:
    """A system tree under DIRECTORY and the description of how to boot it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.store = directory / "store"
        self.out = directory / "out"
        self.boot_dir = directory / "boot"
        for path in (self.store, self.boot_dir):
            path.mkdir(parents=True)
        self.out.mkdir()
        self.out.chmod(0o777)
        self._make_store()
        self.description = boot.BootDescription(
            host_name=HOST_NAME,
            system=f"{STORE}/system",
            etc=f"{STORE}/etc",
            profile=f"{STORE}/profile",
            path=f"{STORE}/profile/bin:/usr/bin:/usr/sbin",
            users=[
                boot.UserAccount("root", 0, 0, "System administrator", "/root"),
                boot.UserAccount(
                    "alice",
                    1000,
                    100,
                    "Alice",
                    "/home/alice",
                    create_home=True,
                    supplementary_groups=["wheel"],
                ),
                boot.UserAccount("svc", 990, 990, "daemon", "/var/empty", system=True),
            ],
            groups=[
                boot.UserGroup("root", 0),
                boot.UserGroup("wheel", 10),
                boot.UserGroup("users", 100),
                boot.UserGroup("svc", 990, system=True),
            ],
            directories=[boot.Directory("/var/lib/svc", "svc", "svc", 0o750)],
        )

    def _make_store(self) -> None:
        """Write the etc directory, the profile and the system directory."""
        etc = self.store / "etc"
        etc.mkdir()
        (etc / "hostname").write_text(HOST_NAME + "\n")
        (etc / "os-release").write_text('NAME="oscdsl test"\nID=oscdsl\n')
        (etc / "profile").write_text("export PS1='# '\n")
        (etc / "motd").write_text("welcome\n")
        (etc / "passwd").write_text("nobody:x:65534:65534:Nobody:/:/bin/false\n")
        (etc / "group").write_text("nogroup:x:65534:\n")
        profile_bin = self.store / "profile" / "bin"
        profile_bin.mkdir(parents=True)
        (profile_bin / "sh").symlink_to("/usr/bin/dash")
        (profile_bin / "env").symlink_to("/usr/bin/env")
        system = self.store / "system"
        system.mkdir()
        (system / "etc").symlink_to(f"{STORE}/etc")
        (system / "profile").symlink_to(f"{STORE}/profile")

    def add_service(self, name: str, argv: list[str] | None, **fields: Any) -> None:
        """Declare service NAME running ARGV (None: nothing to run)."""
        start_fields = {
            k: fields.pop(k)
            for k in list(fields)
            if k in ("user", "group", "directory", "environment", "pid_file")
        }
        start = None if argv is None else boot.ForkExec(argv, **start_fields)
        provision = fields.pop("provision", [name])
        self.description.services.append(
            boot.Service(provision=provision, start=start, **fields)
        )

    def mounts(self) -> list:
        """Return the container's file systems."""
        return [
            bind_spec("/usr", read_only=True),
            *interpreter_mounts(),
            bind_spec(str(self.store), STORE, read_only=True),
            bind_spec(str(self.boot_dir), "/boot", read_only=True),
            bind_spec(str(self.out), "/out"),
        ]

    def runtime(self) -> int:
        """Run the container (in a forked runtime process); return its status."""
        self.description.save(str(self.boot_dir / "description.json"))
        console = os.open(
            self.directory / "console.log", os.O_WRONLY | os.O_CREAT, 0o644
        )
        os.dup2(console, 1)
        os.dup2(console, 2)
        pid_file = self.directory / "pid"
        return call_with_container(
            self.mounts(),
            boot_thunk("/boot/description.json"),
            namespaces=("mnt", "pid", "ipc", "uts", "user", "net", "cgroup"),
            host_uids=65536,
            populate_file_system=populate_lib_links,
            writable_root=True,
            lock_mounts=False,
            hostname=HOST_NAME,
            process_spawned_hook=lambda pid: pid_file.write_text(str(pid)),
        )


class Booted:
    """A running test system: its runtime process and the container's PID 1."""

    def __init__(self, system: SystemTree) -> None:
        self.system = system
        self.runtime_pid = _fork(system.runtime)
        pid_file = system.directory / "pid"
        wait_until(pid_file.exists)
        self.pid = int(pid_file.read_text())
        wait_until(lambda: "boot complete" in self.console())

    def console(self) -> str:
        """Return what PID 1 wrote on the console so far."""
        path = self.system.directory / "console.log"
        return path.read_text() if path.exists() else ""

    def path(self, container_path: str) -> Path:
        """Return CONTAINER_PATH as the host sees it through /proc/PID/root."""
        return Path(f"/proc/{self.pid}/root{container_path}")

    def services(self) -> dict[str, dict[str, Any]]:
        """Return the services PID 1 reports, by name."""
        reply = request(self.pid, "status")
        return {service["name"]: service for service in reply["services"]}

    def wait(self, timeout: float = 20.0) -> int:
        """Wait for the runtime to exit; return its exit status."""
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.runtime_pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            assert time.monotonic() < deadline, "the container did not stop"
            time.sleep(0.02)

    def kill(self) -> None:
        """Make sure the container is gone (teardown)."""
        try:
            os.kill(self.runtime_pid, signal.SIGKILL)
            os.waitpid(self.runtime_pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _fork(body: Callable[[], int]) -> int:
    """Run BODY in a forked process; return its PID."""
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


@pytest.fixture
def system(tmp_path: Path) -> SystemTree:
    """Return a fresh test system without services."""
    return SystemTree(tmp_path)


@pytest.fixture
def boot_system() -> Iterator[Callable[[SystemTree], Booted]]:
    """Return a function booting a test system; the containers die afterwards."""
    booted: list[Booted] = []

    def start(system: SystemTree) -> Booted:
        booted.append(Booted(system))
        return booted[-1]

    yield start
    for instance in booted:
        instance.kill()


__all__ = ["ControlError", "SystemTree", "Booted", "wait_until"]
