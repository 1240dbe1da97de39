"""Run Python thunks in Linux containers, and run thunks inside running ones.

:func:`call_with_container`, :func:`run_container`, :func:`container_excursion`
and :func:`container_excursion_star` follow Guix's procedures of the same names.

The process tree of a container, for a caller ``P`` (the runtime)::

    P ── fork ── C: unshare(user, mnt, pid, ...) ── fork ── G: PID 1
                    P writes C's uid/gid maps          mounts, pivot_root,
                    C exits once G is set up           hardening, thunk

``P`` is a child subreaper while ``C`` lives, so that ``G`` becomes ``P``'s
own child when ``C`` exits: the PID that :func:`run_container` returns can be
waited for with :func:`os.waitpid`, as in Guix.  ``C`` and ``G`` report to
``P`` over a socket pair, one message per datagram; ``G`` sends any setup
failure there and exits with status 3, and ``P`` raises it as
:class:`ContainerError`.

Hardening beyond Guix, applied to ``G`` after its own mounts: a new session,
the capability sets reduced to :data:`CONTAINER_CAPABILITIES`, no new
privileges, only fds 0-2 left open, an empty environment, and SIGKILL as the
parent-death signal.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from . import filesystems, syscalls
from .filesystems import FileSystemSpec, SetupError
from .syscalls import CLONE_NEWNS, CLONE_NEWUSER, NAMESPACE_FLAGS, SyscallError

log = logging.getLogger(__name__)

__all__ = [
    "ALL_NAMESPACES",
    "CONTAINER_CAPABILITIES",
    "FileSystemSpec",
    "call_with_container",
    "container_excursion",
    "container_excursion_star",
    "run_container",
]

# Guix's %namespaces.
ALL_NAMESPACES: tuple[str, ...] = ("cgroup", "mnt", "pid", "ipc", "uts", "user", "net")
DEFAULT_RELAYED_SIGNALS: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)

# The capabilities a container keeps, by number (see capability(7)); all
# others leave the bounding, effective, permitted and inheritable sets.
# They are what an operating system's init and its daemons use:
CONTAINER_CAPABILITIES: dict[str, int] = {
    "CAP_CHOWN": 0,  # activation chowns home directories and log files
    "CAP_DAC_OVERRIDE": 1,  # root daemons write files of other accounts
    "CAP_FOWNER": 3,  # chmod and utime on files root does not own
    "CAP_FSETID": 4,  # keep set-group-ID bits when root edits shared dirs
    "CAP_KILL": 5,  # the supervisor signals services run as other users
    "CAP_SETGID": 6,  # services drop to their own group ...
    "CAP_SETUID": 7,  # ... and their own user account
    "CAP_SETPCAP": 8,  # the supervisor may shrink the set further per service
    "CAP_NET_BIND_SERVICE": 10,  # daemons listen on ports below 1024
    "CAP_NET_RAW": 13,  # ping; harmless in the container's own network
    "CAP_SYS_CHROOT": 18,  # privilege separation in sshd and the like
    "CAP_AUDIT_WRITE": 29,  # login and PAM write audit records or fail
    "CAP_SETFCAP": 31,  # activation may give file capabilities to programs
}
# Dropped on purpose, among others: CAP_SYS_ADMIN (mount, sethostname,
# setns: the runtime mounts every file system of the OS and sets the host
# name before dropping it, so the OS's PID 1 never needs it), CAP_NET_ADMIN
# (the runtime brings lo up), CAP_MKNOD (refused in a user namespace anyway),
# CAP_SYS_PTRACE, CAP_SYS_MODULE, CAP_SYS_TIME, CAP_SYS_BOOT.

SETUP_FAILED = 3  # exit status of a container process whose setup failed
NO_EXIT_STATUS = 127  # excursion status when the thunk was killed by a signal


def __getattr__(name: str) -> Any:
    # ContainerError lives apart so that starting a container does not import
    # the language's datum module (about 10 ms) unless an error occurs.
    if name == "ContainerError":
        from .errors import ContainerError

        return ContainerError
    raise AttributeError(name)


def _container_error(message: str) -> Exception:
    """Return a ContainerError carrying MESSAGE."""
    from .errors import ContainerError

    return ContainerError(message)


# ---------------------------------------------------------------------------
# Messages between the runtime and the container processes


class _Channel:
    """One end of a SOCK_SEQPACKET pair carrying ``KIND TEXT`` messages.

    Datagrams keep messages whole even when two processes share one end.
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, kind: str, text: str = "") -> bool:
        """Send KIND and TEXT; return False when the peer has gone."""
        try:
            self.sock.send(f"{kind} {text}".encode(errors="replace"))
        except (BrokenPipeError, ConnectionResetError):
            return False
        return True

    def receive(self) -> tuple[str, str]:
        """Return the next message as (KIND, TEXT); KIND is ``eof`` at the end."""
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            data = b""
        if not data:
            return "eof", ""
        kind, _, text = data.decode(errors="replace").partition(" ")
        return kind, text

    def fileno(self) -> int:
        """Return the socket's file descriptor."""
        return self.sock.fileno()

    def close(self) -> None:
        """Close this end."""
        self.sock.close()


