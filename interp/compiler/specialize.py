"""Specialised nodes: calls, tests and primitive operations with operands inlined.

The general nodes call one closure per operand and dispatch on the procedure
at run time.  For the shapes that dominate running time (calls whose operands
are variables, constants or arithmetic on them; tests; arithmetic,
comparison and pair operations) this module generates the Python source of
one node doing the whole job, with nested open-coded operations fused into
it.  Generated sources are compiled once per distinct shape and instantiated
with the cells, constants and sub-nodes of each occurrence.

An open-coded primitive keeps its meaning if the program rebinds the name:
the node checks, on each run, that the variable still holds the primitive and
that the operands are of the fast type; otherwise it takes the general path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datums import NIL, Pair
from ..errors import SchemeError
from ..runtime.procedures import (
    UNBOUND,
    Closure,
    TailCall,
    apply_procedure,
    python_error,
)

Node = Callable[[list], Any]

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
    MemoryError,
)
CAUGHT = (SchemeError, *PRIMITIVE_ERRORS)

_FACTORIES: dict[str, Callable] = {}


class Jump:
    """Returned by a named let's self tail call: run the body again."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "#<jump>"


JUMP = Jump()
# Past this many lines a generated node calls its sub-nodes instead of
# inlining them: big shapes are rarely repeated, and each costs a compile.
MAX_LINES = 60


def mark_local(node: Node, depth: int, slot: int) -> Node:
    """Note on NODE that it reads slot SLOT, DEPTH frames up."""
    node.inline = "frame" + "[0]" * depth + f"[{slot}]"
    return node


def mark_constant(node: Node, value: Any) -> Node:
    """Note on NODE that it always returns VALUE."""
    node.constant = (value,)
    return node


class Emitter:
    """The Python source of one generated node: statements and the names they use."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self.temporaries = 0
        self.depth = 0

    def name(self, value: Any, prefix: str = "o") -> str:
        """Return the parameter name under which the node sees VALUE."""
        for existing, bound in self.names.items():
            if bound is value and existing.startswith(prefix):
                return existing
        name = f"{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def fixed(self, name: str, value: Any) -> str:
        """Bind VALUE under exactly NAME (for names written in templates)."""
        self.names[name] = value
        return name

    def temporary(self) -> str:
        self.temporaries += 1
        return f"t{self.temporaries}"

    def line(self, text: str, indent: int = 0) -> None:
        self.lines.append("    " * (self.depth + indent) + text)

    def returns(self, node: Node) -> None:
        """Emit statements returning NODE's value (NODE is in return position)."""
        fuse_return = getattr(node, "fuse_return", None)
        if fuse_return is not None and len(self.lines) < MAX_LINES:
            fuse_return(self)
        elif hasattr(node, "constant") or hasattr(node, "fuse"):
            self.line(f"return {self.operand(node)}")
        elif getattr(node, "inline", None) is not None:
            self.line(f"return {node.inline}")
        else:
            self.line(f"return {self.name(node, 'n')}(frame)")

    def operand(self, node: Node) -> str:
        """Emit the computation of NODE's value; return a cheap expression for it."""
        if hasattr(node, "constant"):
            return self.name(node.constant[0], "k")
        fuse = getattr(node, "fuse", None)
        if fuse is not None and len(self.lines) < MAX_LINES:
            return fuse(self)
        temporary = self.temporary()
        inline = getattr(node, "inline", None)
        if inline is not None:
            self.line(f"{temporary} = {inline}")
        else:
            self.line(f"{temporary} = {self.name(node, 'n')}(frame)")
        return temporary

    def build(self) -> Node:
        """Return the node whose body is the emitted statements."""
        parameters = ", ".join(self.names)
        body = "\n".join("        " + line for line in self.lines)
        header = f"def factory({parameters}):\n    def node(frame):\n"
        source = f"{header}{body}\n    return node\n"
        factory = _FACTORIES.get(source)
        if factory is None:
            namespace: dict[str, Any] = {}
            exec(compile(source, "<oscdsl node>", "exec"), namespace)  # noqa: S102
            factory = _FACTORIES[source] = namespace["factory"]
        return factory(**self.names)


# ---------------------------------------------------------------------------
# Open-coded primitives

# Binary primitives computed inline on two plain integers.
BINARY = {
    "+": "{a} + {b}",
    "-": "{a} - {b}",
    "*": "{a} * {b}",
    "<": "{a} < {b}",
    ">": "{a} > {b}",
    "<=": "{a} <= {b}",
    ">=": "{a} >= {b}",
    "=": "{a} == {b}",
    "quotient": "abs({a}) // abs({b}) * (1 if ({a} < 0) == ({b} < 0) else -1)"
    " if {b} else None",
    "remainder": "(abs({a}) % abs({b}) if {a} >= 0 else -(abs({a}) % abs({b})))"
    " if {b} else None",
    "modulo": "{a} % {b} if {b} else None",
}
# Unary primitives: (condition under which the inline form is right, form).
UNARY = {
    "car": ("type({a}) is Pair", "{a}.car"),
    "cdr": ("type({a}) is Pair", "{a}.cdr"),
    "null?": ("True", "{a} is NIL"),
    "pair?": ("True", "type({a}) is Pair"),
    "not": ("True", "{a} is False"),
    "zero?": ("type({a}) is int", "{a} == 0"),
    "1+": ("type({a}) is int", "{a} + 1"),
    "1-": ("type({a}) is int", "{a} - 1"),
}


