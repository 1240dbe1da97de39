"""Numeric primitives: arithmetic, comparison, rounding, number syntax and printing.

Exact numbers are Python ints and normalised Fractions, inexact ones floats
(and complex for the few results that leave the reals, as Guile's do).
:func:`parse_number` and :func:`format_number` are the number syntax the reader
and the printer share with ``string->number`` and ``number->string``.
"""

from __future__ import annotations

import cmath
import math
import random as _random
import re
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

from ..datums import Values
from ..errors import SchemeError, scheme_error
from .predicates import (
    NUMBER_TYPES,
    REAL_TYPES,
    check_integer,
    check_number,
    check_real,
    check_string,
    out_of_range,
    wrong_type,
)
from .registry import primitive

INF = math.inf


def normalize(value: Any) -> Any:
    """Return VALUE with an integral Fraction turned into an int."""
    if type(value) is Fraction and value.denominator == 1:
        return value.numerator
    return value


def divide_by_zero(who: str) -> SchemeError:
    """Return the error for dividing by an exact zero in WHO."""
    return scheme_error("numerical-overflow", "Numerical overflow", who=who)


def _check_all(who: str, args: tuple, kinds: frozenset = NUMBER_TYPES) -> None:
    """Raise a wrong-type-arg error for the first of ARGS whose type is not in KINDS."""
    for position, value in enumerate(args, 1):
        if type(value) not in kinds:
            expected = "number" if kinds is NUMBER_TYPES else "real number"
            raise wrong_type(who, position, expected, value)


### Arithmetic


@primitive("+")
def add(*args: Any) -> Any:
    """Return the sum of ARGS (0 for none)."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a + b
    _check_all("+", args)
    total = 0
    for value in args:
        total += value
    return normalize(total)


@primitive("*")
def multiply(*args: Any) -> Any:
    """Return the product of ARGS (1 for none)."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a * b
    _check_all("*", args)
    product = 1
    for value in args:
        product *= value
    return normalize(product)


@primitive("-")
def subtract(first: Any, *rest: Any) -> Any:
    """Return FIRST minus each of REST, or the negation of FIRST alone."""
    if len(rest) == 1:
        b = rest[0]
        if type(first) is int and type(b) is int:
            return first - b
    _check_all("-", (first, *rest))
    if not rest:
        return -first
    for value in rest:
        first -= value
    return normalize(first)


def _divide2(a: Any, b: Any) -> Any:
    """Return A divided by B: exact when both are, IEEE rules for inexact zeros."""
    if type(b) is int or type(b) is Fraction:
        if b == 0:
            raise divide_by_zero("/")
        if type(a) is int or type(a) is Fraction:
            return normalize(Fraction(a) / b)
        return a / b
    if b == 0:
        if type(a) is complex or type(b) is complex:
            raise divide_by_zero("/")
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(INF, a) * math.copysign(1.0, b)
    return a / b


@primitive("/")
def divide(first: Any, *rest: Any) -> Any:
    """Return FIRST divided by each of REST, or the reciprocal of FIRST alone."""
    _check_all("/", (first, *rest))
    if not rest:
        return _divide2(1, first)
    for value in rest:
        first = _divide2(first, value)
    return first


@primitive("1+")
def increment(z: Any) -> Any:
    """Return Z plus one."""
    if type(z) is int:
        return z + 1
    return normalize(check_number("1+", 1, z) + 1)


@primitive("1-")
def decrement(z: Any) -> Any:
    """Return Z minus one."""
    if type(z) is int:
        return z - 1
    return normalize(check_number("1-", 1, z) - 1)


@primitive("square")
def square(z: Any) -> Any:
    """Return Z times Z."""
    return normalize(check_number("square", 1, z) * z)


@primitive("abs", "magnitude")
def absolute(x: Any) -> Any:
    """Return the absolute value of X (the magnitude of a complex X)."""
    return abs(check_number("abs", 1, x))


### Comparison


def _compare(who: str, args: tuple, holds) -> bool:
    """Return whether HOLDS is true of every neighbouring pair of ARGS."""
    _check_all(who, args, NUMBER_TYPES if who == "=" else REAL_TYPES)
    return all(holds(a, b) for a, b in pairwise(args))