def _channel_pair() -> tuple[_Channel, _Channel]:
    """Return two connected channels whose fds are closed on exec."""
    kind = socket.SOCK_SEQPACKET | socket.SOCK_CLOEXEC
    first, second = socket.socketpair(socket.AF_UNIX, kind)
    return _Channel(first), _Channel(second)


# ---------------------------------------------------------------------------
# Configuration


@dataclass
class _Config:
    """Everything the container processes need to know, fixed before fork."""

    root: str
    mounts: list[FileSystemSpec]
    flags: int
    host_uids: int
    guest_uid: int
    guest_gid: int
    host_uid: int
    host_gid: int
    populate_file_system: Callable[[], object] | None
    loopback_network: bool
    lock_mounts: bool
    writable_root: bool
    hostname: str | None
    capabilities: tuple[int, ...]
    denied_setgroups: bool = field(init=False)

    def __post_init__(self) -> None:
        # Root may keep setgroups(2): its gid_map write is privileged anyway.
        self.denied_setgroups = not (self.host_uid == 0 and self.host_gid == 0)

    def has(self, name: str) -> bool:
        """Return whether namespace NAME is new in the container."""
        return bool(self.flags & NAMESPACE_FLAGS[name])

    @property
    def locks_mounts(self) -> bool:
        """Return whether the container's mounts get locked after setup."""
        return self.lock_mounts and self.has("mnt") and self.has("user")


def namespace_flags(namespaces: Iterable[str]) -> int:
    """Return the CLONE_NEW* flags for NAMESPACES, Guix's namespace names."""
    flags = 0
    for name in namespaces:
        if name not in NAMESPACE_FLAGS:
            known = ", ".join(NAMESPACE_FLAGS)
            raise _container_error(f"unknown namespace {name!r} (known: {known})")
        flags |= NAMESPACE_FLAGS[name]
    return flags


def _check_single_threaded(operation: str) -> None:
    """Refuse to fork for OPERATION from a process running several threads.

    The kernel refuses unshare(CLONE_NEWUSER) and setns into a user namespace
    in a multi-threaded process, and forking one copies locks that other
    threads may hold, so the child could deadlock.
    """
    from ..runtime.deep import parked_threads

    count = threading.active_count() - parked_threads()
    if count > 1:
        raise _container_error(
            f"cannot {operation} from a process running {count} threads; "
            "start containers before starting threads"
        )


def _preload() -> None:
    """Import now what the container processes use after their root changes."""
    syscalls.load_libc()
    syscalls.is_child_subreaper()  # imports python-prctl
    import traceback  # noqa: F401

    from . import network  # noqa: F401


