"""The values of the language: what the reader produces and the evaluator uses.

Scheme values map onto Python ones where the two agree and onto small classes
here where they do not.  The mapping, which the Python API documents too:

========================  =====================================================
Scheme                    Python
========================  =====================================================
``#t`` / ``#f``           ``True`` / ``False``
exact integer             ``int`` (never ``bool``)
exact rational            ``fractions.Fraction`` (normalised: never integral)
inexact real              ``float``
string                    ``str`` (immutable, as Guile's literals are)
character                 :class:`Char`
symbol                    :class:`Symbol` (interned, compare with ``is``)
keyword ``#:k``           :class:`Keyword` (interned)
pair / ``'()``            :class:`Pair` / :data:`NIL`
vector                    ``list``
bytevector                ``bytearray``
procedure                 any Python callable that is not a class
unspecified value         :data:`UNSPECIFIED`
========================  =====================================================
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any


class Loc:
    """A position in a source file: 1-based LINE and COLUMN."""

    __slots__ = ("source", "line", "column")

    def __init__(self, source: str | None, line: int, column: int) -> None:
        self.source = source
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"{self.source or '<unknown>'}:{self.line}:{self.column}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Loc) and (self.source, self.line, self.column) == (
            other.source,
            other.line,
            other.column,
        )

    def __hash__(self) -> int:
        return hash((self.source, self.line, self.column))

    def __reduce__(self):
        return (Loc, (self.source, self.line, self.column))


class Symbol:
    """An interned symbol; two symbols with the same name are the same object."""

    __slots__ = ("name", "__weakref__")
    _table: dict[str, Symbol] = {}

    def __new__(cls, name: str) -> Symbol:
        symbol = cls._table.get(name)
        if symbol is None:
            symbol = object.__new__(cls)
            symbol.name = name
            cls._table[name] = symbol
        return symbol

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self):
        return (Symbol, (self.name,))


class Keyword:
    """An interned keyword, written ``#:name``; NAME excludes the prefix."""

    __slots__ = ("name",)
    _table: dict[str, Keyword] = {}

    def __new__(cls, name: str) -> Keyword:
        keyword = cls._table.get(name)
        if keyword is None:
            keyword = object.__new__(cls)
            keyword.name = name
            cls._table[name] = keyword
        return keyword

    def __repr__(self) -> str:
        return "#:" + self.name

    def __reduce__(self):
        return (Keyword, (self.name,))


class Char:
    """A character; interned, so ``eq?`` works on characters as in Guile."""

    __slots__ = ("char",)
    _table: dict[str, Char] = {}

    def __new__(cls, char: str) -> Char:
        obj = cls._table.get(char)
        if obj is None:
            obj = object.__new__(cls)
            obj.char = char
            cls._table[char] = obj
        return obj

    def __repr__(self) -> str:
        return f"Char({self.char!r})"

    def __reduce__(self):
        return (Char, (self.char,))


class EmptyList:
    """The type of ``'()``, which is true, unlike in some Lisps."""

    __slots__ = ()
    _instance: EmptyList | None = None

    def __new__(cls) -> EmptyList:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __repr__(self) -> str:
        return "()"

    def __reduce__(self):
        return (EmptyList, ())


NIL = EmptyList()