@primitive("=")
def num_eq(*args: Any) -> bool:
    """Return whether all ARGS are numerically equal."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a == b
    return _compare("=", args, lambda a, b: a == b)


@primitive("<")
def num_lt(*args: Any) -> bool:
    """Return whether ARGS are strictly increasing."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a < b
    return _compare("<", args, lambda a, b: a < b)


@primitive(">")
def num_gt(*args: Any) -> bool:
    """Return whether ARGS are strictly decreasing."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a > b
    return _compare(">", args, lambda a, b: a > b)


@primitive("<=")
def num_le(*args: Any) -> bool:
    """Return whether ARGS are non-decreasing."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a <= b
    return _compare("<=", args, lambda a, b: a <= b)


@primitive(">=")
def num_ge(*args: Any) -> bool:
    """Return whether ARGS are non-increasing."""
    if len(args) == 2:
        a, b = args
        if type(a) is int and type(b) is int:
            return a >= b
    return _compare(">=", args, lambda a, b: a >= b)


def _extremum(who: str, args: tuple, pick) -> Any:
    """Return the element of ARGS that PICK selects, inexact if any of ARGS is."""
    _check_all(who, args, REAL_TYPES)
    if any(type(x) is float and math.isnan(x) for x in args):
        return math.nan
    result = pick(args)
    if any(type(x) is float for x in args):
        return float(result)
    return result


@primitive("max")
def maximum(x: Any, *rest: Any) -> Any:
    """Return the largest of X and REST; inexact if any of them is."""
    return _extremum("max", (x, *rest), max)


@primitive("min")
def minimum(x: Any, *rest: Any) -> Any:
    """Return the smallest of X and REST; inexact if any of them is."""
    return _extremum("min", (x, *rest), min)


### Integer division


def _integer_operands(who: str, n: Any, d: Any) -> tuple[int, int, bool]:
    """Return the integers N and D as ints, and whether either was inexact."""
    inexact = False
    result = []
    for position, value in ((1, n), (2, d)):
        if type(value) is int:
            result.append(value)
        elif type(value) is float and value.is_integer():
            result.append(int(value))
            inexact = True
        else:
            raise wrong_type(who, position, "integer", value)
    if result[1] == 0:
        raise divide_by_zero(who)
    return result[0], result[1], inexact


def _exactness(value: int, inexact: bool) -> Any:
    """Return VALUE as a float when INEXACT is set."""
    return float(value) if inexact else value


def _truncate_divide(n: int, d: int) -> tuple[int, int]:
    """Return the quotient rounded toward zero and its remainder."""
    q = abs(n) // abs(d)
    if (n < 0) != (d < 0):
        q = -q
    return q, n - q * d


@primitive("quotient", "truncate-quotient")
def quotient(n: Any, d: Any) -> Any:
    """Return N divided by D rounded toward zero."""
    a, b, inexact = _integer_operands("quotient", n, d)
    return _exactness(_truncate_divide(a, b)[0], inexact)


@primitive("remainder", "truncate-remainder")
def remainder(n: Any, d: Any) -> Any:
    """Return the remainder of N by D, with the sign of N."""
    a, b, inexact = _integer_operands("remainder", n, d)
    return _exactness(_truncate_divide(a, b)[1], inexact)


@primitive("modulo", "floor-remainder")
def modulo(n: Any, d: Any) -> Any:
    """Return N modulo D, with the sign of D."""
    a, b, inexact = _integer_operands("modulo", n, d)
    return _exactness(a % b, inexact)