def _flush_stdio() -> None:
    """Flush Python's buffers so that forked children do not repeat them."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass


def exit_status(wait_status: int) -> int:
    """Return WAIT_STATUS as a shell does: the exit code, or 128+signal."""
    code = os.waitstatus_to_exitcode(wait_status)
    return 128 - code if code < 0 else code


# ---------------------------------------------------------------------------
# run_container: the runtime's side


def run_container(
    root: str,
    mounts: Sequence[FileSystemSpec],
    namespaces: Iterable[str],
    host_uids: int,
    thunk: Callable[[], object],
    *,
    guest_uid: int = 0,
    guest_gid: int = 0,
    populate_file_system: Callable[[], object] | None = None,
    loopback_network: bool = True,
    lock_mounts: bool = True,
    writable_root: bool = False,
    hostname: str | None = None,
    capabilities: Iterable[int] = tuple(CONTAINER_CAPABILITIES.values()),
) -> int:
    """Start THUNK as PID 1 of a container rooted at ROOT; return its PID.

    ROOT is an empty host directory that becomes the container's tmpfs root;
    MOUNTS are mounted in it.  NAMESPACES names the new namespaces (Guix's
    names, see ALL_NAMESPACES).  HOST_UIDS ids starting at the caller's uid
    map to GUEST_UID (and likewise for gids); only root may map more than one.
    POPULATE_FILE_SYSTEM runs in the new root before it becomes read-only
    (unless WRITABLE_ROOT).  LOOPBACK_NETWORK brings lo up in a new network
    namespace; LOCK_MOUNTS locks the mounts together (a nested user and mount
    namespace); HOSTNAME sets the UTS namespace's name; CAPABILITIES are kept.

    The returned PID is a child of the caller: wait for it with os.waitpid.
    Setup failures raise ContainerError after the container process is reaped.
    """
    flags = namespace_flags(namespaces)
    # Read the ids before any unshare: inside, they read as 65534.
    config = _Config(
        root=root,
        mounts=list(mounts),
        flags=flags,
        host_uids=host_uids,
        guest_uid=guest_uid,
        guest_gid=guest_gid,
        host_uid=os.getuid(),
        host_gid=os.getgid(),
        populate_file_system=populate_file_system,
        loopback_network=loopback_network,
        lock_mounts=lock_mounts,
        writable_root=writable_root,
        hostname=hostname,
        capabilities=tuple(capabilities),
    )
    _validate(config)
    _check_single_threaded("start a container")
    _preload()

    runtime_end, container_end = _channel_pair()
    # Limitation: while the namespace process lives (a few ms), other
    # orphaned descendants of the caller are adopted by it too, because
    # being a subreaper is a property of the whole process.
    was_subreaper = syscalls.is_child_subreaper()
    syscalls.set_child_subreaper(True)
    _flush_stdio()
    try:
        child = os.fork()
        if child == 0:
            runtime_end.close()
            _exit_after(_namespace_process, config, container_end, thunk)
        container_end.close()
        return _supervise_setup(config, runtime_end, child)
    finally:
        if not was_subreaper:
            syscalls.set_child_subreaper(False)
        runtime_end.close()
        container_end.close()


def _validate(config: _Config) -> None:
    """Raise ContainerError when CONFIG asks for what cannot be done."""
    if config.host_uids < 1:
        raise _container_error(f"host_uids must be at least 1, not {config.host_uids}")
    if config.host_uids > 1 and config.host_uid != 0:
        raise _container_error(
            f"only root can map more than a single uid (asked for {config.host_uids})"
        )
    if not config.has("user") and os.geteuid() != 0:
        raise _container_error("a container without a user namespace needs root")


def _supervise_setup(config: _Config, channel: _Channel, child: int) -> int:
    """Drive the setup protocol with namespace process CHILD; return PID 1's PID."""
    container = None
    try:
        _expect(channel, "unshared", child)
        if config.has("user"):
            try:
                write_id_maps(child, config, nested=False)
            except SetupError as error:
                raise _container_error(str(error)) from None
        channel.send("mapped")
        container = int(_expect(channel, "pid", child))

        # Once CHILD has exited, the container is our child (we are a
        # subreaper), and only then may it set its parent-death signal:
        # CHILD's exit would otherwise fire it.
        _, status = os.waitpid(child, 0)
        child = 0
        log.debug("namespace process %d exited with status %#x", child, status)
        if status != 0:
            _expect(channel, "ready", container)  # raises with its message
        channel.send("reparented")
        _expect(channel, "ready", container)
        channel.send("go")
        log.debug("container process %d is running", container)
        return container
    except BaseException:
        for pid in (child, container):
            if pid:
                _kill_and_reap(pid)
        raise


