"""``oscdsl build FILE``: build what FILE evaluates to and print the store paths.

FILE's value may be a derivation, a file-like object, a gexp (built as a
``computed-file``), a value of the store monad, a store path, or a list of
these.  ``--root FILE`` makes each output a GC root.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``oscdsl build``."""
    parser.add_argument("file", help="the file whose value is built")
    add_store_arguments(parser)
    parser.add_argument(
        "-r",
        "--root",
        metavar="FILE",
        help="make FILE a symlink to the result, and register it as a GC root",
    )
    parser.add_argument(
        "-d",
        "--derivations",
        action="store_true",
        help="print the derivation paths instead of building",
    )


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``--store`` and ``--state-dir``, shared with ``oscdsl gc``."""
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="the store directory (default: $OSCDSL_STORE, else a per-user default)",
    )
    parser.add_argument(
        "--state-dir",
        metavar="DIR",
        help="the store's metadata directory (default: $OSCDSL_STATE_DIR, else "
        "'state' beside the store)",
    )


def open_store(options: argparse.Namespace):
    """Return the Store the options name, and make it the default for the
    code evaluated and the builders run by this process."""
    from ..store import Store

    if options.store:
        os.environ["OSCDSL_STORE"] = os.path.abspath(options.store)
    if options.state_dir:
        os.environ["OSCDSL_STATE_DIR"] = os.path.abspath(options.state_dir)
    return Store()


def run_command(name: str, options: argparse.Namespace) -> int:
    """Run ``oscdsl build`` with OPTIONS; return the exit status."""
    from .report import guarded

    return guarded(lambda: build(options), options.debug)


def build(options: argparse.Namespace) -> int:
    """Evaluate, lower, build, root and print; return 0."""
    from ..runtime.deep import run_deep

    # One thread for all of it: the evaluator runs on a deep-stack thread,
    # and the store's SQLite connection must stay on the thread that made it.
    return run_deep(build_on_this_thread, options)


def build_on_this_thread(options: argparse.Namespace) -> int:
    """Do the work of :func:`build` on the calling thread."""
    from ..api import Interpreter
    from ..builtins.control import set_command_line
    from .run import checked_path

    store = open_store(options)
    try:
        path = checked_path(options.file)
        set_command_line([options.file])
        value = Interpreter(options.load_path).eval_file(path)
        targets = lower_targets(store, value)
        if options.derivations:
            for lowered in targets:
                if lowered.derivation is not None:
                    print(lowered.derivation.file_name)
            return 0
        build_targets(store, targets)
        paths = [lowered.path for lowered in targets]
        if options.root:
            add_roots(store, options.root, targets)
        for item in paths:
            print(item)
        return 0
    finally:
        store.close()


def lower_targets(store, value: Any) -> list:
    """Return the Lowered objects VALUE stands for (see the module docstring)."""
    from ..datums import NIL, Pair, list_to_python
    from ..errors import BuildError
    from ..gexp.lower import find_compiler, lower_object
    from ..gexp.monads import run_state
    from ..gexp.objects import ComputedFile, Gexp
    from ..printer import write_string

    if type(value) is Pair or value is NIL:
        return [t for item in list_to_python(value) for t in lower_targets(store, item)]
    if isinstance(value, Gexp):
        value = ComputedFile("build", value)
    if isinstance(value, str) or find_compiler(value) is not None:
        return [lower_object(store, value)]
    if callable(value):
        result, _ = run_state(value, store)
        return lower_targets(store, result)
    raise BuildError(
        f"{write_string(value)} cannot be built: it is not a derivation, a "
        "file-like object, a gexp or a value of the store monad",
        hint="make the last expression of the file the thing to build",
    )


def build_targets(store, targets: list) -> None:
    """Build the derivations of TARGETS, saying so on a terminal."""
    from ..store.build import derivation_closure

    drv_paths = [t.derivation.file_name for t in targets if t.derivation is not None]
    if not drv_paths:
        return
    if sys.stderr.isatty():
        missing = [
            p
            for p in derivation_closure(store, drv_paths)
            if not all(
                store.is_valid(o)
                for o in store.read_derivation(p).output_paths().values()
            )
        ]
        if missing:
            print(f"building {len(missing)} derivation(s):", file=sys.stderr)
            for drv_path in missing:
                print(f"  {drv_path}", file=sys.stderr)
    store.build(drv_paths)


def add_roots(store, root: str, targets: list) -> None:
    """Make ROOT (then ROOT-1, ROOT-2...) symlinks to the items of TARGETS, as
    GC roots.  File-appended paths root the whole item they point into."""
    for index, lowered in enumerate(targets):
        link = root if index == 0 else f"{root}-{index}"
        if os.path.islink(link):
            os.unlink(link)
        store.add_root(link, lowered.item)