@primitive("floor-quotient")
def floor_quotient(n: Any, d: Any) -> Any:
    """Return N divided by D rounded toward negative infinity."""
    a, b, inexact = _integer_operands("floor-quotient", n, d)
    return _exactness(a // b, inexact)


@primitive("floor/")
def floor_divide(n: Any, d: Any) -> Values:
    """Return the floor quotient and the remainder of N by D as two values."""
    a, b, inexact = _integer_operands("floor/", n, d)
    q, r = divmod(a, b)
    return Values((_exactness(q, inexact), _exactness(r, inexact)))


@primitive("truncate/")
def truncate_divide(n: Any, d: Any) -> Values:
    """Return the truncated quotient and the remainder of N by D as two values."""
    a, b, inexact = _integer_operands("truncate/", n, d)
    q, r = _truncate_divide(a, b)
    return Values((_exactness(q, inexact), _exactness(r, inexact)))


@primitive("euclidean/")
def euclidean_divide(n: Any, d: Any) -> Values:
    """Return the quotient and the non-negative remainder of N by D as two values."""
    a, b, inexact = _integer_operands("euclidean/", n, d)
    r = a % abs(b)
    q = (a - r) // b
    return Values((_exactness(q, inexact), _exactness(r, inexact)))


def _integer_arguments(who: str, args: tuple) -> tuple[list[int], bool]:
    """Return ARGS, integers exact or inexact, as ints; and whether any was inexact."""
    ints, inexact = [], False
    for position, value in enumerate(args, 1):
        if type(value) is float and value.is_integer():
            value, inexact = int(value), True
        elif type(value) is not int:
            raise wrong_type(who, position, "integer", value)
        ints.append(value)
    return ints, inexact


@primitive("gcd")
def gcd(*args: Any) -> Any:
    """Return the greatest common divisor of ARGS (0 for none)."""
    ints, inexact = _integer_arguments("gcd", args)
    return _exactness(math.gcd(*ints), inexact)


@primitive("lcm")
def lcm(*args: Any) -> Any:
    """Return the least common multiple of ARGS (1 for none)."""
    ints, inexact = _integer_arguments("lcm", args)
    return _exactness(math.lcm(*ints), inexact)


### Rounding


def _round_real(who: str, x: Any, exact_rounding, float_rounding) -> Any:
    """Round the real X: exactly with EXACT_ROUNDING, as a float with FLOAT_ROUNDING."""
    kind = type(x)
    if kind is int:
        return x
    if kind is Fraction:
        return exact_rounding(x)
    if kind is float:
        if not math.isfinite(x):
            return x
        # copysign keeps the sign of a zero result: (ceiling -0.5) is -0.0.
        return math.copysign(float(float_rounding(x)), x)
    raise wrong_type(who, 1, "real number", x)


@primitive("floor")
def floor(x: Any) -> Any:
    """Return the largest integer not above X, of the exactness of X."""
    return _round_real("floor", x, math.floor, math.floor)


@primitive("ceiling")
def ceiling(x: Any) -> Any:
    """Return the smallest integer not below X, of the exactness of X."""
    return _round_real("ceiling", x, math.ceil, math.ceil)


@primitive("truncate")
def truncate(x: Any) -> Any:
    """Return the integer nearest X toward zero, of the exactness of X."""
    return _round_real("truncate", x, math.trunc, math.trunc)


@primitive("round")
def round_(x: Any) -> Any:
    """Return the integer nearest X, ties to even, of the exactness of X."""
    if type(x) is float and x != 0 and math.isfinite(x):
        # Guile gives 0.0, not -0.0, for (round -0.4); only -0.0 stays negative.
        return float(round(x))
    return _round_real("round", x, round, round)


@primitive("numerator")
def numerator(q: Any) -> Any:
    """Return the numerator of the rational Q in lowest terms."""
    if type(q) is float:
        return float(Fraction(q).numerator)
    if type(q) is int or type(q) is Fraction:
        return q.numerator
    raise wrong_type("numerator", 1, "rational number", q)


@primitive("denominator")
def denominator(q: Any) -> Any:
    """Return the denominator of the rational Q in lowest terms."""
    if type(q) is float:
        return float(Fraction(q).denominator)
    if type(q) is int or type(q) is Fraction:
        return q.denominator
    raise wrong_type("denominator", 1, "rational number", q)


### Exactness


def to_inexact(z: Any) -> Any:
    """Return the inexact number nearest Z; exact numbers too big become infinities."""
    kind = type(z)
    if kind is float or kind is complex:
        return z
    try:
        return float(z)
    except OverflowError:
        return INF if z > 0 else -INF


@primitive("exact->inexact", "inexact")
def exact_to_inexact(z: Any) -> Any:
    """Return the inexact number nearest Z."""
    return to_inexact(check_number("exact->inexact", 1, z))


@primitive("inexact->exact", "exact")
def inexact_to_exact(z: Any) -> Any:
    """Return the exact number equal to Z; infinities and NaN have none."""
    kind = type(z)
    if kind is int or kind is Fraction:
        return z
    if kind is float:
        if not math.isfinite(z):
            raise out_of_range("inexact->exact", 1, z)
        return normalize(Fraction(z))
    if kind is complex and z.imag == 0:
        return inexact_to_exact(z.real)
    raise wrong_type("inexact->exact", 1, "real number", z)


### Powers, roots, transcendental functions


def _exact_root(n: int) -> int | None:
    """Return the exact square root of the non-negative int N, or None."""
    root = math.isqrt(n)
    return root if root * root == n else None


@primitive("sqrt")
def sqrt(z: Any) -> Any:
    """Return the square root of Z: exact for exact perfect squares."""
    kind = type(z)
    if kind is int and z >= 0:
        root = _exact_root(z)
        if root is not None:
            return root
    elif kind is Fraction and z > 0:
        top, bottom = _exact_root(z.numerator), _exact_root(z.denominator)
        if top is not None and bottom is not None:
            return Fraction(top, bottom)
    check_number("sqrt", 1, z)
    if kind is complex or z < 0:
        return cmath.sqrt(z)
    try:
        return math.sqrt(z)
    except OverflowError:
        # Limitation: huge non-square ints lose precision; only their magnitude counts.
        return float(math.isqrt(z))


@primitive("exact-integer-sqrt")
def exact_integer_sqrt(n: Any) -> Values:
    """Return the integer square root S of N and N - S*S as two values."""
    if type(n) is not int or n < 0:
        raise wrong_type("exact-integer-sqrt", 1, "exact non-negative integer", n)
    root = math.isqrt(n)
    return Values((root, n - root * root))


@primitive("expt")
def expt(z1: Any, z2: Any) -> Any:
    """Return Z1 raised to Z2: exact when Z1 is exact and Z2 an exact integer."""
    check_number("expt", 1, z1)
    check_number("expt", 2, z2)
    if type(z2) is int:
        if z2 == 0:
            return 1
        if type(z1) is int or type(z1) is Fraction:
            if z1 == 0 and z2 < 0:
                raise divide_by_zero("expt")
            return normalize(Fraction(z1) ** z2) if z2 < 0 else z1**z2
    try:
        return to_inexact(z1) ** to_inexact(z2)
    except OverflowError:
        return INF
    except ZeroDivisionError:
        return INF


def _transcendental(who: str, real_function, complex_function, z: Any) -> Any:
    """Apply REAL_FUNCTION to Z, or COMPLEX_FUNCTION outside its real domain."""
    check_number(who, 1, z)
    if type(z) is complex:
        return complex_function(z)
    try:
        return real_function(z)
    except OverflowError:
        return INF
    except ValueError:
        pass
    if type(z) is float and math.isinf(z):
        return math.nan  # (sin +inf.0) has no value, real or complex
    return complex_function(z)


@primitive("exp")
def exp(z: Any) -> Any:
    """Return e raised to Z."""
    return _transcendental("exp", math.exp, cmath.exp, z)


@primitive("log")
def log(z: Any, base: Any = None) -> Any:
    """Return the natural logarithm of Z, or its logarithm in BASE when given."""
    check_number("log", 1, z)
    if z == 0:
        if type(z) is not float:
            raise divide_by_zero("log")
        return -INF
    if base is not None:
        return _divide2(log(z), log(check_number("log", 2, base)))
    if type(z) is int and z > 0:
        return math.log(z)  # exact even for ints too big for a float
    return _transcendental("log", math.log, cmath.log, z)


def _exact_zero_identity(who, real_function, complex_function, exact_value):
    """Return a primitive applying REAL_FUNCTION, giving EXACT_VALUE for exact 0."""

    def function(z: Any) -> Any:
        if type(z) is int and z == 0:
            return exact_value
        return _transcendental(who, real_function, complex_function, z)

    function.__name__ = who.replace("-", "_")
    function.__doc__ = f"Return the {who} of Z (exactly {exact_value} when Z is 0)."
    return primitive(who)(function)


sin = _exact_zero_identity("sin", math.sin, cmath.sin, 0)
cos = _exact_zero_identity("cos", math.cos, cmath.cos, 1)
tan = _exact_zero_identity("tan", math.tan, cmath.tan, 0)
# Limitation: outside [-1, 1], asin and acos take Python's branch cut, so the
# imaginary part may have the opposite sign to Guile's; no config relies on it.
asin = _exact_zero_identity("asin", math.asin, cmath.asin, 0)


@primitive("acos")
def acos(z: Any) -> Any:
    """Return the arc cosine of Z (exactly 0 when Z is exact 1)."""
    if type(z) is int and z == 1:
        return 0
    return _transcendental("acos", math.acos, cmath.acos, z)


@primitive("atan")
def atan(y: Any, x: Any = None) -> Any:
    """Return the arc tangent of Y, or the angle of the point (X, Y) when X is given."""
    if x is None:
        if type(y) is int and y == 0:
            return 0
        return _transcendental("atan", math.atan, cmath.atan, y)
    return math.atan2(check_real("atan", 1, y), check_real("atan", 2, x))


### Bits


@primitive("logand")
def logand(*args: Any) -> int:
    """Return the bitwise AND of the integers ARGS (-1 for none)."""
    result = -1
    for position, n in enumerate(args, 1):
        result &= check_integer("logand", position, n)
    return result


@primitive("logior")
def logior(*args: Any) -> int:
    """Return the bitwise inclusive OR of the integers ARGS (0 for none)."""
    result = 0
    for position, n in enumerate(args, 1):
        result |= check_integer("logior", position, n)
    return result


@primitive("logxor")
def logxor(*args: Any) -> int:
    """Return the bitwise exclusive OR of the integers ARGS (0 for none)."""
    result = 0
    for position, n in enumerate(args, 1):
        result ^= check_integer("logxor", position, n)
    return result


@primitive("lognot")
def lognot(n: Any) -> int:
    """Return the bitwise complement of the integer N."""
    return ~check_integer("lognot", 1, n)


@primitive("logtest")
def logtest(a: Any, b: Any) -> bool:
    """Return whether the integers A and B have a set bit in common."""
    return check_integer("logtest", 1, a) & check_integer("logtest", 2, b) != 0


@primitive("logbit?")
def logbit(index: Any, n: Any) -> bool:
    """Return whether bit INDEX of the integer N is set."""
    return (
        check_integer("logbit?", 2, n) >> check_integer("logbit?", 1, index)
    ) & 1 == 1


@primitive("ash", "arithmetic-shift")
def ash(n: Any, count: Any) -> int:
    """Return N shifted left by COUNT bits (right when COUNT is negative)."""
    check_integer("ash", 1, n)
    check_integer("ash", 2, count)
    return n << count if count >= 0 else n >> -count


@primitive("bit-extract")
def bit_extract(n: Any, start: Any, end: Any) -> int:
    """Return bits START (inclusive) to END (exclusive) of N as an integer."""
    check_integer("bit-extract", 1, n)
    check_integer("bit-extract", 2, start)
    check_integer("bit-extract", 3, end)
    return (n >> start) & ((1 << (end - start)) - 1)


@primitive("logcount")
def logcount(n: Any) -> int:
    """Return the number of 1 bits in N, or of 0 bits when N is negative."""
    check_integer("logcount", 1, n)
    return (n if n >= 0 else ~n).bit_count()


@primitive("integer-length")
def integer_length(n: Any) -> int:
    """Return the number of bits needed to represent N."""
    return check_integer("integer-length", 1, n).bit_length()


### Random numbers


@primitive("random")
def random(n: Any, state: Any = None) -> Any:
    """Return a random number from 0 below N, of the exactness of N.

    STATE is accepted for compatibility and ignored: one Python generator serves.
    """
    if type(n) is int and n > 0:
        return _random.randrange(n)
    if type(n) is float and n > 0:
        return _random.random() * n
    raise wrong_type("random", 1, "positive number", n)


### Number syntax


def _digit_class(radix: int) -> str:
    """Return the regular-expression class of the digits of RADIX (2 to 36)."""
    if radix <= 10:
        return f"0-{radix - 1}"
    last = chr(ord("a") + radix - 11)
    return f"0-9a-{last}A-{last.upper()}"


_DIGITS = {radix: _digit_class(radix) for radix in range(2, 37)}
_EXPONENT = re.compile(r"[eEdDfFsSlL]")
_DECIMAL = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eEdDfFsSlL][+-]?[0-9]+)?")
_SPECIAL = {"+inf.0": INF, "-inf.0": -INF, "+nan.0": math.nan, "-nan.0": math.nan}