class Pair:
    """A mutable cons cell.

    LOC is where the reader found the pair: for the first pair of a list, its
    opening parenthesis; for the following ones, their element.  Pairs built
    at run time have no location.
    """

    __slots__ = ("car", "cdr", "loc")

    def __init__(self, car: Any, cdr: Any, loc: Loc | None = None) -> None:
        self.car = car
        self.cdr = cdr
        self.loc = loc

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the elements of a proper list; stop at an improper tail."""
        pair = self
        while type(pair) is Pair:
            yield pair.car
            pair = pair.cdr

    def __repr__(self) -> str:
        from .printer import write_string

        return write_string(self)

    def __eq__(self, other: object) -> bool:
        return other is self or (type(other) is Pair and equal(self, other))

    __hash__ = object.__hash__

    def __reduce__(self):
        return (Pair, (self.car, self.cdr, self.loc))


class Unspecified:
    """The value of expressions whose value the language leaves unspecified."""

    __slots__ = ()
    _instance: Unspecified | None = None

    def __new__(cls) -> Unspecified:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "#<unspecified>"

    def __reduce__(self):
        return (Unspecified, ())


UNSPECIFIED = Unspecified()


class Eof:
    """The end-of-file object returned by ``read`` and friends."""

    __slots__ = ()
    _instance: Eof | None = None

    def __new__(cls) -> Eof:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "#<eof>"

    def __reduce__(self):
        return (Eof, ())


EOF = Eof()


class Default:
    """The value of an optional argument that was not passed (``#<undefined>``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "#<undefined>"


DEFAULT = Default()


class Values(tuple):
    """Several values returned at once by ``values``; one value is never wrapped."""

    __slots__ = ()


# Reader shorthands, named as Guile reads them.
QUOTE = Symbol("quote")
QUASIQUOTE = Symbol("quasiquote")
UNQUOTE = Symbol("unquote")
UNQUOTE_SPLICING = Symbol("unquote-splicing")
GEXP = Symbol("gexp")
UNGEXP = Symbol("ungexp")
UNGEXP_SPLICING = Symbol("ungexp-splicing")
UNGEXP_NATIVE = Symbol("ungexp-native")
UNGEXP_NATIVE_SPLICING = Symbol("ungexp-native-splicing")


def is_true(value: Any) -> bool:
    """Return whether VALUE counts as true: everything but ``#f`` does."""
    return value is not False


def is_number(value: Any) -> bool:
    """Return whether VALUE is a Scheme number (booleans are not)."""
    return type(value) in (int, float, Fraction, complex)


def make_list(items: Iterable[Any], tail: Any = NIL) -> Any:
    """Return a Scheme list of ITEMS ending in TAIL."""
    result = tail
    for item in reversed(list(items)):
        result = Pair(item, result)
    return result


def list_to_python(lst: Any) -> list[Any]:
    """Return the elements of the proper list LST; raise ValueError otherwise."""
    items = []
    while type(lst) is Pair:
        items.append(lst.car)
        lst = lst.cdr
    if lst is not NIL:
        raise ValueError("not a proper list")
    return items


def is_list(value: Any) -> bool:
    """Return whether VALUE is a proper (finite, NIL-terminated) list."""
    slow = value
    while True:
        if value is NIL:
            return True
        if type(value) is not Pair:
            return False
        value = value.cdr
        if value is NIL:
            return True
        if type(value) is not Pair:
            return False
        value = value.cdr
        slow = slow.cdr
        if value is slow:
            return False


def eqv(a: Any, b: Any) -> bool:
    """Return whether A and B are ``eqv?``: identical, or equal same-type numbers."""
    if a is b:
        return True
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is float:
        # Guile compares inexact numbers by representation: 0.0 and -0.0
        # differ, and a NaN is eqv? to itself.
        return (
            a == b
            and math.copysign(1.0, a) == math.copysign(1.0, b)
            or a != a
            and b != b
        )
    if ta is int or ta is Fraction or ta is complex:
        return a == b
    return False


def equal(a: Any, b: Any) -> bool:
    """Return whether A and B are ``equal?``: the same structure of eqv? leaves."""
    while True:
        if eqv(a, b):
            return True
        ta = type(a)
        if ta is not type(b):
            return False
        if ta is Pair:
            if not equal(a.car, b.car):
                return False
            a, b = a.cdr, b.cdr
            continue
        if ta is str or ta is bytearray:
            return a == b
        if ta is list:
            return len(a) == len(b) and all(map(equal, a, b))
        equal_method = getattr(a, "scheme_equal", None)
        if equal_method is not None:
            return equal_method(b)
        return False