def _expect(channel: _Channel, expected: str, pid: int) -> str:
    """Return the text of the next message if it is EXPECTED, else raise.

    PID is the process that should send it; it is reaped before raising.
    """
    kind, text = channel.receive()
    if kind == expected:
        return text
    _kill_and_reap(pid)
    if kind == "error":
        raise _container_error(text)
    raise _container_error(
        f"container process {pid} ended during setup ({kind} {text})"
    )


def _kill_and_reap(pid: int) -> None:
    """Kill PID if still running and reap it, ignoring a process already gone."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def write_id_maps(
    pid: int, config: _Config, *, nested: bool, proc_dir: int = -1
) -> None:
    """Write the setgroups, uid_map and gid_map files of process PID.

    Outer maps send HOST_UIDS ids from the caller's uid and gid to the guest
    ids; NESTED maps (for locked mounts) map the guest range onto itself.
    PROC_DIR, when given, is an open fd of PID's /proc directory.
    """
    count = config.host_uids
    host_uid = config.guest_uid if nested else config.host_uid
    host_gid = config.guest_gid if nested else config.host_gid
    # "deny" must precede gid_map: without it an unprivileged writer is
    # refused, since setgroups(2) could then drop supplementary groups.
    if config.denied_setgroups:
        _write_proc(pid, "setgroups", "deny", proc_dir)
    _write_proc(pid, "uid_map", f"{config.guest_uid} {host_uid} {count}", proc_dir)
    _write_proc(pid, "gid_map", f"{config.guest_gid} {host_gid} {count}", proc_dir)


def _write_proc(pid: int, name: str, text: str, proc_dir: int = -1) -> None:
    """Write TEXT to /proc/PID/NAME (NAME under PROC_DIR if given).

    Raise SetupError on failure.
    """
    path = f"/proc/{pid}/{name}"
    try:
        if proc_dir >= 0:
            fd = os.open(name, os.O_WRONLY | os.O_CLOEXEC, dir_fd=proc_dir)
        else:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        try:
            os.write(fd, (text + "\n").encode())
        finally:
            os.close(fd)
    except OSError as error:
        message = f"cannot write {text!r} to {path}: {error.strerror or error}"
        raise SetupError(message) from None
    log.debug("wrote %r to %s", text, path)


# ---------------------------------------------------------------------------
# The namespace process C


def _exit_after(function: Callable[..., int], *args: Any) -> NoReturn:
    """Call FUNCTION with ARGS in a forked child and exit with its status.

    Whatever happens, the child never returns into the caller's frames.
    """
    status = 1
    try:
        status = function(*args)
    except BaseException:
        try:
            import traceback

            traceback.print_exc()
            _flush_stdio()
        finally:
            os._exit(1)
    finally:
        os._exit(status)


def _namespace_process(
    config: _Config, channel: _Channel, thunk: Callable[[], object]
) -> int:
    """Unshare the namespaces, then fork PID 1; return this process's status."""
    try:
        return _unshare_and_spawn(config, channel, thunk)
    except Exception as error:
        channel.send("error", _describe(error))
        return SETUP_FAILED