def _strip_prefixes(text: str, radix: int) -> tuple[str, int, str | None] | None:
    """Return TEXT without its #x/#e-style prefixes, the radix, and the exactness."""
    exactness = None
    radix_seen = False
    while len(text) >= 2 and text[0] == "#":
        mark = text[1].lower()
        if mark in "ei" and exactness is None:
            exactness = mark
        elif mark in "xobd" and not radix_seen:
            radix = {"x": 16, "o": 8, "b": 2, "d": 10}[mark]
            radix_seen = True
        else:
            return None
        text = text[2:]
    return text, radix, exactness


def _parse_unsigned(text: str, radix: int, exact: bool | None) -> Any:
    """Return the value of the unsigned real TEXT, or None if it is not one."""
    digits = _DIGITS[radix]
    integer = f"[{digits}]+"
    if re.fullmatch(integer, text):
        return int(text, radix)
    if re.fullmatch(f"{integer}/{integer}", text):
        top, bottom = text.split("/")
        if int(bottom, radix) == 0:
            return None
        return normalize(Fraction(int(top, radix), int(bottom, radix)))
    if radix == 10 and _DECIMAL.fullmatch(text):
        text = _EXPONENT.sub("e", text)
        if exact:
            return normalize(Fraction(Decimal(text)))
        return float(text)
    return None


