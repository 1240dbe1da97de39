"""Type and equivalence predicates, checked against GNU Guile 3.0.8."""

import math
from fractions import Fraction

import pytest
from oscdsl.builtins import predicates  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import (
    DEFAULT,
    EOF,
    NIL,
    UNSPECIFIED,
    Char,
    Keyword,
    Pair,
    Symbol,
    make_list,
)
from oscdsl.errors import SchemeError

P = TABLES[ROOT]


def test_eqv_distinguishes_exactness():
    assert P["eqv?"](1, 1.0) is False
    assert P["eqv?"](2.0, 2.0) is True
    assert P["eqv?"](Fraction(1, 2), Fraction(1, 2)) is True
    assert P["eqv?"](10**20, 10**20) is True


def test_eq_holds_for_small_integers_and_characters_only():
    assert P["eq?"](5, 5) is True
    assert P["eq?"](10**20, 10**20) is False
    assert P["eq?"](Char("a"), Char("a")) is True
    assert P["eq?"](Symbol("a"), Symbol("a")) is True
    assert P["eq?"](make_list([1]), make_list([1])) is False


def test_equal_compares_structure():
    assert P["equal?"](make_list([1, "a", [2]]), make_list([1, "a", [2]])) is True
    assert P["equal?"]("a", "a") is True
    assert P["equal?"](make_list([1]), make_list([1.0])) is False


def test_not_and_booleans():
    assert P["not"](False) is True
    assert P["not"](NIL) is False
    assert P["not"](0) is False
    assert P["boolean?"](False) is True
    assert P["boolean?"](0) is False
    assert P["boolean=?"](True, True, True) is True
    assert P["boolean=?"](True, False) is False
    with pytest.raises(SchemeError):
        P["boolean=?"](True, 1)


def test_number_tower_predicates():
    assert P["number?"](True) is False
    assert P["integer?"](5.0) is True
    assert P["integer?"](math.inf) is False
    assert P["exact-integer?"](5.0) is False
    assert P["rational?"](0.5) is True
    assert P["rational?"](math.inf) is False
    assert P["real?"](1) is True
    assert P["real?"](1j) is False
    assert P["complex?"](1) is True
    assert P["exact-rational?"](Fraction(1, 2)) is True
    assert P["exact-rational?"](0.5) is False
    assert P["exact-nonnegative-integer?"](0) is True
    assert P["exact-nonnegative-integer?"](-1) is False


def test_exactness_predicates_reject_non_numbers():
    assert P["exact?"](Fraction(1, 2)) is True
    assert P["inexact?"](1.0) is True
    with pytest.raises(SchemeError) as caught:
        P["exact?"](Symbol("a"))
    assert caught.value.payload.kind.name == "wrong-type-arg"


def test_sign_and_parity_predicates():
    assert P["zero?"](-0.0) is True
    assert P["positive?"](0) is False
    assert P["negative?"](Fraction(-1, 2)) is True
    assert P["odd?"](3.0) is True
    assert P["odd?"](-3) is True
    assert P["even?"](0) is True
    with pytest.raises(SchemeError):
        P["odd?"](2.5)


def test_float_class_predicates():
    assert P["nan?"](math.nan) is True
    assert P["nan?"](1) is False
    assert P["inf?"](-math.inf) is True
    assert P["finite?"](math.inf) is False
    assert P["finite?"](Fraction(1, 3)) is True


def test_object_type_predicates():
    pair = Pair(1, 2)
    assert P["pair?"](pair) is True
    assert P["list?"](pair) is False
    assert P["list?"](NIL) is True
    assert P["null?"](NIL) is True
    assert P["symbol?"](Symbol("x")) is True
    assert P["string?"]("x") is True
    assert P["char?"](Char("x")) is True
    assert P["keyword?"](Keyword("x")) is True
    assert P["vector?"]([1]) is True
    assert P["bytevector?"](bytearray(b"a")) is True
    assert P["procedure?"](P["not"]) is True
    assert P["procedure?"](Symbol("car")) is False
    assert P["unspecified?"](UNSPECIFIED) is True
    assert P["eof-object?"](EOF) is True
    assert P["default-object?"](DEFAULT) is True