def open_coded(
    name: str, primitive: Any, cell: Any, operands: list[Node], slow: Callable
) -> Node | None:
    """Return a node computing (NAME operands...) inline, or None for other shapes."""
    if name in BINARY and len(operands) == 2:
        fuse = binary_emitter(BINARY[name], primitive, cell, operands, slow)
    elif name in UNARY and len(operands) == 1:
        fuse = unary_emitter(UNARY[name], primitive, cell, operands[0], slow)
    elif name in ("cons", "eq?") and len(operands) == 2:
        form = "Pair({a}, {b})" if name == "cons" else "{a} is {b} or {slow}({a}, {b})"
        fuse = pair_emitter(form, primitive, cell, operands, slow)
    else:
        return None
    emitter = Emitter()
    result = fuse(emitter)
    emitter.line(f"return {result}")
    node = emitter.build()
    node.fuse = fuse
    return node


def guard_names(emitter: Emitter, cell: Any, primitive: Any, slow: Any) -> tuple:
    """Return the names of an open-coded call's CELL, PRIMITIVE and SLOW path."""
    return (
        emitter.name(cell, "c"),
        emitter.name(primitive, "p"),
        emitter.name(slow, "s"),
    )


def binary_emitter(form: str, primitive, cell, operands: list[Node], slow) -> Callable:
    """Return the emitter of a binary integer operation with a general fallback."""
    left, right = operands

    def fuse(emitter: Emitter) -> str:
        a, b = emitter.operand(left), emitter.operand(right)
        c, p, s = guard_names(emitter, cell, primitive, slow)
        result = emitter.temporary()
        fast = form.format(a=a, b=b)
        emitter.line(f"if type({a}) is int and type({b}) is int and {c}.value is {p}:")
        emitter.line(f"{result} = {fast}", 1)
        if " else None" in form:
            emitter.line(f"if {result} is None:", 1)
            emitter.line(f"{result} = {s}({a}, {b})", 2)
        emitter.line("else:")
        emitter.line(f"{result} = {s}({a}, {b})", 1)
        return result

    return fuse


def unary_emitter(
    spec: tuple[str, str], primitive, cell, operand: Node, slow
) -> Callable:
    """Return the emitter of a unary operation guarded by a type condition."""
    condition, form = spec

    def fuse(emitter: Emitter) -> str:
        a = emitter.operand(operand)
        c, p, s = guard_names(emitter, cell, primitive, slow)
        emitter.fixed("Pair", Pair)
        emitter.fixed("NIL", NIL)
        result = emitter.temporary()
        guard = condition.format(a=a)
        emitter.line(
            f"if {c}.value is {p}{'' if guard == 'True' else ' and ' + guard}:"
        )
        emitter.line(f"{result} = {form.format(a=a)}", 1)
        emitter.line("else:")
        emitter.line(f"{result} = {s}({a})", 1)
        return result

    return fuse


def pair_emitter(form: str, primitive, cell, operands: list[Node], slow) -> Callable:
    """Return the emitter of cons or eq?, which work on any values."""
    left, right = operands

    def fuse(emitter: Emitter) -> str:
        a, b = emitter.operand(left), emitter.operand(right)
        c, p, s = guard_names(emitter, cell, primitive, slow)
        emitter.fixed("Pair", Pair)
        result = emitter.temporary()
        emitter.line(f"if {c}.value is {p}:")
        emitter.line(f"{result} = {form.format(a=a, b=b, slow=s)}", 1)
        emitter.line("else:")
        emitter.line(f"{result} = {s}({a}, {b})", 1)
        return result

    return fuse


def _unbound(cell: Any, loc: Any = None) -> Any:
    from .core import unbound_value

    return unbound_value(cell, loc)


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
        except PRIMITIVE_ERRORS as error:
            converted = python_error(proc, error, args)
            converted.add_frame(name, loc)
            raise converted from None

    return slow


# ---------------------------------------------------------------------------
# Tests, sequences and calls


def fused_node(fuse_return: Callable) -> Node:
    """Return the node made of FUSE_RETURN's statements; it can be fused in turn."""
    emitter = Emitter()
    fuse_return(emitter)
    node = emitter.build()
    node.fuse_return = fuse_return
    return node


def fused_if(test: Node, then: Node, otherwise: Node | None) -> Node:
    """Return an ``if`` node, its test and branches inlined where they can be."""

    def fuse_return(emitter: Emitter) -> None:
        value = emitter.operand(test)
        emitter.line(f"if {value} is not False:")
        emitter.depth += 1
        emitter.returns(then)
        emitter.depth -= 1
        if otherwise is None:
            from ..datums import UNSPECIFIED

            emitter.line(f"return {emitter.name(UNSPECIFIED, 'k')}")
        else:
            emitter.returns(otherwise)

    return fused_node(fuse_return)


