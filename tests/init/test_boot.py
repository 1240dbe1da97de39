"""Boot a real container whose PID 1 is the boot program, and inspect it.

One system with many services boots once for the module; the tests read its
files through /proc/PID/root, ask its control socket, enter it with
``exec``, and the last test stops it.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import time
from pathlib import Path

import pytest
from oscdsl.cli import container_ops
from oscdsl.init import boot
from oscdsl.init.control import ControlError, request

from .conftest import Booted, SystemTree, wait_until

WEB_SERVER = """
import signal, socket, sys
def bye(*_):
    open('/out/stops', 'a').write('web\\n')
    sys.exit(0)
signal.signal(signal.SIGTERM, bye)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(('127.0.0.1', 8080))
server.listen()
open('/out/order', 'a').write('web\\n')
while True:
    connection, _ = server.accept()
    connection.sendall(b'hello from web\\n')
    connection.close()
"""
WRITER = (
    'trap "echo writer >> /out/stops; exit 0" TERM; '
    "echo writer >> /out/order; echo writer started; "
    "env > /out/writer-env; pwd > /out/writer-pwd; "
    "while :; do sleep 0.1; done"
)
DAEMON = "sh -c 'sleep 0.3; echo $$ > /run/daemon.pid; exec sleep 1000' & exit 0"
ORPHANS = "(sleep 0.2 &); (sleep 0.2 &); (sleep 0.2 &); exec sleep 1000"


def build_system(system: SystemTree) -> None:
    """Declare the services of the module's system."""
    # Services of several users append to these.
    for name in ("order", "stops", "flaky"):
        (system.out / name).touch(mode=0o666)
        (system.out / name).chmod(0o666)
    system.description.directories.append(
        boot.Directory("/var/lib/ghost", "ghost", "root", 0o700)
    )
    system.description.unsupported = ["udev-service-type"]
    system.add_service("loopback", None)
    system.add_service("setup", ["sh", "-c", "echo setup >> /out/order"], one_shot=True)
    system.add_service(
        "writer",
        ["sh", "-c", WRITER],
        requirement=["setup", "loopback"],
        user="alice",
        group="users",
        directory="/home/alice",
        environment=["GREETING=hello"],
    )
    system.add_service(
        "web",
        [sys.executable, "-I", "-c", WEB_SERVER],
        provision=["web", "http"],
        requirement=["writer"],
    )
    system.add_service(
        "daemon", ["sh", "-c", DAEMON], requirement=["http"], pid_file="/run/daemon.pid"
    )
    system.add_service(
        "nopid",
        ["sleep", "1000"],
        pid_file="/run/never.pid",
    )
    system.description.services[-1].start.pid_file_timeout = 0.3
    system.add_service(
        "flaky",
        ["sh", "-c", "echo x >> /out/flaky; exit 1"],
        respawn=True,
        respawn_limit=(3, 10.0),
    )
    system.add_service("orphans", ["sh", "-c", ORPHANS])
    system.add_service("missing", ["true"], requirement=["nowhere"])
    system.add_service("cycle-a", ["true"], requirement=["cycle-b"])
    system.add_service("cycle-b", ["true"], requirement=["cycle-a"])
    system.add_service("badprog", ["/nonexistent/program"])
    system.add_service("manual", ["sleep", "1000"], auto_start=False)


@pytest.fixture(scope="module")
def booted(tmp_path_factory: pytest.TempPathFactory):
    """Boot the module's system; kill it afterwards if a test did not stop it."""
    system = SystemTree(tmp_path_factory.mktemp("system"))
    build_system(system)
    instance = Booted(system)
    yield instance
    instance.kill()


def out(booted: Booted, name: str) -> str:
    """Return the text a service left in /out/NAME."""
    return (booted.system.out / name).read_text()


# ---------------------------------------------------------------------------
# Activation


def test_accounts_are_written_from_the_description(booted: Booted) -> None:
    passwd = booted.path("/etc/passwd").read_text().splitlines()
    assert "alice:x:1000:100:Alice:/home/alice:/bin/sh" in passwd
    assert "nobody:x:65534:65534:Nobody:/:/bin/false" in passwd  # from etc
    group = booted.path("/etc/group").read_text().splitlines()
    assert "wheel:x:10:alice" in group
    assert "nogroup:x:65534:" in group
    shadow = booted.path("/etc/shadow")
    assert stat.S_IMODE(shadow.stat().st_mode) == 0o600
    assert "alice:!:0::::::" in shadow.read_text().splitlines()
    assert not booted.path("/etc/passwd").is_symlink()


def test_home_directories_belong_to_their_users(booted: Booted) -> None:
    home = booted.path("/home/alice").stat()
    assert (home.st_uid, home.st_gid) == (1000, 100)
    assert stat.S_IMODE(home.st_mode) == 0o700


