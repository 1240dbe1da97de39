"""Character primitives: comparison, classification, case and code points.

Characters are interned :class:`Char` objects holding a one-character str.
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise
from typing import Any

from ..datums import Char
from ..errors import scheme_error
from .predicates import check_char, check_integer
from .registry import primitive

MAX_CODE_POINT = 0x10FFFF
SURROGATES = range(0xD800, 0xE000)


def upcase(char: str) -> str:
    """Return the upper-case form of the one-character CHAR, if it is one character."""
    upper = char.upper()
    return upper if len(upper) == 1 else char


def downcase(char: str) -> str:
    """Return the lower-case form of the one-character CHAR, if it is one character."""
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _char_texts(who: str, chars: tuple, fold: bool = False) -> list[str]:
    """Return the text of each of CHARS, lower-cased when FOLD is set."""
    texts = []
    for position, char in enumerate(chars, 1):
        text = check_char(who, position, char).char
        texts.append(downcase(text) if fold else text)
    return texts


def _comparison(name: str, holds, fold: bool) -> None:
    """Register NAME, comparing characters pairwise with HOLDS."""

    def compare(a: Any, b: Any, *rest: Any) -> bool:
        texts = _char_texts(name, (a, b, *rest), fold)
        return all(holds(x, y) for x, y in pairwise(texts))

    case = "ignoring case" if fold else "by code point"
    compare.__doc__ = f"Return whether the characters satisfy {name} pairwise, {case}."
    compare.__name__ = name
    primitive(name)(compare)


for _fold, _suffix in ((False, ""), (True, "-ci")):
    _comparison(f"char{_suffix}=?", lambda x, y: x == y, _fold)
    _comparison(f"char{_suffix}<?", lambda x, y: x < y, _fold)
    _comparison(f"char{_suffix}>?", lambda x, y: x > y, _fold)
    _comparison(f"char{_suffix}<=?", lambda x, y: x <= y, _fold)
    _comparison(f"char{_suffix}>=?", lambda x, y: x >= y, _fold)


@primitive("char-alphabetic?")
def is_alphabetic(char: Any) -> bool:
    """Return whether CHAR is a letter."""
    return check_char("char-alphabetic?", 1, char).char.isalpha()


@primitive("char-numeric?")
def is_numeric(char: Any) -> bool:
    """Return whether CHAR is a decimal digit (of any script)."""
    return check_char("char-numeric?", 1, char).char.isdecimal()


@primitive("char-whitespace?")
def is_whitespace(char: Any) -> bool:
    """Return whether CHAR is white space."""
    return check_char("char-whitespace?", 1, char).char.isspace()


@primitive("char-upper-case?")
def is_upper_case(char: Any) -> bool:
    """Return whether CHAR is an upper-case letter."""
    return check_char("char-upper-case?", 1, char).char.isupper()


@primitive("char-lower-case?")
def is_lower_case(char: Any) -> bool:
    """Return whether CHAR is a lower-case letter."""
    return check_char("char-lower-case?", 1, char).char.islower()


@primitive("char-upcase")
def char_upcase(char: Any) -> Char:
    """Return the upper-case form of CHAR (CHAR itself if it has none)."""
    return Char(upcase(check_char("char-upcase", 1, char).char))


@primitive("char-downcase")
def char_downcase(char: Any) -> Char:
    """Return the lower-case form of CHAR (CHAR itself if it has none)."""
    return Char(downcase(check_char("char-downcase", 1, char).char))


@primitive("char-foldcase")
def char_foldcase(char: Any) -> Char:
    """Return the case-folded form of CHAR."""
    return Char(downcase(check_char("char-foldcase", 1, char).char))


@primitive("char->integer")
def char_to_integer(char: Any) -> int:
    """Return the Unicode code point of CHAR."""
    return ord(check_char("char->integer", 1, char).char)


@primitive("integer->char")
def integer_to_char(n: Any) -> Char:
    """Return the character whose Unicode code point is N."""
    check_integer("integer->char", 1, n)
    if not 0 <= n <= MAX_CODE_POINT or n in SURROGATES:
        raise scheme_error(
            "out-of-range", "Value out of range:", n, who="integer->char"
        )
    return Char(chr(n))


@primitive("digit-value")
def digit_value(char: Any) -> Any:
    """Return the value of the decimal digit CHAR, or #f if it is not one."""
    value = unicodedata.decimal(check_char("digit-value", 1, char).char, None)
    return False if value is None else value