def fused_stores(slots: list[int], inits: list[Node], body: Node) -> Node:
    """Return a node storing INITS' values into frame SLOTS, then returning BODY's."""

    def fuse_return(emitter: Emitter) -> None:
        values = [emitter.operand(init) for init in inits]
        for slot, value in zip(slots, values, strict=True):
            emitter.line(f"frame[{slot}] = {value}")
        emitter.returns(body)

    return fused_node(fuse_return)


def global_call(
    cell: Any, operands: list[Node], tail: bool, failed: Callable, loc: Any = None
) -> Node | None:
    """Return a node calling the procedure in CELL, with its operands inlined."""
    if len(operands) > 4:
        return None

    def fetch(emitter: Emitter) -> None:
        c = emitter.name(cell, "c")
        emitter.line(f"proc = {c}.value")
        emitter.line(f"if proc is {emitter.fixed('UNBOUND', UNBOUND)}:")
        unbound = emitter.fixed("unbound", _unbound)
        emitter.line(f"proc = {unbound}({c}, {emitter.name(loc, 'loc')})", 1)

    return call_node(fetch, operands, tail, failed)


def local_call(
    operator: Node, operands: list[Node], tail: bool, failed: Callable
) -> Node | None:
    """Return a node calling the procedure in a local variable, operands inlined."""
    inline = getattr(operator, "inline", None)
    if inline is None or len(operands) > 4:
        return None
    return call_node(
        lambda emitter: emitter.line(f"proc = {inline}"), operands, tail, failed
    )


def call_node(
    fetch: Callable, operands: list[Node], tail: bool, failed: Callable
) -> Node:
    """Return a call node; FETCH emits the statements putting the operator in proc."""

    def emit_arguments(emitter: Emitter) -> tuple[str, str, str]:
        fetch(emitter)
        # The operator is fetched first, into a variable of this call's own,
        # as the operands may contain calls of their own.
        proc = emitter.temporary()
        emitter.line(f"{proc} = proc")
        args = ", ".join(emitter.operand(node) for node in operands)
        emitter.fixed("Closure", Closure)
        emitter.fixed("errors", CAUGHT)
        return proc, args, emitter.name(failed, "failed")

    def arguments(args: str) -> str:
        return f"({args},)" if len(operands) == 1 else f"({args})"

    def fuse_return(emitter: Emitter) -> None:
        proc, args, failure = emit_arguments(emitter)
        emitter.fixed("TailCall", TailCall)
        emitter.line(f"if type({proc}) is Closure:")
        emitter.line(f"return TailCall({proc}, {arguments(args)})", 1)
        emitter.line("try:")
        emitter.line(f"return {proc}({args})", 1)
        emitter.line("except errors as error:")
        emitter.line(f"raise {failure}(error, {proc}, {arguments(args)}) from None", 1)

    def fuse(emitter: Emitter) -> str:
        proc, args, failure = emit_arguments(emitter)
        emitter.fixed("TailCall", TailCall)
        emitter.fixed("apply_procedure", apply_procedure)
        result = emitter.temporary()
        separator = ", " if operands else ""
        emitter.line("try:")
        emitter.line(f"if type({proc}) is Closure:", 1)
        emitter.line(f"if {proc}.nreq == {len(operands)} and {proc}.rest is False:", 2)
        emitter.line(
            f"{result} = {proc}.body([{proc}.env, {args}{separator}*{proc}.pad])", 3
        )
        emitter.line("else:", 2)
        emitter.line(f"{result} = {proc}.body({proc}.make_frame({arguments(args)}))", 3)
        emitter.line("else:", 1)
        emitter.line(f"{result} = {proc}({args})", 2)
        emitter.line(f"if type({result}) is TailCall:", 1)
        emitter.line(f"{result} = apply_procedure({result}.proc, {result}.args)", 2)
        emitter.line("except errors as error:")
        emitter.line(f"raise {failure}(error, {proc}, {arguments(args)}) from None", 1)
        return result

    if tail:
        return fused_node(fuse_return)
    emitter = Emitter()
    emitter.line(f"return {fuse(emitter)}")
    node = emitter.build()
    node.fuse = fuse
    return node


def jump_node(loop: Any, slot: int, operands: list[Node]) -> Node:
    """Return a named let's self tail call: new values into the frame, then JUMP.

    While the loop is not known to be safe to run in place (LOOP.enabled is
    decided once its whole body is compiled), it is an ordinary tail call of
    the loop procedure, found in slot SLOT of the enclosing frame.
    """

    def fuse_return(emitter: Emitter) -> None:
        values = [emitter.operand(node) for node in operands]
        info = emitter.name(loop, "loop")
        emitter.line(f"if {info}.enabled:")
        for index, value in enumerate(values, start=1):
            emitter.line(f"frame[{index}] = {value}", 1)
        emitter.line(f"return {emitter.fixed('JUMP', JUMP)}", 1)
        tail_call = emitter.fixed("TailCall", TailCall)
        arguments = "".join(value + ", " for value in values)
        emitter.line(f"return {tail_call}(frame[0][{slot}], ({arguments}))")

    return fused_node(fuse_return)
