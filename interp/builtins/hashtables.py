"""Hash tables: Guile's native procedures (hash-ref, hashq-set!, ...) and SRFI-69.

A table is a Python dict from a canonical form of each key, chosen by the
equivalence in use, to the table's entry: a pair (key . value), which is the
handle that ``hash-get-handle`` and ``hash-create-handle!`` return.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datums import UNSPECIFIED, Pair, Symbol, equal
from ..errors import scheme_error
from ..runtime.procedures import apply_procedure
from .lists import elements, from_python, wrong_type
from .registry import ROOT, TABLES, primitive

SRFI_69 = ("srfi", "srfi-69")


def srfi_69(*names: str):
    """Register the decorated function under NAMES in the root module and SRFI-69."""

    def register(function):
        primitive(*names)(function)
        primitive(*names, module=SRFI_69)(function)
        return function

    return register


# ---------------------------------------------------------------------------
# Canonical keys
#
# A canonical key is a hashable Python value that two Scheme keys share exactly
# when the table's equivalence holds between them.  Python's own equality is
# too loose for that (1 == 1.0 == True), hence the tags on numbers.


def eqv_key(value: Any) -> Any:
    """Return the canonical key of VALUE under eq? and eqv?."""
    kind = type(value)
    if kind is float:
        # hex() tells -0.0 from 0.0 and makes every NaN the same key, as Guile.
        return ("float", value.hex())
    if kind is bool:
        return ("bool", value)
    if kind is complex:
        return ("complex", value.real.hex(), value.imag.hex())
    if kind.__hash__ is None:
        # Vectors, bytevectors and other mutable values: identity.  The entry
        # keeps the key alive, so its id cannot be reused while it is stored.
        return ("id", id(value))
    return value


class EqualKey:
    """A compound key (pair, vector, record) compared with ``equal?``."""

    __slots__ = ("value", "hash")

    def __init__(self, value: Any) -> None:
        self.value = value
        self.hash = structural_hash(value)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return type(other) is EqualKey and equal(self.value, other.value)


def structural_hash(value: Any, budget: int = 64) -> int:
    """Return a hash of VALUE that equal? values share, looking at BUDGET parts.

    Only a bounded prefix of the structure is hashed, so deep, long or
    circular keys cost a bounded time and need no recursion.
    """
    todo = [value]
    parts: list = []
    while todo and budget:
        budget -= 1
        item = todo.pop()
        kind = type(item)
        if kind is Pair:
            parts.append("pair")
            todo.append(item.cdr)
            todo.append(item.car)
        elif kind is list:
            parts.append(("vector", len(item)))
            todo.extend(reversed(item[:8]))
        elif kind is bytearray:
            parts.append(bytes(item[:64]))
        elif hasattr(item, "scheme_equal"):
            parts.append(kind)
        else:
            parts.append(eqv_key(item))
    return hash(tuple(parts))


def equal_key(value: Any) -> Any:
    """Return the canonical key of VALUE under equal?."""
    kind = type(value)
    if kind is str or kind is Symbol or kind is int:
        return value
    if kind is Pair or kind is list:
        return EqualKey(value)
    if kind is bytearray:
        return ("bytevector", bytes(value))
    if hasattr(value, "scheme_equal"):
        return EqualKey(value)
    return eqv_key(value)


class CustomKey:
    """A key compared with an equivalence procedure we cannot hash for."""

    __slots__ = ("value", "same")

    def __init__(self, value: Any, same: Any) -> None:
        self.value = value
        self.same = same

    def __hash__(self) -> int:
        # Limitation: every key of a table with an unknown equivalence shares
        # one hash, so lookups are linear; configs use eq?, eqv?, equal? and
        # string=?, which get real hashing.
        return 0

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is CustomKey
            and apply_procedure(self.same, (self.value, other.value)) is not False
        )


EQUIVALENCE_KEYS: dict[str, Callable[[Any], Any]] = {
    "eq?": eqv_key,
    "eqv?": eqv_key,
    "equal?": equal_key,
    "string=?": equal_key,
}


def key_function(same: Any) -> Callable[[Any], Any] | None:
    """Return the canonical-key function for the equivalence SAME (None: equal?).

    Return None when SAME is a procedure whose equivalence is not known.
    """
    if same is None:
        return equal_key
    return EQUIVALENCE_KEYS.get(getattr(same, "scheme_name", None))


# ---------------------------------------------------------------------------
# The table


class HashTable:
    """A mutable hash table; KEY maps a Scheme key to its canonical form.

    EQUIVALENCE and HASH_FUNCTION are the procedures the table was made with
    (None for the defaults), returned by SRFI-69's accessors.
    """

    __slots__ = ("entries", "key", "equivalence", "hash_function")

    def __init__(
        self,
        key: Callable[[Any], Any] = equal_key,
        equivalence: Any = None,
        hash_function: Any = None,
    ) -> None:
        self.entries: dict[Any, Pair] = {}
        self.key = key
        self.equivalence = equivalence
        self.hash_function = hash_function

    def scheme_repr(self, write: bool = True) -> str:
        """Return the printed form, as Guile shows it: id, size and buckets."""
        count = len(self.entries)
        return f"#<hash-table {id(self):x} {count}/{max(31, count)}>"

    def __repr__(self) -> str:
        return self.scheme_repr()

    def handles(self) -> list[Pair]:
        """Return the entries, copied so that callbacks may change the table."""
        return list(self.entries.values())

    def lookup(self, canonical: Any) -> Pair | None:
        """Return the entry whose key has the form CANONICAL, or None."""
        return self.entries.get(canonical)

    def store(self, canonical: Any, key: Any, value: Any) -> None:
        """Set the value of KEY (whose form is CANONICAL) to VALUE."""
        entry = self.entries.get(canonical)
        if entry is None:
            self.entries[canonical] = Pair(key, value)
        else:
            entry.cdr = value


def make_table(same: Any = None, hash_function: Any = None) -> HashTable:
    """Return a new table using the equivalence procedure SAME (None: equal?)."""
    key = key_function(same)
    if key is None:
        return HashTable(lambda value: CustomKey(value, same), same, hash_function)
    return HashTable(key, same, hash_function)


def check_table(who: str, position: int, value: Any) -> HashTable:
    """Return VALUE if it is a hash table; raise a wrong-type-arg error otherwise."""
    if type(value) is not HashTable:
        raise wrong_type(who, position, "hash-table", value)
    return value


# ---------------------------------------------------------------------------
# Guile's native interface: each family names its equivalence


def define_family(prefix: str, canonical: Callable[[Any], Any]) -> None:
    """Register PREFIX-ref, PREFIX-set!, ... using the key function CANONICAL."""

    def ref(table: Any, key: Any, default: Any = False) -> Any:
        entry = check_table(f"{prefix}-ref", 1, table).lookup(canonical(key))
        return default if entry is None else entry.cdr

    def set_(table: Any, key: Any, value: Any) -> Any:
        check_table(f"{prefix}-set!", 1, table).store(canonical(key), key, value)
        return value

    def remove(table: Any, key: Any) -> Any:
        entries = check_table(f"{prefix}-remove!", 1, table).entries
        entry = entries.pop(canonical(key), None)
        return False if entry is None else entry

    def get_handle(table: Any, key: Any) -> Any:
        entry = check_table(f"{prefix}-get-handle", 1, table).lookup(canonical(key))
        return False if entry is None else entry

    def create_handle(table: Any, key: Any, init: Any) -> Any:
        entries = check_table(f"{prefix}-create-handle!", 1, table).entries
        form = canonical(key)
        entry = entries.get(form)
        if entry is None:
            entry = entries[form] = Pair(key, init)
        return entry

    ref.__doc__ = "Return the value of KEY in TABLE, or DEFAULT (#f)."
    set_.__doc__ = "Set the value of KEY in TABLE to VALUE and return VALUE."
    remove.__doc__ = "Remove KEY from TABLE; return its old entry or #f."
    get_handle.__doc__ = "Return the entry (KEY . value) of KEY in TABLE, or #f."
    create_handle.__doc__ = "Return KEY's entry in TABLE, adding (KEY . INIT)."
    primitive(f"{prefix}-ref")(ref)
    primitive(f"{prefix}-set!")(set_)
    primitive(f"{prefix}-remove!")(remove)
    primitive(f"{prefix}-get-handle")(get_handle)
    primitive(f"{prefix}-create-handle!")(create_handle)


define_family("hash", equal_key)
define_family("hashq", eqv_key)
define_family("hashv", eqv_key)


@srfi_69("make-hash-table")
def make_hash_table(*args: Any) -> HashTable:
    """Return a new table: (make-hash-table [SIZE]) or (make-hash-table [SAME HASH]).

    Guile's form takes a size hint; SRFI-69's takes an equivalence procedure
    and a hash function.  Without arguments the table uses equal?.
    """
    if not args or type(args[0]) is int:
        return HashTable()
    same = args[0]
    if not callable(same):
        raise wrong_type("make-hash-table", 1, "procedure or size", same)
    return make_table(same, args[1] if len(args) > 1 else None)


@primitive(
    "make-weak-key-hash-table",
    "make-weak-value-hash-table",
    "make-doubly-weak-hash-table",
)
def make_weak_hash_table(size: Any = None) -> HashTable:
    """Return a new equal? table (weakness is not implemented)."""
    # Limitation: entries are held strongly, because a config lives too short
    # for the difference to matter.
    return HashTable()


@primitive("hash-table?")
def is_hash_table(value: Any) -> bool:
    """Return whether VALUE is a hash table."""
    return type(value) is HashTable


@primitive("hash-clear!")
def hash_clear(table: Any) -> Any:
    """Remove every entry of TABLE."""
    check_table("hash-clear!", 1, table).entries.clear()
    return UNSPECIFIED


@primitive("hash-count")
def hash_count(pred: Any, table: Any) -> int:
    """Return how many entries of TABLE satisfy (PRED key value)."""
    handles = check_table("hash-count", 2, table).handles()
    return sum(
        1
        for entry in handles
        if apply_procedure(pred, (entry.car, entry.cdr)) is not False
    )


@primitive("hash-for-each")
def hash_for_each(proc: Any, table: Any) -> Any:
    """Apply (PROC key value) to each entry of TABLE."""
    for entry in check_table("hash-for-each", 2, table).handles():
        apply_procedure(proc, (entry.car, entry.cdr))
    return UNSPECIFIED


@primitive("hash-for-each-handle")
def hash_for_each_handle(proc: Any, table: Any) -> Any:
    """Apply PROC to each entry (key . value) of TABLE."""
    for entry in check_table("hash-for-each-handle", 2, table).handles():
        apply_procedure(proc, (entry,))
    return UNSPECIFIED


@primitive("hash-map->list")
def hash_map_to_list(proc: Any, table: Any) -> Any:
    """Return the list of (PROC key value) over the entries of TABLE."""
    handles = check_table("hash-map->list", 2, table).handles()
    return from_python([apply_procedure(proc, (e.car, e.cdr)) for e in handles])


@primitive("hash-fold")
def hash_fold(proc: Any, init: Any, table: Any) -> Any:
    """Return (PROC key value acc) folded over the entries of TABLE from INIT."""
    acc = init
    for entry in check_table("hash-fold", 3, table).handles():
        acc = apply_procedure(proc, (entry.car, entry.cdr, acc))
    return acc


# ---------------------------------------------------------------------------
# SRFI-69: each table uses the equivalence it was made with


def missing_key(table: HashTable, key: Any):
    """Return the error for looking up the absent KEY in TABLE."""
    return scheme_error("misc-error", "Key not in table:", key, who="hash-table-ref")


@srfi_69("hash-table-ref")
def hash_table_ref(table: Any, key: Any, fail: Any = None, succeed: Any = None) -> Any:
    """Return the value of KEY in TABLE, or (FAIL) when absent.

    With SUCCEED, return (SUCCEED value) instead of the value itself.
    """
    check_table("hash-table-ref", 1, table)
    entry = table.lookup(table.key(key))
    if entry is None:
        if fail is None:
            raise missing_key(table, key)
        return apply_procedure(fail, ())
    if succeed is None:
        return entry.cdr
    return apply_procedure(succeed, (entry.cdr,))


@srfi_69("hash-table-ref/default")
def hash_table_ref_default(table: Any, key: Any, default: Any) -> Any:
    """Return the value of KEY in TABLE, or DEFAULT when absent."""
    check_table("hash-table-ref/default", 1, table)
    entry = table.lookup(table.key(key))
    return default if entry is None else entry.cdr


@srfi_69("hash-table-set!")
def hash_table_set(table: Any, key: Any, value: Any) -> Any:
    """Set the value of KEY in TABLE to VALUE."""
    check_table("hash-table-set!", 1, table).store(table.key(key), key, value)
    return UNSPECIFIED


@srfi_69("hash-table-delete!")
def hash_table_delete(table: Any, key: Any) -> Any:
    """Remove KEY from TABLE, if present."""
    check_table("hash-table-delete!", 1, table).entries.pop(table.key(key), None)
    return UNSPECIFIED


@srfi_69("hash-table-exists?", "hash-table-contains?")
def hash_table_exists(table: Any, key: Any) -> bool:
    """Return whether TABLE has an entry for KEY."""
    return table.key(key) in check_table("hash-table-exists?", 1, table).entries


@srfi_69("hash-table-update!")
def hash_table_update(table: Any, key: Any, proc: Any, fail: Any = None) -> Any:
    """Set KEY's value in TABLE to (PROC value); a missing value is (FAIL)."""
    check_table("hash-table-update!", 1, table)
    canonical = table.key(key)
    entry = table.lookup(canonical)
    if entry is not None:
        current = entry.cdr
    elif fail is None:
        raise missing_key(table, key)
    else:
        current = apply_procedure(fail, ())
    table.store(canonical, key, apply_procedure(proc, (current,)))
    return UNSPECIFIED


