"""``oscdsl container exec|status|stop PID``: act on a running container.

Each operation takes the PID of the container's PID 1 (or of one of its
processes), prints what the user needs and returns the exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from ..init.control import ControlError, request
from ..linux.container import container_excursion_star

DEFAULT_PATH = "/run/current-system/profile/bin:/bin:/usr/bin"
DESCRIPTION_COPY = "/run/oscdsl/description.json"
STOP_TIMEOUT = 30.0


def _error(message: str) -> None:
    """Print MESSAGE as an error of the ``container`` command."""
    print(f"oscdsl container: error: {message}", file=sys.stderr)


def container_path(pid: int) -> str:
    """Return the command search path of the container of PID.

    It is the PATH of the boot description that the boot program keeps in
    /run/oscdsl, else PID's own PATH, else a default.
    """
    try:
        with open(f"/proc/{pid}/root{DESCRIPTION_COPY}") as file:
            path = json.load(file).get("path")
        if isinstance(path, str) and path:
            return path
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/environ", "rb") as file:
            for entry in file.read().split(b"\0"):
                if entry.startswith(b"PATH="):
                    return entry[5:].decode(errors="replace")
    except OSError:
        pass
    return DEFAULT_PATH


def session_environment(path: str) -> dict[str, str]:
    """Return the environment of an exec session: PATH, root's, and TERM."""
    environment = {
        "PATH": path,
        "HOME": "/root",
        "USER": "root",
        "LOGNAME": "root",
    }
    if "TERM" in os.environ:
        environment["TERM"] = os.environ["TERM"]
    return environment


class _RunCommand:
    """The thunk of an exec session: run ARGV, return its raw wait status.

    It runs inside the container, where only what is imported already is
    available, so it uses nothing but ``os``.
    """

    def __init__(self, argv: list[str], environment: dict[str, str]) -> None:
        self.argv = argv
        self.environment = environment

    def __call__(self) -> tuple[str, Any]:
        """Return ("not-found", NAME) or ("status", RAW_WAIT_STATUS)."""
        program = self._find(self.argv[0])
        if program is None:
            return ("not-found", self.argv[0])
        child = os.fork()
        if child == 0:
            try:
                os.execve(program, self.argv, self.environment)
            except OSError as error:
                os.write(2, f"{program}: {error.strerror}\n".encode())
            os._exit(126)
        _, status = os.waitpid(child, 0)
        return ("status", status)

    def _find(self, name: str) -> str | None:
        """Return the program NAME in the session's PATH, or None."""
        if "/" in name:
            return name if os.path.exists(name) else None
        for directory in self.environment["PATH"].split(":"):
            candidate = os.path.join(directory or ".", name)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
        return None


def exec_in_container(pid: int, argv: list[str]) -> int:
    """Run ARGV inside the container of process PID; return its exit status.

    The status is the command's, 128+N when signal N killed it, 127 when
    it is not found, and 1 when the container cannot be entered.
    """
    if not argv:
        _error("no command given")
        return 2
    if not os.path.isdir(f"/proc/{pid}"):
        _error(f"no such process {pid}")
        return 1
    thunk = _RunCommand(list(argv), session_environment(container_path(pid)))
    try:
        result = container_excursion_star(pid, thunk)
    except Exception as error:  # ContainerError, imported only when raised
        _error(getattr(error, "message", None) or str(error))
        return 1
    if result is None:
        _error(f"cannot run {argv[0]} in process {pid}")
        return 1
    kind, value = result
    if kind == "not-found":
        _error(f"{value}: command not found")
        return 127
    if os.WIFSIGNALED(value):
        signum = os.WTERMSIG(value)
        _error(f"process terminated with signal {signum}")
        return 128 + signum
    code = os.waitstatus_to_exitcode(value)
    if code != 0:
        _error(f"process exited with status {code}")
    return code


def format_services(services: list[dict[str, Any]]) -> str:
    """Return SERVICES (as the control socket lists them) as a table."""
    rows = [("NAME", "STATE", "PID", "RESPAWNS", "LAST EXIT", "NOTE")]
    for service in services:
        last = service.get("last_status")
        rows.append(
            (
                service["name"],
                service["state"],
                "-" if service.get("pid") is None else str(service["pid"]),
                str(service.get("respawns", 0)),
                "-" if last is None else str(last),
                service.get("message", ""),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(5)]
        lines.append(("  ".join(cells) + "  " + row[5]).rstrip())
    return "\n".join(lines)


def status(pid: int) -> int:
    """Print the services of the container of PID and their state; return 0."""
    try:
        reply = request(pid, "status")
    except ControlError as error:
        _error(str(error))
        return 1
    print(format_services(reply["services"]))
    for failure in reply.get("activation_failures", []):
        print(f"activation step failed: {failure['step']}: {failure['detail']}")
    return 0


def stop(pid: int, timeout: float = STOP_TIMEOUT) -> int:
    """Stop the container whose PID 1 is PID cleanly; return 0 once it exited."""
    try:
        request(pid, "stop")
    except ControlError as error:
        _error(str(error))
        return 1
    deadline = time.monotonic() + timeout
    while _is_running(pid):
        if time.monotonic() > deadline:
            _error(f"process {pid} still running {timeout:g} s after stop")
            return 1
        time.sleep(0.02)
    return 0


def _is_running(pid: int) -> bool:
    """Return whether PID exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            return file.read().rpartition(")")[2].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


# ---------------------------------------------------------------------------
# Command-line wiring


def add_arguments(subparsers: Any) -> None:
    """Add the ``exec``, ``status`` and ``stop`` actions to SUBPARSERS."""
    run = subparsers.add_parser("exec", help="run a command in a running container")
    run.add_argument("pid", type=int, help="the PID of the container")
    run.add_argument("command", nargs=argparse.REMAINDER, help="command and args")
    run.set_defaults(container_operation="exec")
    show = subparsers.add_parser("status", help="list a container's services")
    show.add_argument("pid", type=int, help="the PID of the container")
    show.set_defaults(container_operation="status")
    halt = subparsers.add_parser("stop", help="stop a container cleanly")
    halt.add_argument("pid", type=int, help="the PID of the container")
    halt.add_argument("--timeout", type=float, default=STOP_TIMEOUT)
    halt.set_defaults(container_operation="stop")


def run_command(args: argparse.Namespace) -> int:
    """Run the action that add_arguments parsed into ARGS; return its status."""
    operation = args.container_operation
    if operation == "exec":
        command = list(args.command)
        if command[:1] == ["--"]:
            command = command[1:]
        return exec_in_container(args.pid, command)
    if operation == "status":
        return status(args.pid)
    return stop(args.pid, args.timeout)