def _unshare_and_spawn(
    config: _Config, channel: _Channel, thunk: Callable[[], object]
) -> int:
    """Run the namespace process's part of the protocol; return its exit status."""
    try:
        syscalls.unshare(config.flags)
    except SyscallError as error:
        channel.send("error", _unshare_hint(error))
        return SETUP_FAILED
    channel.send("unshared")
    if channel.receive()[0] != "mapped":
        return SETUP_FAILED

    # A new PID namespace takes effect for children only, so PID 1 is a fork.
    lock_here, lock_there = _channel_pair() if config.locks_mounts else (None, None)
    pid = os.fork()
    if pid == 0:
        if lock_here is not None:
            lock_here.close()
        _exit_after(_container_process, config, channel, lock_there, thunk)
    channel.send("pid", str(pid))
    if lock_here is not None:
        lock_there.close()
        # Open PID's /proc directory now: once PID has pivoted into its new
        # root, which this process shares, /proc shows the new PID namespace.
        proc_dir = os.open(f"/proc/{pid}", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        lock_here.send("opened")
        _serve_lock(config, lock_here, pid, proc_dir)
    return 0


def _unshare_hint(error: SyscallError) -> str:
    """Return the message of a failed unshare, with what usually causes it."""
    message = str(error)
    if error.errno in (1, 13):  # EPERM, EACCES
        message += (
            " (user namespaces may be disabled: check the sysctls"
            " user.max_user_namespaces and"
            " kernel.apparmor_restrict_unprivileged_userns)"
        )
    elif error.errno == 22:  # EINVAL
        message += " (the process may have been multi-threaded)"
    return message


def _serve_lock(config: _Config, channel: _Channel, pid: int, proc_dir: int) -> None:
    """Write the maps of PID's nested user namespace when it asks for them.

    This process still has every capability in the container's user
    namespace, which writing a multi-id map of a child namespace requires.
    """
    if channel.receive()[0] != "locked":
        return  # setup failed before locking; PID reports it
    try:
        write_id_maps(pid, config, nested=True, proc_dir=proc_dir)
    except Exception as error:
        channel.send("error", str(error))
    else:
        channel.send("mapped")


# ---------------------------------------------------------------------------
# The container's PID 1, G


def _container_process(
    config: _Config,
    channel: _Channel,
    lock_channel: _Channel | None,
    thunk: Callable[[], object],
) -> int:
    """Set the container up, report to the runtime and run THUNK; return its status."""
    try:
        _set_up_container(config, lock_channel)
        _harden(config, keep_fd=channel.fileno())
        _handshake(channel)
    except Exception as error:
        channel.send("error", _describe(error))
        return SETUP_FAILED
    return run_thunk(thunk)


def _set_up_container(config: _Config, lock_channel: _Channel | None) -> None:
    """Build the file system, the network and the host name of the container."""
    os.environ.clear()
    syscalls.scrub_initial_environment()
    if lock_channel is not None and lock_channel.receive()[0] != "opened":
        raise SetupError("the namespace process ended before setup")
    if config.has("mnt") and os.path.realpath(config.root) != "/":
        filesystems.set_up_root(
            config.root,
            config.mounts,
            new_pid=config.has("pid"),
            new_net=config.has("net"),
            new_ipc=config.has("ipc"),
        )
        filesystems.enter_root(config.root)
        filesystems.finish_root(
            config.populate_file_system,
            write_hosts=config.loopback_network and config.has("net"),
            writable_root=config.writable_root,
        )
    if config.loopback_network and config.has("net"):
        from .network import set_interface_up

        set_interface_up("lo")
    if config.hostname is not None:
        syscalls.sethostname(config.hostname)
    # Locking comes after every step that needs capabilities over the
    # container's namespaces: the nested user namespace has none there.
    if lock_channel is not None:
        _lock_mounts(lock_channel)


def _lock_mounts(channel: _Channel) -> None:
    """Move into a nested user and mount namespace, which locks every mount.

    Mounts copied into a namespace owned by a less privileged user namespace
    cannot be unmounted or have their flags changed one by one, so nothing
    below a read-only bind can be revealed.
    """
    syscalls.unshare(CLONE_NEWUSER | CLONE_NEWNS)
    channel.send("locked")
    kind, text = channel.receive()
    channel.close()
    if kind != "mapped":
        raise SetupError(text or "cannot map ids of the nested user namespace")


def _harden(config: _Config, keep_fd: int) -> None:
    """Apply the restrictions Guix lacks to this process, keeping fd KEEP_FD.

    The parent-death signal comes later, in the handshake.
    """
    # A new session has no controlling terminal, so TIOCSTI cannot push
    # input into the caller's terminal.
    os.setsid()
    # After the last user namespace change: a new user namespace starts
    # with a full bounding set.
    syscalls.restrict_capabilities(config.capabilities)
    syscalls.set_no_new_privs()
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, os.sysconf("SC_OPEN_MAX"))


