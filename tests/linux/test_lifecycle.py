"""Process checks T18 and T21-T24, T2's excursion half, and syscall error text."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import tempfile
import termios
import time
import tty
from pathlib import Path

import pytest
from oscdsl.linux import syscalls
from oscdsl.linux.container import (
    call_with_container,
    container_excursion,
    container_excursion_star,
    run_container,
)
from oscdsl.linux.errors import ContainerError

from .conftest import Runner, fork_runtime, write_result


def wait_for(path: Path, timeout: float = 5.0) -> None:
    """Wait until PATH exists, failing after TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def is_gone(pid: int) -> bool:
    """Return whether PID has exited (reaped, or a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            return file.read().rpartition(")")[2].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


# T21
@pytest.mark.parametrize("code", [0, 1, 42])
def test_exit_code_of_the_payload_is_returned(code: int) -> None:
    assert call_with_container([], lambda: code) == code


def test_system_exit_and_exceptions_give_their_status() -> None:
    assert call_with_container([], lambda: exit(3)) == 3

    def fail():
        raise RuntimeError("payload failed")

    assert call_with_container([], fail) == 1


def test_killed_payload_gives_128_plus_signal() -> None:
    def kill_self():
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(5)

    # As PID 2: a PID 1 cannot be killed from inside its own namespace.
    assert (
        call_with_container([], kill_self, child_is_pid1=False) == 128 + signal.SIGSEGV
    )
    hook = lambda pid: os.kill(pid, signal.SIGKILL)  # noqa: E731
    status = call_with_container([], lambda: time.sleep(5), process_spawned_hook=hook)
    assert status == 128 + signal.SIGKILL


# T22
def test_payload_dies_with_its_runtime(runner: Runner) -> None:
    pid_file = runner.out / "pid"

    def runtime() -> int:
        hook = lambda pid: pid_file.write_text(str(pid))  # noqa: E731
        return call_with_container(
            [], lambda: time.sleep(30), process_spawned_hook=hook
        )

    roots_before = set(Path(tempfile.gettempdir()).glob("oscdsl-container.*"))
    runtime_pid = fork_runtime(runtime)
    wait_for(pid_file)
    # The file exists before its content is written: wait for the number.
    deadline = time.monotonic() + 5
    while not pid_file.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.01)
    container = int(pid_file.read_text())
    assert not is_gone(container)
    os.kill(runtime_pid, signal.SIGKILL)
    os.waitpid(runtime_pid, 0)
    deadline = time.monotonic() + 5
    while not is_gone(container):
        assert time.monotonic() < deadline, "the container outlived its runtime"
        time.sleep(0.01)
    # A runtime killed outright cannot remove its (empty) root directory.
    for root in (
        set(Path(tempfile.gettempdir()).glob("oscdsl-container.*")) - roots_before
    ):
        root.rmdir()


# T23
@pytest.mark.parametrize("child_is_pid1", [True, False])
def test_sigterm_to_the_runtime_reaches_the_payload(
    runner: Runner, child_is_pid1: bool
) -> None:
    def payload() -> int:
        received = []
        signal.signal(signal.SIGTERM, lambda signum, _: received.append(signum))
        open("/out/ready", "w").close()
        while not received:
            signal.pause()
        write_result(received)
        return 7

    def runtime() -> int:
        return call_with_container(
            [runner.out_spec], payload, child_is_pid1=child_is_pid1
        )

    runtime_pid = fork_runtime(runtime)
    wait_for(runner.out / "ready")
    os.kill(runtime_pid, signal.SIGTERM)
    _, status = os.waitpid(runtime_pid, 0)
    assert os.waitstatus_to_exitcode(status) == 7
    assert runner.result() == [signal.SIGTERM]


# T24
def test_init_reaps_orphans_and_returns_the_payload_status(runner: Runner) -> None:
    def payload() -> int:
        reader, writer = os.pipe()
        for delay in (0, 30):
            middle = os.fork()
            if middle == 0:
                orphan = os.fork()
                if orphan == 0:  # adopted by PID 1 once MIDDLE exits
                    time.sleep(delay)
                    os._exit(0)
                os.write(writer, orphan.to_bytes(4, "little"))
                os._exit(0)
            os.waitpid(middle, 0)
        data = os.read(reader, 8)
        quick, sleeper = (
            int.from_bytes(data[:4], "little"),
            int.from_bytes(data[4:], "little"),
        )
        deadline = time.monotonic() + 5
        while os.path.exists(f"/proc/{quick}") and time.monotonic() < deadline:
            time.sleep(0.01)
        write_result(
            [os.path.exists(f"/proc/{quick}"), os.path.exists(f"/proc/{sleeper}")]
        )
        return 5

    start = time.monotonic()
    status = call_with_container([runner.out_spec], payload, child_is_pid1=False)
    assert status == 5
    # The exited orphan was reaped (not left a zombie); the other still ran.
    assert runner.result() == [False, True]
    assert time.monotonic() - start < 10  # the sleeping orphan did not hold us


# T18
def test_payload_cannot_inject_input_into_the_callers_terminal(runner: Runner) -> None:
    legacy = Path("/proc/sys/dev/tty/legacy_tiocsti")
    globally_disabled = legacy.exists() and legacy.read_text().strip() == "0"
    master, slave = os.openpty()

    def injection() -> str:
        try:
            fcntl.ioctl(0, termios.TIOCSTI, b"X")
            return "injected"
        except OSError as error:
            return errno.errorcode[error.errno]

    def runtime() -> int:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)  # the pty is our terminal
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        tty.setraw(0)  # injected bytes are readable at once, without a newline
        # Outside a container the harness can inject (unless the kernel
        # forbids TIOCSTI outright): it shows the check would catch it.
        control = injection()
        if control == "injected":
            os.read(0, 1)
        status = call_with_container(
            [runner.out_spec], lambda: write_result(injection())
        )
        fcntl.fcntl(0, fcntl.F_SETFL, os.O_NONBLOCK)
        try:
            leftover = os.read(0, 16).decode()
        except BlockingIOError:
            leftover = ""
        Path(runner.out / "control.txt").write_text(f"{control} {leftover!r}")
        return status

    pid = fork_runtime(runtime)
    os.close(slave)
    _, status = os.waitpid(pid, 0)
    os.close(master)
    assert os.waitstatus_to_exitcode(status) == 0
    control, leftover = (runner.out / "control.txt").read_text().split(" ")
    assert runner.result() in ("EPERM", "EIO")
    assert leftover == "''"  # nothing arrived on the terminal's input
    assert control == ("EIO" if globally_disabled else "injected") or globally_disabled


# T2, second half
def test_excursion_enters_exactly_the_container_namespaces(
    runner: Runner, tmp_path
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    names = ("cgroup", "ipc", "mnt", "net", "pid", "user", "uts")

    def payload():
        open("/out/ready", "w").close()
        time.sleep(30)

    pid = run_container(
        str(root), [runner.out_spec], names, 1, payload, hostname="inside"
    )
    try:
        wait_for(runner.out / "ready")
        expected = {name: os.readlink(f"/proc/{pid}/ns/{name}") for name in names}
        seen = container_excursion_star(
            pid,
            lambda: {
                "ns": {name: os.readlink(f"/proc/self/ns/{name}") for name in names},
                "pid1": os.path.exists("/proc/1"),
                "hostname": os.uname().nodename,
                "env": dict(os.environ),
            },
        )
        status = container_excursion(pid, lambda: 9)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert seen == {"ns": expected, "pid1": True, "hostname": "inside", "env": {}}
    assert status == 9


def test_excursion_into_a_missing_process_is_a_clear_error() -> None:
    with pytest.raises(ContainerError, match="no process 999999999 to enter"):
        container_excursion(999999999, lambda: 0)


def test_syscall_errors_name_the_call_its_arguments_and_errno(tmp_path: Path) -> None:
    def runtime() -> int:
        syscalls.unshare(syscalls.CLONE_NEWNS)
        try:
            syscalls.mount(
                "none", str(tmp_path / "missing"), "sysfs", syscalls.MS_RDONLY
            )
        except OSError as error:
            (tmp_path / "message").write_text(str(error))
            return error.errno
        return 0

    _, status = os.waitpid(fork_runtime(runtime), 0)
    assert os.waitstatus_to_exitcode(status) == errno.ENOENT
    target = f"{tmp_path}/missing"
    assert (tmp_path / "message").read_text() == (
        f'mount("none", "{target}", "sysfs", MS_RDONLY): No such file or directory'
    )