def test_base_directories_and_links_exist(booted: Booted) -> None:
    assert stat.S_IMODE(booted.path("/tmp").stat().st_mode) == 0o1777
    assert booted.path("/var/log").is_dir()
    assert os.readlink(booted.path("/run/current-system")) == "/gnu/store/system"
    assert os.readlink(booted.path("/var/run")) == "/run"
    assert os.readlink(booted.path("/bin/sh")) == "/gnu/store/profile/bin/sh"
    assert os.readlink(booted.path("/etc/motd")) == "/etc/static/motd"
    assert os.readlink(booted.path("/etc/static")) == "/gnu/store/etc"
    svc = booted.path("/var/lib/svc").stat()
    assert (svc.st_uid, svc.st_gid, stat.S_IMODE(svc.st_mode)) == (990, 990, 0o750)


def test_failed_activation_steps_are_logged_and_reported(booted: Booted) -> None:
    reply = request(booted.pid, "status")
    assert reply["activation_failures"] == [
        {
            "step": "directory /var/lib/ghost",
            "detail": "no 'ghost' in /etc/passwd",
        }
    ]
    assert "directory /var/lib/ghost failed" in booted.console()
    # Later steps still ran.
    assert booted.path("/bin/sh").is_symlink()


def test_boot_program_logs_to_var_log(booted: Booted) -> None:
    text = booted.path("/var/log/oscdsl-init.log").read_text()
    assert "activation: accounts" in text
    assert "boot complete" in text


# ---------------------------------------------------------------------------
# Services


def test_services_start_in_requirement_order(booted: Booted) -> None:
    wait_until(lambda: (booted.system.out / "order").exists())
    assert out(booted, "order").split() == ["setup", "writer", "web"]
    services = booted.services()
    for name in ("loopback", "writer", "web", "daemon", "orphans"):
        assert services[name]["state"] == "running", services[name]
    assert services["setup"]["state"] == "stopped"
    assert services["setup"]["last_status"] == 0
    assert services["loopback"]["pid"] is None
    assert services["web"]["provision"] == ["web", "http"]
    assert services["manual"]["state"] == "stopped"


def test_service_runs_as_its_user_with_its_environment(booted: Booted) -> None:
    pid = booted.services()["writer"]["pid"]
    status = booted.path(f"/proc/{pid}/status").read_text()
    assert "Uid:\t1000\t1000\t1000\t1000" in status
    assert "Gid:\t100\t100\t100\t100" in status
    assert "Groups:\t10 100" in status
    environment = dict(
        line.split("=", 1) for line in out(booted, "writer-env").splitlines()
    )
    assert environment["GREETING"] == "hello"
    assert environment["PATH"] == booted.system.description.path
    assert "HOME" not in environment
    assert out(booted, "writer-pwd").strip() == "/home/alice"


def test_service_output_goes_to_its_log_file(booted: Booted) -> None:
    assert "writer started" in booted.path("/var/log/writer.log").read_text()
    assert (
        "cannot run /nonexistent/program"
        in booted.path("/var/log/badprog.log").read_text()
    )


def test_pid_file_names_the_service_process(booted: Booted) -> None:
    daemon = booted.services()["daemon"]
    assert daemon["pid"] == int(booted.path("/run/daemon.pid").read_text())
    nopid = booted.services()["nopid"]
    assert nopid["state"] == "failed"
    assert nopid["message"] == "pid file /run/never.pid did not appear within 0.3 s"


def test_respawning_service_is_disabled_after_its_limit(booted: Booted) -> None:
    flaky = wait_until(lambda: booted.services()["flaky"]["state"] == "disabled")
    assert flaky
    service = booted.services()["flaky"]
    assert service["respawns"] == 3
    assert service["last_status"] == 1
    assert out(booted, "flaky").split() == ["x"] * 4
    assert "service flaky respawning too fast" in booted.console()


def test_unstartable_services_fail_with_a_reason(booted: Booted) -> None:
    services = booted.services()
    assert services["missing"]["state"] == "failed"
    assert "'nowhere' is not provided" in services["missing"]["message"]
    assert services["cycle-a"]["message"] == (
        "requirement cycle: cycle-a -> cycle-b -> cycle-a"
    )
    assert services["badprog"]["state"] == "failed"
    assert services["badprog"]["message"].startswith("cannot run /nonexistent/program")


def test_unsupported_service_types_are_reported_once(booted: Booted) -> None:
    message = "service type udev-service-type is not implemented by oscdsl; not started"
    assert booted.console().count(message) == 1
    assert booted.services()["udev-service-type"]["state"] == "unsupported"


def container_processes(pid: int) -> dict[int, str]:
    """Return the host PIDs of the processes of PID's namespace and their states."""
    namespace = os.readlink(f"/proc/{pid}/ns/pid")
    states = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.readlink(entry / "ns/pid") == namespace:
                stat_line = (entry / "stat").read_text()
                states[int(entry.name)] = stat_line.rpartition(")")[2].split()[0]
        except OSError:
            continue
    return states


