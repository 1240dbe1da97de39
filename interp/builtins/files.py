"""The file system, the environment and processes, as Guile and Guix name them.

Guile's core POSIX procedures (``stat``, ``mkdir``, ``getenv``, ``system*``,
...) are bound in the root module; the helpers of ``(guix build utils)``
(``mkdir-p``, ``copy-recursively``, ``which``, ...) in that module.  A failing
system call raises a ``system-error`` condition naming the operation.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import stat as stat_module
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..datums import DEFAULT, EOF, UNSPECIFIED, Keyword, Symbol, make_list
from ..errors import scheme_error
from ..runtime.procedures import call
from .ports import current_error_port, os_error, output_port
from .registry import primitive

GUIX_UTILS = ("guix", "build", "utils")
FTW = ("ice-9", "ftw")


@contextmanager
def system_errors(who: str, *filenames: Any) -> Iterator[None]:
    """Turn an OSError raised in the with-block into a ``system-error`` for WHO."""
    try:
        yield
    except OSError as error:
        raise os_error(who, error, *filenames[:1]) from None


def _path(value: Any, who: str) -> str:
    """Return VALUE if it is a file name (a string); raise the type error otherwise."""
    if type(value) is not str:
        raise scheme_error(
            "wrong-type-arg", "Wrong type argument (expecting string):", value, who=who
        )
    return value


def _given(value: Any) -> bool:
    """Return whether the optional argument VALUE was passed."""
    return value is not None and value is not DEFAULT


# ---------------------------------------------------------------------------
# The environment


@primitive("getenv")
def getenv(name: Any) -> Any:
    """Return the value of the environment variable NAME, or #f if it is unset."""
    value = os.environ.get(_path(name, "getenv"))
    return False if value is None else value


@primitive("setenv")
def setenv(name: Any, value: Any) -> Any:
    """Set the environment variable NAME to VALUE; a VALUE of #f unsets it."""
    name = _path(name, "setenv")
    if value is False:
        os.environ.pop(name, None)
    else:
        os.environ[name] = _path(value, "setenv")
    return UNSPECIFIED


@primitive("unsetenv")
def unsetenv(name: Any) -> Any:
    """Remove the environment variable NAME."""
    os.environ.pop(_path(name, "unsetenv"), None)
    return UNSPECIFIED


@primitive("environ")
def environ(new_environment: Any = None) -> Any:
    """Return the environment as a list of ``NAME=VALUE`` strings.

    Given NEW-ENVIRONMENT, such a list, replace the environment with it.
    """
    if _given(new_environment):
        entries = [_path(entry, "environ") for entry in new_environment]
        os.environ.clear()
        for entry in entries:
            name, _, value = entry.partition("=")
            os.environ[name] = value
        return UNSPECIFIED
    return make_list(f"{name}={value}" for name, value in os.environ.items())


# ---------------------------------------------------------------------------
# Files and directories


@primitive("file-exists?")
def file_exists(path: Any) -> bool:
    """Return whether a file named PATH exists (following symbolic links)."""
    return os.path.exists(_path(path, "file-exists?"))


@primitive("file-is-directory?")
def file_is_directory(path: Any) -> bool:
    """Return whether PATH names a directory; it is an error if it does not exist.

    Guile 3.0.8 raises the error of ``stat`` for a missing file, and so does
    this; ``directory-exists?`` of ``(guix build utils)`` returns #f instead.
    """
    return stat_type(stat(path)) is Symbol("directory")


@primitive("directory-exists?", module=GUIX_UTILS)
def directory_exists(path: Any) -> bool:
    """Return whether PATH exists and is a directory."""
    return os.path.isdir(_path(path, "directory-exists?"))


@primitive("symbolic-link?", module=GUIX_UTILS)
def is_symbolic_link(path: Any) -> bool:
    """Return whether PATH is a symbolic link."""
    return os.path.islink(_path(path, "symbolic-link?"))


@primitive("executable-file?", module=GUIX_UTILS)
def is_executable_file(path: Any) -> bool:
    """Return whether PATH is a regular file that may be executed."""
    path = _path(path, "executable-file?")
    return os.path.isfile(path) and os.access(path, os.X_OK)


