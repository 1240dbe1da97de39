"""Build a container's root file system: tmpfs root, /proc, /sys, /dev, mounts.

These functions run in the container's first process, inside its new mount
namespace, in the order :func:`set_up_root`, :func:`enter_root` and
:func:`finish_root`.  Failures raise :class:`SetupError` with a message fit for
the user.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass

from . import syscalls
from .syscalls import (
    MNT_DETACH,
    MS_BIND,
    MS_NOATIME,
    MS_NODEV,
    MS_NODIRATIME,
    MS_NOEXEC,
    MS_NOSUID,
    MS_PRIVATE,
    MS_RDONLY,
    MS_REC,
    MS_RELATIME,
    MS_REMOUNT,
    MS_STRICTATIME,
    SyscallError,
)

log = logging.getLogger(__name__)

# The flags a <file-system> may carry, by their Guix names.
FILE_SYSTEM_FLAGS = {
    "read-only": MS_RDONLY,
    "bind-mount": MS_BIND,
    "no-suid": MS_NOSUID,
    "no-dev": MS_NODEV,
    "no-exec": MS_NOEXEC,
    "no-atime": MS_NOATIME,
    "no-diratime": MS_NODIRATIME,
    "strict-atime": MS_STRICTATIME,
}

# Host device nodes bound into the container's /dev when the host has them.
DEVICES = ("null", "zero", "full", "random", "urandom", "tty", "fuse")

# /proc files that leak host information or offer a way to harm the host:
# kernel memory, the keyring list, timers and scheduler internals.  Each is
# covered by /dev/null, so it reads as empty.
MASKED_PROC_FILES = (
    "kcore",
    "keys",
    "key-users",
    "latency_stats",
    "timer_list",
    "timer_stats",
    "sched_debug",
)
# /proc directories describing host hardware; each is covered by an empty,
# read-only tmpfs.
MASKED_PROC_DIRECTORIES = ("acpi", "asound", "scsi")
# /proc entries that write to the kernel (sysctls, SysRq, IRQ affinity, bus
# and file-system tunables); each is bound onto itself read-only.
# Limitation: /proc/sys/net is read-only too, although the container owns
# its network namespace, because one read-only bind covers all of /proc/sys.
READ_ONLY_PROC_PATHS = ("sys", "sysrq-trigger", "irq", "bus", "fs")

# statvfs reports a mount's flags with the same bit values as MS_*; these are
# the ones the kernel locks when a mount is copied into a user namespace, so
# a bind remount must repeat them or fail with EPERM.
LOCKED_MOUNT_FLAGS = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
LOCKED_MOUNT_FLAGS |= MS_NOATIME | MS_NODIRATIME | MS_RELATIME


class SetupError(Exception):
    """Setting up the container's file system failed; the message says why."""


@dataclass(frozen=True)
class FileSystemSpec:
    """One file system to mount in a container, as ``file-system->spec`` gives it.

    DEVICE is the source (a host path for bind mounts), MOUNT_POINT the target
    inside the container, TYPE the file-system type, FLAGS a frozenset of Guix
    flag names (``read-only``, ``bind-mount``, ``no-suid``, ...), OPTIONS the
    data string.  With MOUNT_MAY_FAIL a failure is logged instead of raised;
    CREATE_MOUNT_POINT creates the target first.
    """

    device: str
    mount_point: str
    type: str
    flags: frozenset[str] = frozenset()
    options: str | None = None
    mount_may_fail: bool = False
    check: bool = False
    create_mount_point: bool = True

    def __post_init__(self) -> None:
        unknown = sorted(set(self.flags) - set(FILE_SYSTEM_FLAGS))
        if unknown:
            raise ValueError(
                f"file system {self.mount_point}: unknown flags {', '.join(unknown)}"
                f" (known: {', '.join(FILE_SYSTEM_FLAGS)})"
            )
        if not self.mount_point.startswith("/"):
            raise ValueError(f"mount point {self.mount_point!r} is not absolute")

    @property
    def mount_flags(self) -> int:
        """Return the MS_* flags of this file system."""
        flags = 0
        for name in self.flags:
            flags |= FILE_SYSTEM_FLAGS[name]
        return flags

    @property
    def is_bind_mount(self) -> bool:
        """Return whether this file system binds a host path."""
        return "bind-mount" in self.flags