@srfi_69("hash-table-update!/default")
def hash_table_update_default(table: Any, key: Any, proc: Any, default: Any) -> Any:
    """Set KEY's value in TABLE to (PROC value), the value defaulting to DEFAULT."""
    check_table("hash-table-update!/default", 1, table)
    canonical = table.key(key)
    entry = table.lookup(canonical)
    current = default if entry is None else entry.cdr
    table.store(canonical, key, apply_procedure(proc, (current,)))
    return UNSPECIFIED


@srfi_69("hash-table-size")
def hash_table_size(table: Any) -> int:
    """Return the number of entries of TABLE."""
    return len(check_table("hash-table-size", 1, table).entries)


@srfi_69("hash-table-keys")
def hash_table_keys(table: Any) -> Any:
    """Return the list of the keys of TABLE."""
    handles = check_table("hash-table-keys", 1, table).handles()
    return from_python([entry.car for entry in handles])


@srfi_69("hash-table-values")
def hash_table_values(table: Any) -> Any:
    """Return the list of the values of TABLE."""
    handles = check_table("hash-table-values", 1, table).handles()
    return from_python([entry.cdr for entry in handles])


@srfi_69("hash-table->alist")
def hash_table_to_alist(table: Any) -> Any:
    """Return the entries of TABLE as a new association list."""
    handles = check_table("hash-table->alist", 1, table).handles()
    return from_python([Pair(entry.car, entry.cdr) for entry in handles])


