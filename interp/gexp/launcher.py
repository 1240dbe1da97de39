"""How store programs run: a small launcher item that starts this interpreter.

Builders and scripts made from gexps are oscdsl programs.  They start through
the *launcher*, an executable store item whose shebang is the Python running
oscdsl now (``sys.executable``) and which calls ``oscdsl run``.  A script's
first line is ``#!<launcher>``: one absolute path and no argument, so the
kernel needs neither ``/bin/sh`` nor ``/usr/bin/env``, and the Scheme reader
skips the ``#! ... !#`` header.  (Linux runs a script whose interpreter is
itself a script, which is what happens here.)

Limitation: the interpreter (Python, the virtual environment and oscdsl's own
files) lives outside the store, because oscdsl is not itself built in a
store.  Derivations therefore name host paths, and a sandbox or container
that runs store programs must map the directories :func:`interpreter_files`
lists, read-only, at the same paths.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

LAUNCHER_NAME = "oscdsl-launcher"


def package_directory() -> str:
    """Return the directory of the ``oscdsl`` package (``interp/`` in a checkout)."""
    return str(Path(__file__).resolve().parent.parent)


def launcher_text() -> str:
    """Return the launcher: Python that imports oscdsl and runs ``oscdsl run``."""
    package = package_directory()
    return f"""#!{sys.executable}
# Runs an oscdsl program from the store: {LAUNCHER_NAME} FILE ARGS...
import sys
try:
    import oscdsl
except ImportError:
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "oscdsl", {os.path.join(package, "__init__.py")!r},
        submodule_search_locations=[{package!r}])
    oscdsl = importlib.util.module_from_spec(spec)
    sys.modules["oscdsl"] = oscdsl
    spec.loader.exec_module(oscdsl)
from oscdsl.cli.main import main
sys.exit(main(["run", *sys.argv[1:]]))
"""


def launcher_path(store: Store) -> str:
    """Return the store path of the launcher, adding it to STORE if needed."""
    cached = getattr(store, "_oscdsl_launcher", None)
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory(prefix="oscdsl-launcher-") as directory:
        file = os.path.join(directory, LAUNCHER_NAME)
        with open(file, "w", encoding="utf-8") as out:
            out.write(launcher_text())
        os.chmod(
            file,
            stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH,
        )
        path = store.add_path(LAUNCHER_NAME, file, recursive=True)
    store._oscdsl_launcher = path
    return path


def script_header(launcher: str) -> str:
    """Return the first lines of a script run by LAUNCHER: the shebang and ``!#``."""
    return f"#!{launcher}\n!#\n"


def interpreter_files() -> list[str]:
    """Return the host directories that running a store program needs.

    They are the virtual environment (or Python's prefix), the base Python
    installation, and oscdsl's package directory with its stdlib.
    """
    from ..modules.system import stdlib_directory

    paths = {
        sys.prefix,
        sys.base_prefix,
        os.path.dirname(os.path.realpath(sys.executable)),
        package_directory(),
        str(stdlib_directory()),
    }
    return sorted(p for p in paths if p)
