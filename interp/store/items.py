"""Files of store items on disk: copying in, making read-only, syncing, removing.

These steps know nothing of the database; the store calls them in the order
that keeps a crash from leaving a valid partial item.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat

from ..errors import BuildError

log = logging.getLogger(__name__)

#: Nix sets every item's modification time to 1 (one second after the epoch).
STORE_MTIME_NS = 1_000_000_000


def walk_bottom_up(path: str):
    """Yield every file under PATH (PATH last), children before their directory."""
    if os.path.isdir(path) and not os.path.islink(path):
        for root, dirs, files in os.walk(path, topdown=False):
            for name in files:
                yield os.path.join(root, name)
            for name in dirs:
                child = os.path.join(root, name)
                if os.path.islink(child):
                    yield child
            if root != path:
                yield root
    yield path


def canonicalise(path: str) -> None:
    """Make the tree at PATH read-only as Nix does: files 0444, executables and
    directories 0555, modification times 1; raise BuildError on special files."""
    for current in walk_bottom_up(path):
        info = os.lstat(current)
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            pass
        elif stat.S_ISREG(mode):
            os.chmod(current, 0o555 if mode & stat.S_IXUSR else 0o444)
        elif stat.S_ISDIR(mode):
            os.chmod(current, 0o555)
        else:
            raise BuildError(
                f"{current} is neither a regular file, a directory nor "
                "a symbolic link; the store cannot hold it"
            )
        os.utime(current, ns=(info.st_atime_ns, STORE_MTIME_NS), follow_symlinks=False)


def fsync_path(path: str) -> None:
    """Flush the file or directory PATH to disk."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_tree(path: str, parent: bool = True) -> None:
    """Flush every file and directory of the tree at PATH, then (with PARENT) the
    directory holding it, which makes PATH's own name durable."""
    for current in walk_bottom_up(path):
        if not os.path.islink(current):
            fsync_path(current)
    if parent:
        fsync_path(os.path.dirname(path))


def remove_tree(path: str) -> None:
    """Delete the file, symlink or (read-only) tree at PATH, if there is one."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        os.unlink(path)
        return
    # Registered directories are 0555: give them back write permission first.
    for root, dirs, _files in os.walk(path):
        os.chmod(root, 0o755)
        for name in dirs:
            child = os.path.join(root, name)
            if not os.path.islink(child):
                os.chmod(child, 0o755)
    shutil.rmtree(path)


def tree_size(path: str) -> int:
    """Return the bytes taken by files and symlinks under PATH (0 if absent)."""
    total = 0
    if not os.path.lexists(path):
        return 0
    for current in walk_bottom_up(path):
        info = os.lstat(current)
        if not stat.S_ISDIR(info.st_mode):
            total += info.st_size
    return total


def copy_in(source: str, target: str, recursive: bool) -> None:
    """Copy SOURCE to the new path TARGET: the whole tree (symlinks kept as
    links) if RECURSIVE, else the contents of the single regular file."""
    try:
        if not recursive:
            if not os.path.isfile(source):
                raise BuildError(f"cannot add {source} flat: not a regular file")
            shutil.copyfile(source, target)
            os.chmod(target, 0o644)
        elif os.path.islink(source):
            os.symlink(os.readlink(source), target)
        elif os.path.isdir(source):
            shutil.copytree(source, target, symlinks=True, copy_function=_copy_file)
        else:
            _copy_file(source, target)
    except OSError as error:
        raise BuildError(f"cannot add {source} to the store: {error}") from None


def _copy_file(source: str, target: str) -> None:
    """Copy a regular file, keeping only whether it is executable."""
    shutil.copyfile(source, target, follow_symlinks=False)
    executable = os.stat(source).st_mode & stat.S_IXUSR
    os.chmod(target, 0o755 if executable else 0o644)


def write_new_file(path: str, contents: bytes) -> None:
    """Create PATH (which must not exist) holding CONTENTS."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(contents)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
