"""The store's metadata in SQLite: valid items, their references, derivation outputs.

An item is *valid* exactly when it has a row in ValidPaths; every write is
one transaction, so a registration is seen whole or not at all.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import BuildError

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS ValidPaths (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    path             TEXT UNIQUE NOT NULL,
    hash             TEXT NOT NULL,
    registrationTime INTEGER NOT NULL,
    deriver          TEXT,
    narSize          INTEGER
);
CREATE TABLE IF NOT EXISTS Refs (
    referrer  INTEGER NOT NULL REFERENCES ValidPaths(id) ON DELETE CASCADE,
    reference INTEGER NOT NULL REFERENCES ValidPaths(id) ON DELETE RESTRICT,
    PRIMARY KEY (referrer, reference)
);
CREATE INDEX IF NOT EXISTS RefsByReference ON Refs(reference);
CREATE TABLE IF NOT EXISTS DerivationOutputs (
    drv  INTEGER NOT NULL REFERENCES ValidPaths(id) ON DELETE CASCADE,
    id   TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (drv, id)
);
CREATE INDEX IF NOT EXISTS DerivationOutputsByPath ON DerivationOutputs(path);
"""

#: How long a writer waits for another process's transaction, in milliseconds.
BUSY_TIMEOUT_MS = 120_000


@dataclass
class PathInfo:
    """What the database knows of a valid item.

    NAR_HASH is ``sha256:<hex>``; REFERENCES are store paths (possibly the
    item itself); DERIVER is the ``.drv`` that built it, if any.
    """

    path: str
    nar_hash: str
    nar_size: int
    references: set[str] = field(default_factory=set)
    deriver: str | None = None
    registration_time: int = 0


