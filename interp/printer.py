"""The printer: Scheme's ``write`` and ``display`` notations of oscdsl values.

The output follows Guile 3.0.8 character for character for the data types it
shares with oscdsl; objects of other kinds print themselves via ``scheme_repr``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from fractions import Fraction
from typing import Any

from .datums import (
    DEFAULT,
    EOF,
    NIL,
    UNSPECIFIED,
    Char,
    Keyword,
    Pair,
    Symbol,
    Values,
)

__all__ = ["write_string", "display_string", "float_string", "symbol_string"]


def write_string(obj: Any) -> str:
    """Return OBJ as Scheme's ``write`` prints it (strings quoted, chars as #\\x)."""
    return _Printer(write=True).render(obj)


def display_string(obj: Any) -> str:
    """Return OBJ as Scheme's ``display`` prints it (strings and chars raw)."""
    return _Printer(write=False).render(obj)


# ---------------------------------------------------------------------------
# The walk over nested data
# ---------------------------------------------------------------------------


class _Printer:
    """One printing of one object.

    The walk keeps its own stack of pending work, so neither long lists nor
    deeply nested ones use Python recursion.  Pairs and vectors being printed
    are remembered: meeting one again inside itself prints Guile's ``#-N#``
    back-reference instead of looping forever.
    """

    def __init__(self, write: bool) -> None:
        self.write = write
        self.out: list[str] = []
        self.ancestors: list[Any] = []
        self.depth_of: dict[int, int] = {}

    def render(self, obj: Any) -> str:
        """Return the text of OBJ."""
        work: list[tuple] = [("obj", obj)]
        out = self.out
        while work:
            task = work.pop()
            kind = task[0]
            if kind == "obj":
                self._object(task[1], work)
            elif kind == "rest":
                self._rest_of_list(task[1], task[2], work)
            elif kind == "element":
                self._next_element(task[1], task[2], task[3], work)
            elif kind == "text":
                out.append(task[1])
            else:  # "pop"
                self._pop(task[1])
        return "".join(out)

    def _object(self, obj: Any, work: list) -> None:
        """Print OBJ, or schedule the printing of its parts on WORK."""
        kind = type(obj)
        if kind is Pair:
            if self._back_reference(obj):
                return
            self.out.append("(")
            base = self._push(obj)
            work.append(("rest", obj, base))
            work.append(("obj", obj.car))
        elif kind is list:
            if self._back_reference(obj):
                return
            self.out.append("#(")
            base = self._push(obj)
            work.append(("element", obj, 0, base))
        elif kind is Values:
            for index in range(len(obj) - 1, -1, -1):
                work.append(("obj", obj[index]))
                if index:
                    work.append(("text", " "))
        else:
            self.out.append(atom_string(obj, self.write))

    def _rest_of_list(self, pair: Pair, base: int, work: list) -> None:
        """Print what follows the car of PAIR: its next element, tail or ')'."""
        rest = pair.cdr
        if rest is NIL:
            self.out.append(")")
            self._pop(base)
        elif type(rest) is Pair:
            if self._is_ancestor(rest):
                self.out.append(" . ")
                self._back_reference(rest)
                self.out.append(")")
                self._pop(base)
                return
            self.out.append(" ")
            self._push(rest)
            work.append(("rest", rest, base))
            work.append(("obj", rest.car))
        else:
            self.out.append(" . ")
            work.append(("pop", base))
            work.append(("text", ")"))
            work.append(("obj", rest))

    def _next_element(self, vector: list, index: int, base: int, work: list) -> None:
        """Print element INDEX of VECTOR, then schedule the one after it."""
        if index >= len(vector):
            self.out.append(")")
            self._pop(base)
            return
        if index:
            self.out.append(" ")
        work.append(("element", vector, index + 1, base))
        work.append(("obj", vector[index]))

    def _push(self, container: Any) -> int:
        """Remember CONTAINER as being printed; return the stack depth before."""
        base = len(self.ancestors)
        self.ancestors.append(container)
        self.depth_of.setdefault(id(container), base)
        return base

    def _pop(self, base: int) -> None:
        """Forget the containers remembered since the stack had depth BASE."""
        ancestors = self.ancestors
        depth_of = self.depth_of
        while len(ancestors) > base:
            container = ancestors.pop()
            if depth_of.get(id(container)) == len(ancestors):
                del depth_of[id(container)]

    def _is_ancestor(self, container: Any) -> bool:
        """Return whether CONTAINER is being printed, further out."""
        depth = self.depth_of.get(id(container))
        return depth is not None and self.ancestors[depth] is container

    def _back_reference(self, container: Any) -> bool:
        """Print ``#-N#`` and return True if CONTAINER is being printed already.

        N counts the pairs and vectors between here and CONTAINER, as Guile's.
        """
        # Limitation: N agrees with Guile for a list or vector that contains
        # itself; for cycles through several nested containers Guile may count
        # differently, because its printer's bookkeeping differs from this one.
        if not self._is_ancestor(container):
            return False
        depth = self.depth_of[id(container)]
        self.out.append(f"#{depth - (len(self.ancestors) - 1)}#")
        return True


