"""Profiles: the union of package items as one store item, a forest of symlinks.

Layout. A profile keeps the Debian layout of its packages and merges /usr as
bookworm hosts do: files a package ships under ``/bin``, ``/sbin``, ``/lib``,
``/lib64`` (and ``/lib32``, ``/libx32``) go to ``usr/bin``, ``usr/sbin``, ...
and the profile's ``bin``, ``sbin``, ``lib`` and ``lib64`` are relative links
into ``usr``. A container whose root holds ``/usr -> <profile>/usr`` and
``/bin -> usr/bin`` (and so on, see :func:`root_links`) then finds every path
compiled into host binaries: ``/lib64/ld-linux-x86-64.so.2``, the libraries in
``/lib/x86_64-linux-gnu`` and ``/usr/lib/x86_64-linux-gnu`` (ld.so's default
directories, so no ``ld.so.cache`` is needed), and ``/usr/bin/env`` or
``/bin/sh`` in scripts, without any host directory mapped.

Each regular file of a package becomes a symlink to the file in the store;
each symlink of a package is copied as it is, so a relative or absolute link
resolves inside the profile (through the container's root) as it did on the
host. The profile holds the closure of the items it is given and refers to
every item of it, so the collector keeps them while the profile lives.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..store import PathInfo, Store, hashing
from . import trees
from .importer import USR_MERGED

log = logging.getLogger(__name__)

#: Directories every profile has under usr/, so the container's links never dangle.
REQUIRED_DIRECTORIES = ("bin", "sbin", "lib", "lib64")

#: PATH of processes in a container whose root links into a profile.
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

#: Where Debian's ca-certificates keeps the bundle its postinst generates.
CERTIFICATE_BUNDLE = "etc/ssl/certs/ca-certificates.crt"


@dataclass(frozen=True)
class Collision:
    """Two items that both provide PATH (relative to the profile): FIRST is kept."""

    path: str
    first: str
    second: str

    def __str__(self) -> str:
        return f"/{self.path} is provided by both {self.first} and {self.second}"


def profile_path_of(relative: str) -> str:
    """Return where the package file RELATIVE goes in a profile (merged /usr)."""
    head, _, rest = relative.partition("/")
    if head in USR_MERGED:
        return f"usr/{head}/{rest}" if rest else f"usr/{head}"
    return relative


class ProfileBuilder:
    """The symlink forest of a profile, built item by item."""

    def __init__(self) -> None:
        self.root = trees.Directory()
        self.owners: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.collisions: list[Collision] = []

    def add_item(self, item: str) -> None:
        """Add the files of the store item ITEM, reporting collisions."""
        for directory, dirs, files in os.walk(item):
            for name in sorted(dirs + files):
                source = os.path.join(directory, name)
                relative = os.path.relpath(source, item)
                info = os.lstat(source)
                if stat.S_ISLNK(info.st_mode):
                    self._add(relative, trees.Symlink(os.readlink(source)), item)
                elif stat.S_ISDIR(info.st_mode):
                    self._add(relative, trees.Directory(), item)
                else:
                    self._add(relative, trees.Symlink(source), item)

    def _add(self, relative: str, node: trees.Node, item: str) -> None:
        path = profile_path_of(relative)
        parent = trees.parent_directory(self.root, path)
        name = os.path.basename(path)
        if parent is None:
            self._collide(os.path.dirname(path), item)
            return
        existing = parent.entries.get(name)
        if existing is None:
            parent.entries[name] = node
            self.owners[path] = item
            self.sources[path] = relative
        elif isinstance(existing, trees.Directory) and isinstance(
            node, trees.Directory
        ):
            pass
        elif existing == node or self._links_to_itself(relative, node):
            pass
        elif self._links_to_itself(self.sources.get(path, path), existing):
            # /usr/bin/x -> /bin/x beside the real /bin/x: once /usr is
            # merged, the link would point at itself, so the file wins.
            parent.entries[name] = node
            self.owners[path] = item
            self.sources[path] = relative
        else:
            self._collide(path, item)

    @staticmethod
    def _links_to_itself(relative: str, node: trees.Node) -> bool:
        """Return true if NODE, a package's RELATIVE path, is a link that
        resolves to itself once /usr is merged (``bin -> usr/bin``)."""
        if not isinstance(node, trees.Symlink):
            return False
        target = node.target
        if not target.startswith("/"):
            target = os.path.join("/", os.path.dirname(relative), target)
        target = os.path.normpath(target).lstrip("/")
        return profile_path_of(target) == profile_path_of(relative)

    def _collide(self, path: str, item: str) -> None:
        """Record that ITEM also provides PATH, which an earlier item owns."""
        first = self.owners.get(path) or self._owner_above(path)
        collision = Collision(path, first, item)
        self.collisions.append(collision)
        log.warning("profile collision: %s; keeping the first", collision)

    def _owner_above(self, path: str) -> str:
        while path and path not in self.owners:
            path = os.path.dirname(path)
        return self.owners.get(path, "?")

    def finish(self) -> trees.Directory:
        """Add the usr/ directories and the top-level links; return the tree."""
        # Limitation: libraries in directories that only /etc/ld.so.conf.d
        # names are not found, because the profile has no ld.so.cache; the
        # multiarch directories are ld.so's defaults on Debian and need none.
        usr = self.root.entries.setdefault("usr", trees.Directory())
        if isinstance(usr, trees.Directory):
            for name in REQUIRED_DIRECTORIES:
                usr.entries.setdefault(name, trees.Directory())
            for name in USR_MERGED:
                if name in usr.entries:
                    self.root.entries[name] = trees.Symlink(f"usr/{name}")
        return self.root


def profile_items(store: Store, items: Sequence[str]) -> list[str]:
    """Return ITEMS followed by the rest of their closure, sorted: the order in
    which a profile takes them (the first provider of a file wins)."""
    rest = store.requisites(items) - set(items)
    return list(dict.fromkeys(items)) + sorted(rest)


def plan_profile(
    store: Store, items: Sequence[str]
) -> tuple[trees.Directory, list[str], list[Collision]]:
    """Return the tree of the profile of ITEMS, its items and its collisions."""
    members = profile_items(store, items)
    builder = ProfileBuilder()
    for item in members:
        builder.add_item(item)
    return builder.finish(), members, builder.collisions


def build_profile(store: Store, items: Sequence[str], name: str = "profile") -> str:
    """Return the store path of the profile NAME uniting ITEMS and their closure.

    Collisions are logged as warnings naming both items; the first wins.
    An unchanged list of items gives the same path without writing a file.
    """
    tree, members, _ = plan_profile(store, items)
    digest, _ = trees.nar_hash(tree)
    path = hashing.store_path_for_recursive_source(name, digest, store.prefix, members)
    info = PathInfo(path, "", 0, set(members))
    # Limitation: Store._install is the store's private step; a public
    # "add a tree with references" would make this module independent of it.
    store._install(info, lambda temp: trees.write(tree, temp), digest)
    log.info("profile %s holds %d items", path, len(members))
    return path


def collisions(store: Store, items: Sequence[str]) -> list[Collision]:
    """Return the collisions that a profile of ITEMS would report."""
    return plan_profile(store, items)[2]


# ---------------------------------------------------------------------------
# Using a profile in a container


def root_links(profile: str) -> dict[str, str]:
    """Return {path in the container's root: link target} for PROFILE.

    ``/usr`` points into the profile; ``/bin``, ``/sbin``, ``/lib``, ``/lib64``
    (and the other merged directories the profile has) are relative links into
    ``/usr``, as on a merged-/usr Debian.
    """
    links = {"/usr": f"{profile}/usr"}
    for name in USR_MERGED:
        if os.path.lexists(os.path.join(profile, name)):
            links[f"/{name}"] = f"usr/{name}"
    return links


def populate_root(profile: str, root: str = "/") -> None:
    """Create the links of :func:`root_links` for PROFILE in the directory ROOT.

    Meant for ``populate_file_system`` of a container, which runs in the new
    root.
    """
    for link, target in root_links(profile).items():
        os.symlink(target, os.path.join(root, link.lstrip("/")))


def profile_environment(profile: str) -> dict[str, str]:
    """Return the environment variables for programs of PROFILE in a container.

    PATH lists the standard directories, which the root links resolve into
    the profile; SSL_CERT_FILE and SSL_CERT_DIR are set when the profile has
    Debian's certificate bundle.
    """
    environment = {"PATH": DEFAULT_PATH, "LANG": "C.UTF-8"}
    bundle = os.path.join(profile, CERTIFICATE_BUNDLE)
    if os.path.lexists(bundle):
        environment["SSL_CERT_FILE"] = bundle
        environment["SSL_CERT_DIR"] = os.path.dirname(bundle)
    return environment


def profile_of_packages(
    store: Store, names: Iterable[str], name: str = "profile"
) -> str:
    """Return the profile of the host packages NAMES, importing them first."""
    from .importer import import_packages

    return build_profile(store, import_packages(store, names), name)
