"""Type and equivalence predicates, and the argument checks other primitives share.

The checks raise Guile's ``wrong-type-arg`` and ``out-of-range`` conditions with
the position and expected type of the offending argument.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..datums import (
    DEFAULT,
    EOF,
    NIL,
    UNSPECIFIED,
    Char,
    Keyword,
    Pair,
    Symbol,
    equal,
    eqv,
    is_list,
)
from ..errors import SchemeError, scheme_error
from ..runtime.procedures import is_procedure
from .registry import primitive

NUMBER_TYPES = frozenset((int, float, Fraction, complex))
REAL_TYPES = frozenset((int, float, Fraction))


### Argument checks shared by the primitive modules


def wrong_type(who: str, position: int, expected: str, value: Any) -> SchemeError:
    """Return the error for argument number POSITION of WHO not being EXPECTED."""
    return scheme_error(
        "wrong-type-arg",
        f"Wrong type argument in position {position} (expecting {expected}):",
        value,
        who=who,
    )


def out_of_range(who: str, position: int, value: Any) -> SchemeError:
    """Return the error for argument number POSITION of WHO being out of range."""
    return scheme_error(
        "out-of-range",
        f"Argument {position} out of range:",
        value,
        who=who,
    )


def check_number(who: str, position: int, value: Any) -> Any:
    """Return VALUE if it is a number; raise a wrong-type-arg error otherwise."""
    if type(value) not in NUMBER_TYPES:
        raise wrong_type(who, position, "number", value)
    return value


def check_real(who: str, position: int, value: Any) -> Any:
    """Return VALUE if it is a real number; raise a wrong-type-arg error otherwise."""
    if type(value) not in REAL_TYPES:
        raise wrong_type(who, position, "real number", value)
    return value


def check_integer(who: str, position: int, value: Any) -> int:
    """Return VALUE if it is an exact integer; raise wrong-type-arg otherwise."""
    if type(value) is not int:
        raise wrong_type(who, position, "exact integer", value)
    return value


def check_index(who: str, position: int, value: Any, low: int, high: int) -> int:
    """Return VALUE if it is an exact integer in [LOW, HIGH]; raise otherwise."""
    if type(value) is not int:
        raise wrong_type(who, position, "exact integer", value)
    if not low <= value <= high:
        raise scheme_error(
            "out-of-range",
            f"Value out of range {low} to {high}:",
            value,
            who=who,
        )
    return value


def check_string(who: str, position: int, value: Any) -> str:
    """Return VALUE if it is a string; raise a wrong-type-arg error otherwise."""
    if type(value) is not str:
        raise wrong_type(who, position, "string", value)
    return value


def check_char(who: str, position: int, value: Any) -> Char:
    """Return VALUE if it is a character; raise a wrong-type-arg error otherwise."""
    if type(value) is not Char:
        raise wrong_type(who, position, "character", value)
    return value


def check_symbol(who: str, position: int, value: Any) -> Symbol:
    """Return VALUE if it is a symbol; raise a wrong-type-arg error otherwise."""
    if not isinstance(value, Symbol):
        raise wrong_type(who, position, "symbol", value)
    return value


def check_procedure(who: str, position: int, value: Any) -> Any:
    """Return VALUE if it is a procedure; raise a wrong-type-arg error otherwise."""
    if not is_procedure(value):
        raise wrong_type(who, position, "procedure", value)
    return value


### Equivalence


@primitive("eq?")
def is_eq(a: Any, b: Any) -> bool:
    """Return whether A and B are the same object (small integers and chars too)."""
    if a is b:
        return True
    # Guile's fixnums and characters are immediate values, so eq? holds for them.
    kind = type(a)
    return kind is type(b) and kind is int and a == b and -(2**61) <= a < 2**61


@primitive("eqv?")
def is_eqv(a: Any, b: Any) -> bool:
    """Return whether A and B are eqv?: identical, or equal numbers of one exactness."""
    return eqv(a, b)


@primitive("equal?")
def is_equal(a: Any, b: Any) -> bool:
    """Return whether A and B have the same structure and eqv? leaves."""
    return equal(a, b)


@primitive("not")
def scheme_not(value: Any) -> bool:
    """Return #t if VALUE is #f, and #f otherwise."""
    return value is False


### Types


@primitive("boolean?")
def is_boolean(value: Any) -> bool:
    """Return whether VALUE is #t or #f."""
    return value is True or value is False


@primitive("boolean=?")
def booleans_equal(a: Any, b: Any, *rest: Any) -> bool:
    """Return whether all the booleans A, B and REST are the same."""
    values = (a, b, *rest)
    for position, value in enumerate(values, 1):
        if value is not True and value is not False:
            raise wrong_type("boolean=?", position, "boolean", value)
    return all(value is a for value in values)


@primitive("procedure?")
def is_procedure_p(value: Any) -> bool:
    """Return whether VALUE can be applied."""
    return is_procedure(value)


@primitive("symbol?")
def is_symbol(value: Any) -> bool:
    """Return whether VALUE is a symbol."""
    return isinstance(value, Symbol)


