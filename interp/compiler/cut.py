"""SRFI-26 ``cut`` and ``cute``: procedures made by leaving slots in a call.

Both compile to a ``lambda`` whose parameters are compiler-made identifiers,
so no name of the user's can be captured by them.
"""

from __future__ import annotations

from typing import Any

from ..builtins.control import apply
from ..datums import NIL, Pair, Symbol, make_list
from .core import Node, compile_expr, form_list, special, syntax_error
from .forms import compile_lambda, is_named, keyword
from .scope import Renamed, Scope, strip

SLOT = Symbol("<>")
REST_SLOT = Symbol("<...>")

# Limitation: these forms live in the root module, so they are visible
# without importing their module, and #:select, #:renamer or #:hide on
# the module do not reach them, because module tables cannot hold syntax
# yet.  The empty table lets the module be imported.


def temporary(name: str, scope: Scope) -> Renamed:
    """Return a fresh identifier no user code can refer to."""
    return Renamed(Symbol(name), None, scope.module)


def cut_parts(form: Pair, scope: Scope) -> tuple[list[Any], list[Any], Any]:
    """Return (parameters, call items, rest parameter or None) of a cut FORM.

    Each ``<>`` of FORM is replaced by a new parameter in the call items; a
    final ``<...>`` becomes the rest parameter.
    """
    items = form_list(form.cdr, form)
    if not items:
        raise syntax_error(f"bad {strip(form.car)}: expected a procedure", form)
    rest = None
    if is_named(items[-1], REST_SLOT):
        rest = temporary("cut-rest", scope)
        items = items[:-1]
    params, call_items = [], []
    for item in items:
        if is_named(item, REST_SLOT):
            raise syntax_error("<...> must come last in cut", form)
        if is_named(item, SLOT):
            item = temporary("cut-slot", scope)
            params.append(item)
        call_items.append(item)
    if not call_items:
        raise syntax_error(f"bad {strip(form.car)}: expected a procedure", form)
    return params, call_items, rest


def slot_lambda(
    params: list[Any], call_items: list[Any], rest: Any, form: Pair
) -> Pair:
    """Return ``(lambda PARAMS (CALL_ITEMS...))``, applying to REST if any."""
    if rest is not None:
        call = Pair(apply, make_list([*call_items, rest]), form.loc)
    else:
        call = Pair(call_items[0], make_list(call_items[1:]), form.loc)
    formals = make_list(params, rest if rest is not None else NIL)
    return Pair(keyword("lambda"), make_list([formals, call]), form.loc)


@special("cut", module=("srfi", "srfi-26"))
def compile_cut(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(cut proc arg ...)``: every argument is evaluated at each call."""
    params, call_items, rest = cut_parts(form, scope)
    return compile_lambda(slot_lambda(params, call_items, rest, form), scope, tail)


@special("cute", module=("srfi", "srfi-26"))
def compile_cute(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(cute proc arg ...)``: the arguments are evaluated once, now."""
    params, call_items, rest = cut_parts(form, scope)
    bindings, held = [], []
    for item in call_items:
        if type(item) is Renamed and item in params:
            held.append(item)
            continue
        value = temporary("cute-value", scope)
        bindings.append(make_list([value, item]))
        held.append(value)
    procedure = slot_lambda(params, held, rest, form)
    let_form = Pair(
        keyword("let"), make_list([make_list(bindings), procedure]), form.loc
    )
    return compile_expr(let_form, scope, tail)