class Database:
    """A connection to the metadata database of one store (one per process)."""

    def __init__(self, db_path: str) -> None:
        os.makedirs(os.path.dirname(db_path), exist_ok=True)
        self.path = db_path
        # Each evaluation runs on a thread of its own (see runtime.deep), one
        # after another: a connection opened by one is used by the next.
        self.conn = sqlite3.connect(
            db_path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL can only lose the last commits on power loss; an
        # item lost that way is merely unregistered, which the store repairs.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def transaction(self):
        """Run the body in one write transaction, taken before the first read."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- writing ---------------------------------------------------------------

    def register(
        self,
        infos: Iterable[PathInfo],
        derivation_outputs: dict[str, dict[str, str]] | None = None,
    ) -> None:
        """Make every item of INFOS valid, with its references, in one transaction.

        References must be valid already or among INFOS. DERIVATION_OUTPUTS
        maps ``.drv`` paths (valid or among INFOS) to {output name: path}.
        """
        infos = list(infos)
        now = int(time.time())
        with self.transaction() as conn:
            for info in infos:
                conn.execute(
                    "INSERT OR REPLACE INTO ValidPaths "
                    "(path, hash, registrationTime, deriver, narSize) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        info.path,
                        info.nar_hash,
                        info.registration_time or now,
                        info.deriver,
                        info.nar_size,
                    ),
                )
            for info in infos:
                for reference in info.references:
                    self._insert_ref(conn, info.path, reference)
            for drv, outputs in (derivation_outputs or {}).items():
                for name, path in outputs.items():
                    conn.execute(
                        "INSERT OR REPLACE INTO DerivationOutputs (drv, id, path) "
                        "VALUES ((SELECT id FROM ValidPaths WHERE path = ?), ?, ?)",
                        (drv, name, path),
                    )
        log.debug("registered %s", [i.path for i in infos])

    def _insert_ref(
        self, conn: sqlite3.Connection, referrer: str, reference: str
    ) -> None:
        row = conn.execute(
            "INSERT OR IGNORE INTO Refs (referrer, reference) "
            "SELECT a.id, b.id FROM ValidPaths a, ValidPaths b "
            "WHERE a.path = ? AND b.path = ?",
            (referrer, reference),
        )
        if row.rowcount == 0 and not self._has_ref(conn, referrer, reference):
            raise BuildError(
                f"cannot register {referrer}: its reference {reference} is not valid"
            )

    @staticmethod
    def _has_ref(conn: sqlite3.Connection, referrer: str, reference: str) -> bool:
        return (
            conn.execute(
                "SELECT 1 FROM Refs r JOIN ValidPaths a ON r.referrer = a.id "
                "JOIN ValidPaths b ON r.reference = b.id "
                "WHERE a.path = ? AND b.path = ?",
                (referrer, reference),
            ).fetchone()
            is not None
        )

    def invalidate(self, path: str) -> None:
        """Make PATH invalid; raise BuildError if another valid item refers to it."""
        with self.transaction() as conn:
            others = [p for p in self._referrers(conn, path) if p != path]
            if others:
                raise BuildError(
                    f"cannot delete {path}: still referred to by {sorted(others)[0]}"
                    + (f" and {len(others) - 1} more" if len(others) > 1 else "")
                )
            conn.execute(
                "DELETE FROM Refs WHERE referrer = (SELECT id FROM ValidPaths "
                "WHERE path = ?)",
                (path,),
            )
            conn.execute("DELETE FROM ValidPaths WHERE path = ?", (path,))

    # --- queries ---------------------------------------------------------------

    def is_valid(self, path: str) -> bool:
        """Return true if PATH is registered."""
        row = self.conn.execute("SELECT 1 FROM ValidPaths WHERE path = ?", (path,))
        return row.fetchone() is not None

    def path_info(self, path: str) -> PathInfo | None:
        """Return what is known of PATH, or None if it is not valid."""
        row = self.conn.execute(
            "SELECT hash, narSize, deriver, registrationTime FROM ValidPaths "
            "WHERE path = ?",
            (path,),
        ).fetchone()
        if row is None:
            return None
        return PathInfo(path, row[0], row[1], self.references(path), row[2], row[3])

    def references(self, path: str) -> set[str]:
        """Return the items PATH refers to."""
        rows = self.conn.execute(
            "SELECT b.path FROM Refs r JOIN ValidPaths a ON r.referrer = a.id "
            "JOIN ValidPaths b ON r.reference = b.id WHERE a.path = ?",
            (path,),
        )
        return {row[0] for row in rows}

    def referrers(self, path: str) -> set[str]:
        """Return the valid items that refer to PATH."""
        return self._referrers(self.conn, path)

    @staticmethod
    def _referrers(conn: sqlite3.Connection, path: str) -> set[str]:
        rows = conn.execute(
            "SELECT a.path FROM Refs r JOIN ValidPaths a ON r.referrer = a.id "
            "JOIN ValidPaths b ON r.reference = b.id WHERE b.path = ?",
            (path,),
        )
        return {row[0] for row in rows}

    def requisites(self, paths: Iterable[str]) -> set[str]:
        """Return PATHS and everything they refer to, transitively."""
        closure: set[str] = set()
        pending = list(paths)
        while pending:
            path = pending.pop()
            if path not in closure:
                closure.add(path)
                pending.extend(self.references(path) - closure)
        return closure

    def derivation_outputs(self, drv_path: str) -> dict[str, str]:
        """Return {output name: path} recorded for the ``.drv`` DRV_PATH."""
        rows = self.conn.execute(
            "SELECT o.id, o.path FROM DerivationOutputs o JOIN ValidPaths v "
            "ON o.drv = v.id WHERE v.path = ?",
            (drv_path,),
        )
        return dict(rows.fetchall())

    def valid_derivers(self, output_path: str) -> set[str]:
        """Return the valid ``.drv`` paths that have OUTPUT_PATH as an output."""
        rows = self.conn.execute(
            "SELECT v.path FROM DerivationOutputs o JOIN ValidPaths v "
            "ON o.drv = v.id WHERE o.path = ?",
            (output_path,),
        )
        return {row[0] for row in rows}

    def valid_paths(self) -> set[str]:
        """Return every valid item."""
        return {row[0] for row in self.conn.execute("SELECT path FROM ValidPaths")}

    def reference_graph(self) -> dict[str, set[str]]:
        """Return {item: items it refers to} for every valid item, in one query."""
        graph: dict[str, set[str]] = {path: set() for path in self.valid_paths()}
        rows = self.conn.execute(
            "SELECT a.path, b.path FROM Refs r JOIN ValidPaths a ON r.referrer = a.id "
            "JOIN ValidPaths b ON r.reference = b.id"
        )
        for referrer, reference in rows:
            graph[referrer].add(reference)
        return graph
