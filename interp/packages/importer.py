"""Realize installed host packages as store items, one per package.

An item ``<hash>-<name>-<version>`` holds the package's files under their
absolute paths (``usr/bin/bash``, ``lib/x86_64-linux-gnu/libc.so.6``, ``etc/``
conffiles), alternatives links that point at its files, and refers to the
items of the packages it depends on.

Decisions:

* Dependency cycles (``libc6`` <-> ``libgcc-s1``): a content-addressed path
  cannot name an item whose path depends on it in turn, so each strongly
  connected component of the dependency graph becomes ONE item holding all
  its packages, named after them (``libc6-2.36-9_libgcc-s1-12.2.0-14``).
  Every package of the component realizes to that item; the closure stays
  complete, and the path depends only on what is installed.
* Files are copied (``copy_file_range``, which shares extents on file systems
  that can), never hard-linked: a hard link shares the inode, so the store's
  read-only modes and modification time of 1 would be applied to the host's
  own files, and an in-place edit on the host would change a valid item.
* The path is ``source``-typed: NAR hash of the content plus the references,
  so an unchanged host package gives the same path on every import. The NAR
  hash is computed from the host files before anything is copied, and a
  fingerprint of the files' metadata remembers the result in
  ``<state>/host-packages/``: a second import stats the files and does no
  other work.
* ``/usr/share/doc``, ``/usr/share/man``, ``/usr/share/info`` and
  ``/usr/share/locale`` are left out by default (see DEFAULT_EXCLUDES):
  they triple the size of small packages and nothing in a container needs
  them. Files that dpkg lists but that are absent (removed conffiles, paths
  excluded by ``dpkg.cfg.d`` in container images) are skipped.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence

from ..errors import BuildError
from ..store import PathInfo, Store, hashing
from . import trees
from .dpkg import DpkgDatabase, DpkgError, Package

log = logging.getLogger(__name__)

#: Host directories whose files are left out of imported packages.
DEFAULT_EXCLUDES: tuple[str, ...] = (
    "/usr/share/doc",
    "/usr/share/man",
    "/usr/share/info",
    "/usr/share/locale",
)

#: Files that maintainer scripts generate and that dpkg therefore does not
#: list, imported with the package that generates them when present.
# Limitation: other files made by maintainer scripts (caches, keys, hashed
# certificate links) are absent from items, because dpkg does not record them.
GENERATED_FILES: dict[str, tuple[str, ...]] = {
    "ca-certificates": ("/etc/ssl/certs/ca-certificates.crt",),
}

#: Changes whenever the layout of imported items changes, so that cached
#: fingerprints of older layouts are not reused.
LAYOUT_VERSION = "oscdsl-host-package-1"

#: The top-level directories that merged-/usr hosts link into /usr.
USR_MERGED = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")

Progress = Callable[[int, int, str], None]


def store_name(packages: Sequence[Package], native_arch: str) -> str:
    """Return the store item name of the component PACKAGES.

    ``name-version`` per package, joined by ``_`` and sorted, with characters
    that store names forbid (``:`` of epochs, ``~``) replaced by ``_``; a
    foreign architecture is appended to the name.
    """
    parts = []
    for package in sorted(packages, key=lambda p: p.name):
        name = package.name
        if package.architecture not in ("all", native_arch):
            name += f"-{package.architecture}"
        parts.append(f"{name}-{package.version}")
    text = "".join(
        c if c.isascii() and (c.isalnum() or c in "+-._?=") else "_"
        for c in "_".join(parts)
    )
    return text[: hashing.MAX_NAME_LENGTH]


def canonical_path(path: str) -> str:
    """Return PATH as a merged-/usr host sees it (``/bin/sh`` -> ``/usr/bin/sh``)."""
    head = path.split("/", 2)[1] if path.count("/") >= 1 else ""
    return "/usr" + path if head in USR_MERGED else path


def strongly_connected(
    nodes: Sequence[str], edges: dict[str, list[str]]
) -> list[list[str]]:
    """Return the strongly connected components of a graph, dependencies first.

    Tarjan's algorithm, without recursion: a component comes after every
    component it has an edge to.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(edges.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def tty_progress(done: int, total: int, name: str) -> None:
    """Show import progress on the terminal's stderr, one rewritten line."""
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r\033[Kimporting host packages {done}/{total} {name}{end}")
    sys.stderr.flush()


def default_progress() -> Progress | None:
    """Return the progress reporter: on a terminal only, quiet in pipes."""
    return tty_progress if sys.stderr.isatty() else None


class Importer:
    """Imports host packages into STORE from the dpkg database DATABASE.

    EXCLUDES are host directories left out; PROGRESS, if given, is called
    with (done, total, item name) as items are realized.
    """

    def __init__(
        self,
        store: Store,
        database: DpkgDatabase | None = None,
        excludes: Iterable[str] = DEFAULT_EXCLUDES,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        try:
            self.database = database or DpkgDatabase()
        except DpkgError as error:
            raise BuildError(
                str(error),
                hint="host packages can only be imported on Debian-family hosts",
            ) from None
        self.excludes = tuple(e.rstrip("/") for e in excludes)
        self.progress = progress
        self._items: dict[str, str] = {}
        self._alternatives: dict[str, list[tuple[str, str]]] | None = None

    # --- entry points ----------------------------------------------------------

    def packages(self, names: Iterable[str]) -> list[Package]:
        """Return the installed packages NAMES; raise BuildError naming any missing."""
        found, missing = [], []
        for name in names:
            package = self.database.lookup(name)
            (found if package else missing).append(package or name)
        if missing:
            listed = " ".join(sorted(missing))
            raise BuildError(
                f"host package{'s' if len(missing) > 1 else ''} not installed: "
                f"{listed}",
                hint=f"install {'them' if len(missing) > 1 else 'it'} on the host: "
                f"apt-get install {listed}",
            )
        return found

    def realize(self, names: Iterable[str]) -> dict[str, str]:
        """Import the host packages NAMES and their dependency closure.

        Return {qualified package name: store item} for every package of the
        closure; raise BuildError if one of NAMES is not installed.
        """
        closure = self.database.closure(self.packages(names))
        by_name = {p.qualified_name: p for p in closure}
        edges = {
            p.qualified_name: [d.qualified_name for d in self.database.dependencies(p)]
            for p in closure
        }
        components = strongly_connected(sorted(by_name), edges)
        pending = [c for c in components if c[0] not in self._items]
        for done, component in enumerate(pending, 1):
            members = [by_name[n] for n in component]
            references = {
                self._items[d]
                for n in component
                for d in edges[n]
                if d not in component
            }
            path = self._realize_component(members, references)
            for name in component:
                self._items[name] = path
            if self.progress is not None:
                self.progress(done, len(pending), hashing.store_path_name(path))
        return {name: self._items[name] for name in by_name}

    def items(self, names: Iterable[str]) -> list[str]:
        """Return the store items of the host packages NAMES, importing them."""
        names = list(names)
        realized = self.realize(names)
        packages = self.packages(names)
        return list(dict.fromkeys(realized[p.qualified_name] for p in packages))

    # --- one component ---------------------------------------------------------

    def _realize_component(self, members: list[Package], references: set[str]) -> str:
        """Return the item holding the packages MEMBERS, referring to REFERENCES."""
        plan, fingerprint = self.plan(members)
        name = store_name(members, self.database.native_arch)
        key = self._cache_key(name, fingerprint, references)
        cached = self._cached(key)
        if cached is not None:
            log.debug("%s: unchanged on the host, %s", name, cached)
            return cached
        digest, _ = trees.nar_hash(plan)
        path = hashing.store_path_for_recursive_source(
            name, digest, self.store.prefix, references
        )
        info = PathInfo(path, "", 0, set(references))
        # Limitation: set-user-ID bits are dropped (sudo, su, passwd), because
        # store items are 0444/0555 and containers run with no new privileges.
        # Limitation: Store._install is the store's private step; a public
        # "add a tree with references" would make this module independent of it.
        self.store._install(info, lambda temp: trees.write(plan, temp), digest)
        self._remember(key, path)
        log.info("imported %s", path)
        return path

    def plan(self, members: Iterable[Package]) -> tuple[trees.Directory, bytes]:
        """Return the planned tree of the packages MEMBERS and a fingerprint of it.

        The fingerprint covers the layout and every file's path, type, size,
        times and inode, so any change on the host gives a new one.
        """
        root = trees.Directory()
        hasher = hashlib.sha256(LAYOUT_VERSION.encode())
        for package in members:
            hasher.update(f"\0package {package.qualified_name}".encode())
            for path, info in self._host_files(package):
                self._plan_file(root, path, info, hasher)
        for link, target in self._alternative_links(root):
            relative = link.lstrip("/")
            parent = trees.parent_directory(root, relative)
            if parent is not None and trees.lookup(root, relative) is None:
                parent.entries[os.path.basename(relative)] = trees.Symlink(target)
                hasher.update(f"\0alternative {link} {target}".encode())
        return root, hasher.digest()

    def _plan_file(
        self, root: trees.Directory, path: str, info: os.stat_result, hasher
    ) -> None:
        """Add host file PATH (lstat INFO) to the plan ROOT and to HASHER."""
        node = trees.host_node(path, info)
        relative = path.lstrip("/")
        if node is None:
            log.warning("%s: not a file, link or directory; left out", path)
            return
        parent = trees.parent_directory(root, relative)
        if parent is None:
            log.warning("%s: a parent is a file in the package; left out", path)
            return
        base = os.path.basename(relative)
        if isinstance(node, trees.Directory):
            parent.entries.setdefault(base, node)
            # A directory's times change whenever any package adds a file to
            # it; its entries are fingerprinted one by one anyway.
            hasher.update(f"\0{path}\0directory".encode(errors="surrogateescape"))
            return
        parent.entries[base] = node
        target = node.target if isinstance(node, trees.Symlink) else ""
        hasher.update(
            f"\0{path}\0{info.st_mode:o} {info.st_size} {info.st_mtime_ns} "
            f"{info.st_ctime_ns} {info.st_ino} {target}".encode(
                errors="surrogateescape"
            )
        )

    def _host_files(self, package: Package) -> list[tuple[str, os.stat_result]]:
        """Return (host path, lstat) for the files PACKAGE installs.

        The item holds each file where it is on the host, so a file that
        another package diverts keeps its diverted name.
        Directories that hold other listed files are taken as directories even
        when the host links them (``/lib`` -> ``usr/lib`` on merged-/usr hosts).
        """
        listed = self.database.files(package)
        listed += [p for p in GENERATED_FILES.get(package.name, ()) if p not in listed]
        parents = {os.path.dirname(p) for p in listed}
        files = []
        for path in listed:
            if self._excluded(path):
                continue
            host = self.database.host_location(package, path)
            try:
                info = os.lstat(host)
                if path in parents:
                    info = os.stat(host)
                    if not os.path.isdir(host):
                        continue
            except OSError:
                log.debug("%s: %s is listed but absent; left out", package, host)
                continue
            files.append((host, info))
        return files

    def _excluded(self, path: str) -> bool:
        return any(path == e or path.startswith(e + "/") for e in self.excludes)

    def _alternative_links(self, root: trees.Directory) -> list[tuple[str, str]]:
        """Return the alternatives (link, target) whose target ROOT holds."""
        # Limitation: only the host's current choice is imported, so a profile
        # without the chosen package has no link (no awk with mawk chosen and
        # only gawk listed), because the other choices are not configured.
        if self._alternatives is None:
            self._alternatives = {}
            for link, target in self.database.alternatives():
                if not self._excluded(link):
                    key = canonical_path(target)
                    self._alternatives.setdefault(key, []).append((link, target))
        links = []
        for relative, node in trees.walk(root):
            if not isinstance(node, trees.Directory):
                links += self._alternatives.get(canonical_path("/" + relative), [])
        return links

    # --- the fingerprint cache -------------------------------------------------

    def _cache_key(self, name: str, fingerprint: bytes, references: set[str]) -> str:
        hasher = hashlib.sha256(fingerprint)
        hasher.update(f"\0{self.store.prefix}\0{name}".encode())
        for reference in sorted(references):
            hasher.update(f"\0{reference}".encode())
        return hasher.hexdigest()

    def _cache_file(self, key: str) -> str:
        return self.store.state_path("host-packages", key[:2], key)

    def _cached(self, key: str) -> str | None:
        """Return the valid item remembered for KEY (rooted for this process)."""
        try:
            with open(self._cache_file(key)) as file:
                path = file.read().strip()
        except OSError:
            return None
        self.store.add_temp_root(path)
        return path if self.store.is_valid(path) else None

    def _remember(self, key: str, path: str) -> None:
        """Record that KEY gave the item PATH, atomically."""
        cache = self._cache_file(key)
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        temp = f"{cache}.{os.getpid()}"
        with open(temp, "w") as file:
            file.write(path + "\n")
        os.replace(temp, cache)


def import_packages(
    store: Store,
    names: Iterable[str],
    database: DpkgDatabase | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """Return the store items of the host packages NAMES, importing what is needed.

    The items of their dependencies are imported too and are their
    references. PROGRESS defaults to a line on stderr when it is a terminal.
    """
    importer = Importer(store, database, progress=progress or default_progress())
    return importer.items(names)
