"""Garbage collection: roots, the live closure, and deleting what nothing reaches.

Roots are symlinks under ``<state>/gcroots`` (those in ``auto/`` point at a
user's link, which points into the store) and the temporary roots of running
processes in ``<state>/temproots``.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from ..errors import BuildError
from . import hashing, items
from .locks import FileLock, exclusive_locks, shared_lock

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)


def add_indirect_root(store: Store, link_path: str, store_path: str) -> str:
    """Point the symlink LINK_PATH at STORE_PATH and record it as an indirect root."""
    auto_name = hashing.nix_base32_encode(hashing.sha256(link_path.encode()))[:32]
    auto_link = store.state_path("gcroots", "auto", auto_name)
    with shared_lock(store.gc_lock()):
        if not store.is_valid(store_path):
            raise BuildError(f"cannot make a root of {store_path}: it is not valid")
        _replace_symlink(link_path, store_path)
        _replace_symlink(auto_link, link_path)
    log.debug("root %s -> %s", link_path, store_path)
    return link_path


def _replace_symlink(link_path: str, target: str) -> None:
    """Make LINK_PATH a symlink to TARGET atomically, replacing an older symlink."""
    if os.path.lexists(link_path) and not os.path.islink(link_path):
        raise BuildError(
            f"cannot make {link_path} a root: it exists and is not a symbolic link"
        )
    os.makedirs(os.path.dirname(link_path), exist_ok=True)
    temp = f"{link_path}.tmp-{os.getpid()}"
    if os.path.lexists(temp):
        os.unlink(temp)
    os.symlink(target, temp)
    os.replace(temp, link_path)


def find_roots(store: Store) -> list[tuple[str, str]]:
    """Return (root location, store path) pairs for permanent and temporary roots.

    Indirect roots whose user link is gone are deleted on the way.
    """
    roots: list[tuple[str, str]] = []
    for directory, _dirs, files in os.walk(store.state_path("gcroots")):
        for name in files + _dirs:
            location = os.path.join(directory, name)
            if os.path.islink(location):
                _add_symlink_root(store, location, roots)
    roots.extend(_temp_roots(store))
    return roots


def _add_symlink_root(store: Store, location: str, roots: list) -> None:
    target = os.readlink(location)
    target = os.path.join(os.path.dirname(location), target)
    item = _store_item(store, target)
    if item is not None:
        roots.append((location, item))
        return
    if not os.path.islink(target):
        if not os.path.lexists(target):
            log.info("removing stale indirect root %s -> %s", location, target)
            os.unlink(location)
        return
    item = _store_item(
        store, os.path.join(os.path.dirname(target), os.readlink(target))
    )
    if item is not None:
        roots.append((target, item))


def _store_item(store: Store, path: str) -> str | None:
    """Return the store item PATH is or lies in, or None if it is outside."""
    path = os.path.normpath(path)
    if not path.startswith(store.prefix + "/"):
        return None
    try:
        return hashing.to_store_path(path, store.prefix)
    except BuildError:
        return None


def _temp_roots(store: Store):
    """Yield (file, path) for each temporary root of a running process.

    A file whose lock can be taken belongs to a dead process and is deleted.
    """
    directory = store.state_path("temproots")
    for name in os.listdir(directory):
        location = os.path.join(directory, name)
        lock = FileLock(location)
        if lock.acquire(blocking=False):
            lock.release(remove=True)
            continue
        with open(location, encoding="utf-8", errors="replace") as file:
            for line in file.read().splitlines():
                if line:
                    yield location, line


# Limitation: only references keep items alive; Nix's keep-derivations and
# keep-outputs settings are absent because nothing here needs them yet.
def live_paths(store: Store) -> set[str]:
    """Return the valid items reachable from some root."""
    graph = store.db.reference_graph()
    return _closure(graph, {path for _, path in find_roots(store)})


def _closure(graph: dict[str, set[str]], starts: set[str]) -> set[str]:
    live: set[str] = set()
    pending = [p for p in starts if p in graph]
    while pending:
        path = pending.pop()
        if path not in live:
            live.add(path)
            pending.extend(graph[path] - live)
    return live


def _referrers_first(graph: dict[str, set[str]], dead: set[str]) -> list[str]:
    """Return DEAD ordered so that every item comes before the items it refers to."""
    order: list[str] = []
    done: set[str] = set()
    referrers: dict[str, set[str]] = {p: set() for p in dead}
    for path in dead:
        for reference in graph[path] & dead:
            if reference != path:
                referrers[reference].add(path)
    ready = [p for p in sorted(dead) if not referrers[p]]
    while ready:
        path = ready.pop()
        order.append(path)
        done.add(path)
        for reference in graph[path] & dead:
            if reference != path and reference not in done:
                referrers[reference].discard(path)
                if not referrers[reference]:
                    ready.append(reference)
    return order


def collect_garbage(store: Store, delete: bool = True) -> tuple[list[str], int]:
    """Delete (with DELETE) every valid item no root reaches, and stray files.

    Return the dead items and the bytes they took. Items whose lock is held
    (being added or built) are left alone.
    """
    with exclusive_locks([store.gc_lock()], remove=False):
        graph = store.db.reference_graph()
        dead = set(graph) - _closure(graph, {path for _, path in find_roots(store)})
        order = _referrers_first(graph, dead)
        if not delete:
            return order, sum(items.tree_size(p) for p in order)
        deleted, freed = [], 0
        for path in order:
            size = _delete_if_unlocked(store, path)
            if size is not None:
                deleted.append(path)
                freed += size
        freed += _remove_strays(store)
    log.info("collected %d items, %d bytes", len(deleted), freed)
    return deleted, freed


def _delete_if_unlocked(store: Store, path: str) -> int | None:
    """Invalidate and delete PATH unless someone holds its lock; return bytes freed."""
    lock = FileLock(store.lock_file(path))
    if not lock.acquire(blocking=False):
        return None
    try:
        size = items.tree_size(path)
        # Invalidate first: a crash between the two steps leaves an
        # unregistered item, never a valid one whose files are gone.
        store.db.invalidate(path)
        items.remove_tree(path)
        return size
    except BuildError as error:
        log.warning("not deleting %s: %s", path, error.message)
        return None
    finally:
        lock.release(remove=True)


def _remove_strays(store: Store) -> int:
    """Delete temporaries and unregistered items that no process is writing."""
    freed = 0
    for name in os.listdir(store.prefix):
        path = os.path.join(store.prefix, name)
        base = name[len(".tmp-") :] if name.startswith(".tmp-") else name
        candidate = os.path.join(store.prefix, base)
        if not hashing.is_store_path(candidate, store.prefix):
            continue
        if path == candidate and store.db.is_valid(path):
            continue
        lock = FileLock(store.lock_file(candidate))
        if not lock.acquire(blocking=False):
            continue
        try:
            if path != candidate or not store.db.is_valid(path):
                freed += items.tree_size(path)
                items.remove_tree(path)
        finally:
            lock.release(remove=True)
    return freed


def delete_path(store: Store, path: str) -> int:
    """Delete the valid item PATH unless a root reaches it; return bytes freed."""
    with exclusive_locks([store.gc_lock()], remove=False):
        if not store.db.is_valid(path):
            raise BuildError(f"cannot delete {path}: it is not a valid store item")
        roots = find_roots(store)
        graph = store.db.reference_graph()
        for location, root in sorted(roots):
            if path in _closure(graph, {root}):
                raise BuildError(
                    f"cannot delete {path}: it is still alive, reachable from the "
                    f"root {location} -> {root}"
                )
        lock = FileLock(store.lock_file(path))
        lock.acquire()
        try:
            size = items.tree_size(path)
            store.db.invalidate(path)
            items.remove_tree(path)
        finally:
            lock.release(remove=True)
    return size
