"""The service supervisor that PID 1 runs after activation.

It starts services in requirement order, sends their output to log files,
respawns those that ask for it (within a limit), reaps every child and
orphan, answers the control socket, and on SIGTERM, SIGINT or a ``stop``
request stops the services in reverse start order before returning.
Everything runs in one thread around one ``selectors`` loop; signals only
wake it up through :func:`signal.set_wakeup_fd`.
"""

from __future__ import annotations

import errno
import logging
import os
import selectors
import signal
import socket
import subprocess
import time
from collections import deque
from dataclasses import dataclass, field

from .activation import ActivationReport, read_colon_file
from .boot import BootDescription, ForkExec, Service
from .control import ControlServer

log = logging.getLogger(__name__)

RUNNING = "running"
STOPPED = "stopped"
FAILED = "failed"
DISABLED = "disabled"
UNSUPPORTED = "unsupported"

SHUTDOWN_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# How long leftover processes get between SIGTERM and SIGKILL at shutdown.
LEFTOVER_GRACE = 1.0
POLL_INTERVAL = 0.01


@dataclass
class ServiceRecord:
    """What the supervisor knows of one service while the system runs."""

    name: str
    provision: list[str]
    service: Service | None = None
    state: str = STOPPED
    pid: int | None = None
    respawns: int = 0
    last_status: int | None = None
    message: str = ""
    starts: deque[float] = field(default_factory=deque)
    process: subprocess.Popen[bytes] | None = None
    stopping: bool = False

    def to_json(self) -> dict[str, object]:
        """Return the record as the control socket reports it."""
        return {
            "name": self.name,
            "provision": self.provision,
            "state": self.state,
            "pid": self.pid,
            "respawns": self.respawns,
            "last_status": self.last_status,
            "message": self.message,
        }


class StartError(Exception):
    """A service could not be started; the message says why."""


def describe_status(status: int) -> str:
    """Return raw wait STATUS in words, as ``guix container exec`` reports it."""
    if os.WIFSIGNALED(status):
        return f"terminated with signal {os.WTERMSIG(status)}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


def shell_status(status: int) -> int:
    """Return raw wait STATUS as a shell does: the exit code, or 128+signal."""
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


# ---------------------------------------------------------------------------
# Requirement order


def start_order(services: list[Service]) -> tuple[list[Service], dict[str, str]]:
    """Return the services to start at boot, requirements first, and the problems.

    The services are those that auto-start and, transitively, what they
    require.  Problems map a service name to why it cannot start: a
    requirement nobody provides, or a requirement cycle.
    """
    provider = {name: s for s in services for name in s.provision}
    order: list[Service] = []
    problems: dict[str, str] = {}
    state: dict[str, str] = {}  # name -> "visiting" | "done"

    def visit(service: Service, path: list[str]) -> None:
        if state.get(service.name) == "done":
            return
        if state.get(service.name) == "visiting":
            cycle = path[path.index(service.name) :] + [service.name]
            for name in cycle:
                problems.setdefault(name, "requirement cycle: " + " -> ".join(cycle))
            return
        state[service.name] = "visiting"
        for requirement in service.requirement:
            required = provider.get(requirement)
            if required is None:
                problems.setdefault(
                    service.name,
                    f"requirement {requirement!r} is not provided by any service",
                )
            else:
                visit(required, path + [service.name])
        state[service.name] = "done"
        order.append(service)

    for service in services:
        if service.auto_start:
            visit(service, [])
    return order, problems


# ---------------------------------------------------------------------------
# Accounts, as the container sees them


@dataclass
class Credentials:
    """The ids a service runs with."""

    uid: int
    gid: int
    groups: list[int]
    home: str