@primitive("mkdir")
def mkdir(path: Any, mode: Any = None) -> Any:
    """Create the directory PATH with permissions MODE (#o777 less the umask)."""
    path = _path(path, "mkdir")
    with system_errors("mkdir", path):
        os.mkdir(path, mode if _given(mode) else 0o777)
    return UNSPECIFIED


@primitive("rmdir")
def rmdir(path: Any) -> Any:
    """Remove the empty directory PATH."""
    path = _path(path, "rmdir")
    with system_errors("rmdir", path):
        os.rmdir(path)
    return UNSPECIFIED


@primitive("delete-file")
def delete_file(path: Any) -> Any:
    """Remove the file PATH, which must not be a directory."""
    path = _path(path, "delete-file")
    with system_errors("delete-file", path):
        os.unlink(path)
    return UNSPECIFIED


@primitive("rename-file")
def rename_file(old: Any, new: Any) -> Any:
    """Rename the file OLD to NEW, replacing NEW if it exists."""
    old, new = _path(old, "rename-file"), _path(new, "rename-file")
    with system_errors("rename-file", old):
        os.rename(old, new)
    return UNSPECIFIED


@primitive("copy-file")
def copy_file(source: Any, destination: Any) -> Any:
    """Copy the contents and permissions of the file SOURCE to DESTINATION."""
    source = _path(source, "copy-file")
    destination = _path(destination, "copy-file")
    with system_errors("copy-file", source):
        shutil.copy(source, destination)
    return UNSPECIFIED


@primitive("symlink")
def symlink(target: Any, link: Any) -> Any:
    """Create the symbolic link LINK pointing to TARGET."""
    target, link = _path(target, "symlink"), _path(link, "symlink")
    with system_errors("symlink", link):
        os.symlink(target, link)
    return UNSPECIFIED


@primitive("readlink")
def readlink(path: Any) -> str:
    """Return the target of the symbolic link PATH."""
    path = _path(path, "readlink")
    with system_errors("readlink", path):
        return os.readlink(path)


@primitive("chmod")
def chmod(path: Any, mode: Any) -> Any:
    """Set the permissions of the file PATH to MODE."""
    path = _path(path, "chmod")
    with system_errors("chmod", path):
        os.chmod(path, mode)
    return UNSPECIFIED


@primitive("getcwd")
def getcwd() -> str:
    """Return the current working directory."""
    with system_errors("getcwd"):
        return os.getcwd()


@primitive("chdir")
def chdir(path: Any) -> Any:
    """Make PATH the current working directory."""
    path = _path(path, "chdir")
    with system_errors("chdir", path):
        os.chdir(path)
    return UNSPECIFIED


@primitive("canonicalize-path")
def canonicalize_path(path: Any) -> str:
    """Return the absolute name of PATH without symbolic links, ``.`` or ``..``."""
    path = _path(path, "canonicalize-path")
    with system_errors("canonicalize-path", path):
        return os.path.realpath(path, strict=True)


@primitive("mkdtemp")
def mkdtemp(template: Any) -> str:
    """Create a new directory named by TEMPLATE, whose last six chars are XXXXXX."""
    template = _path(template, "mkdtemp")
    if not template.endswith("XXXXXX"):
        raise scheme_error("system-error", "Invalid argument", template, who="mkdtemp")
    directory, prefix = os.path.split(template[:-6])
    with system_errors("mkdtemp", template):
        return tempfile.mkdtemp(prefix=prefix, dir=directory or ".")


# ---------------------------------------------------------------------------
# stat: a vector of 18 fields, laid out as Guile's


STAT_FIELDS = (
    "dev ino mode nlink uid gid rdev size atime mtime ctime blksize blocks "
    "type perms atimensec mtimensec ctimensec"
).split()

FILE_TYPES = (
    (stat_module.S_ISREG, "regular"),
    (stat_module.S_ISDIR, "directory"),
    (stat_module.S_ISLNK, "symlink"),
    (stat_module.S_ISCHR, "char-special"),
    (stat_module.S_ISBLK, "block-special"),
    (stat_module.S_ISFIFO, "fifo"),
    (stat_module.S_ISSOCK, "socket"),
)