@srfi_69("hash-table-walk")
def hash_table_walk(table: Any, proc: Any) -> Any:
    """Apply (PROC key value) to each entry of TABLE."""
    for entry in check_table("hash-table-walk", 1, table).handles():
        apply_procedure(proc, (entry.car, entry.cdr))
    return UNSPECIFIED


@srfi_69("hash-table-fold")
def hash_table_fold(table: Any, kons: Any, knil: Any) -> Any:
    """Return (KONS key value acc) folded over the entries of TABLE from KNIL."""
    acc = knil
    for entry in check_table("hash-table-fold", 1, table).handles():
        acc = apply_procedure(kons, (entry.car, entry.cdr, acc))
    return acc


@srfi_69("hash-table-clear!")
def hash_table_clear(table: Any) -> Any:
    """Remove every entry of TABLE."""
    check_table("hash-table-clear!", 1, table).entries.clear()
    return UNSPECIFIED


@srfi_69("hash-table-copy")
def hash_table_copy(table: Any, mutable: Any = True) -> HashTable:
    """Return a new table with the same equivalence and entries as TABLE."""
    check_table("hash-table-copy", 1, table)
    copy = HashTable(table.key, table.equivalence, table.hash_function)
    copy.entries = {
        canonical: Pair(entry.car, entry.cdr)
        for canonical, entry in table.entries.items()
    }
    return copy


