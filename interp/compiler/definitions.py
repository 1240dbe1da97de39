"""Definitions: ``define`` at top level and in bodies, and the body scanner.

A body's definitions are found before any of it is compiled, so that every
name it defines is visible throughout (letrec* semantics).  Macros at the head
of a body form are expanded once, during the scan, and the expansion is kept.
"""

from __future__ import annotations

from typing import Any

from ..datums import NIL, UNSPECIFIED, Pair
from ..modules.module import Cell
from ..runtime.procedures import UNBOUND, single_value
from .core import (
    Macro,
    SpecialForm,
    expand_macro,
    form_list,
    head_keyword,
    special,
    syntax_error,
)
from .scope import Scope, is_identifier, strip

DEFINE = "define"


def definition_parts(form: Pair) -> tuple[Any, Any]:
    """Return (name, expression) of a ``define`` form; curried forms become lambdas."""
    from .forms import make_lambda_form

    items = form_list(form, form)
    if len(items) < 2:
        raise syntax_error("bad define", form)
    target = items[1]
    if is_identifier(target):
        if len(items) > 3:
            raise syntax_error("too many expressions in define", form)
        return target, items[2] if len(items) == 3 else UNSPECIFIED_FORM
    if type(target) is not Pair:
        raise syntax_error("bad define: the name must be a symbol", form)
    # (define (name . params) body...); curried, ((name a) b) nests lambdas.
    name = target.car
    expression = make_lambda_form(target.cdr, form.cdr.cdr, form.loc)
    while type(name) is Pair:
        expression = make_lambda_form(name.cdr, Pair(expression, NIL), form.loc)
        name = name.car
    if not is_identifier(name):
        raise syntax_error("bad define: the name must be a symbol", form)
    return name, expression


class _UnspecifiedForm:
    """Marks ``(define x)``, which binds X to an unspecified value."""


UNSPECIFIED_FORM = _UnspecifiedForm()


def is_define(keyword: Any) -> bool:
    """Return whether KEYWORD is the ``define`` special form."""
    return type(keyword) is SpecialForm and keyword.name == DEFINE


def scan_body(forms: list[Any], scope: Scope) -> list[tuple[str, Any]]:
    """Return the body FORMS as ("define", (local, expr)) and ("expr", form) items.

    Definitions are bound in SCOPE as they are found; ``begin`` is spliced;
    ``define-syntax`` binds a macro in SCOPE right away.
    """
    items: list[tuple[str, Any]] = []
    pending = list(forms)
    pending.reverse()
    while pending:
        form = pending.pop()
        keyword = head_keyword(form, scope)
        if type(keyword) is Macro:
            pending.append(expand_macro(keyword, form, scope))
            continue
        if type(keyword) is SpecialForm:
            name = keyword.name
            if name == "begin":
                pending.extend(reversed(form_list(form.cdr, form)))
                continue
            if name == DEFINE:
                identifier, expression = definition_parts(form)
                local = scope.bind(identifier, checked=True)
                items.append(("define", (local, expression)))
                continue
            if name in BODY_DEFINERS:
                items.extend(BODY_DEFINERS[name](form, scope))
                continue
        items.append(("expr", form))
    return items


# Special forms other than define that introduce definitions in a body
# (define-values, define-record-type, define*, define-syntax...): name ->
# function (form, scope) -> list of body items.  Registered by their modules.
BODY_DEFINERS: dict[str, Any] = {}


@special(DEFINE)
def compile_define(form: Pair, scope: Scope, tail: bool):
    """Compile a top-level ``define``; body definitions are handled by scan_body."""
    identifier, expression = definition_parts(form)
    return define_global_node(identifier, expression, scope)


def define_global_node(identifier: Any, expression: Any, scope: Scope):
    """Return a node defining IDENTIFIER in the module of SCOPE."""
    from .forms import compile_named

    # Limitation: a top-level name that a macro introduces is defined as
    # written, not renamed as Guile does; configs do not rely on the renaming.
    symbol = strip(identifier)
    cell = define_cell(scope.module, symbol)
    value = (
        None
        if expression is UNSPECIFIED_FORM
        else compile_named(expression, scope, symbol)
    )

    def define_global(frame: list) -> Any:
        cell.value = UNSPECIFIED if value is None else single_value(value(frame))
        return UNSPECIFIED

    return define_global


def define_cell(module, symbol) -> Cell:
    """Return MODULE's own cell for SYMBOL, creating it (unbound) if needed."""
    cell = module.bindings.get(symbol)
    if type(cell) is not Cell:
        cell = Cell(symbol, UNBOUND, module)
        module.bindings[symbol] = cell
    return cell


__all__ = ["BODY_DEFINERS", "define_cell", "definition_parts", "scan_body"]