@primitive("string?")
def is_string(value: Any) -> bool:
    """Return whether VALUE is a string."""
    return type(value) is str


@primitive("char?")
def is_char(value: Any) -> bool:
    """Return whether VALUE is a character."""
    return type(value) is Char


@primitive("keyword?")
def is_keyword(value: Any) -> bool:
    """Return whether VALUE is a keyword."""
    return type(value) is Keyword


@primitive("null?")
def is_null(value: Any) -> bool:
    """Return whether VALUE is the empty list."""
    return value is NIL


@primitive("pair?")
def is_pair(value: Any) -> bool:
    """Return whether VALUE is a pair."""
    return type(value) is Pair


@primitive("list?")
def is_proper_list(value: Any) -> bool:
    """Return whether VALUE is a proper list."""
    return is_list(value)


@primitive("vector?")
def is_vector(value: Any) -> bool:
    """Return whether VALUE is a vector."""
    return type(value) is list


@primitive("bytevector?")
def is_bytevector(value: Any) -> bool:
    """Return whether VALUE is a bytevector."""
    return type(value) is bytearray


@primitive("unspecified?")
def is_unspecified(value: Any) -> bool:
    """Return whether VALUE is the unspecified value."""
    return value is UNSPECIFIED


@primitive("eof-object?")
def is_eof_object(value: Any) -> bool:
    """Return whether VALUE is the end-of-file object."""
    return value is EOF


@primitive("default-object?")
def is_default_object(value: Any) -> bool:
    """Return whether VALUE stands for an optional argument that was not passed."""
    return value is DEFAULT


### Numbers


@primitive("number?", "complex?")
def is_number(value: Any) -> bool:
    """Return whether VALUE is a number."""
    return type(value) in NUMBER_TYPES


@primitive("real?")
def is_real(value: Any) -> bool:
    """Return whether VALUE is a real number."""
    return type(value) in REAL_TYPES


@primitive("rational?")
def is_rational(value: Any) -> bool:
    """Return whether VALUE is a rational number: any real but infinities and NaN."""
    kind = type(value)
    return kind is int or kind is Fraction or (kind is float and math.isfinite(value))


@primitive("integer?")
def is_integer(value: Any) -> bool:
    """Return whether VALUE is an integer, exact or inexact."""
    kind = type(value)
    return kind is int or (kind is float and value.is_integer())


@primitive("exact-integer?")
def is_exact_integer(value: Any) -> bool:
    """Return whether VALUE is an exact integer."""
    return type(value) is int


@primitive("exact-rational?")
def is_exact_rational(value: Any) -> bool:
    """Return whether VALUE is an exact integer or fraction."""
    return type(value) is int or type(value) is Fraction


@primitive("exact-nonnegative-integer?")
def is_exact_nonnegative_integer(value: Any) -> bool:
    """Return whether VALUE is an exact integer that is not negative."""
    return type(value) is int and value >= 0


@primitive("exact?")
def is_exact(z: Any) -> bool:
    """Return whether the number Z is exact."""
    kind = type(check_number("exact?", 1, z))
    return kind is int or kind is Fraction


@primitive("inexact?")
def is_inexact(z: Any) -> bool:
    """Return whether the number Z is inexact."""
    kind = type(check_number("inexact?", 1, z))
    return kind is float or kind is complex


@primitive("nan?")
def is_nan(x: Any) -> bool:
    """Return whether the real X is not a number."""
    return type(check_real("nan?", 1, x)) is float and math.isnan(x)


@primitive("inf?")
def is_inf(x: Any) -> bool:
    """Return whether the real X is an infinity."""
    return type(check_real("inf?", 1, x)) is float and math.isinf(x)


@primitive("finite?")
def is_finite(x: Any) -> bool:
    """Return whether the real X is neither infinite nor NaN."""
    return type(check_real("finite?", 1, x)) is not float or math.isfinite(x)


@primitive("zero?")
def is_zero(z: Any) -> bool:
    """Return whether the number Z is zero (either sign)."""
    return check_number("zero?", 1, z) == 0


@primitive("positive?")
def is_positive(x: Any) -> bool:
    """Return whether the real X is greater than zero."""
    return check_real("positive?", 1, x) > 0


@primitive("negative?")
def is_negative(x: Any) -> bool:
    """Return whether the real X is less than zero."""
    return check_real("negative?", 1, x) < 0


def _check_integral(who: str, n: Any) -> int:
    """Return the integer N, exact or inexact, as a Python int."""
    if type(n) is int:
        return n
    if type(n) is float and n.is_integer():
        return int(n)
    raise wrong_type(who, 1, "integer", n)


@primitive("odd?")
def is_odd(n: Any) -> bool:
    """Return whether the integer N is odd."""
    return _check_integral("odd?", n) % 2 == 1


@primitive("even?")
def is_even(n: Any) -> bool:
    """Return whether the integer N is even."""
    return _check_integral("even?", n) % 2 == 0
