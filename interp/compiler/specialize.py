"""Specialised nodes: calls and primitive operations with their operands inlined.

The general nodes call one closure per operand and dispatch on the procedure
at run time.  For the shapes that dominate running time (a call whose operands
are variables and constants; arithmetic, comparison and pair operations on
such operands) this module builds one node that reads its operands directly
from the frame.  The node's Python source is generated from the shape, once
per distinct shape, and instantiated with the shape's cells and constants.

An open-coded primitive keeps its meaning if the program rebinds the name:
the node checks, on each run, that the variable still holds the primitive and
that the operands are plain integers; otherwise it takes the general path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import SchemeError
from ..runtime.procedures import (
    UNBOUND,
    Closure,
    TailCall,
    apply_procedure,
    python_error,
)

Node = Callable[[list], Any]

_FACTORIES: dict[str, Callable] = {}


def mark_local(node: Node, depth: int, slot: int) -> Node:
    """Note on NODE that it reads slot SLOT, DEPTH frames up."""
    node.inline = "frame" + "[0]" * depth + f"[{slot}]"
    return node


def mark_constant(node: Node, value: Any) -> Node:
    """Note on NODE that it always returns VALUE."""
    node.constant = (value,)
    return node


def operand_sources(operands: list[Node]) -> tuple[list[str], list[Any]]:
    """Return the Python source of each operand and the objects they refer to."""
    sources, objects = [], []
    for index, node in enumerate(operands):
        inline = getattr(node, "inline", None)
        if inline is not None:
            sources.append(inline)
        elif hasattr(node, "constant"):
            sources.append(f"k{index}")
            objects.append((f"k{index}", node.constant[0]))
        else:
            sources.append(f"n{index}(frame)")
            objects.append((f"n{index}", node))
    return sources, objects


def instantiate(source: str, names: dict[str, Any]) -> Node:
    """Return the node made by the generated factory SOURCE with NAMES bound."""
    factory = _FACTORIES.get(source)
    if factory is None:
        namespace: dict[str, Any] = {}
        exec(compile(source, "<oscdsl node>", "exec"), namespace)  # noqa: S102
        factory = _FACTORIES[source] = namespace["factory"]
    return factory(**names)


# Binary primitives open-coded for two plain integers: Scheme name -> operator.
BINARY = {
    "+": "+",
    "-": "-",
    "*": "*",
    "<": "<",
    ">": ">",
    "<=": "<=",
    ">=": ">=",
    "=": "==",
}


def open_coded(
    name: str, primitive: Any, cell: Any, operands: list[Node], slow: Callable
) -> Node | None:
    """Return a node computing (NAME operands...) inline, or None for other shapes."""
    sources, objects = operand_sources(operands)
    names = dict(objects, cell=cell, primitive=primitive, slow=slow)
    if name in BINARY and len(operands) == 2:
        a, b = sources
        source = f"""
def factory(cell, primitive, slow, {_params(objects)}):
    def node(frame):
        a = {a}
        b = {b}
        if type(a) is int and type(b) is int and cell.value is primitive:
            return a {BINARY[name]} b
        return slow(a, b)
    return node
"""
        return instantiate(source, names)
    unary = {
        "car": "a.car if type(a) is Pair else slow(a)",
        "cdr": "a.cdr if type(a) is Pair else slow(a)",
        "null?": "a is NIL",
        "pair?": "type(a) is Pair",
        "not": "a is False",
        "zero?": "a == 0 if type(a) is int else slow(a)",
        "1+": "a + 1 if type(a) is int else slow(a)",
        "1-": "a - 1 if type(a) is int else slow(a)",
    }
    if name in unary and len(operands) == 1:
        (a,) = sources
        source = f"""
from oscdsl.datums import NIL, Pair
def factory(cell, primitive, slow, {_params(objects)}):
    def node(frame):
        a = {a}
        if cell.value is primitive:
            return {unary[name]}
        return slow(a)
    return node
"""
        return instantiate(source, names)
    if name in ("cons", "eq?") and len(operands) == 2:
        a, b = sources
        expression = "Pair(a, b)" if name == "cons" else "a is b or slow(a, b)"
        source = f"""