def parse_number(text: str, radix: int = 10) -> Any:
    """Return the number written TEXT in RADIX, or None if TEXT is not a number.

    TEXT follows the reader's syntax: optional ``#x #o #b #d #e #i`` prefixes,
    a sign, then an integer, a fraction ``n/d``, a decimal with an optional
    exponent (radix 10 only), or ``+inf.0``/``-inf.0``/``+nan.0``.
    """
    # Limitation: complex literals (1+2i, +i, 1@0) are not numbers here, because
    # configs never write them; complex values only arise from sqrt, log, expt.
    stripped = _strip_prefixes(text, radix)
    if stripped is None:
        return None
    text, radix, exactness = stripped
    special = _SPECIAL.get(text.lower())
    if special is not None:
        return None if exactness == "e" else special
    sign = 1
    if text[:1] in ("+", "-"):
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    value = _parse_unsigned(text, radix, exactness == "e")
    if value is None:
        return None
    if exactness == "i":
        value = to_inexact(value)
    elif exactness == "e" and type(value) is float:
        value = normalize(Fraction(value))
    return -value if sign < 0 else value


def _digits_in_radix(n: int, radix: int) -> str:
    """Return the non-negative int N written in RADIX with lower-case digits."""
    if radix == 10:
        return str(n)
    if radix == 16:
        return format(n, "x")
    if radix == 8:
        return format(n, "o")
    if radix == 2:
        return format(n, "b")
    digits = []
    while True:
        n, digit = divmod(n, radix)
        digits.append("0123456789abcdefghijklmnopqrstuvwxyz"[digit])
        if n == 0:
            return "".join(reversed(digits))


