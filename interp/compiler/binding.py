"""Binding forms beyond let: multiple values, parameterize, case-lambda, guard,
define-values and receive.
"""

from __future__ import annotations

from typing import Any

from ..builtins.control import HANDLERS, UNWIND, as_arguments
from ..datums import NIL, UNSPECIFIED, Pair, make_list
from ..errors import SchemeError, scheme_error
from ..runtime.parameters import Parameter, parameterized
from ..runtime.procedures import Closure, TailCall, apply_procedure, arity_error
from .core import Node, compile_body, compile_expr, form_list, special, syntax_error
from .definitions import BODY_DEFINERS, define_cell
from .forms import (
    ARROW,
    ELSE,
    compile_lambda,
    cond_clause,
    is_named,
    parse_params,
    sequence_node,
)
from .scope import Scope, is_identifier, strip


def finish(value: Any) -> Any:
    """Return VALUE with any pending tail call run to its end."""
    if type(value) is TailCall:
        return apply_procedure(value.proc, value.args)
    return value


def formals_binder(formals: Any, scope: Scope, form: Any):
    """Bind the lambda list FORMALS in SCOPE; return a function storing values."""
    required, rest = parse_params(formals, form)
    slots = [scope.bind(name).slot for name in required]
    rest_slot = scope.bind(rest).slot if rest is not None else None
    count = len(slots)

    def store(frame: list, value: Any) -> None:
        values = as_arguments(value)
        if len(values) < count or (rest_slot is None and len(values) != count):
            raise scheme_error(
                "wrong-number-of-args",
                f"expected {count} values, got {len(values)}",
            )
        for slot, item in zip(slots, values, strict=False):
            frame[slot] = item
        if rest_slot is not None:
            frame[rest_slot] = make_list(values[count:])

    return store


