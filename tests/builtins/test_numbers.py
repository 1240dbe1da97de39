"""Numeric primitives, checked against what GNU Guile 3.0.8 answers."""

import math
from fractions import Fraction

import pytest
from oscdsl.builtins import numbers
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import Values
from oscdsl.errors import SchemeError

P = TABLES[ROOT]


def error_kind(function, *args) -> str:
    """Return the Guile key of the condition FUNCTION raises on ARGS."""
    with pytest.raises(SchemeError) as caught:
        function(*args)
    return caught.value.payload.kind.name


def same(actual, expected) -> bool:
    """Return whether ACTUAL is EXPECTED in value and in exactness."""
    return type(actual) is type(expected) and (
        actual == expected or (actual != actual and expected != expected)
    )


def test_addition_of_ints_stays_exact():
    assert same(P["+"](1, 2), 3)
    assert same(P["+"](), 0)
    assert same(P["+"](2**70, 2**70), 2**71)


def test_rational_sums_normalise_to_ints():
    assert same(P["+"](Fraction(1, 3), Fraction(2, 3)), 1)
    assert same(P["*"](2, Fraction(1, 2)), 1)


def test_inexact_contagion_in_arithmetic():
    assert same(P["-"](0.5, Fraction(1, 2)), 0.0)
    assert same(P["*"](0, 1.5), 0.0)
    assert same(P["+"](0, 1.5), 1.5)


def test_division_is_exact_for_exact_operands():
    assert same(P["/"](1, 3), Fraction(1, 3))
    assert same(P["/"](6, 3), 2)
    assert same(P["/"](6, 4), Fraction(3, 2))
    assert same(P["/"](5), Fraction(1, 5))
    assert same(P["/"](0.5), 2.0)
    assert same(P["/"](4, 2.0), 2.0)


def test_division_by_exact_zero_is_an_error_even_for_floats():
    assert error_kind(P["/"], 1, 0) == "numerical-overflow"
    assert error_kind(P["/"], 1.0, 0) == "numerical-overflow"


def test_division_by_inexact_zero_follows_ieee():
    assert same(P["/"](1.0, 0.0), math.inf)
    assert same(P["/"](-1, 0.0), -math.inf)
    assert math.isnan(P["/"](0, 0.0))


def test_negation_and_subtraction():
    assert same(P["-"](5), -5)
    assert same(P["-"](10, 1, 2), 7)


def test_booleans_and_strings_are_not_numbers():
    assert error_kind(P["+"], 1, True) == "wrong-type-arg"
    assert error_kind(P["+"], "a", 1) == "wrong-type-arg"
    assert error_kind(P["<"], 1, False) == "wrong-type-arg"
    assert error_kind(P["*"], True) == "wrong-type-arg"
    assert error_kind(P["-"], True, 1) == "wrong-type-arg"


def test_type_error_names_the_position_and_expected_type():
    with pytest.raises(SchemeError) as caught:
        P["+"](1, "a")
    assert "position 2" in caught.value.payload.message
    assert "number" in caught.value.payload.message
    assert caught.value.payload.who == "+"


def test_comparisons_are_variadic():
    assert P["<"](1, 2, 3) is True
    assert P["<"](1, 3, 2) is False
    assert P["="](1, 1.0) is True
    assert P["="](Fraction(1, 2), 0.5) is True
    assert P["="](math.nan, math.nan) is False
    assert P[">="](3, 3, 1) is True
    assert P["<"]() is True


def test_quotient_remainder_modulo_with_negatives():
    assert P["modulo"](-7, 2) == 1
    assert P["remainder"](-7, 2) == -1
    assert P["modulo"](7, -2) == -1
    assert P["remainder"](7, -2) == 1
    assert P["quotient"](-7, 2) == -3


def test_integer_division_of_integral_floats_is_inexact():
    assert same(P["modulo"](-7.0, 2), 1.0)
    assert same(P["quotient"](7.0, 2), 3.0)
    assert same(P["remainder"](7, 2.0), 1.0)
    assert error_kind(P["modulo"], 7.5, 2) == "wrong-type-arg"
    assert error_kind(P["quotient"], Fraction(1, 2), 1) == "wrong-type-arg"
    assert error_kind(P["quotient"], 7, 0) == "numerical-overflow"


def test_r7rs_division_operators_return_two_values():
    assert P["floor/"](7, -2) == Values((-4, -1))
    assert P["truncate/"](7, -2) == Values((-3, 1))
    assert P["floor/"](-7, 2) == Values((-4, 1))
    assert P["euclidean/"](-7, 2) == Values((-4, 1))
    assert P["floor-quotient"](-7, 2) == -4
    assert P["floor-remainder"](-7, 2) == 1
    assert P["truncate-quotient"](-7, 2) == -3
    assert P["truncate-remainder"](-7, 2) == -1