def _stat_vector(result: os.stat_result) -> list:
    """Return RESULT as Guile's stat vector (a Scheme vector of 18 fields)."""
    file_type = next(
        (name for test, name in FILE_TYPES if test(result.st_mode)), "unknown"
    )
    return [
        result.st_dev, result.st_ino, result.st_mode, result.st_nlink,
        result.st_uid, result.st_gid, result.st_rdev, result.st_size,
        int(result.st_atime), int(result.st_mtime), int(result.st_ctime),
        result.st_blksize, result.st_blocks, Symbol(file_type),
        stat_module.S_IMODE(result.st_mode), result.st_atime_ns % 10**9,
        result.st_mtime_ns % 10**9, result.st_ctime_ns % 10**9,
    ]  # fmt: skip


def _stat(who: str, path: Any, exception_on_error: Any, follow: bool) -> Any:
    """Return the stat vector of PATH, or #f on failure if EXCEPTION-ON-ERROR is #f."""
    if type(path) is not int:
        path = _path(path, who)
    try:
        return _stat_vector(os.stat(path, follow_symlinks=follow))
    except OSError as error:
        if exception_on_error is False:
            return False
        raise os_error(who, error, path) from None


@primitive("stat")
def stat(path: Any, exception_on_error: Any = True) -> Any:
    """Return the status of the file PATH (or file descriptor), following links."""
    return _stat("stat", path, exception_on_error, follow=True)


@primitive("lstat")
def lstat(path: Any) -> Any:
    """Return the status of PATH itself, even if it is a symbolic link."""
    return _stat("lstat", path, True, follow=False)


def _stat_accessor(index: int, name: str):
    """Register and return ``stat:NAME``, the accessor of field INDEX."""

    def accessor(result: Any) -> Any:
        if type(result) is not list or len(result) != len(STAT_FIELDS):
            raise scheme_error(
                "wrong-type-arg",
                "Wrong type argument (expecting stat vector):",
                result,
                who=f"stat:{name}",
            )
        return result[index]

    accessor.__name__ = f"stat_{name}"
    accessor.__doc__ = f"Return the {name} field of a stat vector."
    return primitive(f"stat:{name}")(accessor)


STAT_ACCESSORS = {name: _stat_accessor(i, name) for i, name in enumerate(STAT_FIELDS)}
stat_type = STAT_ACCESSORS["type"]


# ---------------------------------------------------------------------------
# Directories


class DirectoryStream:
    """An open directory as ``opendir`` returns it: its entries and a cursor."""

    def __init__(self, path: str, entries: list[str]) -> None:
        self.path = path
        self.entries = entries
        self.index = 0
        self.closed = False

    def scheme_repr(self, write: bool) -> str:
        """Return the stream as Guile prints it."""
        state = "closed" if self.closed else "open"
        return f"#<directory-stream {state} {self.path}>"


def _list_directory(who: str, path: Any) -> list[str]:
    """Return the names in the directory PATH, with ``.`` and ``..`` first."""
    path = _path(path, who)
    with system_errors(who, path):
        return [".", "..", *os.listdir(path)]


@primitive("opendir")
def opendir(path: Any) -> DirectoryStream:
    """Return a stream of the entries of the directory PATH."""
    return DirectoryStream(path, _list_directory("opendir", path))


@primitive("readdir")
def readdir(stream: Any) -> Any:
    """Return the next entry name of the directory STREAM, or the eof object."""
    if not isinstance(stream, DirectoryStream) or stream.closed:
        raise scheme_error(
            "wrong-type-arg",
            "Wrong type argument (expecting open directory):",
            stream,
            who="readdir",
        )
    if stream.index >= len(stream.entries):
        return EOF
    stream.index += 1
    return stream.entries[stream.index - 1]


@primitive("closedir")
def closedir(stream: Any) -> Any:
    """Close the directory STREAM."""
    if isinstance(stream, DirectoryStream):
        stream.closed = True
    return UNSPECIFIED


@primitive("scandir")
@primitive("scandir", module=FTW)
def scandir(path: Any, select: Any = None, entry_less: Any = None) -> Any:
    """Return the sorted names in the directory PATH (``.`` and ``..`` too).

    SELECT, given, keeps only the names it is true of; ENTRY-LESS orders them
    (string order by default).  Return #f if PATH cannot be read, as Guile does.
    """
    try:
        names = _list_directory("scandir", path)
    except Exception:
        return False
    if _given(select):
        names = [name for name in names if call(select, name) is not False]
    if _given(entry_less):

        def compare(a: str, b: str) -> int:
            return -1 if call(entry_less, a, b) is not False else 1

        names.sort(key=functools.cmp_to_key(compare))
    else:
        names.sort()
    return make_list(names)


