"""The store: content-addressed items under a prefix, with metadata in SQLite.

Locations, when not given to :class:`Store`:

* the prefix is ``$OSCDSL_STORE`` if set; else ``/var/lib/oscdsl/store`` for
  root and ``$XDG_DATA_HOME/oscdsl/store`` (``~/.local/share/oscdsl/store``)
  for anyone else;
* the state directory is ``$OSCDSL_STATE_DIR`` if set, else ``state`` beside
  the prefix. It holds ``db/db.sqlite``, ``locks/``, ``gcroots/`` (with
  ``auto/`` for indirect roots), ``temproots/`` and ``log/``.

How an item becomes valid (``Store._install``), and why a crash at any point
leaves no valid partial item:

1. take the item's lock (``locks/<hash>.lock``) and check validity again;
2. delete what an earlier, interrupted attempt left: ``<prefix>/.tmp-<base>``
   and any unregistered item at the final path;
3. write the item at ``<prefix>/.tmp-<base>``, make it read-only (files 0444,
   executables and directories 0555, mtime 1), fsync every file and directory;
4. rename it to its final path and fsync the store directory;
5. register it in one SQLite transaction: from here on it is valid;
6. release (and remove) the lock file.

Only step 5 makes an item valid, and it runs after the complete item is on
disk, so a crash before it leaves an invalid item that step 2 of the next
attempt removes. Build outputs follow the same steps except that the builder
writes at the final path itself (see :mod:`oscdsl.store.build`).
"""

from __future__ import annotations

import logging
import os
import platform
import secrets
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager

from ..errors import BuildError
from . import gc, hashing, items
from .database import Database, PathInfo
from .derivation import Derivation, make_derivation, read_derivation_file, to_aterm
from .locks import FileLock, exclusive_locks, shared_lock

log = logging.getLogger(__name__)


def default_prefix() -> str:
    """Return the store prefix used when none is given (see the module docstring)."""
    if os.environ.get("OSCDSL_STORE"):
        return os.environ["OSCDSL_STORE"]
    if os.geteuid() == 0:
        return "/var/lib/oscdsl/store"
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return os.path.join(data_home, "oscdsl", "store")


def default_state_dir(prefix: str) -> str:
    """Return the state directory used for PREFIX when none is given."""
    if os.environ.get("OSCDSL_STATE_DIR"):
        return os.environ["OSCDSL_STATE_DIR"]
    return os.path.join(os.path.dirname(prefix), "state")


def current_system() -> str:
    """Return the host's system type as Nix spells it (``x86_64-linux``)."""
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64", "armv7l": "armhf"}.get(
        machine, machine
    )
    return f"{machine}-{platform.system().lower()}"