def test_round_goes_to_even_and_keeps_exactness():
    assert same(P["round"](2.5), 2.0)
    assert same(P["round"](3.5), 4.0)
    assert same(P["round"](-2.5), -2.0)
    assert same(P["round"](Fraction(5, 2)), 2)
    assert same(P["round"](Fraction(7, 2)), 4)
    assert same(P["round"](Fraction(-7, 2)), -4)
    assert same(P["round"](7), 7)


def test_round_of_small_negatives_gives_positive_zero_as_guile_does():
    assert math.copysign(1, P["round"](-0.4)) == 1
    assert math.copysign(1, P["round"](-0.0)) == -1


def test_floor_ceiling_truncate():
    assert same(P["floor"](Fraction(-7, 2)), -4)
    assert same(P["ceiling"](Fraction(7, 2)), 4)
    assert same(P["truncate"](-3.7), -3.0)
    assert same(P["floor"](2.5), 2.0)
    assert same(P["floor"](5), 5)
    assert math.copysign(1, P["ceiling"](-0.5)) == -1
    assert math.copysign(1, P["truncate"](-0.5)) == -1


def test_min_and_max_are_inexact_if_any_argument_is():
    assert same(P["max"](1, 2.0), 2.0)
    assert same(P["min"](1, 2.0), 1.0)
    assert same(P["max"](Fraction(1, 2), Fraction(1, 3)), Fraction(1, 2))
    assert math.isnan(P["max"](1, 2, math.nan))
    assert same(P["min"](math.inf, 1), 1.0)


def test_abs_gcd_lcm():
    assert same(P["abs"](Fraction(-1, 2)), Fraction(1, 2))
    assert same(P["abs"](-5), 5)
    assert same(P["gcd"](), 0)
    assert same(P["gcd"](12, -18), 6)
    assert same(P["gcd"](4.0, 6), 2.0)
    assert same(P["lcm"](), 1)
    assert same(P["lcm"](-4, 6), 12)
    assert same(P["lcm"](0, 5), 0)


def test_expt_is_exact_when_it_can_be():
    assert same(P["expt"](2, 100), 1267650600228229401496703205376)
    assert same(P["expt"](2, -1), Fraction(1, 2))
    assert same(P["expt"](Fraction(2, 3), -2), Fraction(9, 4))
    assert same(P["expt"](0, 0), 1)
    assert same(P["expt"](2.5, 0), 1)
    assert same(P["expt"](2.0, 3), 8.0)
    assert same(P["expt"](4, Fraction(1, 2)), 2.0)
    assert same(P["expt"](2, 2.0), 4.0)
    assert same(P["expt"](0, 0.0), 1.0)


def test_sqrt_is_exact_for_exact_perfect_squares():
    assert same(P["sqrt"](16), 4)
    assert same(P["sqrt"](Fraction(1, 4)), Fraction(1, 2))
    assert same(P["sqrt"](10**100), 10**50)
    assert same(P["sqrt"](15), 3.872983346207417)
    assert same(P["sqrt"](16.0), 4.0)
    assert same(P["sqrt"](-4), 2j)


def test_exact_integer_sqrt():
    assert P["exact-integer-sqrt"](17) == Values((4, 1))
    assert P["exact-integer-sqrt"](0) == Values((0, 0))
    assert error_kind(P["exact-integer-sqrt"], -1) == "wrong-type-arg"


def test_exactness_conversions():
    assert same(P["inexact->exact"](0.5), Fraction(1, 2))
    assert same(P["exact"](2.0), 2)
    assert same(P["exact"](0.1), Fraction(3602879701896397, 36028797018963968))
    assert same(P["exact->inexact"](Fraction(1, 3)), 0.3333333333333333)
    assert same(P["inexact"](10**400), math.inf)
    assert error_kind(P["inexact->exact"], math.inf) == "out-of-range"


def test_transcendental_functions():
    assert same(P["exp"](0), 1.0)
    assert same(P["log"](1), 0.0)
    assert same(P["log"](0.0), -math.inf)
    assert error_kind(P["log"], 0) == "numerical-overflow"
    assert same(P["log"](8, 2), 3.0)
    assert same(P["sin"](0), 0)
    assert same(P["cos"](0), 1)
    assert same(P["acos"](1), 0)
    assert same(P["atan"](1, 1), 0.7853981633974483)
    assert same(P["atan"](0, -1), 3.141592653589793)