def _handshake(channel: _Channel) -> None:
    """Set the parent-death signal once the runtime is our parent, and confirm.

    The runtime answers ``go`` to our ``ready``; if it died before the
    signal was set, the answer is end-of-file instead and we stop.
    """
    kind, _ = channel.receive()
    if kind != "reparented":
        os._exit(SETUP_FAILED)
    syscalls.set_parent_death_signal(signal.SIGKILL)
    channel.send("ready")
    kind, _ = channel.receive()
    if kind != "go":
        os._exit(SETUP_FAILED)
    channel.close()


def _describe(error: BaseException) -> str:
    """Return ERROR as one line for the user."""
    if isinstance(error, (SetupError, SyscallError)):
        return str(error)
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror or error}{where}"
    message = getattr(error, "message", None)
    if isinstance(message, str):
        return message
    return f"{type(error).__name__}: {error}"


def run_thunk(thunk: Callable[[], object]) -> int:
    """Call THUNK in a container process and return its exit status.

    An int result is the status; SystemExit gives its code; an oscdsl error
    prints its message and gives 1; any other exception prints a traceback.
    """
    try:
        result = thunk()
        status = (
            result if isinstance(result, int) and not isinstance(result, bool) else 0
        )
    except SystemExit as exit_request:
        code = exit_request.code
        if code is None or isinstance(code, int):
            status = code or 0
        else:
            print(code, file=sys.stderr)
            status = 1
    except BaseException as error:
        errors = sys.modules.get("oscdsl.errors")
        if errors is not None and isinstance(error, errors.OscdslError):
            print(f"error: {error.message}", file=sys.stderr)
        else:
            import traceback

            traceback.print_exc()
        status = 1
    _flush_stdio()
    return status & 0xFF


# ---------------------------------------------------------------------------
# call_with_container


def call_with_container(
    mounts: Sequence[FileSystemSpec],
    thunk: Callable[[], object],
    *,
    namespaces: Iterable[str] = ALL_NAMESPACES,
    host_uids: int = 1,
    guest_uid: int = 0,
    guest_gid: int = 0,
    relayed_signals: Iterable[int] = DEFAULT_RELAYED_SIGNALS,
    child_is_pid1: bool = True,
    populate_file_system: Callable[[], object] | None = None,
    loopback_network: bool = True,
    writable_root: bool = False,
    lock_mounts: bool = True,
    process_spawned_hook: Callable[[int], object] | None = None,
    hostname: str | None = None,
    capabilities: Iterable[int] = tuple(CONTAINER_CAPABILITIES.values()),
) -> int:
    """Run THUNK in a new container with MOUNTS and return its exit status.

    The status is THUNK's exit code (0-255), or 128+N when signal N killed
    it.  RELAYED_SIGNALS received meanwhile are passed on to the container's
    PID 1.  Unless CHILD_IS_PID1, a small init runs as PID 1: it runs THUNK
    as PID 2, relays those signals to it and reaps orphans.
    PROCESS_SPAWNED_HOOK is called with the container's PID once it runs.
    The other arguments are those of run_container; the root is a fresh
    temporary directory, removed afterwards.
    """
    relayed = tuple(relayed_signals)
    names = tuple(namespaces)
    payload = thunk
    if not child_is_pid1 and "pid" in names:
        payload = _InitThunk(thunk, relayed)
    root = tempfile.mkdtemp(prefix="oscdsl-container.")
    try:
        pid = run_container(
            root,
            mounts,
            names,
            host_uids,
            payload,
            guest_uid=guest_uid,
            guest_gid=guest_gid,
            populate_file_system=populate_file_system,
            loopback_network=loopback_network,
            lock_mounts=lock_mounts,
            writable_root=writable_root,
            hostname=hostname,
            capabilities=capabilities,
        )
        return _wait_relaying(pid, relayed, process_spawned_hook)
    finally:
        _remove_root(root)