@srfi_69("hash-table-merge!")
def hash_table_merge(target: Any, source: Any) -> HashTable:
    """Add the entries of SOURCE to TARGET, replacing values; return TARGET."""
    check_table("hash-table-merge!", 1, target)
    for entry in check_table("hash-table-merge!", 2, source).handles():
        target.store(target.key(entry.car), entry.car, entry.cdr)
    return target


@srfi_69("alist->hash-table")
def alist_to_hash_table(
    alist: Any, same: Any = None, hash_function: Any = None, *rest: Any
) -> HashTable:
    """Return a new table of the entries of ALIST; the first of equal keys wins."""
    table = make_table(same, hash_function)
    entries = table.entries
    for entry in elements(alist, "alist->hash-table"):
        if type(entry) is not Pair:
            raise wrong_type("alist->hash-table", 1, "association list", alist)
        canonical = table.key(entry.car)
        if canonical not in entries:
            entries[canonical] = Pair(entry.car, entry.cdr)
    return table


@srfi_69("hash-table-equivalence-function")
def hash_table_equivalence_function(table: Any) -> Any:
    """Return the equivalence procedure TABLE compares keys with."""
    check_table("hash-table-equivalence-function", 1, table)
    if table.equivalence is not None:
        return table.equivalence
    return TABLES.get(ROOT, {}).get("equal?", False)


@srfi_69("hash-table-hash-function")
def hash_table_hash_function(table: Any) -> Any:
    """Return the hash function TABLE was made with, or Guile's ``hash``."""
    check_table("hash-table-hash-function", 1, table)
    if table.hash_function is not None:
        return table.hash_function
    return TABLES.get(ROOT, {}).get("hash", False)
