"""Thin wrappers over the Linux system calls that containers need.

This is the only module of oscdsl that calls libc directly (through ctypes,
loaded on first use) or prctl (through python-prctl).  Every failure raises
:class:`SyscallError`, whose message names the call, its arguments and errno.
"""

from __future__ import annotations

import errno as errno_module
import logging
import os
import platform
import socket
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

# Namespace flags of clone(2), unshare(2) and setns(2).
CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

# The names Guix uses for namespaces, and the flag of each.
NAMESPACE_FLAGS = {
    "cgroup": CLONE_NEWCGROUP,
    "mnt": CLONE_NEWNS,
    "pid": CLONE_NEWPID,
    "ipc": CLONE_NEWIPC,
    "uts": CLONE_NEWUTS,
    "user": CLONE_NEWUSER,
    "net": CLONE_NEWNET,
}

# Flags of mount(2).
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_SYNCHRONOUS = 16
MS_REMOUNT = 32
MS_MANDLOCK = 64
MS_DIRSYNC = 128
MS_NOSYMFOLLOW = 256
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_MOVE = 8192
MS_REC = 16384
MS_SILENT = 32768
MS_UNBINDABLE = 1 << 17
MS_PRIVATE = 1 << 18
MS_SLAVE = 1 << 19
MS_SHARED = 1 << 20
MS_RELATIME = 1 << 21
MS_STRICTATIME = 1 << 24

# Flags of umount2(2).
MNT_FORCE = 1
MNT_DETACH = 2
MNT_EXPIRE = 4
UMOUNT_NOFOLLOW = 8

# ioctl on a namespace file: return a file descriptor for its owning user ns.
NS_GET_USERNS = 0xB701

# pivot_root has no libc wrapper; its number depends on the architecture.
# aarch64 and riscv64 use the generic table.
_PIVOT_ROOT_NUMBERS = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203}

_MOUNT_FLAG_NAMES = {
    value: name
    for name, value in globals().items()
    if name.startswith("MS_") and isinstance(value, int)
}
_CLONE_FLAG_NAMES = {
    value: name
    for name, value in globals().items()
    if name.startswith("CLONE_") and isinstance(value, int)
}
_UMOUNT_FLAG_NAMES = {MNT_FORCE: "MNT_FORCE", MNT_DETACH: "MNT_DETACH"}
_UMOUNT_FLAG_NAMES |= {MNT_EXPIRE: "MNT_EXPIRE", UMOUNT_NOFOLLOW: "UMOUNT_NOFOLLOW"}


class SyscallError(OSError):
    """A system call failed; the message shows the call as C would spell it."""

    def __init__(self, call: str, err: int) -> None:
        super().__init__(err, f"{call}: {os.strerror(err)}")
        self.call = call

    def __str__(self) -> str:
        return self.strerror or self.call


# ---------------------------------------------------------------------------
# Loading libc

_libc_handle: Any = None


def load_libc() -> Any:
    """Return libc as a ctypes library, loading ctypes on the first call.

    Callers that fork and then change their root (containers) call this before
    forking, so that nothing needs to be imported from the new root.
    """
    global _libc_handle
    if _libc_handle is None:
        import ctypes

        _libc_handle = ctypes.CDLL(None, use_errno=True)
    return _libc_handle


def _check(result: int, call: str) -> int:
    """Raise SyscallError for CALL when RESULT is -1, else log and return it."""
    if result == -1:
        import ctypes

        err = ctypes.get_errno()
        log.debug("%s = -1 (%s)", call, errno_module.errorcode.get(err, err))
        raise SyscallError(call, err)
    log.debug("%s = %d", call, result)
    return result


def _c_string(text: str | bytes | None) -> bytes | None:
    """Return TEXT encoded as the kernel expects a path or option, or None."""
    return None if text is None else os.fsencode(text)


def _quote(text: str | bytes | None) -> str:
    """Return TEXT as a C string literal for messages, or NULL."""
    if text is None:
        return "NULL"
    return '"' + os.fsdecode(text) + '"'