def test_orphans_of_services_are_reaped(booted: Booted) -> None:
    time.sleep(0.5)  # the orphaned sleeps exit after 0.2 s
    states = container_processes(booted.pid)
    assert "Z" not in states.values(), states
    assert len(states) >= 5  # init, writer, web, daemon, orphans


# ---------------------------------------------------------------------------
# The host side: status and exec


def test_status_lists_services_from_the_host(
    booted: Booted, capsys: pytest.CaptureFixture[str]
) -> None:
    assert container_ops.status(booted.pid) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "NAME",
        "STATE",
        "PID",
        "RESPAWNS",
        "LAST",
        "EXIT",
        "NOTE",
    ]
    rows = {line.split()[0]: line.split() for line in lines[1:] if line[:1] != "a"}
    assert rows["writer"][1] == "running"
    assert rows["udev-service-type"][1] == "unsupported"
    assert "activation step failed: directory /var/lib/ghost" in lines[-1]


def test_exec_sees_the_container(
    booted: Booted, capfd: pytest.CaptureFixture[str]
) -> None:
    script = (
        "tr '\\0' ' ' < /proc/1/cmdline; echo; hostname; echo $PATH $HOME $USER;"
        " cat /etc/motd; id -u"
    )
    assert container_ops.exec_in_container(booted.pid, ["sh", "-c", script]) == 0
    lines = capfd.readouterr().out.splitlines()
    assert "from oscdsl.init.__main__ import main" in lines[0]
    assert lines[0].rstrip().endswith(" /boot/description.json")
    assert lines[1] == "oscdsl-test"
    assert lines[2] == f"{booted.system.description.path} /root root"
    assert lines[3:] == ["welcome", "0"]


def test_exec_reaches_a_service_over_loopback(
    booted: Booted, capfd: pytest.CaptureFixture[str]
) -> None:
    client = (
        "import socket; print(socket.create_connection(('127.0.0.1', 8080)).recv(99))"
    )
    status = container_ops.exec_in_container(
        booted.pid, [sys.executable, "-I", "-c", client]
    )
    assert status == 0
    assert "hello from web" in capfd.readouterr().out


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["no-such-command"], 127, "no-such-command: command not found"),
        (["sh", "-c", "exit 3"], 3, "process exited with status 3"),
        (["sh", "-c", "kill -9 $$"], 137, "process terminated with signal 9"),
    ],
)
def test_exec_reports_the_command_status(
    booted: Booted,
    capfd: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
    message: str,
) -> None:
    assert container_ops.exec_in_container(booted.pid, argv) == status
    assert message in capfd.readouterr().err


def test_operations_on_a_missing_process_fail_clearly(
    capfd: pytest.CaptureFixture[str],
) -> None:
    missing = 4_000_000  # above pid_max
    assert container_ops.exec_in_container(missing, ["true"]) == 1
    assert container_ops.status(missing) == 1
    assert container_ops.stop(missing) == 1
    assert capfd.readouterr().err.count(f"no such process {missing}") == 1
    with pytest.raises(ControlError, match="no such process"):
        request(missing, "status")


def test_status_of_a_process_without_boot_program_fails() -> None:
    with pytest.raises(ControlError, match="runs no oscdsl boot program"):
        request(os.getpid(), "status")


# ---------------------------------------------------------------------------
# Stopping (last: it ends the module's container)


def test_stop_via_control_socket_stops_services_in_reverse_order(
    booted: Booted,
) -> None:
    assert container_ops.stop(booted.pid) == 0
    assert booted.wait() == 0
    assert out(booted, "stops").split() == ["web", "writer"]
    console = booted.console()
    stopped = [line.split()[2] for line in console.splitlines() if "stopped" in line]
    assert stopped[:5] == ["orphans", "daemon", "web", "writer", "loopback"]
    assert "all services stopped" in console


def test_sigterm_to_the_runtime_stops_the_container(
    system: SystemTree, boot_system
) -> None:
    # Each service says when its trap is set, so SIGTERM cannot come first.
    trap = (
        'trap "echo {0} >> /out/stops; exit 0" TERM; touch /out/{0}-ready;'
        " while :; do sleep 0.1; done"
    )
    system.add_service("first", ["sh", "-c", trap.format("first")])
    system.add_service(
        "second", ["sh", "-c", trap.format("second")], requirement=["first"]
    )
    system.add_service(
        "stubborn",
        [
            "sh",
            "-c",
            'trap "" TERM; touch /out/stubborn-ready; while :; do sleep 0.1; done',
        ],
        requirement=["second"],
        stop_grace=0.3,
    )
    booted = boot_system(system)
    names = ("first", "second", "stubborn")
    wait_until(lambda: all((system.out / f"{n}-ready").exists() for n in names))
    os.kill(booted.runtime_pid, signal.SIGTERM)
    assert booted.wait() == 0
    assert (system.out / "stops").read_text().split() == ["second", "first"]
    console = booted.console()
    assert "received SIGTERM: stopping" in console
    assert "service stubborn still running 0.3 s after signal 15; killing it" in console
