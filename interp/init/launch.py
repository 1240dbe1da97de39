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
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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


def boot_command(description_file: str, python: str | None = None) -> list[str]:
    """Return the argv that runs the boot program on DESCRIPTION_FILE."""
    # -I: the container's environment is empty anyway, and the current
    # directory must not shadow the package.
    return [python or sys.executable, "-I", "-m", "oscdsl.init", description_file]


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
