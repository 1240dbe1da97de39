"""``oscdsl gc``: list live or dead store items, query references, collect garbage.

Without options, every item no GC root reaches is deleted and the space
freed is reported.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``oscdsl gc``."""
    from .build import add_store_arguments

    add_store_arguments(parser)
    actions = parser.add_mutually_exclusive_group()
    actions.add_argument(
        "--list-live", action="store_true", help="list the items a root reaches"
    )
    actions.add_argument(
        "--list-dead", action="store_true", help="list the items no root reaches"
    )
    actions.add_argument(
        "--list-roots",
        action="store_true",
        help="list the roots and the items they point at",
    )
    actions.add_argument(
        "-d",
        "--delete",
        nargs="+",
        metavar="PATH",
        help="delete PATH (refused if it is live or referred to)",
    )
    actions.add_argument(
        "--references", nargs="+", metavar="PATH", help="list the items PATH refers to"
    )
    actions.add_argument(
        "--referrers",
        nargs="+",
        metavar="PATH",
        help="list the items that refer to PATH",
    )
    actions.add_argument(
        "-R", "--requisites", nargs="+", metavar="PATH", help="list the closure of PATH"
    )


def run_command(name: str, options: argparse.Namespace) -> int:
    """Run ``oscdsl gc`` with OPTIONS; return the exit status."""
    from .report import guarded

    return guarded(lambda: collect(options), options.debug)


def collect(options: argparse.Namespace) -> int:
    """Do what OPTIONS ask of the store; return 0."""
    from .build import open_store

    store = open_store(options)
    try:
        if options.list_live:
            print_paths(store.live_paths())
        elif options.list_dead:
            print_paths(store.dead_paths())
        elif options.list_roots:
            for location, path in sorted(store.roots()):
                print(f"{location} -> {path}")
        elif options.delete:
            freed = sum(store.delete(store_item(store, p)) for p in options.delete)
            report(f"deleted {len(options.delete)} item(s), freed {megabytes(freed)}")
        elif options.references:
            paths = [store_item(store, p) for p in options.references]
            print_paths(set().union(*(store.references(p) for p in paths)))
        elif options.referrers:
            paths = [store_item(store, p) for p in options.referrers]
            print_paths(set().union(*(store.referrers(p) for p in paths)))
        elif options.requisites:
            print_paths(
                store.requisites(store_item(store, p) for p in options.requisites)
            )
        else:
            if sys.stderr.isatty():
                print("finding garbage...", file=sys.stderr)
            deleted, freed = store.collect_garbage()
            report(f"deleted {len(deleted)} item(s), freed {megabytes(freed)}")
        return 0
    finally:
        store.close()


def store_item(store, path: str) -> str:
    """Return the store item PATH is or is inside (symlinks such as roots are
    followed), or raise BuildError."""
    import os

    from ..store import hashing

    resolved = os.path.realpath(path) if os.path.islink(path) else path
    return hashing.to_store_path(os.path.abspath(resolved), store.prefix)


def print_paths(paths) -> None:
    """Print PATHS, sorted, one per line."""
    for path in sorted(paths):
        print(path)


def report(message: str) -> None:
    """Print MESSAGE on standard error (the data goes to standard output)."""
    print(message, file=sys.stderr)


def megabytes(size: int) -> str:
    """Return SIZE in bytes as people read it (KiB below one MiB)."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.2f} MiB"
