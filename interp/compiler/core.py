"""The compiler's core: turn an expression into a closure over frames, once.

``compile_expr(x, scope, tail)`` returns a node, a Python function of the
run-time frame.  Variables are resolved here, at compile time, to a frame
slot or a module cell; calls in tail position return a ``TailCall`` for the
caller's trampoline.  Special forms register themselves with :func:`special`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datums import NIL, UNSPECIFIED, Keyword, Loc, Pair, Symbol
from ..errors import SchemeError, scheme_error
from ..modules.module import Cell, Module
from ..runtime.procedures import (
    UNBOUND,
    Closure,
    TailCall,
    apply_procedure,
    procedure_name,
    python_error,
    single_value,
)
from .scope import Local, Renamed, Scope, global_module, resolve, strip
from .specialize import (
    CAUGHT,
    global_call,
    jump_node,
    local_call,
    mark_constant,
    mark_local,
    open_coded,
    slow_path,
)

__all__ = ["CAUGHT"]

Node = Callable[[list], Any]


class SyntacticKeyword:
    """A name bound to syntax rather than to a value; KIND says which syntax."""

    __slots__ = ("name",)
    kind = "syntax"

    def __repr__(self) -> str:
        return f"#<{self.kind} {self.name}>"

    def scheme_repr(self, write: bool) -> str:
        return repr(self)


class SpecialForm(SyntacticKeyword):
    """A syntactic keyword compiled by Python code: COMPILE(form, scope, tail)."""

    __slots__ = ("compile",)

    def __init__(self, name: str, compile: Callable) -> None:
        self.name = name
        self.compile = compile


class Macro(SyntacticKeyword):
    """A syntactic keyword that rewrites a form: EXPAND(form, use_scope) -> form."""

    __slots__ = ("expand",)
    kind = "macro"

    def __init__(self, name: str, expand: Callable) -> None:
        self.name = name
        self.expand = expand


SPECIAL_FORMS: dict[str, SpecialForm] = {}
# Special forms that live in a module other than the root, which a program
# must import as in Guile: module name -> {name: special form}.
MODULE_FORMS: dict[tuple[str, ...], dict[str, SpecialForm]] = {}


def special(*names: str, module: tuple[str, ...] | None = None) -> Callable:
    """Register the decorated compile function as the special form NAMES.

    With MODULE, the form is bound in that module instead of the root one.
    """

    def register(function: Callable) -> Callable:
        table = SPECIAL_FORMS if module is None else MODULE_FORMS.setdefault(module, {})
        for name in names:
            table[name] = SpecialForm(name, function)
        return function

    return register


def syntax_error(message: str, form: Any, loc: Loc | None = None) -> SchemeError:
    """Return a syntax error about FORM, located at LOC or FORM's own location."""
    from ..printer import write_string

    if loc is None and type(form) is Pair:
        loc = form.loc
    text = write_string(strip_syntax(form))
    if len(text) > 120:
        text = text[:117] + "..."
    return scheme_error("syntax-error", f"{message}: {text}", loc=loc)


def strip_syntax(datum: Any) -> Any:
    """Return DATUM with every renamed identifier turned back into its symbol."""
    if type(datum) is Renamed:
        return strip(datum)
    if isinstance(datum, SyntacticKeyword):
        return Symbol(datum.name)  # a keyword the compiler put in a form it built
    if type(datum) is Pair:
        items, pair = [], datum
        while type(pair) is Pair:
            items.append(pair)
            pair = pair.cdr
        tail = strip_syntax(pair)
        changed = tail is not pair
        cars = []
        for item in items:
            car = strip_syntax(item.car)
            changed = changed or car is not item.car
            cars.append(car)
        if not changed:
            return datum
        for item, car in zip(reversed(items), reversed(cars), strict=True):
            tail = Pair(car, tail, item.loc)
        return tail
    if type(datum) is list:
        items = [strip_syntax(item) for item in datum]
        if any(a is not b for a, b in zip(items, datum, strict=True)):
            return items
    return datum


# ---------------------------------------------------------------------------
# Expressions


