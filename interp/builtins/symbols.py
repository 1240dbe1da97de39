"""Symbol and keyword primitives: conversions, ``symbol-append`` and ``gensym``.

Symbols and keywords are interned; ``make-symbol`` makes the one exception.
"""

from __future__ import annotations

import itertools
from itertools import pairwise
from typing import Any

from ..datums import Keyword, Symbol
from .predicates import check_string, check_symbol, wrong_type
from .registry import primitive

# Like Guile, generated names start with a space by default (" g42"), which a
# config's literal symbols never do; the counter also skips names in use.
GENSYM_PREFIX = " g"
_gensym_counter = itertools.count()


@primitive("symbol->string")
def symbol_to_string(symbol: Any) -> str:
    """Return the name of SYMBOL."""
    return check_symbol("symbol->string", 1, symbol).name


@primitive("string->symbol")
def string_to_symbol(name: Any) -> Symbol:
    """Return the interned symbol called NAME."""
    return Symbol(check_string("string->symbol", 1, name))


@primitive("make-symbol")
def make_symbol(name: Any) -> Symbol:
    """Return a new symbol called NAME that is not eq? to any other symbol."""
    symbol = object.__new__(Symbol)
    symbol.name = check_string("make-symbol", 1, name)
    return symbol


@primitive("symbol-append")
def symbol_append(*symbols: Any) -> Symbol:
    """Return the symbol whose name is the names of SYMBOLS joined together."""
    names = (check_symbol("symbol-append", i, s).name for i, s in enumerate(symbols, 1))
    return Symbol("".join(names))


@primitive("gensym")
def gensym(prefix: Any = None) -> Symbol:
    """Return a fresh symbol whose name is PREFIX (" g" by default) and a number.

    The symbol is interned, so it can be written and read back; the number is
    chosen so that no symbol of that name existed before.
    """
    if prefix is None:
        prefix = GENSYM_PREFIX
    elif isinstance(prefix, Symbol):
        prefix = prefix.name
    else:
        prefix = check_string("gensym", 1, prefix)
    while True:
        name = f"{prefix}{next(_gensym_counter)}"
        if name not in Symbol._table:
            return Symbol(name)


def _symbol_comparison(name: str, holds) -> None:
    """Register NAME, comparing the names of symbols pairwise with HOLDS."""

    def compare(a: Any, b: Any, *rest: Any) -> bool:
        names = [check_symbol(name, i, s).name for i, s in enumerate((a, b, *rest), 1)]
        return all(holds(x, y) for x, y in pairwise(names))

    compare.__doc__ = (
        f"Return whether the names of the symbols satisfy {name} pairwise."
    )
    compare.__name__ = name
    primitive(name)(compare)


_symbol_comparison("symbol<?", lambda x, y: x < y)


@primitive("symbol=?")
def symbols_equal(a: Any, b: Any, *rest: Any) -> bool:
    """Return whether the symbols A, B and REST are all the same symbol."""
    symbols = [check_symbol("symbol=?", i, s) for i, s in enumerate((a, b, *rest), 1)]
    return all(symbol is a for symbol in symbols)


@primitive("string->keyword")
def string_to_keyword(name: Any) -> Keyword:
    """Return the keyword called NAME (``#:NAME``)."""
    return Keyword(check_string("string->keyword", 1, name))


@primitive("keyword->string")
def keyword_to_string(keyword: Any) -> str:
    """Return the name of KEYWORD, without the ``#:``."""
    if type(keyword) is not Keyword:
        raise wrong_type("keyword->string", 1, "keyword", keyword)
    return keyword.name


@primitive("symbol->keyword")
def symbol_to_keyword(symbol: Any) -> Keyword:
    """Return the keyword with the name of SYMBOL."""
    return Keyword(check_symbol("symbol->keyword", 1, symbol).name)


@primitive("keyword->symbol")
def keyword_to_symbol(keyword: Any) -> Symbol:
    """Return the symbol with the name of KEYWORD."""
    if type(keyword) is not Keyword:
        raise wrong_type("keyword->symbol", 1, "keyword", keyword)
    return Symbol(keyword.name)