# ---------------------------------------------------------------------------
# File names


@primitive("basename")
def basename(path: Any, suffix: Any = None) -> str:
    """Return the last component of PATH, without SUFFIX if it ends with it.

    As in Guile, trailing slashes stay: ``(basename "/a/b/")`` is ``"b/"``.
    """
    path = _path(path, "basename")
    stripped = path.rstrip("/")
    if not stripped:
        # Guile 3.0.8 returns "" for three slashes or more; "/" is the sane name.
        return "/" if path else ""
    name = path[stripped.rfind("/") + 1 :]
    if _given(suffix) and name.endswith(_path(suffix, "basename")):
        name = name[: len(name) - len(suffix)]
    return name


@primitive("dirname")
def dirname(path: Any) -> str:
    """Return PATH without its last component: ``"."`` if it has but one."""
    path = _path(path, "dirname")
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path else "."
    parent = stripped[: stripped.rfind("/") + 1]
    if not parent:
        return "."
    return parent.rstrip("/") or "/"


# ---------------------------------------------------------------------------
# Processes and the system


@primitive("current-time")
def current_time() -> int:
    """Return the number of seconds since the epoch."""
    return int(time.time())


@primitive("getpid")
def getpid() -> int:
    """Return the process id."""
    return os.getpid()


@primitive("getppid")
def getppid() -> int:
    """Return the id of the parent process."""
    return os.getppid()


@primitive("getuid")
def getuid() -> int:
    """Return the real user id."""
    return os.getuid()


@primitive("geteuid")
def geteuid() -> int:
    """Return the effective user id."""
    return os.geteuid()


@primitive("getgid")
def getgid() -> int:
    """Return the real group id."""
    return os.getgid()


@primitive("getegid")
def getegid() -> int:
    """Return the effective group id."""
    return os.getegid()


@primitive("gethostname")
def gethostname() -> str:
    """Return the host name of the machine."""
    return socket.gethostname()


def _flush_standard_ports() -> None:
    """Flush what Scheme code printed, so it comes before a child's output."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


@primitive("system")
def system(command: Any = None) -> Any:
    """Run the shell COMMAND and return its wait status (exit code times 256).

    Without COMMAND, return whether a shell is available.
    """
    if not _given(command):
        return os.access("/bin/sh", os.X_OK)
    _flush_standard_ports()
    # Limitation: the child writes to the process's file descriptors, not to a
    # parameterized current-output-port, exactly as in Guile.
    return os.system(_path(command, "system"))


@primitive("system*")
def system_star(program: Any, *args: Any) -> int:
    """Run PROGRAM with ARGS, without a shell, and return its wait status.

    A program that cannot be run gives status 127 (times 256), like a shell.
    """
    argv = [_path(arg, "system*") for arg in (program, *args)]
    _flush_standard_ports()
    try:
        returncode = subprocess.run(argv, check=False).returncode
    except FileNotFoundError:
        return 127 << 8
    except OSError:
        return 126 << 8
    return returncode << 8 if returncode >= 0 else -returncode


@primitive("status:exit-val")
def status_exit_val(status: int) -> Any:
    """Return the exit code in the wait STATUS, or #f if the process was killed."""
    return status >> 8 if status & 0x7F == 0 else False


@primitive("status:term-sig")
def status_term_sig(status: int) -> Any:
    """Return the signal that killed the process of STATUS, or #f."""
    return status & 0x7F if status & 0x7F not in (0, 0x7F) else False


# ---------------------------------------------------------------------------
# (guix build utils)


@primitive("mkdir-p")
@primitive("mkdir-p", module=GUIX_UTILS)
def mkdir_p(path: Any, mode: Any = None) -> Any:
    """Create the directory PATH and any missing parents, like ``mkdir -p``."""
    path = _path(path, "mkdir-p")
    with system_errors("mkdir", path):
        os.makedirs(path, mode if _given(mode) else 0o777, exist_ok=True)
    return UNSPECIFIED


