"""Character primitives, checked against GNU Guile 3.0.8."""

import pytest
from oscdsl.builtins import chars  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import Char
from oscdsl.errors import SchemeError

P = TABLES[ROOT]


def test_comparisons_are_variadic_and_by_code_point():
    assert P["char<?"](Char("a"), Char("b"), Char("c")) is True
    assert P["char<?"](Char("a"), Char("c"), Char("b")) is False
    assert P["char=?"](Char("a"), Char("a")) is True
    assert P["char<?"](Char("Z"), Char("a")) is True


def test_case_insensitive_comparisons():
    assert P["char-ci=?"](Char("a"), Char("A")) is True
    assert P["char-ci<?"](Char("a"), Char("B")) is True


def test_classification():
    assert P["char-alphabetic?"](Char("λ")) is True
    assert P["char-numeric?"](Char("5")) is True
    assert P["char-numeric?"](Char("a")) is False
    assert P["char-whitespace?"](Char("\t")) is True
    assert P["char-upper-case?"](Char("A")) is True
    assert P["char-lower-case?"](Char("A")) is False


def test_case_mapping_keeps_characters_without_a_single_mapping():
    assert P["char-upcase"](Char("a")) is Char("A")
    assert P["char-downcase"](Char("A")) is Char("a")
    assert P["char-upcase"](Char("ß")) is Char("ß")


def test_code_points():
    assert P["char->integer"](Char("A")) == 65
    assert P["integer->char"](955) is Char("λ")
    for bad in (-1, 0xD800, 0x110000):
        with pytest.raises(SchemeError) as caught:
            P["integer->char"](bad)
        assert caught.value.payload.kind.name == "out-of-range"


def test_digit_value():
    assert P["digit-value"](Char("7")) == 7
    assert P["digit-value"](Char("a")) is False


def test_wrong_type_names_characters():
    with pytest.raises(SchemeError) as caught:
        P["char-upcase"]("a")
    assert "character" in caught.value.payload.message