def resolve_credentials(user: str | None, group: str | None) -> Credentials | None:
    """Return the ids of USER and GROUP from the container's account files.

    None means: stay root.  The files are read now, after activation wrote
    them, and never through the host's NSS.
    """
    if user is None and group is None:
        return None
    passwd = {e[0]: e for e in read_colon_file("/etc/passwd") if len(e) >= 7}
    groups = [e for e in read_colon_file("/etc/group") if len(e) >= 4]
    name = user or "root"
    entry = passwd.get(name)
    if entry is None:
        raise StartError(f"unknown user {name!r} (not in /etc/passwd)")
    gid = int(entry[3])
    if group is not None:
        by_name = {e[0]: int(e[2]) for e in groups}
        if group not in by_name:
            raise StartError(f"unknown group {group!r} (not in /etc/group)")
        gid = by_name[group]
    supplementary = [int(e[2]) for e in groups if name in e[3].split(",")]
    return Credentials(int(entry[2]), gid, sorted({gid, *supplementary}), entry[5])


# ---------------------------------------------------------------------------
# The supervisor


class Supervisor:
    """Run the services of DESCRIPTION as PID 1 of a container."""

    def __init__(
        self, description: BootDescription, activation: ActivationReport | None = None
    ) -> None:
        self.description = description
        self.activation = activation
        self.records: dict[str, ServiceRecord] = {}
        self.providers: dict[str, ServiceRecord] = {}
        self.started: list[ServiceRecord] = []
        self.children: dict[int, ServiceRecord] = {}
        self.shutdown_requested = False
        self.selector = selectors.DefaultSelector()
        self.wakeup_read, self.wakeup_write = socket.socketpair()
        self.control: ControlServer | None = None
        for service in description.services:
            record = ServiceRecord(service.name, list(service.provision), service)
            self.records[service.name] = record
            for name in service.provision:
                self.providers[name] = record
        for type_name in description.unsupported:
            self.records.setdefault(
                type_name, ServiceRecord(type_name, [], None, UNSUPPORTED)
            )

    # -- setting up ---------------------------------------------------------

    def install_signal_handlers(self) -> None:
        """Route SIGCHLD, SIGTERM, SIGINT and SIGHUP to the event loop.

        A PID 1 ignores every signal it has no handler for, so each one
        needs a handler, even though the handler does nothing: the C-level
        handler writes the signal number to the wakeup socket.
        """
        for sock in (self.wakeup_read, self.wakeup_write):
            sock.setblocking(False)
        signal.set_wakeup_fd(self.wakeup_write.fileno(), warn_on_full_buffer=False)
        for signum in (signal.SIGCHLD, signal.SIGHUP, *SHUTDOWN_SIGNALS):
            signal.signal(signum, _ignore)
        self.selector.register(self.wakeup_read, selectors.EVENT_READ, "signal")

    def open_control_socket(self) -> None:
        """Listen on the control socket; a failure is logged, not fatal."""
        try:
            self.control = ControlServer(self.handle_request)
        except OSError as error:
            log.error("no control socket: %s", error)
            return
        self.selector.register(self.control.sock, selectors.EVENT_READ, "control")

    def report_unsupported(self) -> None:
        """Say once, at boot, which service types this system cannot run."""
        for type_name in self.description.unsupported:
            log.warning(
                "service type %s is not implemented by oscdsl; not started", type_name
            )

    # -- the main loop ------------------------------------------------------

    def run(self) -> int:
        """Boot the services, serve until asked to stop, stop; return 0."""
        self.install_signal_handlers()
        self.open_control_socket()
        self.report_unsupported()
        self.start_all()
        running = sum(r.state == RUNNING for r in self.records.values())
        log.info("boot complete: %d services running", running)
        while not self.shutdown_requested:
            self.wait_for_events(None)
        self.shutdown()
        return 0

    def wait_for_events(self, timeout: float | None) -> None:
        """Handle signals, child exits and control requests for up to TIMEOUT s."""
        for key, _ in self.selector.select(timeout):
            if key.data == "signal":
                self._drain_signals()
            elif key.data == "control" and self.control is not None:
                self.control.accept()
        self.reap()

    def _drain_signals(self) -> None:
        """Read the pending signal numbers; note a request to shut down."""
        try:
            data = self.wakeup_read.recv(512)
        except BlockingIOError:
            return
        for signum in data:
            if signum in SHUTDOWN_SIGNALS and not self.shutdown_requested:
                log.info("received %s: stopping", signal.Signals(signum).name)
                self.shutdown_requested = True

    def handle_request(self, command: str) -> dict[str, object]:
        """Answer control COMMAND (``status`` or ``stop``)."""
        if command == "status":
            failures = []
            if self.activation is not None:
                failures = [
                    {"step": s.name, "detail": s.detail}
                    for s in self.activation.failures
                ]
            services = [record.to_json() for record in self.records.values()]
            return {"services": services, "activation_failures": failures}
        if command == "stop":
            log.info("stop requested on the control socket")
            self.shutdown_requested = True
            return {"stopping": True}
        return {"error": f"unknown command {command!r} (known: status, stop)"}

    # -- starting -----------------------------------------------------------

    def start_all(self) -> None:
        """Start the auto-start services and their requirements, in order."""
        order, problems = start_order(self.description.services)
        for name, problem in problems.items():
            self._fail(self.records[name], problem)
        for service in order:
            record = self.records[service.name]
            if record.state == FAILED:
                continue
            blocked = self._unsatisfied_requirement(service)
            if blocked is not None:
                self._fail(record, f"requirement {blocked!r} is not running")
                continue
            self.start(record)
            if self.shutdown_requested:
                return

    def _unsatisfied_requirement(self, service: Service) -> str | None:
        """Return the first requirement of SERVICE that is not satisfied."""
        for requirement in service.requirement:
            provider = self.providers[requirement]
            done = provider.service is not None and provider.service.one_shot
            if provider.state != RUNNING and not (done and provider.last_status == 0):
                return requirement
        return None

    def _fail(self, record: ServiceRecord, message: str) -> None:
        """Mark RECORD failed because of MESSAGE, and say so."""
        record.state = FAILED
        record.message = message
        log.error("service %s failed to start: %s", record.name, message)

    def start(self, record: ServiceRecord) -> None:
        """Start the service of RECORD; mark it running, stopped or failed."""
        service = record.service
        assert service is not None
        if service.start is None:
            record.state = RUNNING
            record.message = "nothing to run"
            log.info("service %s is running (nothing to run)", record.name)
            self._note_started(record)
            return
        try:
            process = spawn(record.name, service.start, self.description.path)
        except StartError as error:
            self._fail(record, str(error))
            return
        record.process = process
        record.pid = process.pid
        record.starts.append(time.monotonic())
        self.children[process.pid] = record
        record.state = RUNNING
        record.message = ""
        if service.one_shot:
            self._wait_one_shot(record)
            return
        if service.start.pid_file is not None:
            self._wait_pid_file(record, service.start)
            if record.state != RUNNING:
                return
        log.info("service %s is running (pid %d)", record.name, record.pid)
        self._note_started(record)

    def _note_started(self, record: ServiceRecord) -> None:
        """Remember that RECORD started, for the reverse order of shutdown."""
        if record not in self.started:
            self.started.append(record)

    def _wait_one_shot(self, record: ServiceRecord) -> None:
        """Wait for the one-shot service of RECORD to finish.

        Its dependents start only after it did its job.
        """
        # Limitation: signals and control requests wait until the one-shot
        # service is done, because this wait does not run the event loop.
        _, status = os.waitpid(record.pid, 0)
        self._record_exit(record, status)
        record.state = STOPPED if status == 0 else FAILED
        log.info("one-shot service %s %s", record.name, describe_status(status))

    def _wait_pid_file(self, record: ServiceRecord, start: ForkExec) -> None:
        """Wait until START's pid file names a live process; track that process."""
        deadline = time.monotonic() + start.pid_file_timeout
        launcher = record.pid
        while time.monotonic() < deadline:
            pid = _read_pid_file(start.pid_file)
            if pid is not None and _is_alive(pid):
                if pid != launcher:
                    self.children.pop(launcher, None)
                    self.children[pid] = record
                record.pid = pid
                return
            if launcher in self.children:
                waited, status = os.waitpid(launcher, os.WNOHANG)
                if waited and status != 0:
                    self._record_exit(record, status)
                    self._fail(record, f"{describe_status(status)} before its pid file")
                    return
                if waited:
                    # A daemon's parent, done once it has forked the daemon.
                    self.children.pop(launcher, None)
                    if record.process is not None:
                        record.process.returncode = 0
            time.sleep(POLL_INTERVAL)
        self._kill_group(record, signal.SIGKILL)
        if launcher in self.children:
            # Reap it here, or the reaper would report the SIGKILL instead.
            _, status = os.waitpid(launcher, 0)
            self._record_exit(record, status)
        self._fail(
            record,
            f"pid file {start.pid_file} did not appear within"
            f" {start.pid_file_timeout:g} s",
        )

    # -- reaping ------------------------------------------------------------

    def reap(self) -> None:
        """Reap every exited child; respawn or mark the services they were."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            record = self.children.get(pid)
            if record is None:
                log.debug("reaped orphan %d: %s", pid, describe_status(status))
                continue
            self._record_exit(record, status)
            self._after_exit(record, status)

    def _record_exit(self, record: ServiceRecord, status: int) -> None:
        """Note that RECORD's process ended with raw wait STATUS."""
        self.children.pop(record.pid, None)
        if record.process is not None and record.process.pid == record.pid:
            # Popen must not wait for a process we reaped ourselves.
            record.process.returncode = shell_status(status)
        record.pid = None
        record.last_status = shell_status(status)

    def _after_exit(self, record: ServiceRecord, status: int) -> None:
        """Decide what happens to RECORD's service after its process ended."""
        service = record.service
        assert service is not None
        if record.stopping or self.shutdown_requested:
            record.state = STOPPED
            return
        how = describe_status(status)
        if not service.respawn:
            record.state = STOPPED if status == 0 else FAILED
            record.message = how
            log.info("service %s %s", record.name, how)
            return
        count, seconds = service.respawn_limit
        now = time.monotonic()
        while record.starts and now - record.starts[0] > seconds:
            record.starts.popleft()
        if len(record.starts) > count:
            record.state = DISABLED
            record.message = f"respawning too fast ({count} times in {seconds:g} s)"
            log.error("service %s %s; disabled", record.name, record.message)
            return
        record.respawns += 1
        log.info("service %s %s; respawning", record.name, how)
        self.start(record)

    # -- stopping -----------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the services in reverse start order, then every other process."""
        for record in reversed(self.started):
            self.stop(record)
        self._stop_leftovers()
        if self.control is not None:
            self.control.close()
        log.info("all services stopped")

    def stop(self, record: ServiceRecord) -> None:
        """Stop RECORD's service: its stop signal, a grace period, then SIGKILL."""
        record.stopping = True
        if record.state != RUNNING:
            return  # disabled or failed since it started: nothing runs
        if record.pid is None:
            record.state = STOPPED
            log.info("service %s stopped", record.name)
            return
        service = record.service
        assert service is not None
        self._kill_group(record, service.stop_signal)
        if not self._wait_exit(record, service.stop_grace):
            log.warning(
                "service %s still running %g s after signal %d; killing it",
                record.name,
                service.stop_grace,
                service.stop_signal,
            )
            self._kill_group(record, signal.SIGKILL)
            self._wait_exit(record, 5.0)
        record.state = STOPPED
        log.info("service %s stopped", record.name)

    def _wait_exit(self, record: ServiceRecord, timeout: float) -> bool:
        """Wait up to TIMEOUT s for RECORD's process to be reaped; return if it was."""
        deadline = time.monotonic() + timeout
        while record.pid is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.wait_for_events(min(left, 0.1))
            # A process that is not our child (a pid-file daemon outside our
            # tree) is never reaped here; watch /proc instead.
            if record.pid is not None and not _is_alive(record.pid):
                self.children.pop(record.pid, None)
                record.pid = None
        return True

    def _kill_group(self, record: ServiceRecord, signum: int) -> None:
        """Send SIGNUM to RECORD's process group, or to its process alone."""
        if record.pid is None:
            return
        # Services run in their own session, so the group holds what they
        # forked too (shepherd's make-kill-destructor signals the group).
        for target in (-record.pid, record.pid):
            try:
                os.kill(target, signum)
                return
            except ProcessLookupError:
                continue

    def _stop_leftovers(self) -> None:
        """Terminate and reap the processes no service accounts for."""
        for signum in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(-1, signum)  # every process of the namespace but PID 1
            except ProcessLookupError:
                return
            deadline = time.monotonic() + LEFTOVER_GRACE
            while time.monotonic() < deadline:
                self.reap()
                if not _has_children():
                    return
                time.sleep(POLL_INTERVAL)