def _keywords(who: str, args: tuple, known: dict[str, Any]) -> dict[str, Any]:
    """Return KNOWN updated with the ``#:key value`` pairs of ARGS."""
    options = dict(known)
    for position in range(0, len(args), 2):
        key = args[position]
        if not isinstance(key, Keyword) or key.name not in known:
            raise scheme_error(
                "keyword-argument-error", "Unrecognized keyword", key, who=who
            )
        if position + 1 >= len(args):
            raise scheme_error(
                "keyword-argument-error", "Keyword argument has no value", key, who=who
            )
        options[key.name] = args[position + 1]
    return options


@primitive("copy-recursively", module=GUIX_UTILS)
def copy_recursively(source: Any, destination: Any, *args: Any) -> Any:
    """Copy the directory SOURCE to DESTINATION, logging each file to LOG.

    Keywords: ``#:log`` (a port, the current output port by default),
    ``#:follow-symlinks?``, ``#:keep-mtime?``, ``#:keep-permissions?`` (#t)
    and ``#:select?`` (a predicate of the file name and its stat).
    """
    options = _keywords(
        "copy-recursively", args,
        {"log": None, "follow-symlinks?": False, "keep-mtime?": False,
         "keep-permissions?": True, "select?": None, "copy-file": None},
    )  # fmt: skip
    source = _path(source, "copy-recursively").rstrip("/") or "/"
    destination = _path(destination, "copy-recursively")
    log = output_port(options["log"], "copy-recursively")
    with system_errors("copy-recursively", source):
        for directory, subdirs, files in os.walk(
            source, followlinks=options["follow-symlinks?"] is not False
        ):
            relative = os.path.relpath(directory, source)
            target_dir = os.path.normpath(os.path.join(destination, relative))
            os.makedirs(target_dir, exist_ok=True)
            for name in sorted(files) + [d for d in subdirs if _is_link(directory, d)]:
                target = os.path.join(target_dir, name)
                _copy_one(os.path.join(directory, name), target, options, log)
    return UNSPECIFIED


def _is_link(directory: str, name: str) -> bool:
    """Return whether NAME in DIRECTORY is a symbolic link (walk lists it as a dir)."""
    return os.path.islink(os.path.join(directory, name))


def _copy_one(source: str, target: str, options: dict, log: Any) -> None:
    """Copy the file SOURCE to TARGET as copy-recursively's OPTIONS say."""
    select = options["select?"]
    if select is not None and call(select, source, lstat(source)) is False:
        return
    follow = options["follow-symlinks?"] is not False
    if os.path.islink(source) and not follow:
        if os.path.lexists(target):
            os.unlink(target)
        os.symlink(os.readlink(source), target)
    elif options["copy-file"] is not None:
        call(options["copy-file"], source, target)
    elif options["keep-permissions?"] is not False:
        shutil.copy(source, target)
    else:
        shutil.copyfile(source, target)
    if options["keep-mtime?"] is not False and not os.path.islink(target):
        shutil.copystat(source, target)
    log.write_text(f"`{source}' -> `{target}'\n")


@primitive("delete-file-recursively", module=GUIX_UTILS)
def delete_file_recursively(path: Any, *args: Any) -> Any:
    """Delete PATH and everything under it, like ``rm -rf``, without following links.

    Errors are reported on the current error port and otherwise ignored.
    """
    _keywords("delete-file-recursively", args, {"follow-mounts?": False})
    path = _path(path, "delete-file-recursively")

    def report(function: Any, name: str, error: Any) -> None:
        reason = error[1] if isinstance(error, tuple) else error
        message = getattr(reason, "strerror", None) or str(reason)
        current_error_port.value.write_text(
            f"warning: failed to delete {name}: {message}\n"
        )

    if os.path.islink(path) or not os.path.isdir(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            report(os.unlink, path, error)
        return UNSPECIFIED
    shutil.rmtree(path, onerror=report)
    return UNSPECIFIED


@primitive("which", module=GUIX_UTILS)
def which(program: Any) -> Any:
    """Return the full name of PROGRAM found on ``$PATH``, or #f."""
    found = shutil.which(_path(program, "which"))
    return False if found is None else found