def compile_expr(
    x: Any, scope: Scope, tail: bool = False, loc: Loc | None = None
) -> Node:
    """Compile expression X in SCOPE; TAIL says whether it is in tail position.

    LOC is where X was read, for a symbol (which cannot carry a location).
    """
    while True:
        if type(x) is Symbol or type(x) is Renamed:
            return compile_reference(x, scope, loc)
        if type(x) is not Pair:
            return compile_constant(x)
        head = x.car
        if type(head) is SpecialForm:
            # Forms built by the compiler itself name their keyword directly,
            # so no user binding can capture it.
            return head.compile(x, scope, tail)
        if type(head) is Symbol or type(head) is Renamed:
            binding, _depth = resolve(scope, head, scope.module)
            if type(binding) is SpecialForm:
                return binding.compile(x, scope, tail)
            if type(binding) is Macro:
                x = expand_macro(binding, x, scope)
                continue
        return compile_call(x, scope, tail)


def expand_macro(macro: Macro, form: Pair, scope: Scope) -> Any:
    """Return the expansion of FORM by MACRO, keeping FORM's location on it."""
    expansion = macro.expand(form, scope)
    if type(expansion) is Pair and expansion.loc is None:
        expansion.loc = form.loc
    return expansion


def compile_constant(value: Any) -> Node:
    """Compile a self-evaluating datum (or a quoted one)."""
    if type(value) is list:
        value = strip_syntax(value)
    return mark_constant(lambda frame: value, value)


def compile_reference(identifier: Any, scope: Scope, loc: Loc | None = None) -> Node:
    """Compile a variable reference, resolved now to a slot or a cell."""
    binding, depth = resolve(scope, identifier, scope.module)
    if type(binding) is Local:
        return local_reference(binding, depth)
    if isinstance(binding, (SpecialForm, Macro)):
        raise scheme_error(
            "syntax-error",
            f"{strip(identifier).name} is a syntactic keyword, not a value",
        )
    if binding is None:
        symbol, module = global_module(identifier, scope.module)
        binding = module.cell(symbol)
    return global_reference(binding, loc)


def local_reference(local: Local, depth: int) -> Node:
    """Return a node reading LOCAL, DEPTH frames up."""
    slot = local.slot
    if local.checked:
        name = strip(local.name)

        def checked(frame: list) -> Any:
            for _ in range(depth):
                frame = frame[0]
            value = frame[slot]
            if value is UNBOUND:
                raise scheme_error(
                    "unbound-variable",
                    f"Variable used before its definition: {name.name}",
                )
            return value

        return checked
    if depth == 0:
        return mark_local(lambda frame: frame[slot], depth, slot)
    if depth == 1:
        return mark_local(lambda frame: frame[0][slot], depth, slot)
    if depth == 2:
        return mark_local(lambda frame: frame[0][0][slot], depth, slot)

    def deep(frame: list) -> Any:
        for _ in range(depth):
            frame = frame[0]
        return frame[slot]

    return mark_local(deep, depth, slot)


def global_reference(cell: Cell, loc: Loc | None = None) -> Node:
    """Return a node reading the top-level variable CELL (referenced at LOC)."""

    def reference(frame: list) -> Any:
        value = cell.value
        if value is UNBOUND:
            return unbound_value(cell, loc)
        return value

    return reference


def unbound_value(cell: Cell, loc: Loc | None = None) -> Any:
    """Return CELL's value found through imports made after compilation, or fail."""
    module = cell.module
    if module is not None:
        binding = module.lookup(cell.name)
        if binding is cell:
            for interface in module.imports:
                other = interface.get(cell.name)
                if isinstance(other, Cell) and other.value is not UNBOUND:
                    return other.value
        elif isinstance(binding, Cell) and binding.value is not UNBOUND:
            return binding.value
    from .hints import unbound_variable_error

    error = unbound_variable_error(cell.name, module)
    error.add_frame("", loc)
    raise error


def setter(identifier: Any, scope: Scope, form: Any) -> Callable[[list, Any], None]:
    """Return a function storing a value into the variable IDENTIFIER names."""
    binding, depth = resolve(scope, identifier, scope.module)
    if type(binding) is Local:
        slot = binding.slot
        if binding.loop is not None:
            binding.loop.assigned = True

        def set_local(frame: list, value: Any) -> None:
            for _ in range(depth):
                frame = frame[0]
            frame[slot] = value

        return set_local
    if isinstance(binding, (SpecialForm, Macro)):
        raise syntax_error("cannot assign to a syntactic keyword", form)
    if binding is None:
        symbol, module = global_module(identifier, scope.module)
        binding = module.cell(symbol)
    cell = binding

    def set_global(frame: list, value: Any) -> None:
        if cell.value is UNBOUND:
            from .hints import unbound_variable_error

            raise unbound_variable_error(cell.name, cell.module)
        cell.value = value

    return set_global


