"""Start the boot program as a container's PID 1, from the host side.

The boot program is Python, so the container must see this interpreter:
:func:`interpreter_mounts` maps its installation, the virtual environment
and the oscdsl package read-only at their host paths, and
:func:`boot_thunk` is the ``call_with_container`` thunk that execs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from ..linux.filesystems import FileSystemSpec, bind_spec


def interpreter_paths() -> list[str]:
    """Return the host directories this interpreter and oscdsl are loaded from."""
    package = package_directory()
    candidates = {
        os.path.realpath(sys.base_prefix),
        os.path.realpath(sys.prefix),
        os.path.dirname(os.path.realpath(package)),
    }
    kept: list[str] = []
    for path in sorted(candidates):
        if not any(path == k or path.startswith(k + "/") for k in kept):
            kept.append(path)
    return kept


def interpreter_mounts() -> list[FileSystemSpec]:
    """Return read-only binds making this interpreter and oscdsl run inside."""
    return [bind_spec(path, read_only=True) for path in interpreter_paths()]


# PID 1 starts Python with -S: the editable install's finder that site
# loads costs about 10 ms (pathlib, urllib), and the boot program needs
# nothing from site-packages.  The package is registered by hand instead,
# without running oscdsl/__init__.py, which the boot program does not need.
BOOTSTRAP = (
    "import sys, types; package = types.ModuleType('oscdsl');"
    " package.__path__ = [sys.argv[1]]; sys.modules['oscdsl'] = package;"
    " from oscdsl.init.__main__ import main; sys.exit(main(sys.argv[1:]))"
)


def package_directory() -> str:
    """Return the host directory of the oscdsl package."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def boot_command(description_file: str, python: str | None = None) -> list[str]:
    """Return the argv that runs the boot program on DESCRIPTION_FILE.

    It does what ``python -m oscdsl.init DESCRIPTION_FILE`` does, faster.
    """
    # -I: the container's environment is empty anyway, and the current
    # directory must not shadow the package.
    executable = python or sys.executable
    package = package_directory()
    return [executable, "-I", "-S", "-c", BOOTSTRAP, package, description_file]


def boot_thunk(description_file: str, python: str | None = None) -> Callable[[], int]:
    """Return a thunk that replaces the container's PID 1 with the boot program."""
    argv = boot_command(description_file, python)

    def exec_boot_program() -> int:
        try:
            os.execv(argv[0], argv)
        except OSError as error:
            print(f"cannot run {argv[0]}: {error.strerror}", file=sys.stderr)
        return 127

    return exec_boot_program