from oscdsl.datums import Pair
def factory(cell, primitive, slow, {_params(objects)}):
    def node(frame):
        a = {a}
        b = {b}
        if cell.value is primitive:
            return {expression}
        return slow(a, b)
    return node
"""
        return instantiate(source, names)
    return None


def _params(objects: list[tuple[str, Any]]) -> str:
    return ", ".join(name for name, _ in objects)


def global_call(
    cell: Any, operands: list[Node], tail: bool, failed: Callable, loc: Any = None
) -> Node | None:
    """Return a node calling the procedure in CELL with up to three inlined operands."""
    fetch = (
        "proc = cell.value\n"
        "        if proc is UNBOUND:\n"
        "            proc = unbound(cell, loc)"
    )
    return inlined_call(fetch, cell, operands, tail, failed, loc)


def local_call(
    operator: Node, operands: list[Node], tail: bool, failed: Callable
) -> Node | None:
    """Return a node calling the procedure in a local variable, operands inlined."""
    inline = getattr(operator, "inline", None)
    if inline is None:
        return None
    return inlined_call(f"proc = {inline}", None, operands, tail, failed)


def inlined_call(
    fetch_proc: str,
    cell: Any,
    operands: list[Node],
    tail: bool,
    failed: Callable,
    loc=None,
) -> Node | None:
    """Return a call node whose operator is fetched by the source FETCH_PROC."""
    count = len(operands)
    if count > 3:
        return None
    sources, objects = operand_sources(operands)
    args = ", ".join(f"x{i}" for i in range(count))
    tuple_args = f"({args},)" if count == 1 else f"({args})"
    separator = ", " if count else ""
    fetch = "\n".join(f"        x{i} = {source}" for i, source in enumerate(sources))
    names = dict(
        objects,
        cell=cell,
        failed=failed,
        loc=loc,
        Closure=Closure,
        TailCall=TailCall,
        apply_procedure=apply_procedure,
        UNBOUND=UNBOUND,
        unbound=_unbound,
        SchemeError=SchemeError,
        errors=CAUGHT,
    )
    if tail:
        body = f"""
        if type(proc) is Closure:
            return TailCall(proc, {tuple_args})
        try:
            return proc({args})
        except errors as error:
            raise failed(error, proc, {tuple_args}) from None"""
    else:
        body = f"""
        try:
            if type(proc) is Closure:
                if proc.nreq == {count} and proc.rest is False:
                    result = proc.body([proc.env, {args}{separator}*proc.pad])
                else:
                    result = proc.body(proc.make_frame({tuple_args}))
            else:
                result = proc({args})
            if type(result) is TailCall:
                return apply_procedure(result.proc, result.args)
            return result
        except errors as error:
            raise failed(error, proc, {tuple_args}) from None"""
    source = f"""
def factory(cell, failed, loc, Closure, TailCall, apply_procedure, UNBOUND, unbound,
            SchemeError, errors{", " if objects else ""}{_params(objects)}):
    def node(frame):
        {fetch_proc}
{fetch}{body}
    return node
"""
    return instantiate(source, names)


def _unbound(cell: Any, loc: Any = None) -> Any:
    from .core import unbound_value

    return unbound_value(cell, loc)


# Python exceptions a primitive may let escape on bad input; the call site
# turns them into Scheme conditions that carry its source location.
PRIMITIVE_ERRORS = (
    TypeError,
    ValueError,
    ZeroDivisionError,
    AttributeError,
    IndexError,
    KeyError,
    OverflowError,
    RecursionError,
    UnicodeError,
)
CAUGHT = (SchemeError, *PRIMITIVE_ERRORS)


def slow_path(cell: Any, name: str, loc: Any) -> Callable:
    """Return the general path of an open-coded primitive call: call CELL's value."""

    def slow(*args: Any) -> Any:
        proc = cell.value
        if proc is UNBOUND:
            proc = _unbound(cell, loc)
        try:
            return apply_procedure(proc, args)
        except SchemeError as error:
            error.add_frame(name, loc)
            raise
        except CAUGHT as error:
            converted = python_error(proc, error, args)
            converted.add_frame(name, loc)
            raise converted from None

    return slow