def _wait_relaying(
    pid: int, relayed: tuple[int, ...], hook: Callable[[int], object] | None
) -> int:
    """Wait for container PID, passing RELAYED signals on; return its status."""
    previous = {}
    try:
        if hook is not None:
            hook(pid)
        for signum in relayed:
            previous[signum] = signal.signal(
                signum, lambda signum, _: _relay(pid, signum)
            )
        _, status = os.waitpid(pid, 0)
    except BaseException:
        _kill_and_reap(pid)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return exit_status(status)


def _relay(pid: int, signum: int) -> None:
    """Send SIGNUM to PID, which may have just exited."""
    log.debug("relaying signal %d to container process %d", signum, pid)
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _remove_root(root: str) -> None:
    """Remove the empty host directory ROOT that the container used as root.

    Only rmdir: the tmpfs was mounted in the container's mount namespace, so
    the host sees an empty directory; anything else there is left alone
    rather than deleted recursively.
    """
    try:
        os.rmdir(root)
    except OSError as error:
        log.warning("leaving container root %s in place: %s", root, error.strerror)


class _InitThunk:
    """A PID 1 that runs a thunk as PID 2, relays signals to it and reaps orphans."""

    def __init__(self, thunk: Callable[[], object], relayed: tuple[int, ...]) -> None:
        self.thunk = thunk
        self.relayed = relayed

    def __call__(self) -> int:
        """Run the thunk in a child; return its status once it has exited.

        Orphans still running then die with this PID 1, as the kernel kills
        a PID namespace whose init exits.
        """
        _flush_stdio()
        payload = os.fork()
        if payload == 0:
            _exit_after(self._run_payload)
        # Limitation: a signal arriving between fork and these handlers is
        # lost, because a PID 1 ignores signals it has no handler for.
        for signum in self.relayed:
            signal.signal(signum, lambda signum, _: _relay(payload, signum))
        while True:
            pid, status = os.waitpid(-1, 0)
            if pid == payload:
                return exit_status(status)

    def _run_payload(self) -> int:
        """Run the thunk as PID 2, killed if PID 1 ever dies first."""
        syscalls.set_parent_death_signal(signal.SIGKILL)
        return run_thunk(self.thunk)


# ---------------------------------------------------------------------------
# container_excursion

# Joined after the user namespace, in this order; the mount namespace comes
# last because joining it changes what /proc/PID names.
_EXCURSION_NAMESPACES = ("ipc", "uts", "net", "cgroup", "pid", "mnt")
_excursion_capabilities = tuple(CONTAINER_CAPABILITIES.values())


def container_excursion(pid: int, thunk: Callable[[], object]) -> int:
    """Run THUNK in the namespaces of process PID; return its exit status.

    The status is 127 when THUNK was killed by a signal, as in Guix.
    Failing to enter the namespaces raises ContainerError.
    """
    status, _ = _excursion(pid, thunk, want_value=False)
    return status


def container_excursion_star(pid: int, thunk: Callable[[], object]) -> object:
    """Run THUNK in the namespaces of process PID; return the value it returns.

    The value travels back pickled, so it must be picklable; the result is
    None when THUNK fails.
    """
    status, value = _excursion(pid, thunk, want_value=True)
    return value if status == 0 else None


def _excursion(
    pid: int, thunk: Callable[[], object], *, want_value: bool
) -> tuple[int, object]:
    """Fork into PID's namespaces to run THUNK; return (status, value)."""
    import pickle

    if not os.path.isdir(f"/proc/{pid}/ns"):
        raise _container_error(f"no process {pid} to enter")
    _check_single_threaded("enter a container")
    _preload()
    reader, writer = os.pipe()  # both closed on exec
    _flush_stdio()
    child = os.fork()
    if child == 0:
        os.close(reader)
        _exit_after(_excursion_process, pid, thunk, writer, want_value)
    os.close(writer)
    # Limitation: a thunk that leaves children running delays the return
    # until they exit, because they inherit the pipe's write end.
    with os.fdopen(reader, "rb") as pipe:
        report = pipe.read()
    _, wait_status = os.waitpid(child, 0)
    status = exit_status(wait_status)
    if report[:1] == b"E":
        raise _container_error(report[1:].decode(errors="replace"))
    if report[:1] == b"V" and status == 0:
        return status, pickle.loads(report[1:])
    return status, None