def bind_spec(
    source: str, target: str | None = None, *, read_only: bool = False
) -> FileSystemSpec:
    """Return a spec that binds host path SOURCE on TARGET (default: SOURCE)."""
    flags = {"bind-mount", "read-only"} if read_only else {"bind-mount"}
    return FileSystemSpec(source, target or source, "none", frozenset(flags))


# ---------------------------------------------------------------------------
# Helpers


def _inside(root: str, path: str) -> str:
    """Return PATH (absolute, as the container sees it) as a host path under ROOT."""
    return os.path.join(root, path.lstrip("/"))


def _make_file(path: str, mode: int = 0o644) -> None:
    """Create an empty file at PATH (a target for binding a non-directory)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, mode))


def _check_target(root: str, target: str, mount_point: str) -> None:
    """Refuse TARGET when symbolic links make it resolve outside ROOT.

    Without this, a bound directory holding a link such as ``etc -> /etc``
    would let a later mount land on the host's /etc.
    """
    real_root = os.path.realpath(root)
    real_target = os.path.realpath(target)
    if real_target != real_root and not real_target.startswith(real_root + "/"):
        raise SetupError(
            f"cannot mount on {mount_point}: it resolves to {real_target}, "
            "outside the container"
        )


def _locked_flags(path: str) -> int:
    """Return the flags of the mount holding PATH that a remount must keep."""
    return os.statvfs(path).f_flag & LOCKED_MOUNT_FLAGS


def bind_read_only(source: str, target: str, extra_flags: int = 0) -> None:
    """Bind SOURCE on TARGET, then make that mount read-only with EXTRA_FLAGS.

    A bind ignores every flag but MS_REC, so a second MS_REMOUNT call sets
    them; it repeats the source mount's locked flags, which the kernel
    refuses to clear in a user namespace.
    """
    syscalls.mount(source, target, None, MS_BIND)
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY | extra_flags | _locked_flags(source)
    syscalls.mount(None, target, None, flags)


# ---------------------------------------------------------------------------
# Before pivot_root


def set_up_root(
    root: str,
    mounts: list[FileSystemSpec],
    *,
    new_pid: bool,
    new_net: bool,
    new_ipc: bool,
) -> None:
    """Mount the container's file systems under ROOT, still seen from the host.

    NEW_PID, NEW_NET and NEW_IPC say which namespaces are new: the kernel only
    lets a user namespace mount proc, sysfs and mqueue for namespaces it owns.
    """
    # First make every mount private: mounts made below must not propagate
    # back to the host, and pivot_root refuses a shared root.
    syscalls.mount(None, "/", None, MS_REC | MS_PRIVATE)
    syscalls.mount("none", root, "tmpfs", 0, "mode=755")

    if new_pid:
        mount_proc(_inside(root, "/proc"))
    if new_net:
        mount_sys(_inside(root, "/sys"))
    set_up_dev(_inside(root, "/dev"), new_ipc=new_ipc)
    for spec in mounts:
        mount_file_system(root, spec)


def mount_proc(target: str) -> None:
    """Mount a proc file system on TARGET and hide its sensitive entries."""
    os.makedirs(target, exist_ok=True)
    syscalls.mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    mask_proc(target)


def mask_proc(proc: str) -> None:
    """Cover the sensitive entries of the proc mount at PROC.

    This runs before pivot_root, while the host's /dev/null is still at hand.
    """
    # Limitation: a container nested inside this one cannot mount a fresh
    # /proc, because the kernel refuses proc mounts in a namespace whose
    # existing /proc has parts covered ("mount too revealing").
    for name in MASKED_PROC_FILES:
        path = os.path.join(proc, name)
        if os.path.exists(path):
            syscalls.mount("/dev/null", path, None, MS_BIND)
    for name in MASKED_PROC_DIRECTORIES:
        path = os.path.join(proc, name)
        if os.path.isdir(path):
            syscalls.mount(
                "none", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
            )
    for name in READ_ONLY_PROC_PATHS:
        path = os.path.join(proc, name)
        if os.path.exists(path):
            bind_read_only(path, path, MS_NOSUID | MS_NODEV | MS_NOEXEC)


def mount_sys(target: str) -> None:
    """Mount sysfs read-only on TARGET, or leave TARGET empty if refused.

    The kernel refuses sysfs (EPERM) when this container was itself started
    inside a container that shares its network namespace; the container
    then runs without /sys rather than not at all.
    """
    os.makedirs(target, exist_ok=True)
    flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
    try:
        syscalls.mount("sysfs", target, "sysfs", flags)
    except SyscallError as error:
        if error.errno != errno.EPERM:
            raise
        log.warning("running without /sys: %s", error)
        return
    firmware = os.path.join(target, "firmware")
    if os.path.isdir(firmware):
        # Firmware tables (ACPI, DMI) are readable by root and describe the host.
        syscalls.mount("none", firmware, "tmpfs", flags)


def set_up_dev(dev: str, *, new_ipc: bool) -> None:
    """Fill DEV with a minimal device tree: host nodes, devpts, shm, links."""
    os.makedirs(dev, exist_ok=True)
    syscalls.mount(
        "none", dev, "tmpfs", MS_NOSUID | MS_NOEXEC | MS_STRICTATIME, "mode=755"
    )

    # A user namespace cannot mknod (EPERM), so nodes are the host's, bound.
    for name in DEVICES:
        source = os.path.join("/dev", name)
        if os.path.exists(source):
            target = os.path.join(dev, name)
            _make_file(target)
            syscalls.mount(source, target, None, MS_BIND)

    # A new devpts instance gives the container its own ptys; binding the
    # host's /dev/ptmx would hand out ptys of the host's instance.  No gid=
    # option: the tty group is unmapped under a single-id map (EINVAL).
    if os.path.exists("/dev/ptmx"):
        pts = os.path.join(dev, "pts")
        os.mkdir(pts)
        options = "newinstance,ptmxmode=0666,mode=620"
        syscalls.mount("devpts", pts, "devpts", MS_NOSUID | MS_NOEXEC, options)
        os.symlink("pts/ptmx", os.path.join(dev, "ptmx"))

    shm = os.path.join(dev, "shm")
    os.mkdir(shm)
    syscalls.mount("shm", shm, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    if new_ipc:
        mount_mqueue(os.path.join(dev, "mqueue"))

    if os.isatty(0):
        console = os.path.join(dev, "console")
        _make_file(console, 0o600)
        syscalls.mount(os.ttyname(0), console, None, MS_BIND)

    os.symlink("/proc/self/fd", os.path.join(dev, "fd"))
    for number, name in enumerate(("stdin", "stdout", "stderr")):
        os.symlink(f"/proc/self/fd/{number}", os.path.join(dev, name))


def mount_mqueue(target: str) -> None:
    """Mount the POSIX message-queue file system of the new IPC namespace on TARGET."""
    os.mkdir(target)
    try:
        syscalls.mount("mqueue", target, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except SyscallError as error:
        log.warning("running without /dev/mqueue: %s", error)
        os.rmdir(target)


def mount_file_system(root: str, spec: FileSystemSpec) -> None:
    """Mount SPEC under ROOT; raise SetupError unless SPEC.mount_may_fail."""
    try:
        _mount_file_system(root, spec)
    except (OSError, SetupError) as error:
        message = str(error) if isinstance(error, SetupError) else _reason(error)
        text = f"cannot mount {spec.device} on {spec.mount_point}: {message}"
        if not spec.mount_may_fail:
            raise SetupError(text) from None
        log.warning("%s (ignored: mount may fail)", text)


def _reason(error: OSError) -> str:
    """Return the errno text of ERROR, or its message for a SyscallError."""
    if isinstance(error, SyscallError):
        return str(error)
    return error.strerror or str(error)


def _mount_file_system(root: str, spec: FileSystemSpec) -> None:
    """Create the target of SPEC under ROOT and mount SPEC on it."""
    target = _inside(root, spec.mount_point)
    if spec.check:
        # Limitation: no fsck is run, because container file systems are
        # bind mounts or virtual file systems that have nothing to check.
        log.debug("not checking %s: no fsck in containers", spec.device)

    if spec.is_bind_mount:
        source = os.stat(spec.device)  # ENOENT, EACCES...: say which
        if spec.create_mount_point:
            _create_target(root, target, spec, directory=stat.S_ISDIR(source.st_mode))
        _check_target(root, target, spec.mount_point)
        _bind(spec, target)
    else:
        if spec.create_mount_point:
            _create_target(root, target, spec, directory=True)
        _check_target(root, target, spec.mount_point)
        syscalls.mount(spec.device, target, spec.type, spec.mount_flags, spec.options)


def _create_target(
    root: str, target: str, spec: FileSystemSpec, *, directory: bool
) -> None:
    """Create TARGET for SPEC: a directory, or an empty file to bind a file on."""
    _check_target(root, os.path.dirname(target), spec.mount_point)
    if directory:
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            _make_file(target)


def _bind(spec: FileSystemSpec, target: str) -> None:
    """Bind SPEC's device on TARGET, then apply SPEC's flags by a remount.

    Limitation: the bind is not recursive, because a read-only remount only
    reaches the top mount and would leave mounts below it writable.
    """
    syscalls.mount(spec.device, target, None, MS_BIND)
    extra = spec.mount_flags & ~MS_BIND
    if extra:
        flags = MS_REMOUNT | MS_BIND | extra | _locked_flags(spec.device)
        syscalls.mount(None, target, None, flags)


# ---------------------------------------------------------------------------
# pivot_root and after


def enter_root(root: str) -> None:
    """Make ROOT the root of this mount namespace and detach the old root."""
    put_old = _inside(root, "/real-root")
    os.mkdir(put_old)
    os.chdir(root)
    syscalls.pivot_root(".", "real-root")
    os.chdir("/")
    # Detach lazily: the host's mounts may be busy; no path reaches them after.
    syscalls.umount2("/real-root", MNT_DETACH)
    os.rmdir("/real-root")


def finish_root(
    populate_file_system: Callable[[], object] | None,
    *,
    write_hosts: bool,
    writable_root: bool,
) -> None:
    """Populate the new root, then make it read-only unless WRITABLE_ROOT.

    WRITE_HOSTS creates /etc/hosts naming localhost when there is none yet.
    """
    if populate_file_system is not None:
        populate_file_system()
    if write_hosts:
        write_localhost_hosts()
    os.chmod("/", 0o755)
    if not writable_root:
        # MS_BIND makes the remount change only this mount, not the tmpfs.
        syscalls.mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY)


def write_localhost_hosts() -> None:
    """Create /etc/hosts resolving localhost, unless something provides one."""
    if os.path.lexists("/etc/hosts"):
        return
    try:
        os.makedirs("/etc", exist_ok=True)
        with open("/etc/hosts", "w") as hosts:
            hosts.write("127.0.0.1 localhost\n")
        os.chmod("/etc/hosts", 0o444)
    except OSError as error:
        log.debug("no /etc/hosts written: %s", error)