# ---------------------------------------------------------------------------
# Atoms
# ---------------------------------------------------------------------------


def atom_string(obj: Any, write: bool) -> str:
    """Return the printed form of OBJ, which is not a pair, vector or Values."""
    if obj is True:
        return "#t"
    if obj is False:
        return "#f"
    kind = type(obj)
    if kind is Symbol:
        return symbol_string(obj.name)
    if kind is str:
        return string_literal(obj) if write else obj
    if kind is int:
        return integer_string(obj)
    if kind is float:
        return float_string(obj)
    if kind is Fraction:
        return f"{integer_string(obj.numerator)}/{integer_string(obj.denominator)}"
    if kind is Char:
        return char_literal(obj.char) if write else obj.char
    if kind is Keyword:
        return "#:" + obj.name
    if obj is NIL:
        return "()"
    if kind is bytearray or kind is bytes:
        return "#vu8(" + " ".join(map(str, obj)) + ")"
    if obj is UNSPECIFIED:
        return "#<unspecified>"
    if obj is EOF:
        return "#<eof>"
    if obj is DEFAULT:
        return "#<undefined>"
    if kind is complex:
        return complex_string(obj)
    scheme_repr = getattr(obj, "scheme_repr", None)
    if scheme_repr is not None:
        return scheme_repr(write)
    if obj is None:
        return "#<python None>"
    if callable(obj):
        name = getattr(obj, "scheme_name", None) or getattr(obj, "__name__", "")
        return f"#<procedure {name}>" if name else "#<procedure>"
    return f"#<python {type(obj).__name__} {obj!r}>"


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

# CPython's str() refuses ints of more than 4300 digits (about 14,000 bits).
_PLAIN_BITS_LIMIT = 13_000


def integer_string(value: int) -> str:
    """Return VALUE in decimal, however many digits it has."""
    if value.bit_length() <= _PLAIN_BITS_LIMIT:
        return str(value)
    if value < 0:
        return "-" + integer_string(-value)
    # Split in two by a power of ten below VALUE, so the high half is nonzero.
    low_digits = int(value.bit_length() * 0.30103) // 2
    high, low = divmod(value, 10**low_digits)
    return integer_string(high) + integer_string(low).rjust(low_digits, "0")


def float_string(value: float) -> str:
    """Return VALUE as Guile writes flonums: ``1.0``, ``1.0e21``, ``1.5e-7``.

    Guile prints the shortest digits that read back to VALUE, positionally
    unless the decimal exponent is below -3, or is 7 or more and exceeds the
    number of significant digits by 3 or more (1.0e7, but 12345678.0).
    """
    if math.isnan(value):
        return "+nan.0"
    if math.isinf(value):
        return "+inf.0" if value > 0 else "-inf.0"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign = "-" if value < 0 else ""
    digits, exponent = _shortest_digits(abs(value))
    if exponent < -3 or (exponent >= 7 and exponent - len(digits) >= 3):
        mantissa = digits[0] + "." + (digits[1:] or "0")
        return f"{sign}{mantissa}e{exponent}"
    if exponent < 0:
        return f"{sign}0.{'0' * (-exponent - 1)}{digits}"
    if exponent + 1 >= len(digits):
        return f"{sign}{digits}{'0' * (exponent + 1 - len(digits))}.0"
    return f"{sign}{digits[: exponent + 1]}.{digits[exponent + 1 :]}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """Return the shortest round-trip digits of positive VALUE and its exponent.

    The exponent is that of the first digit: 1234.5 gives ("12345", 3).
    """
    mantissa, _, exponent = f"{value!r}".partition("e")
    whole, _, fraction = mantissa.partition(".")
    exponent_value = int(exponent) if exponent else 0
    digits = (whole + fraction).lstrip("0")
    leading_zeros = len(whole + fraction) - len(digits)
    point = len(whole) + exponent_value - leading_zeros
    return digits.rstrip("0") or "0", point - 1


def complex_string(value: complex) -> str:
    """Return VALUE as Guile writes complex numbers: ``1.0+2.0i``."""
    imaginary = float_string(value.imag)
    if imaginary[0] not in "+-":
        imaginary = "+" + imaginary
    return f"{float_string(value.real)}{imaginary}i"


# ---------------------------------------------------------------------------
# Strings and characters
# ---------------------------------------------------------------------------

_STRING_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
}


_HEX_THEN_SEMICOLON = re.compile(r"[0-9a-fA-F]*;")


def string_literal(text: str) -> str:
    """Return TEXT as a string literal, escaped as Guile's ``write`` escapes it."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return '"' + "".join(_string_char(text, i) for i in range(len(text))) + '"'


