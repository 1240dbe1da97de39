"""Quasiquote: templates with unquote and unquote-splicing, at any nesting level."""

from __future__ import annotations

from typing import Any

from ..datums import NIL, QUASIQUOTE, UNQUOTE, UNQUOTE_SPLICING, Pair, list_to_python
from ..errors import scheme_error
from .core import Node, compile_expr, form_list, special, strip_syntax, syntax_error
from .scope import Scope, is_identifier, strip


def tagged(x: Any, tag: Any) -> bool:
    """Return whether X is the two-element form (TAG datum)."""
    return (
        type(x) is Pair
        and is_identifier(x.car)
        and strip(x.car) is tag
        and type(x.cdr) is Pair
        and x.cdr.cdr is NIL
    )


@special("quasiquote")
def compile_quasiquote(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error("bad quasiquote", form)
    return template(items[1], scope, 1)


def constant(value: Any) -> Node:
    value = strip_syntax(value)
    return lambda frame: value


def template(x: Any, scope: Scope, depth: int) -> Node:
    """Compile the quasiquoted datum X at nesting DEPTH (1 = outermost)."""
    if type(x) is list:
        items = template(list_from_vector(x), scope, depth)
        return lambda frame: list_to_python(items(frame))
    if type(x) is not Pair:
        return constant(x)
    if tagged(x, UNQUOTE):
        if depth == 1:
            return compile_expr(x.cdr.car, scope)
        return wrap(x.car, template(x.cdr.car, scope, depth - 1))
    if tagged(x, QUASIQUOTE):
        return wrap(x.car, template(x.cdr.car, scope, depth + 1))
    if tagged(x.car, UNQUOTE_SPLICING):
        rest = template(x.cdr, scope, depth)
        if depth == 1:
            spliced = compile_expr(x.car.cdr.car, scope)
            return splice(spliced, rest)
        inner = wrap(x.car.car, template(x.car.cdr.car, scope, depth - 1))
        return cons(inner, rest)
    return cons(template(x.car, scope, depth), template(x.cdr, scope, depth))


def list_from_vector(items: list[Any]) -> Any:
    result = NIL
    for item in reversed(items):
        result = Pair(item, result)
    return result


def wrap(tag: Any, inner: Node) -> Node:
    """Return a node building the list (TAG inner-value)."""
    symbol = strip(tag)
    return lambda frame: Pair(symbol, Pair(inner(frame), NIL))


def cons(head: Node, tail: Node) -> Node:
    return lambda frame: Pair(head(frame), tail(frame))


def splice(spliced: Node, rest: Node) -> Node:
    """Return a node appending a copy of SPLICED's list to REST's value."""

    def append(frame: list) -> Any:
        items = spliced(frame)
        tail = rest(frame)
        if items is NIL:
            return tail
        try:
            elements = list_to_python(items)
        except ValueError:
            raise scheme_error(
                "wrong-type-arg", "unquote-splicing: not a list", items
            ) from None
        for item in reversed(elements):
            tail = Pair(item, tail)
        return tail

    return append