def flag_names(flags: int, names: dict[int, str]) -> str:
    """Return FLAGS spelt as NAMES joined by |, with leftover bits in hex."""
    parts = [name for bit, name in sorted(names.items()) if bit and flags & bit == bit]
    rest = flags
    for bit, _ in sorted(names.items()):
        if flags & bit == bit:
            rest &= ~bit
    if rest:
        parts.append(hex(rest))
    return "|".join(parts) or "0"


def mount_flag_names(flags: int) -> str:
    """Return the MS_* FLAGS of mount(2) as text, e.g. ``MS_BIND|MS_RDONLY``."""
    return flag_names(flags, _MOUNT_FLAG_NAMES)


def clone_flag_names(flags: int) -> str:
    """Return the CLONE_NEW* FLAGS as text, e.g. ``CLONE_NEWNS|CLONE_NEWUSER``."""
    return flag_names(flags, _CLONE_FLAG_NAMES)


# ---------------------------------------------------------------------------
# Namespaces, mounts, root


def unshare(flags: int) -> None:
    """Move the calling process into new namespaces given by the CLONE_NEW* FLAGS.

    The kernel refuses CLONE_NEWUSER (EINVAL) in a multi-threaded process.
    """
    call = f"unshare({clone_flag_names(flags)})"
    _check(load_libc().unshare(flags), call)


def setns(fd: int, nstype: int = 0, what: str = "") -> None:
    """Join the namespace open as FD; NSTYPE, when not 0, must match its kind.

    WHAT names the namespace file in messages.
    """
    call = f"setns({what or fd}, {clone_flag_names(nstype)})"
    _check(load_libc().setns(fd, nstype), call)


def mount(
    source: str | None,
    target: str,
    fstype: str | None = None,
    flags: int = 0,
    options: str | None = None,
) -> None:
    """Mount SOURCE on TARGET as file system FSTYPE with FLAGS and OPTIONS."""
    call = f"mount({_quote(source)}, {_quote(target)}, {_quote(fstype)}, "
    call += mount_flag_names(flags)
    call += f", {_quote(options)})" if options else ")"
    result = load_libc().mount(
        _c_string(source),
        _c_string(target),
        _c_string(fstype),
        flags,
        _c_string(options),
    )
    _check(result, call)


def umount2(target: str, flags: int = 0) -> None:
    """Unmount TARGET; FLAGS are MNT_* values such as MNT_DETACH."""
    call = f"umount2({_quote(target)}, {flag_names(flags, _UMOUNT_FLAG_NAMES)})"
    _check(load_libc().umount2(_c_string(target), flags), call)


def pivot_root(new_root: str, put_old: str) -> None:
    """Make NEW_ROOT the root mount and move the old root under PUT_OLD."""
    machine = platform.machine()
    number = _PIVOT_ROOT_NUMBERS.get(machine)
    call = f"pivot_root({_quote(new_root)}, {_quote(put_old)})"
    if number is None:
        raise SyscallError(
            f"{call} on unsupported architecture {machine}", errno_module.ENOSYS
        )
    result = load_libc().syscall(number, _c_string(new_root), _c_string(put_old))
    _check(result, call)


def sethostname(name: str) -> None:
    """Set the host name of the current UTS namespace to NAME."""
    call = f"sethostname({_quote(name)})"
    try:
        socket.sethostname(name)
    except OSError as error:
        log.debug(
            "%s = -1 (%s)", call, errno_module.errorcode.get(error.errno, error.errno)
        )
        raise SyscallError(call, error.errno or errno_module.EINVAL) from None
    log.debug("%s = 0", call)