def _string_char(text: str, index: int) -> str:
    """Return how the character at INDEX of TEXT appears inside a written string."""
    char = text[index]
    escape = _STRING_ESCAPES.get(char)
    if escape is not None:
        return escape
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        # Limitation: where hex digits and ";" follow, Guile's "\\x1b" would
        # read here as an R7RS "\\x1b...;" escape, so the escape gets its own
        # ";" (which Guile itself does not read back).
        if _HEX_THEN_SEMICOLON.match(text, index + 1):
            return f"\\x{code:02x};"
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:06x}"


_CHAR_NAMES = {
    0x00: "nul", 0x01: "soh", 0x02: "stx", 0x03: "etx", 0x04: "eot", 0x05: "enq",
    0x06: "ack", 0x07: "alarm", 0x08: "backspace", 0x09: "tab", 0x0A: "newline",
    0x0B: "vtab", 0x0C: "page", 0x0D: "return", 0x0E: "so", 0x0F: "si",
    0x10: "dle", 0x11: "dc1", 0x12: "dc2", 0x13: "dc3", 0x14: "dc4", 0x15: "nak",
    0x16: "syn", 0x17: "etb", 0x18: "can", 0x19: "em", 0x1A: "sub", 0x1B: "esc",
    0x1C: "fs", 0x1D: "gs", 0x1E: "rs", 0x1F: "us", 0x20: "space", 0x7F: "delete",
}  # fmt: skip


def char_literal(char: str) -> str:
    """Return CHAR written as Guile writes characters: ``#\\a``, ``#\\space``."""
    code = ord(char)
    name = _CHAR_NAMES.get(code)
    if name is not None:
        return "#\\" + name
    if not char.isprintable():
        return f"#\\{code:o}"
    if unicodedata.combining(char):
        # Guile shows a combining mark on a dotted circle, as fonts do.
        return "#\\\u25cc" + char
    return "#\\" + char


# ---------------------------------------------------------------------------
# Symbols
# ---------------------------------------------------------------------------

_SYMBOL_CATEGORIES = frozenset({
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
    "Pc", "Pd", "Po", "Sm", "Sc", "Sk", "So", "Co",
})  # fmt: skip
_EXTENDED_CATEGORIES = _SYMBOL_CATEGORIES | {"Zs"}
_PLAIN_ASCII_SYMBOL = re.compile(
    r"[a-zA-Z!$%&*/:<=>?^_~+\-.@\\][a-zA-Z0-9!$%&*/:<=>?^_~+\-.@|\\'`,]*"
)


def symbol_string(name: str) -> str:
    """Return the symbol NAME as Guile prints it, in ``#{...}#`` when it must be."""
    if _is_plain_symbol(name):
        return name
    return "#{" + "".join(map(_extended_symbol_char, name)) + "}#"


def _is_plain_symbol(name: str) -> bool:
    """Return whether NAME, printed bare, reads back as this symbol in Guile."""
    if _PLAIN_ASCII_SYMBOL.fullmatch(name) is None:
        # Guile prints a symbol starting with "|" bare; it is bracketed here
        # because oscdsl's reader takes "|" as the start of a |symbol|.
        if not name or name[0] in "'`,\";#|" or unicodedata.category(name[0]) == "Nd":
            return False
        for char in name:
            if char in '";#' or unicodedata.category(char) not in _SYMBOL_CATEGORIES:
                return False
    if name[0] in "+-." and (name == "." or _reads_as_number(name)):
        return False
    return True


def _reads_as_number(name: str) -> bool:
    """Return whether NAME, printed bare, would read as a number."""
    from .reader import parse_number

    try:
        return parse_number(name) is not None
    except ValueError:
        return True


def _extended_symbol_char(char: str) -> str:
    """Return how CHAR appears between ``#{`` and ``}#``.

    Guile leaves a backslash bare there, which its own reader then takes for an
    escape; it is written as ``\\x5c;`` here so that the symbol reads back.
    """
    if char == "\\" or unicodedata.category(char) not in _EXTENDED_CATEGORIES:
        return f"\\x{ord(char):x};"
    return char