def _format_float(x: float) -> str:
    """Return the float X as Guile writes it in radix 10.

    The digits are the shortest that read back as X (Python's repr finds them).
    Guile writes them positionally unless that would need more than three
    zeros after the point (1.0e-4), or more than three zeros before it once
    the number reaches ten million (1.0e7, 1.234e7, but 12345000.0).
    """
    if math.isnan(x):
        return "+nan.0"
    if math.isinf(x):
        return "+inf.0" if x > 0 else "-inf.0"
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    if x == 0:
        return sign + "0.0"
    _, digit_tuple, exponent = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    # The value is 0.DIGITS times ten to the power POINT.
    point = len(digit_tuple) + exponent
    scientific = point - 1
    trailing_zeros = point - len(digits)
    if scientific < -3 or (scientific >= 7 and trailing_zeros > 3):
        mantissa = digits[0] + "." + (digits[1:] or "0")
        return f"{sign}{mantissa}e{scientific}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{sign}{digits}{'0' * (point - len(digits))}.0"
    return f"{sign}{digits[:point]}.{digits[point:]}"


def _format_float_radix(x: float, radix: int) -> str:
    """Return the finite float X written in RADIX, positionally.

    Limitation: unlike Guile, the fraction is not switched to exponent form;
    non-decimal floats are rare enough in configs that this never matters.
    """
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    value = Fraction(abs(x))
    whole = math.floor(value)
    fraction = value - whole
    digits = []
    while fraction and len(digits) < 60:
        fraction *= radix
        digits.append(_digits_in_radix(math.floor(fraction), radix))
        fraction -= math.floor(fraction)
    return f"{sign}{_digits_in_radix(whole, radix)}.{''.join(digits) or '0'}"


