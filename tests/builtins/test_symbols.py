"""Symbol and keyword primitives, checked against GNU Guile 3.0.8."""

import pytest
from oscdsl.builtins import symbols
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import Keyword, Symbol
from oscdsl.errors import SchemeError

P = TABLES[ROOT]


def test_symbol_string_round_trip():
    assert P["symbol->string"](Symbol("abc")) == "abc"
    assert P["string->symbol"]("abc") is Symbol("abc")
    with pytest.raises(SchemeError):
        P["symbol->string"]("abc")


def test_symbol_append():
    assert P["symbol-append"](Symbol("a"), Symbol("b")) is Symbol("ab")
    assert P["symbol-append"]() is Symbol("")


def test_gensym_names_start_with_a_space_like_guiles():
    first, second = P["gensym"](), P["gensym"]()
    assert first is not second
    assert first.name.startswith(symbols.GENSYM_PREFIX)
    assert P["gensym"]("x").name.startswith("x")


def test_gensym_never_returns_an_existing_symbol():
    upcoming = f"{symbols.GENSYM_PREFIX}{int(P['gensym']().name[2:]) + 1}"
    taken = Symbol(upcoming)
    assert P["gensym"]() is not taken


def test_make_symbol_is_uninterned():
    fresh = P["make-symbol"]("foo")
    assert fresh is not Symbol("foo")
    assert fresh.name == "foo"
    assert P["symbol=?"](fresh, Symbol("foo")) is False


def test_symbol_ordering():
    assert P["symbol<?"](Symbol("a"), Symbol("b"), Symbol("c")) is True
    assert P["symbol<?"](Symbol("b"), Symbol("a")) is False


def test_keyword_conversions():
    assert P["string->keyword"]("a") is Keyword("a")
    assert P["keyword->string"](Keyword("a")) == "a"
    assert P["symbol->keyword"](Symbol("a")) is Keyword("a")
    assert P["keyword->symbol"](Keyword("a")) is Symbol("a")
    with pytest.raises(SchemeError):
        P["keyword->symbol"](Symbol("a"))