def test_bit_operations():
    assert P["ash"](1, 10) == 1024
    assert P["ash"](-8, -1) == -4
    assert P["ash"](-7, -1) == -4
    assert P["logand"](12, 10) == 8
    assert P["logand"]() == -1
    assert P["logior"]() == 0
    assert P["logxor"](12, 10) == 6
    assert P["lognot"](5) == -6
    assert P["bit-extract"](6, 1, 3) == 3
    assert P["logcount"](7) == 3
    assert P["integer-length"](255) == 8
    assert P["logtest"](1, 3) is True
    assert P["logbit?"](0, 1) is True


def test_small_helpers():
    assert same(P["1+"](5), 6)
    assert same(P["1-"](5.5), 4.5)
    assert same(P["square"](Fraction(1, 2)), Fraction(1, 4))
    assert same(P["numerator"](Fraction(6, 4)), 3)
    assert same(P["denominator"](Fraction(6, 4)), 2)
    assert same(P["denominator"](0.5), 2.0)
    assert same(P["denominator"](5), 1)


def test_random_stays_below_its_bound_and_keeps_exactness():
    assert all(0 <= P["random"](10) < 10 for _ in range(50))
    assert type(P["random"](10)) is int
    assert type(P["random"](1.0)) is float
    assert error_kind(P["random"], 0) == "wrong-type-arg"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1e21, "1.0e21"),
        (1e20, "1.0e20"),
        (1e7, "1.0e7"),
        (1e6, "1000000.0"),
        (1.5e7, "1.5e7"),
        (1.2345e7, "12345000.0"),
        (1.234e7, "1.234e7"),
        (12345678901234567000.0, "12345678901234567000.0"),
        (1.2345678901234567e20, "1.2345678901234567e20"),
        (2.0**64, "18446744073709552000.0"),
        (1e-7, "1.0e-7"),
        (1e-4, "1.0e-4"),
        (0.001, "0.001"),
        (0.1, "0.1"),
        (1.0, "1.0"),
        (100.0, "100.0"),
        (3.14159, "3.14159"),
        (-0.0, "-0.0"),
        (math.inf, "+inf.0"),
        (-math.inf, "-inf.0"),
        (math.nan, "+nan.0"),
        (5e-324, "5.0e-324"),
        (0.3333333333333333, "0.3333333333333333"),
    ],
)
def test_floats_print_as_guile_prints_them(value, text):
    assert numbers.format_number(value) == text


def test_format_number_in_other_radixes():
    assert numbers.format_number(255, 16) == "ff"
    assert numbers.format_number(-255, 2) == "-11111111"
    assert numbers.format_number(Fraction(1, 3), 2) == "1/11"
    assert numbers.format_number(0.5, 2) == "0.1"
    assert numbers.format_number(255.0, 16) == "ff.0"
    assert numbers.format_number(2j) == "0.0+2.0i"
    assert P["number->string"](10, 8) == "12"
    assert P["number->string"](Fraction(1, 3)) == "1/3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#xff", 255),
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        ("1d3", 1000.0),
        ("1/2", Fraction(1, 2)),
        ("6/4", Fraction(3, 2)),
        ("0/5", 0),
        ("-1/2", Fraction(-1, 2)),
        ("+5", 5),
        ("-0", 0),
        (".5", 0.5),
        ("+.5", 0.5),
        ("5.", 5.0),
        ("-.5e-3", -5e-4),
        ("#e1.5", Fraction(3, 2)),
        ("#e.5", Fraction(1, 2)),
        ("#i1/2", 0.5),
        ("#i5", 5.0),
        ("#b101", 5),
        ("#x#e1", 1),
        ("#e#x10", 16),
        ("#i#x10", 16.0),
        ("+inf.0", math.inf),
        ("-inf.0", -math.inf),
    ],
)
def test_parse_number_accepts_guile_syntax(text, expected):
    assert same(numbers.parse_number(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "-",
        "+",
        "",
        ".",
        "1e",
        "inf.0",
        "1/0",
        "1/-2",
        "#x1.8",
        "1_000",
        " 1",
        "1+",
        "...",
        "1/2.",
        "\u0661",
    ],
)
def test_parse_number_rejects_non_numbers(text):
    assert numbers.parse_number(text) is None


def test_string_to_number_with_radix():
    assert P["string->number"]("ff", 16) == 255
    assert P["string->number"]("FF", 16) == 255
    assert P["string->number"]("10", 2) == 2
    assert P["string->number"]("2", 2) is False
    assert P["string->number"]("1.5e2", 16) is False
    assert P["string->number"]("#x10", 2) == 16
    assert P["string->number"]("abc") is False
    assert math.copysign(1, P["string->number"]("-0.0")) == -1
    assert math.isnan(P["string->number"]("-nan.0"))
