"""End to end: a config is built into run-container, boots, serves, and stops.

Everything is real: the store is a temporary one, the packages are the
host's, imported into it, and the container runs in new namespaces as root.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "examples" / "web-container.scm"
CLIENT = "import urllib.request as u; print(u.urlopen('http://127.0.0.1:8080').read().decode())"


@pytest.fixture(scope="module")
def store_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("e2e")
    return {
        **os.environ,
        "OSCDSL_STORE": str(base / "store"),
        "OSCDSL_STATE_DIR": str(base / "state"),
    }


def oscdsl(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oscdsl", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def run_container(store_env) -> str:
    result = oscdsl(store_env, "container", str(WEB))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_container_prints_an_executable_script_and_paths_are_stable(
    run_container: str, store_env
) -> None:
    assert run_container.startswith(store_env["OSCDSL_STORE"] + "/")
    assert run_container.endswith("-run-container")
    assert os.access(run_container, os.X_OK)
    again = oscdsl(store_env, "container", str(WEB))
    assert again.stdout.splitlines()[-1] == run_container


class Container:
    """A running container, started by its run-container script."""

    def __init__(self, script: str, env: dict) -> None:
        self.env = env
        self.process = subprocess.Popen(
            [script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        line = self.process.stdout.readline()
        assert "running as PID" in line, line + self.process.stderr.read()
        self.pid = int(line.split("PID")[1])
        self.wait_for("web", "running")

    def status(self) -> str:
        return oscdsl(self.env, "container", "status", str(self.pid)).stdout

    def wait_for(self, service: str, state: str) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            rows = [line.split() for line in self.status().splitlines()]
            if [service, state] in [row[:2] for row in rows]:
                return
            time.sleep(0.2)
        raise AssertionError(self.status())

    def exec(self, *command: str) -> subprocess.CompletedProcess:
        return oscdsl(self.env, "container", "exec", str(self.pid), "--", *command)


@pytest.fixture
def container(run_container: str, store_env):
    running = Container(run_container, store_env)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_service_answers_inside_its_container(container: Container) -> None:
    for _ in range(50):
        reply = container.exec("python3", "-c", CLIENT)
        if reply.returncode == 0:
            break
        time.sleep(0.2)
    assert reply.stdout == "Hello from a system container built by oscdsl!\n\n"


def test_accounts_etc_and_isolation(container: Container) -> None:
    shell = container.exec(
        "sh",
        "-c",
        "grep ^alice: /etc/passwd; stat -c '%U %G %a' /home/alice;"
        " cat /etc/hostname; stat -c %a /tmp; readlink /run/current-system;"
        " echo $$; ls /proc | grep -c '^[0-9]'",
    )
    lines = shell.stdout.splitlines()
    assert lines[0].startswith("alice:x:1000:")
    assert lines[1] == "alice users 700"
    assert lines[2] == "web"
    assert lines[3] == "1777"
    assert lines[4].endswith("-system-web")
    assert int(lines[5]) > 1  # a process of the container's own PID namespace
    assert not Path(f"/proc/{container.pid}/root/usr/include/stdio.h").exists() or not (
        Path("/usr/include/stdio.h").exists()
    )
    usr = os.readlink(f"/proc/{container.pid}/root/usr")
    assert usr.endswith("-system-profile/usr")


def test_unsupported_services_are_reported_not_dropped(container: Container) -> None:
    table = container.status()
    assert "udev" in table and "unsupported" in table


def test_stop_stops_services_and_the_runtime_exits_zero(container: Container) -> None:
    assert (
        oscdsl(container.env, "container", "stop", str(container.pid)).returncode == 0
    )
    assert container.process.wait(timeout=30) == 0
    log = container.process.stderr.read()
    assert log.index("service web stopped") < log.index("service loopback stopped")


def test_sigterm_to_run_container_stops_the_system(container: Container) -> None:
    container.process.send_signal(signal.SIGTERM)
    assert container.process.wait(timeout=30) == 0
    assert "all services stopped" in container.process.stderr.read()


def test_exec_reports_a_missing_command(container: Container) -> None:
    result = container.exec("no-such-command")
    assert result.returncode == 127


def test_gc_keeps_the_packages_of_a_rooted_system(store_env, tmp_path: Path) -> None:
    root = tmp_path / "system-root"
    built = oscdsl(store_env, "container", str(WEB), "--root", str(root))
    assert built.returncode == 0, built.stderr
    dead = oscdsl(store_env, "gc", "--list-dead").stdout.split()
    live = oscdsl(store_env, "gc", "--list-live").stdout.split()
    assert any(path.endswith("-system-profile") for path in live)
    assert not any("python3" in path for path in dead)


def test_bare_bones_builds_and_explain_lists_removals(store_env) -> None:
    bare = ROOT / "examples" / "bare-bones.scm"
    built = oscdsl(store_env, "container", str(bare))
    assert built.returncode == 0, built.stderr
    assert os.access(built.stdout.splitlines()[-1], os.X_OK)
    explained = oscdsl(store_env, "explain", str(bare)).stdout
    assert "mingetty" in explained and "removed" in explained


def test_gc_spares_a_running_container(container: Container) -> None:
    profile = os.path.dirname(os.readlink(f"/proc/{container.pid}/root/usr"))
    dead = oscdsl(container.env, "gc", "--list-dead").stdout.split()
    assert not any(path.endswith("-system-web") for path in dead)
    assert profile not in dead