def _ignore(signum: int, frame: object) -> None:
    """Do nothing: the wakeup socket carries the signal to the event loop."""


def _has_children() -> bool:
    """Return whether this process has children left (running or zombies)."""
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as file:
            return bool(file.read().strip())
    except OSError:
        return False


def _is_alive(pid: int) -> bool:
    """Return whether PID names a process that has not exited."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            return file.read().rpartition(")")[2].split()[0] not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def _read_pid_file(file_name: str) -> int | None:
    """Return the PID written in FILE_NAME, or None while it is missing or partial."""
    try:
        with open(file_name) as file:
            text = file.read().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


# ---------------------------------------------------------------------------
# Spawning


def spawn(name: str, start: ForkExec, path: str) -> subprocess.Popen[bytes]:
    """Fork and exec service NAME as START says, with search path PATH.

    Raise StartError when the user, the log file or the program is wrong.
    """
    # Limitation: services keep the container's capability bounding set and
    # PID 1's resource limits, because the description has no fields for
    # per-service capabilities or rlimits yet.
    credentials = resolve_credentials(start.user, start.group)
    environment = {"PATH": path}
    for assignment in start.environment:
        key, _, value = assignment.partition("=")
        environment[key] = value
    log_file = start.log_file or f"/var/log/{name}.log"
    log_fd = _open_log(log_file)
    ids: dict[str, object] = {}
    if credentials is not None:
        ids = {
            "user": credentials.uid,
            "group": credentials.gid,
            "extra_groups": credentials.groups,
        }
    try:
        process = subprocess.Popen(
            start.argv,
            stdin=subprocess.DEVNULL,
            stdout=log_fd,
            stderr=subprocess.STDOUT,
            cwd=start.directory,
            env=environment,
            start_new_session=True,
            close_fds=True,
            restore_signals=True,
            **ids,
        )
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"cannot run {start.argv[0]}: {reason}"
        if error.errno == errno.ENOENT and error.filename == start.directory:
            message = f"cannot enter directory {start.directory}: {reason}"
        os.write(log_fd, f"oscdsl-init: {message}\n".encode())
        raise StartError(message) from None
    finally:
        os.close(log_fd)
    log.debug("spawned %s as pid %d: %s", name, process.pid, start.argv)
    return process


def _open_log(file_name: str) -> int:
    """Open FILE_NAME for appending, creating it and its directory; return the fd."""
    try:
        os.makedirs(os.path.dirname(file_name) or "/", exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
        return os.open(file_name, flags, 0o640)
    except OSError as error:
        raise StartError(
            f"cannot open log file {file_name}: {error.strerror or error}"
        ) from None