def format_number(x: Any, radix: int = 10) -> str:
    """Return the number X written as Guile writes it, in RADIX."""
    kind = type(x)
    if kind is int:
        if radix == 10:
            return str(x)
        return ("-" if x < 0 else "") + _digits_in_radix(abs(x), radix)
    if kind is Fraction:
        return (
            f"{format_number(x.numerator, radix)}/{format_number(x.denominator, radix)}"
        )
    if kind is float:
        if radix == 10 or not math.isfinite(x):
            return _format_float(x)
        return _format_float_radix(x, radix)
    if kind is complex:
        imaginary = format_number(x.imag, radix)
        if imaginary[0] not in "+-":
            imaginary = "+" + imaginary
        return f"{format_number(x.real, radix)}{imaginary}i"
    raise TypeError(f"not a number: {x!r}")


def _check_radix(who: str, position: int, radix: Any) -> int:
    """Return RADIX if it is between 2 and 36; raise otherwise."""
    if type(radix) is not int:
        raise wrong_type(who, position, "exact integer", radix)
    if radix not in _DIGITS:
        raise out_of_range(who, position, radix)
    return radix


@primitive("number->string")
def number_to_string(z: Any, radix: Any = 10) -> str:
    """Return the text of the number Z in RADIX (2, 8, 10 or 16)."""
    check_number("number->string", 1, z)
    return format_number(z, _check_radix("number->string", 2, radix))


@primitive("string->number")
def string_to_number(text: Any, radix: Any = 10) -> Any:
    """Return the number TEXT denotes in RADIX, or #f if it denotes none."""
    check_string("string->number", 1, text)
    value = parse_number(text, _check_radix("string->number", 2, radix))
    return False if value is None else value


@primitive("rationalize")
def rationalize(x: Any, y: Any) -> Any:
    """Return the simplest rational within Y of X (inexact if either is)."""
    check_real("rationalize", 1, x)
    check_real("rationalize", 2, y)
    inexact = type(x) is float or type(y) is float
    low, high = Fraction(x) - abs(Fraction(y)), Fraction(x) + abs(Fraction(y))
    result = _simplest_between(low, high)
    return float(result) if inexact else normalize(result)


def _simplest_between(low: Fraction, high: Fraction) -> Fraction:
    """Return the fraction with the smallest denominator in [LOW, HIGH]."""
    if low <= 0 <= high:
        return Fraction(0)
    if high < 0:
        return -_simplest_between(-high, -low)
    floor = math.floor(low)
    if floor == low or floor + 1 <= high:
        return Fraction(math.ceil(low)) if floor != low else Fraction(floor)
    rest = _simplest_between(1 / (high - floor), 1 / (low - floor))
    return floor + 1 / rest