def namespace_user_owner(ns_path: str) -> int:
    """Return a new fd for the user namespace that owns the namespace at NS_PATH.

    This is the NS_GET_USERNS ioctl; the caller closes the returned fd.
    """
    import fcntl

    fd = os.open(ns_path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        owner = fcntl.ioctl(fd, NS_GET_USERNS)
    except OSError as error:
        raise SyscallError(
            f"ioctl({ns_path}, NS_GET_USERNS)", error.errno or 0
        ) from None
    finally:
        os.close(fd)
    log.debug("ioctl(%s, NS_GET_USERNS) = %d", ns_path, owner)
    return owner


def scrub_initial_environment() -> None:
    """Zero the environment block that execve left in this process's memory.

    Clearing os.environ unsets the variables, but the kernel still shows
    the original block as /proc/PID/environ to anyone in the container with
    the same uid.  Call only after os.environ.clear(): nothing refers to the
    block any longer.
    """
    import ctypes

    with open("/proc/self/stat") as file:
        fields = file.read().rpartition(")")[2].split()
    # Fields 50 and 51 of proc(5) (env_start, env_end); FIELDS starts at 3.
    start, end = int(fields[47]), int(fields[48])
    if 0 < start < end:
        ctypes.memset(start, 0, end - start)
    log.debug("memset(%#x, 0, %d) over the initial environment", start, end - start)


# ---------------------------------------------------------------------------
# prctl and capabilities, through python-prctl


def _prctl() -> Any:
    """Return the python-prctl module (imported on first use: it costs ~2 ms)."""
    import prctl

    return prctl


def _prctl_call(call: str, function: Any, *args: Any) -> Any:
    """Run python-prctl's FUNCTION with ARGS, raising SyscallError named CALL."""
    try:
        result = function(*args)
    except OSError as error:
        log.debug(
            "%s = -1 (%s)", call, errno_module.errorcode.get(error.errno, error.errno)
        )
        raise SyscallError(call, error.errno or errno_module.EINVAL) from None
    log.debug("%s = %r", call, result)
    return result


def set_no_new_privs() -> None:
    """Forbid this process and its descendants to gain privileges by execve."""
    _prctl_call("prctl(PR_SET_NO_NEW_PRIVS, 1)", _prctl().set_no_new_privs, 1)


def set_parent_death_signal(signum: int) -> None:
    """Ask the kernel to send SIGNUM to this process when its parent dies.

    The kernel clears it on every change of credentials, so call it last.
    """
    _prctl_call(f"prctl(PR_SET_PDEATHSIG, {signum})", _prctl().set_pdeathsig, signum)


def get_parent_death_signal() -> int:
    """Return the parent-death signal of this process (0 when none)."""
    return _prctl().get_pdeathsig()


def set_child_subreaper(enabled: bool) -> None:
    """Make this process adopt (or stop adopting) its orphaned descendants."""
    flag = 1 if enabled else 0
    _prctl_call(
        f"prctl(PR_SET_CHILD_SUBREAPER, {flag})", _prctl().set_child_subreaper, flag
    )


def is_child_subreaper() -> bool:
    """Return whether this process adopts its orphaned descendants."""
    return bool(_prctl().get_child_subreaper())


def last_capability() -> int:
    """Return the number of the highest capability this kernel knows."""
    try:
        with open("/proc/sys/kernel/cap_last_cap") as file:
            return int(file.read())
    except OSError:
        return _prctl().CAP_LAST_CAP


def capability_name(number: int) -> str:
    """Return the CAP_* name of capability NUMBER (or CAP_<number>)."""
    prctl = _prctl()
    for name in dir(prctl):
        if name.startswith("CAP_") and getattr(prctl, name) == number:
            if name not in ("CAP_EFFECTIVE", "CAP_PERMITTED", "CAP_INHERITABLE"):
                return name
    return f"CAP_{number}"


def restrict_capabilities(keep: Iterable[int]) -> None:
    """Drop every capability not in KEEP from the bounding set and from the
    effective, permitted and inheritable sets of this process.

    Dropping from the bounding set needs CAP_SETPCAP, so it comes before the
    capability sets lose it.
    """
    prctl = _prctl()
    kept = set(keep)
    dropped = [cap for cap in range(last_capability() + 1) if cap not in kept]
    for cap in dropped:
        _prctl_call(
            f"prctl(PR_CAPBSET_DROP, {capability_name(cap)})", prctl.capbset_drop, cap
        )
    known = [cap for cap in dropped if cap in prctl.ALL_CAPS]
    flags = [prctl.CAP_EFFECTIVE, prctl.CAP_PERMITTED, prctl.CAP_INHERITABLE]
    names = ",".join(capability_name(cap) for cap in known)
    _prctl_call(f"capset(drop {names})", prctl.set_caps, (known, flags, False))