@special("let-values", "let*-values")
def compile_let_values(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad let-values", form)
    sequential = strip(items[0]).name == "let*-values"
    current = scope
    steps = []
    inner = scope.child()
    for binding in form_list(items[1], form):
        parts = form_list(binding, form)
        if len(parts) != 2:
            raise syntax_error("bad let-values binding", form)
        init = compile_expr(parts[1], current if sequential else scope)
        if sequential:
            current = current.child()
            steps.append((init, formals_binder(parts[0], current, form)))
        else:
            steps.append((init, formals_binder(parts[0], inner, form)))
    body_scope = current.child() if sequential else inner
    body = compile_body(items[2:], body_scope, tail, form)
    steps = tuple(steps)

    def let_values(frame: list) -> Any:
        if sequential:
            for init, store in steps:
                store(frame, finish(init(frame)))
            return body(frame)
        values = [(store, finish(init(frame))) for init, store in steps]
        for store, value in values:
            store(frame, value)
        return body(frame)

    return let_values


@special("receive")
def compile_receive(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 4:
        raise syntax_error(
            "bad receive: expected (receive formals expr body ...)", form
        )
    init = compile_expr(items[2], scope)
    inner = scope.child()
    store = formals_binder(items[1], inner, form)
    body = compile_body(items[3:], inner, tail, form)

    def receive(frame: list) -> Any:
        store(frame, finish(init(frame)))
        return body(frame)

    return receive


@special("define-values")
def compile_define_values(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 3:
        raise syntax_error("bad define-values", form)
    required, rest = parse_params(items[1], form)
    cells = [define_cell(scope.module, strip(name)) for name in required]
    rest_cell = define_cell(scope.module, strip(rest)) if rest is not None else None
    init = compile_expr(items[2], scope)

    def define_values(frame: list) -> Any:
        values = as_arguments(finish(init(frame)))
        if len(values) < len(cells) or (
            rest_cell is None and len(values) != len(cells)
        ):
            raise scheme_error(
                "wrong-number-of-args", "define-values: wrong number of values"
            )
        for cell, value in zip(cells, values, strict=False):
            cell.value = value
        if rest_cell is not None:
            rest_cell.value = make_list(values[len(cells) :])
        return UNSPECIFIED

    return define_values


def body_define_values(form: Pair, scope: Scope) -> list:
    """Expand an internal define-values into body items."""
    items = form_list(form, form)
    if len(items) != 3:
        raise syntax_error("bad define-values", form)
    store = formals_binder(items[1], scope, form)
    init = compile_expr(items[2], scope)

    def define_values(frame: list) -> Any:
        store(frame, finish(init(frame)))
        return UNSPECIFIED

    return [("node", define_values)]


BODY_DEFINERS["define-values"] = body_define_values


@special("parameterize")
def compile_parameterize(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad parameterize", form)
    bindings = []
    for binding in form_list(items[1], form):
        parts = form_list(binding, form)
        if len(parts) != 2:
            raise syntax_error("bad parameterize binding", form)
        bindings.append((compile_expr(parts[0], scope), compile_expr(parts[1], scope)))
    body = compile_body(items[2:], scope, False, form)

    def parameterize(frame: list) -> Any:
        pairs = []
        for parameter_node, value_node in bindings:
            parameter = parameter_node(frame)
            if not isinstance(parameter, Parameter):
                raise scheme_error(
                    "wrong-type-arg", "parameterize: not a parameter", parameter
                )
            pairs.append((parameter, parameter.convert(value_node(frame))))
        with parameterized(pairs):
            return finish(body(frame))

    return parameterize


class CaseLambda:
    """A procedure choosing among CLOSURES by the number of arguments."""

    __slots__ = ("closures", "name")

    def __init__(self, closures: list[Closure], name: Any = None) -> None:
        self.closures = closures
        self.name = name

    def __call__(self, *args: Any) -> Any:
        count = len(args)
        for closure in self.closures:
            if count == closure.nreq or (closure.rest and count >= closure.nreq):
                return closure.body(closure.make_frame(args))
        raise arity_error(self, count)

    def scheme_repr(self, write: bool) -> str:
        return f"#<procedure {self.name.name if self.name else 'case-lambda'}>"


@special("case-lambda")
def compile_case_lambda(form: Pair, scope: Scope, tail: bool, name: Any = None) -> Node:
    clauses = form_list(form.cdr, form)
    lambdas = []
    for clause in clauses:
        if type(clause) is not Pair:
            raise syntax_error("bad case-lambda clause", form)
        lambda_form = Pair(_lambda_keyword(), clause, form.loc)
        lambdas.append(compile_lambda(lambda_form, scope, False, name))
    symbol = strip(name) if name is not None else None
    return lambda frame: CaseLambda([make(frame) for make in lambdas], symbol)


def _lambda_keyword():
    from .forms import keyword

    return keyword("lambda")


@special("guard")
def compile_guard(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 3 or type(items[1]) is not Pair or not is_identifier(items[1].car):
        raise syntax_error(
            "bad guard: expected (guard (var clause ...) body ...)", form
        )
    body = compile_body(items[2:], scope, False, form)
    inner = scope.child()
    slot = inner.bind(items[1].car).slot
    clauses = form_list(items[1].cdr, form)
    reraise = object()
    handler: Node = lambda frame: reraise  # noqa: E731
    for index in range(len(clauses) - 1, -1, -1):
        parts = form_list(clauses[index], form)
        if not parts:
            raise syntax_error("bad guard clause", form)
        if is_named(parts[0], ELSE, scope):
            handler = sequence_node([compile_expr(x, inner) for x in parts[1:]])
        else:
            handler = cond_clause(parts, inner, False, handler, form)

    def guard(frame: list) -> Any:
        depth = len(HANDLERS)
        HANDLERS.append(UNWIND)
        try:
            return finish(body(frame))
        except SchemeError as error:
            del HANDLERS[depth:]
            frame[slot] = error.payload
            result = finish(handler(frame))
            if result is reraise:
                raise
            return result
        finally:
            del HANDLERS[depth:]

    return guard


__all__ = ["CaseLambda", "ARROW", "NIL"]


@special("let/ec", "let-escape-continuation")
def compile_let_ec(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(let/ec k body ...)``: BODY with K bound to an escape continuation."""
    from ..builtins.control import with_escape

    items = form_list(form, form)
    if len(items) < 3 or not is_identifier(items[1]):
        raise syntax_error("bad let/ec: expected (let/ec name body ...)", form)
    inner = scope.child()
    slot = inner.bind(items[1]).slot
    body = compile_body(items[2:], inner, False, form)

    def run_body(frame: list, continuation: Any) -> Any:
        frame[slot] = continuation
        return finish(body(frame))

    return lambda frame: with_escape(lambda k: run_body(frame, k))