# ---------------------------------------------------------------------------
# Calls


def compile_call(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile the application FORM: operator then operands, left to right."""
    items = []
    rest = form
    while type(rest) is Pair:
        items.append(rest.car)
        rest = rest.cdr
    if rest is not NIL:
        raise syntax_error("improper procedure call", form)
    operands = []
    pair = form.cdr
    while type(pair) is Pair:
        operands.append(compile_expr(pair.car, scope, False, pair.loc))
        pair = pair.cdr
    name = call_name(items[0])
    cell = global_operator(items[0], scope)
    if cell is not None:
        node = specialized_call(cell, name, operands, tail, form.loc)
        if node is not None:
            return node
    if tail:
        jump = loop_jump(items[0], scope, operands)
        if jump is not None:
            return jump
    operator = compile_expr(items[0], scope, False, form.loc)
    node = local_call(operator, operands, tail, failure_handler(name, form.loc))
    if node is not None:
        return node
    if tail:
        return tail_call_node(operator, operands, failure_handler(name, form.loc))
    return call_node(operator, operands, name, form.loc)


def loop_jump(operator: Any, scope: Scope, operands: list[Node]) -> Node | None:
    """Return the jump node of a named let's self tail call, if OPERATOR is one."""
    if type(operator) is not Symbol and type(operator) is not Renamed:
        return None
    binding, depth = resolve(scope, operator, scope.module)
    if type(binding) is not Local or binding.loop is None or depth != 1:
        return None
    if len(operands) != binding.loop.nreq:
        return None
    return jump_node(binding.loop, binding.slot, operands)


def global_operator(operator: Any, scope: Scope) -> Cell | None:
    """Return the cell of OPERATOR when it names a top-level variable, else None."""
    if type(operator) is not Symbol and type(operator) is not Renamed:
        return None
    binding, _ = resolve(scope, operator, scope.module)
    if type(binding) is Cell:
        return binding
    if binding is None:
        symbol, module = global_module(operator, scope.module)
        return module.cell(symbol)
    return None


def specialized_call(
    cell: Cell, name: str, operands: list[Node], tail: bool, loc
) -> Node | None:
    """Return an inlined node for a call of the variable CELL, when the shape allows."""
    primitive = cell.value
    scheme_name = getattr(primitive, "scheme_name", None)
    if scheme_name is not None and not isinstance(primitive, Closure):
        node = open_coded(
            scheme_name, primitive, cell, operands, slow_path(cell, name, loc)
        )
        if node is not None:
            return node
    return global_call(cell, operands, tail, failure_handler(name, loc), loc)


def failure_handler(name: str, loc: Loc | None):
    """Return a function turning an exception at a call of NAME into a located one."""

    def failed(error: BaseException, proc: Any, args: Any) -> BaseException:
        if isinstance(error, SchemeError):
            error.add_frame(name, loc)
            return error
        converted = python_error(proc, error, args)
        converted.add_frame(name, loc)
        return converted

    return failed


def call_name(operator: Any) -> str:
    """Return how a call's operator is named in stack traces."""
    if type(operator) is Symbol or type(operator) is Renamed:
        return strip(operator).name
    return "anonymous procedure"


def tail_call_node(operator: Node, operands: list[Node], failed) -> Node:
    """Return a node that hands a closure call to the caller's trampoline.

    A primitive is called at once: it takes no Scheme stack, and a primitive
    that must call in tail position (apply) returns a TailCall itself.
    """

    def tail_call(frame: list) -> Any:
        proc = operator(frame)
        args = [x(frame) for x in operands]
        if type(proc) is Closure:
            return TailCall(proc, args)
        try:
            return proc(*args)
        except CAUGHT as error:
            raise failed(error, proc, args) from None

    return tail_call


def call_node(operator: Node, operands: list[Node], name: str, loc: Loc | None) -> Node:
    """Return a node that calls and runs tail calls to the end (a non-tail call)."""
    failed = failure_handler(name, loc)

    def call(frame: list) -> Any:
        proc = operator(frame)
        args = [x(frame) for x in operands]
        try:
            if type(proc) is Closure:
                result = proc.body(proc.make_frame(args))
            else:
                result = proc(*args)
            if type(result) is TailCall:
                return apply_procedure(result.proc, result.args)
            return result
        except CAUGHT as error:
            raise failed(error, proc, args) from None

    return call


def not_applicable(proc: Any) -> SchemeError:
    """Return the error for applying PROC, which is not a procedure."""
    return scheme_error("wrong-type-arg", "Wrong type to apply:", proc)


# ---------------------------------------------------------------------------
# Sequences and bodies


def compile_sequence(items: list[Any], scope: Scope, tail: bool) -> list[Node]:
    """Compile ITEMS in order, the last in tail position when TAIL is true."""
    last = len(items) - 1
    return [
        compile_expr(item, scope, tail and i == last) for i, item in enumerate(items)
    ]


def sequence_node(nodes: list[Node]) -> Node:
    """Return a node running NODES in order and returning the last one's value."""
    if not nodes:
        return lambda frame: UNSPECIFIED
    if len(nodes) == 1:
        return nodes[0]
    if len(nodes) == 2:
        first, second = nodes

        def sequence2(frame: list) -> Any:
            first(frame)
            return second(frame)

        return sequence2
    init, last = tuple(nodes[:-1]), nodes[-1]

    def sequence(frame: list) -> Any:
        for node in init:
            node(frame)
        return last(frame)

    return sequence


def form_list(form: Any, what: Any) -> list[Any]:
    """Return the elements of the proper list FORM; a syntax error about WHAT if not."""
    items = []
    rest = form
    while type(rest) is Pair:
        items.append(rest.car)
        rest = rest.cdr
    if rest is not NIL:
        raise syntax_error("bad syntax", what)
    return items


def head_keyword(x: Any, scope: Scope) -> Any:
    """Return the syntactic keyword heading form X, or None."""
    if type(x) is Pair and (type(x.car) is Symbol or type(x.car) is Renamed):
        binding, _ = resolve(scope, x.car, scope.module)
        if type(binding) is SpecialForm or type(binding) is Macro:
            return binding
    return None


def compile_body(forms: list[Any], scope: Scope, tail: bool, where: Any) -> Node:
    """Compile a body: internal definitions (letrec* semantics), then expressions.

    Definitions and expressions may be mixed, as Guile allows; every name a
    body defines is visible in the whole body.
    """
    from .definitions import scan_body

    if not forms:
        raise syntax_error("empty body", where)
    body_scope = scope.child()
    items = scan_body(forms, body_scope)
    nodes = []
    for index, (kind, payload) in enumerate(items):
        last = index == len(items) - 1
        if kind == "define":
            local, expression = payload
            nodes.append(define_local_node(local, expression, body_scope))
        elif kind == "node":
            nodes.append(payload)
        else:
            nodes.append(compile_expr(payload, body_scope, tail and last))
    if items and items[-1][0] != "expr":
        nodes.append(lambda frame: UNSPECIFIED)
    return sequence_node(nodes)


def define_local_node(local: Local, expression: Any, scope: Scope) -> Node:
    """Return a node storing EXPRESSION's value into the internal definition LOCAL."""
    from .definitions import UNSPECIFIED_FORM
    from .forms import compile_named

    if expression is UNSPECIFIED_FORM:
        expression = UNSPECIFIED
    value = compile_named(expression, scope, strip(local.name))
    slot = local.slot

    def define_local(frame: list) -> Any:
        frame[slot] = single_value(value(frame))
        return UNSPECIFIED

    return define_local


def keyword_argument(value: Any) -> bool:
    """Return whether VALUE is a keyword (for forms taking #:options)."""
    return type(value) is Keyword


def toplevel_scope(module: Module) -> Scope:
    """Return a fresh scope for compiling one top-level form of MODULE."""
    from .scope import Frame

    return Scope(None, Frame(), module)


def run_toplevel(x: Any, module: Module) -> Any:
    """Compile and run the top-level form X in MODULE; return its value."""
    scope = toplevel_scope(module)
    try:
        node = compile_expr(x, scope, tail=False)
        frame = [None] + [UNBOUND] * (scope.frame.size - 1)
        result = node(frame)
        if type(result) is TailCall:
            result = apply_procedure(result.proc, result.args)
        return result
    except SchemeError as error:
        # An error no deeper form located is at least in this top-level form.
        if error.loc is None and type(x) is Pair:
            error.add_frame("", x.loc)
        raise


__all__ = [
    "Macro",
    "SpecialForm",
    "compile_body",
    "compile_expr",
    "procedure_name",
    "run_toplevel",
    "special",
    "syntax_error",
]