def _excursion_process(
    pid: int, thunk: Callable[[], object], pipe: int, want_value: bool
) -> int:
    """Join PID's namespaces, then run THUNK in a child; return the status."""
    try:
        os.environ.clear()
        syscalls.scrub_initial_environment()
        join_namespaces(pid)
        os.chdir("/")
        # Entered processes get the same limits as the container's own.
        syscalls.restrict_capabilities(_excursion_capabilities)
        syscalls.set_no_new_privs()
    except Exception as error:
        os.write(
            pipe, b"E" + f"cannot enter process {pid}: {_describe(error)}".encode()
        )
        return SETUP_FAILED
    # setns into a PID namespace only places children in it, so fork again.
    _flush_stdio()
    child = os.fork()
    if child == 0:
        if not want_value:
            os.close(pipe)
            _exit_after(run_thunk, thunk)
        _exit_after(_run_for_value, thunk, pipe)
    os.close(pipe)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else NO_EXIT_STATUS


def _run_for_value(thunk: Callable[[], object], pipe: int) -> int:
    """Call THUNK and write its pickled value to PIPE; return the exit status."""
    import pickle

    box: list[object] = []
    status = run_thunk(lambda: box.append(thunk()))
    if status != 0:
        return status
    try:
        data = b"V" + pickle.dumps(box[0])
    except Exception as error:
        print(f"error: cannot return {box[0]!r}: {error}", file=sys.stderr)
        return 1
    with os.fdopen(pipe, "wb") as out:
        out.write(data)
    return 0


def join_namespaces(pid: int) -> None:
    """Move this (single-threaded) process into the namespaces of process PID.

    The user namespace owning PID's PID namespace comes first: it grants the
    capabilities that joining the others requires.  Last comes PID's own
    user namespace when it differs (a container with locked mounts).
    Namespaces this process already shares are skipped.
    """
    base = f"/proc/{pid}/ns"
    # Open everything first: once in the container's mount namespace, /proc
    # is the container's and PID means nothing there.
    owner = _open_user_owner(base)
    fds = {name: _open_namespace(f"{base}/{name}") for name in _EXCURSION_NAMESPACES}
    own_user = _open_namespace(f"{base}/user")
    try:
        if not _same_namespace(owner, "/proc/self/ns/user"):
            syscalls.setns(owner, CLONE_NEWUSER, f"{base}/pid's user namespace")
        for name in _EXCURSION_NAMESPACES:
            fd = fds[name]
            if fd is not None and not _same_namespace(fd, f"/proc/self/ns/{name}"):
                syscalls.setns(fd, NAMESPACE_FLAGS[name], f"{base}/{name}")
        if own_user is not None and os.fstat(own_user).st_ino != os.fstat(owner).st_ino:
            syscalls.setns(own_user, CLONE_NEWUSER, f"{base}/user")
    finally:
        for fd in [owner, own_user, *fds.values()]:
            if fd is not None:
                os.close(fd)


def _open_namespace(path: str) -> int | None:
    """Open the namespace file PATH, or return None when the kernel lacks it."""
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None


def _open_user_owner(base: str) -> int:
    """Return an fd for the user namespace owning the PID namespace under BASE."""
    try:
        return syscalls.namespace_user_owner(f"{base}/pid")
    except SyscallError:
        # Kernels before 4.9 lack NS_GET_USERNS; the process's own user
        # namespace is the owner unless its mounts were locked.
        return os.open(f"{base}/user", os.O_RDONLY | os.O_CLOEXEC)


def _same_namespace(fd: int, path: str) -> bool:
    """Return whether namespace fd FD is the namespace at PATH."""
    mine = os.stat(path)
    theirs = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)