class Store:
    """A connection to the store at PREFIX whose metadata lives in STATE_DIR.

    One instance per process; it keeps this process's temporary GC roots
    until :meth:`close`.
    """

    def __init__(self, prefix: str | None = None, state_dir: str | None = None) -> None:
        prefix = prefix or default_prefix()
        if not os.path.isabs(prefix):
            raise BuildError(f"the store prefix {prefix!r} is not an absolute path")
        self.prefix = os.path.normpath(prefix)
        self.state_dir = os.path.normpath(state_dir or default_state_dir(self.prefix))
        self._make_directories()
        self.db = Database(os.path.join(self.state_dir, "db", "db.sqlite"))
        self._temp_roots: FileLock | None = None
        self._hash_cache: dict[str, bytes] = {}
        self._derivation_cache: dict[str, Derivation] = {}
        from .build import sandbox_command

        #: Turns a build job into the command that runs it (see build.py).
        self.sandbox: Callable = sandbox_command

    def _make_directories(self) -> None:
        try:
            os.makedirs(self.prefix, mode=0o755, exist_ok=True)
            for sub in ("db", "locks", "gcroots/auto", "temproots", "log"):
                os.makedirs(os.path.join(self.state_dir, sub), exist_ok=True)
        except OSError as error:
            raise BuildError(
                f"cannot create the store at {self.prefix} (state {self.state_dir}): "
                f"{error.strerror}",
                hint="set OSCDSL_STORE and OSCDSL_STATE_DIR to writable directories",
            ) from None

    def close(self) -> None:
        """Close the database and drop this process's temporary roots."""
        if self._temp_roots is not None:
            self._temp_roots.release(remove=True)
            self._temp_roots = None
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.prefix} state={self.state_dir}>"

    # --- paths of the state directory -------------------------------------------

    def state_path(self, *parts: str) -> str:
        """Return the path PARTS inside the state directory."""
        return os.path.join(self.state_dir, *parts)

    def lock_file(self, store_path: str) -> str:
        """Return the lock file that guards STORE_PATH while it is made valid."""
        return self.state_path("locks", hashing.hash_part(store_path) + ".lock")

    def temp_name(self, store_path: str) -> str:
        """Return where STORE_PATH is written before it is renamed into place."""
        return os.path.join(self.prefix, ".tmp-" + os.path.basename(store_path))

    def log_file(self, drv_path: str) -> str:
        """Return the build log of the derivation DRV_PATH."""
        return self.state_path("log", os.path.basename(drv_path) + ".log")

    def gc_lock(self) -> str:
        """Return the lock file the collector holds exclusively while it runs."""
        return self.state_path("gc.lock")

    # --- queries ----------------------------------------------------------------

    def is_valid(self, path: str) -> bool:
        """Return true if PATH is a complete, registered item."""
        return self.db.is_valid(path)

    def path_info(self, path: str) -> PathInfo | None:
        """Return the metadata of PATH (NAR hash and size, references, deriver)."""
        return self.db.path_info(path)

    def references(self, path: str) -> set[str]:
        """Return the items that the valid item PATH refers to."""
        return self.db.references(self._valid(path))

    def referrers(self, path: str) -> set[str]:
        """Return the valid items that refer to PATH."""
        return self.db.referrers(path)

    def requisites(self, paths: Iterable[str]) -> set[str]:
        """Return the closure of PATHS: them and everything they refer to."""
        return self.db.requisites(self._valid(p) for p in paths)

    def valid_paths(self) -> set[str]:
        """Return every valid item."""
        return self.db.valid_paths()

    def derivation_outputs(self, drv_path: str) -> dict[str, str]:
        """Return {output name: path} of the valid derivation DRV_PATH."""
        return self.db.derivation_outputs(self._valid(drv_path))

    def _valid(self, path: str) -> str:
        if not self.db.is_valid(path):
            raise BuildError(f"{path} is not a valid item of the store {self.prefix}")
        return path

    # --- roots of this process --------------------------------------------------

    def add_temp_root(self, path: str) -> None:
        """Keep PATH (and its closure) from the collector while this Store is open."""
        with shared_lock(self.gc_lock()):
            self._write_temp_root(path)

    def _write_temp_root(self, path: str) -> None:
        if self._temp_roots is None:
            name = f"{os.getpid()}-{secrets.token_hex(4)}"
            self._temp_roots = FileLock(self.state_path("temproots", name))
            self._temp_roots.acquire()
        os.write(self._temp_roots.fd, (path + "\n").encode())

    def _rooted_and_valid(self, paths: Iterable[str]) -> bool:
        """Root PATHS temporarily, then return true if all of them are valid.

        Both happen under the shared GC lock, so the collector either sees the
        roots or has finished before validity is checked.
        """
        paths = list(paths)
        with shared_lock(self.gc_lock()):
            for path in paths:
                self._write_temp_root(path)
            return all(self.db.is_valid(p) for p in paths)

    # --- adding items -----------------------------------------------------------

    def add_text(
        self, name: str, text: str | bytes, references: Iterable[str] = ()
    ) -> str:
        """Return the store path of a file NAME holding TEXT, adding it if needed.

        REFERENCES (valid items TEXT mentions) are recorded and are part of the
        path, which is the one Nix's ``builtins.toFile`` would give.
        """
        contents = text.encode() if isinstance(text, str) else bytes(text)
        references = sorted(set(references))
        for reference in references:
            self._valid(reference)
        path = hashing.store_path_for_text(name, contents, references, self.prefix)
        nar_digest, nar_size = hashing.nar_hash_text(contents)
        info = PathInfo(
            path, hashing.format_hash(nar_digest), nar_size, set(references)
        )
        return self._install(
            info, lambda temp: items.write_new_file(temp, contents), nar_digest
        )

    def add_path(self, name: str, source: str, recursive: bool = True) -> str:
        """Return the store path of a copy of the file or tree SOURCE named NAME.

        Recursive adds are named by the NAR hash (``source`` paths, as
        ``guix add``/``nix-store --add`` do); a flat add names a single
        regular file by the hash of its contents.
        """
        hashing.check_name(name)
        if not os.path.lexists(source):
            raise BuildError(f"cannot add {source} to the store: no such file")
        if recursive:
            digest, _ = hashing.nar_hash(source)
            path = hashing.store_path_for_recursive_source(name, digest, self.prefix)
        else:
            with open(source, "rb") as file:
                digest = hashing.sha256(file.read())
            path = hashing.store_path_for_fixed(name, digest, self.prefix)
        info = PathInfo(path, "", 0)
        expected = digest if recursive else None
        return self._install(
            info, lambda temp: items.copy_in(source, temp, recursive), expected
        )

    def _install(
        self,
        info: PathInfo,
        populate: Callable[[str], None],
        expected_nar: bytes | None = None,
        derivation_outputs: Mapping[str, Mapping[str, str]] | None = None,
    ) -> str:
        """Make INFO.path valid, POPULATE writing its content at a temporary path.

        See the module docstring for the order of the steps. EXPECTED_NAR, if
        given, must be the NAR hash of what POPULATE wrote (the path depends
        on it); the hash and size in INFO are filled in from the written item.
        """
        path = info.path
        # Limitation: a valid item whose files were removed behind the store's
        # back is not repaired, because validity is read from the database only.
        if self._rooted_and_valid([path]):
            return path
        with exclusive_locks([self.lock_file(path)]):
            if self.db.is_valid(path):
                return path
            self.clear_leftovers(path)
            temp = self.temp_name(path)
            try:
                populate(temp)
                items.canonicalise(temp)
                # The temporary's own name need not be durable: the rename is
                # what gets flushed, below.
                items.sync_tree(temp, parent=False)
                digest, info.nar_size = hashing.nar_hash(temp)
                if expected_nar is not None and digest != expected_nar:
                    raise BuildError(f"{path}: the source changed while it was added")
                info.nar_hash = hashing.format_hash(digest)
                os.rename(temp, path)
                items.fsync_path(self.prefix)
            except BaseException:
                items.remove_tree(temp)
                raise
            self.db.register([info], dict(derivation_outputs or {}))
        log.debug("added %s", path)
        return path

    def clear_leftovers(self, path: str) -> None:
        """Delete an interrupted attempt at PATH: its temporary and, if PATH is
        not valid, whatever lies at PATH. The caller holds PATH's lock."""
        items.remove_tree(self.temp_name(path))
        if os.path.lexists(path) and not self.db.is_valid(path):
            log.info("removing unregistered %s left by an interrupted attempt", path)
            items.remove_tree(path)

    # --- derivations ------------------------------------------------------------

    def derivation(
        self,
        name: str,
        builder: str,
        args: Iterable[str] = (),
        env: Mapping[str, str] | None = None,
        input_derivations: Mapping[str, Iterable[str]] | None = None,
        input_sources: Iterable[str] = (),
        outputs: Iterable[str] = ("out",),
        system: str | None = None,
        fixed=None,
    ) -> Derivation:
        """Return a derivation NAME for this store, its output paths computed.

        INPUT_DERIVATIONS ({``.drv`` path: output names}) must already be
        written to the store; see :func:`derivation.make_derivation`.
        """
        return make_derivation(
            name, builder, self.prefix, self.read_derivation,
            args=args, env=env, input_derivations=input_derivations,
            input_sources=input_sources, outputs=outputs,
            system=system or current_system(), fixed=fixed, cache=self._hash_cache,
        )  # fmt: skip

    def write_derivation(self, drv: Derivation, name: str | None = None) -> str:
        """Add DRV as a ``.drv`` text item and return its path.

        Its references are its inputs; its outputs are recorded in the
        database in the same transaction that makes it valid.
        """
        from .derivation import derivation_name

        name = name or derivation_name(drv)
        references = sorted(drv.references())
        for reference in references:
            self._valid(reference)
        contents = to_aterm(drv).encode()
        path = hashing.store_path_for_text(
            f"{name}.drv", contents, references, self.prefix
        )
        nar_digest, nar_size = hashing.nar_hash_text(contents)
        info = PathInfo(
            path, hashing.format_hash(nar_digest), nar_size, set(references)
        )
        self._derivation_cache[path] = drv
        return self._install(
            info, lambda temp: items.write_new_file(temp, contents), nar_digest,
            {path: drv.output_paths()},
        )  # fmt: skip

    def read_derivation(self, drv_path: str) -> Derivation:
        """Return the derivation stored at the valid ``.drv`` item DRV_PATH."""
        if drv_path not in self._derivation_cache:
            self._valid(drv_path)
            self._derivation_cache[drv_path] = read_derivation_file(drv_path)
        return self._derivation_cache[drv_path]

    def build(self, drv_paths: Iterable[str]) -> dict[str, dict[str, str]]:
        """Build DRV_PATHS and their missing inputs; return {drv: {output: path}}.

        Raise BuildError, with the tail of the log, if a builder fails.
        """
        from .build import build_derivations

        return build_derivations(self, list(drv_paths))

    # --- garbage collection -----------------------------------------------------

    def add_root(self, link_path: str, store_path: str) -> str:
        """Make the symlink LINK_PATH -> STORE_PATH a GC root; return LINK_PATH.

        An indirect root in ``gcroots/auto/`` points at the link, so deleting
        the link is enough to drop the root.
        """
        return gc.add_indirect_root(self, os.path.abspath(link_path), store_path)

    def roots(self) -> list[tuple[str, str]]:
        """Return (where the root is, store path) for every root, temporary or not."""
        return gc.find_roots(self)

    def live_paths(self) -> set[str]:
        """Return the valid items reachable from a root."""
        return gc.live_paths(self)

    def dead_paths(self) -> set[str]:
        """Return the valid items no root reaches."""
        return self.valid_paths() - self.live_paths()

    def collect_garbage(self, delete: bool = True) -> tuple[list[str], int]:
        """Delete the dead items (or, without DELETE, only list them).

        Return the deleted (or deletable) items and the bytes freed.
        """
        return gc.collect_garbage(self, delete)

    def delete(self, path: str) -> int:
        """Delete the valid item PATH and return the bytes freed.

        Raise BuildError if a root reaches PATH or another item refers to it.
        """
        return gc.delete_path(self, path)


@contextmanager
def open_store(prefix: str | None = None, state_dir: str | None = None):
    """Yield a Store for PREFIX and STATE_DIR and close it afterwards."""
    store = Store(prefix, state_dir)
    try:
        yield store
    finally:
        store.close()
