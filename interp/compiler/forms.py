"""The core special forms: quote, if, set!, lambda, begin, the let family,
cond, case, and, or, when, unless, do and delay.
"""

from __future__ import annotations

from typing import Any

from ..datums import NIL, UNSPECIFIED, Keyword, Loc, Pair, Symbol, eqv
from ..runtime.procedures import UNBOUND, Closure, TailCall, apply_procedure
from .core import (
    SPECIAL_FORMS,
    Node,
    compile_body,
    compile_expr,
    compile_sequence,
    form_list,
    sequence_node,
    setter,
    special,
    strip_syntax,
    syntax_error,
)
from .scope import Renamed, Scope, is_identifier, strip
from .specialize import JUMP, fused_if, fused_stores, mark_constant

ELSE = Symbol("else")
ARROW = Symbol("=>")


def keyword(name: str):
    """Return the special form NAME, to head forms the compiler builds itself."""
    form = SPECIAL_FORMS.get(name)
    if form is None:
        from .core import MODULE_FORMS

        form = next(table[name] for table in MODULE_FORMS.values() if name in table)
    return form


def is_named(x: Any, symbol: Symbol, scope: Scope | None = None) -> bool:
    """Return whether X is the auxiliary keyword SYMBOL (``else``, ``=>``).

    With SCOPE, an identifier the program binds as a variable there is not
    the keyword, as in Guile: ``(let ((else #f)) (cond (else 1)))``.
    """
    if not (is_identifier(x) and strip(x) is symbol):
        return False
    if scope is not None:
        from .scope import Local, resolve

        binding, _ = resolve(scope, x, scope.module)
        return type(binding) is not Local
    return True


def make_lambda_form(params: Any, body: Any, loc: Loc | None) -> Pair:
    """Return the form ``(lambda PARAMS . BODY)`` located at LOC."""
    return Pair(keyword("lambda"), Pair(params, body), loc)


@special("quote")
def compile_quote(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error("bad quote", form)
    value = strip_syntax(items[1])
    return lambda frame: value


@special("if")
def compile_if(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) not in (3, 4):
        raise syntax_error("bad if: expected (if test then [else])", form)
    test = compile_expr(items[1], scope)
    then = compile_expr(items[2], scope, tail)
    otherwise = compile_expr(items[3], scope, tail) if len(items) == 4 else None
    return fused_if(test, then, otherwise)


@special("set!")
def compile_set(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 3 or not is_identifier(items[1]):
        raise syntax_error("bad set!: expected (set! name value)", form)
    store = setter(items[1], scope, form)
    value = compile_expr(items[2], scope)

    def assign(frame: list) -> Any:
        store(frame, value(frame))
        return UNSPECIFIED

    return assign


@special("begin")
def compile_begin(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form.cdr, form)
    if scope.parent is None:
        # A top-level begin may hold definitions: compile each in turn, so a
        # macro defined by one form is known to the next.
        return toplevel_sequence(items, scope)
    nodes = compile_sequence(items, scope, tail)
    return sequence_node(nodes)


def toplevel_sequence(items: list[Any], scope: Scope) -> Node:
    """Return a node compiling and running each top-level form only when reached."""
    from .core import run_toplevel

    module = scope.module

    def run_sequence(frame: list) -> Any:
        result = UNSPECIFIED
        for item in items:
            result = run_toplevel(item, module)
        return result

    return run_sequence


# ---------------------------------------------------------------------------
# lambda


def parse_params(params: Any, form: Any) -> tuple[list[Any], Any]:
    """Return (required identifiers, rest identifier or None) of a lambda list."""
    required = []
    rest = params
    while type(rest) is Pair:
        if not is_identifier(rest.car):
            raise syntax_error("bad lambda list", form)
        required.append(rest.car)
        rest = rest.cdr
    if rest is NIL:
        return required, None
    if not is_identifier(rest):
        raise syntax_error("bad lambda list", form)
    return required, rest


def has_keywords(params: Any) -> bool:
    """Return whether the lambda list PARAMS uses #:optional, #:key or #:rest."""
    while type(params) is Pair:
        if type(params.car) is Keyword:
            return True
        params = params.cdr
    return False


@special("lambda")
def compile_lambda(form: Pair, scope: Scope, tail: bool, name: Any = None) -> Node:
    if type(form.cdr) is not Pair:
        raise syntax_error("bad lambda", form)
    params, body = form.cdr.car, form.cdr.cdr
    if has_keywords(params):
        from .lambda_star import compile_lambda_star

        return compile_lambda_star(form, scope, tail, name)
    required, rest = parse_params(params, form)
    inner = scope.new_frame()
    for identifier in required:
        inner.bind(identifier)
    if rest is not None:
        inner.bind(rest)
    body_node = compile_body(form_list(body, form), inner, True, form)
    nreq, has_rest = len(required), rest is not None
    nlocals = inner.frame.size - 1 - nreq - has_rest
    loc = form.loc
    proc_name = strip(name) if name is not None else None

    make = lambda frame: Closure(  # noqa: E731
        nreq, has_rest, nlocals, body_node, frame, proc_name, loc
    )
    make.parts = (nreq, has_rest, nlocals, body_node, inner.frame)
    return make


def compile_named(x: Any, scope: Scope, name: Any) -> Node:
    """Compile X; when it is a lambda expression, name the procedure NAME."""
    if type(x) is Pair:
        head = x.car
        if head is SPECIAL_FORMS["lambda"] or (
            is_identifier(head) and _is_keyword(head, scope, "lambda")
        ):
            return compile_lambda(x, scope, False, name)
        if head is SPECIAL_FORMS["lambda*"] or (
            is_identifier(head) and _is_keyword(head, scope, "lambda*")
        ):
            from .lambda_star import compile_lambda_star

            return compile_lambda_star(x, scope, False, name)
    return compile_expr(x, scope)


def _is_keyword(identifier: Any, scope: Scope, name: str) -> bool:
    from .scope import resolve

    binding, _ = resolve(scope, identifier, scope.module)
    return binding is SPECIAL_FORMS.get(name)


@special("named-lambda")
def compile_named_lambda(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 3 or type(items[1]) is not Pair:
        raise syntax_error("bad named-lambda", form)
    lambda_form = make_lambda_form(items[1].cdr, form.cdr.cdr, form.loc)
    return compile_lambda(lambda_form, scope, tail, items[1].car)


# ---------------------------------------------------------------------------
# let and friends


def parse_bindings(bindings: Any, form: Any) -> list[tuple[Any, Any]]:
    """Return the (identifier, expression) pairs of a let binding list."""
    result = []
    for binding in form_list(bindings, form):
        parts = form_list(binding, form) if type(binding) is Pair else None
        if not parts or not is_identifier(parts[0]) or len(parts) > 2:
            raise syntax_error(
                "bad binding", binding if type(binding) is Pair else form, form.loc
            )
        result.append((parts[0], parts[1] if len(parts) == 2 else None))
    return result


def init_node(expression: Any, scope: Scope, name: Any) -> Node:
    """Compile a binding's initial value (unspecified when absent)."""
    if expression is None:
        return lambda frame: UNSPECIFIED
    return compile_named(expression, scope, name)


def store_node(slots: list[int], inits: list[Node], body: Node) -> Node:
    """Return a node storing the INITS into SLOTS of the frame, then running BODY."""
    return fused_stores(slots, inits, body)


@special("let")
def compile_let(form: Pair, scope: Scope, tail: bool) -> Node:
    if type(form.cdr) is not Pair:
        raise syntax_error("bad let", form)
    if is_identifier(form.cdr.car):
        return compile_named_let(form, scope, tail)
    bindings = parse_bindings(form.cdr.car, form)
    inits = [init_node(expr, scope, name) for name, expr in bindings]
    inner = scope.child()
    slots = [inner.bind(name).slot for name, _ in bindings]
    body = compile_body(form_list(form.cdr.cdr, form), inner, tail, form)
    if not slots:
        return body
    return store_node(slots, inits, body)


@special("let*")
def compile_let_star(form: Pair, scope: Scope, tail: bool) -> Node:
    if type(form.cdr) is not Pair:
        raise syntax_error("bad let*", form)
    bindings = parse_bindings(form.cdr.car, form)
    current = scope
    slots, inits = [], []
    for name, expr in bindings:
        inits.append(init_node(expr, current, name))
        current = current.child()
        slots.append(current.bind(name).slot)
    body = compile_body(form_list(form.cdr.cdr, form), current.child(), tail, form)
    if not slots:
        return body
    steps = tuple(zip(slots, inits, strict=True))

    def let_star(frame: list) -> Any:
        for slot, init in steps:
            frame[slot] = init(frame)
        return body(frame)

    return let_star


@special("letrec", "letrec*")
def compile_letrec(form: Pair, scope: Scope, tail: bool) -> Node:
    if type(form.cdr) is not Pair:
        raise syntax_error("bad letrec", form)
    bindings = parse_bindings(form.cdr.car, form)
    inner = scope.child()
    slots = [inner.bind(name, checked=True).slot for name, _ in bindings]
    inits = [init_node(expr, inner, name) for name, expr in bindings]
    body = compile_body(form_list(form.cdr.cdr, form), inner, tail, form)
    steps = tuple(zip(slots, inits, strict=True))

    def letrec(frame: list) -> Any:
        for slot, init in steps:
            frame[slot] = init(frame)
        return body(frame)

    return letrec


def compile_named_let(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(let NAME ((var init) ...) body ...)``, a loop called once."""
    items = form_list(form, form)
    if len(items) < 4:
        raise syntax_error("bad named let", form)
    name = items[1]
    bindings = parse_bindings(items[2], form)
    inits = [init_node(expr, scope, var) for var, expr in bindings]
    params = NIL
    for var, _ in reversed(bindings):
        params = Pair(var, params)
    inner = scope.child()
    local = inner.bind(name)
    slot = local.slot
    local.loop = info = Loop(len(bindings))
    lambda_form = make_lambda_form(params, form.cdr.cdr.cdr, form.loc)
    loop = compile_lambda(lambda_form, inner, False, name)
    nreq, _, nlocals, body, frame = loop.parts
    # The body's self tail calls jump back into the same frame, unless a
    # closure made in the body could capture that frame (or the loop
    # variable is assigned, so the name may no longer mean this loop).
    info.enabled = not frame.has_inner_frames and not info.assigned
    if info.enabled:
        return loop_jump_node(slot, loop, inits, body, (UNBOUND,) * nlocals, tail)
    return loop_call_node(slot, loop, inits, tail)


class Loop:
    """What the self tail calls of a named let need: its arity and whether to jump."""

    __slots__ = ("nreq", "enabled", "assigned")

    def __init__(self, nreq: int) -> None:
        self.nreq = nreq
        self.enabled = False
        self.assigned = False


def loop_jump_node(slot, loop, inits, body, pad, tail) -> Node:
    """Return a node running a named let as a Python loop over one reused frame.

    The loop procedure itself (which the body may pass around or call from
    elsewhere) gets the same looping body, so a JUMP never escapes it.
    """

    def looping_body(inner: list) -> Any:
        while True:
            result = body(inner)
            if result is not JUMP:
                return result

    def run_loop(frame: list) -> Any:
        args = [init(frame) for init in inits]
        procedure = frame[slot] = loop(frame)
        procedure.body = looping_body
        result = looping_body([frame, *args, *pad])
        if type(result) is TailCall and not tail:
            return apply_procedure(result.proc, result.args)
        return result

    return run_loop


def loop_call_node(slot: int, loop: Node, inits: list[Node], tail: bool) -> Node:
    """Return a node binding the loop procedure in SLOT and calling it with INITS."""
    if tail:

        def tail_loop(frame: list) -> Any:
            args = [init(frame) for init in inits]
            proc = frame[slot] = loop(frame)
            return TailCall(proc, args)

        return tail_loop

    def run_loop(frame: list) -> Any:
        args = [init(frame) for init in inits]
        proc = frame[slot] = loop(frame)
        return apply_procedure(proc, args)

    return run_loop


@special("do")
def compile_do(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 3 or type(items[2]) is not Pair:
        raise syntax_error(
            "bad do: expected (do ((var init step) ...) (test expr ...) ...)", form
        )
    specs = []
    for spec in form_list(items[1], form):
        parts = form_list(spec, form) if type(spec) is Pair else []
        if not 2 <= len(parts) <= 3 or not is_identifier(parts[0]):
            raise syntax_error("bad do binding", form)
        specs.append(parts)
    test, *result = form_list(items[2], form)
    commands = items[3:]
    # (let loop ((var init) ...)
    #   (if test (begin result ...) (begin command ... (loop step ...))))
    loop = Renamed(Symbol("do-loop"), None, scope.module)
    steps = [parts[2] if len(parts) == 3 else parts[0] for parts in specs]
    again = Pair(loop, _list(steps), form.loc)
    finish = Pair(keyword("begin"), _list(result or [UNSPECIFIED_EXPR]), form.loc)
    iterate = Pair(keyword("begin"), _list([*commands, again]), form.loc)
    body = Pair(keyword("if"), _list([test, finish, iterate]), form.loc)
    bindings = _list([_list(parts[:2]) for parts in specs])
    return compile_named_let(
        Pair(keyword("let"), _list([loop, bindings, body]), form.loc), scope, tail
    )


UNSPECIFIED_EXPR = Pair(SPECIAL_FORMS["quote"], Pair(UNSPECIFIED, NIL))


def _list(items: list[Any]) -> Any:
    result = NIL
    for item in reversed(items):
        result = Pair(item, result)
    return result


# ---------------------------------------------------------------------------
# Conditionals


@special("and")
def compile_and(form: Pair, scope: Scope, tail: bool) -> Node:
    return compile_chain(form, scope, tail, True, stop_on_false=True)


@special("or")
def compile_or(form: Pair, scope: Scope, tail: bool) -> Node:
    return compile_chain(form, scope, tail, False, stop_on_false=False)


def compile_chain(
    form: Pair, scope: Scope, tail: bool, empty: bool, stop_on_false: bool
):
    """Compile ``and`` or ``or``: the first value that is (not) #f stops the chain."""
    items = form_list(form.cdr, form)
    if not items:
        return mark_constant(lambda frame: empty, empty)
    nodes = compile_sequence(items, scope, tail)
    if len(nodes) == 1:
        return nodes[0]
    init, last = tuple(nodes[:-1]), nodes[-1]

    def chain(frame: list) -> Any:
        for node in init:
            value = node(frame)
            if (value is False) is stop_on_false:
                return value
        return last(frame)

    return chain


@special("when", "unless")
def compile_when(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error(f"bad {strip(items[0]).name}", form)
    test = compile_expr(items[1], scope)
    body = sequence_node(compile_sequence(items[2:], scope, tail))
    if strip(items[0]).name == "unless" or form.car is SPECIAL_FORMS.get("unless"):
        return fused_if(
            test, mark_constant(lambda frame: UNSPECIFIED, UNSPECIFIED), body
        )
    return fused_if(test, body, None)


@special("cond")
def compile_cond(form: Pair, scope: Scope, tail: bool) -> Node:
    clauses = form_list(form.cdr, form)
    node: Node = mark_constant(lambda frame: UNSPECIFIED, UNSPECIFIED)
    for index in range(len(clauses) - 1, -1, -1):
        clause = clauses[index]
        parts = form_list(clause, form) if type(clause) is Pair else None
        if not parts:
            raise syntax_error("bad cond clause", form)
        if is_named(parts[0], ELSE, scope):
            if index != len(clauses) - 1:
                raise syntax_error("else must be the last cond clause", form)
            node = sequence_node(compile_sequence(parts[1:], scope, tail))
            continue
        node = cond_clause(parts, scope, tail, node, form)
    return node


def cond_clause(
    parts: list[Any], scope: Scope, tail: bool, otherwise: Node, form: Any
) -> Node:
    """Return the node of one cond clause, falling through to OTHERWISE."""
    test = compile_expr(parts[0], scope)
    if len(parts) == 1:

        def bare(frame: list) -> Any:
            value = test(frame)
            return value if value is not False else otherwise(frame)

        return bare
    if is_named(parts[1], ARROW, scope):
        if len(parts) != 3:
            raise syntax_error("bad cond => clause", form)
        receiver = compile_expr(parts[2], scope)

        def arrow(frame: list) -> Any:
            value = test(frame)
            if value is False:
                return otherwise(frame)
            proc = receiver(frame)
            return TailCall(proc, (value,)) if tail else apply_procedure(proc, (value,))

        return arrow
    body = sequence_node(compile_sequence(parts[1:], scope, tail))
    return fused_if(test, body, otherwise)


@special("case")
def compile_case(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 2:
        raise syntax_error("bad case", form)
    key = compile_expr(items[1], scope)
    clauses = []
    default = None
    for clause in items[2:]:
        parts = form_list(clause, form) if type(clause) is Pair else None
        if not parts or len(parts) < 2:
            raise syntax_error("bad case clause", form)
        body = case_body(parts[1:], scope, tail, form)
        if is_named(parts[0], ELSE, scope):
            default = body
        else:
            data = tuple(strip_syntax(d) for d in form_list(parts[0], form))
            clauses.append((data, body))
    clauses = tuple(clauses)

    def case(frame: list) -> Any:
        value = key(frame)
        for data, body in clauses:
            for datum in data:
                if datum is value or eqv(datum, value):
                    return body(frame, value)
        if default is not None:
            return default(frame, value)
        return UNSPECIFIED

    return case


def case_body(parts: list[Any], scope: Scope, tail: bool, form: Any):
    """Return a function (frame, key) running a case clause body (with => support)."""
    if is_named(parts[0], ARROW, scope):
        receiver = compile_expr(parts[1], scope)
        if tail:
            return lambda frame, value: TailCall(receiver(frame), (value,))
        return lambda frame, value: apply_procedure(receiver(frame), (value,))
    body = sequence_node(compile_sequence(parts, scope, tail))
    return lambda frame, value: body(frame)


# ---------------------------------------------------------------------------
# Promises


class Promise:
    """A delayed computation, run at most once by ``force``."""

    __slots__ = ("done", "value", "thunk")

    def __init__(self, thunk: Any, done: bool = False, value: Any = None) -> None:
        self.thunk = thunk
        self.done = done
        self.value = value

    def scheme_repr(self, write: bool) -> str:
        return "#<promise>"

    def force(self) -> Any:
        """Return the promise's value, computing it the first time."""
        if not self.done:
            value = self.thunk()
            if not self.done:  # the thunk may have forced this very promise
                self.done, self.value, self.thunk = True, value, None
        return self.value


def delayed_thunk(body: Node, frame: list):
    """Return a thunk running BODY in FRAME to its final value."""

    def thunk() -> Any:
        value = body(frame)
        return (
            apply_procedure(value.proc, value.args)
            if type(value) is TailCall
            else value
        )

    return thunk


@special("delay")
def compile_delay(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error("bad delay", form)
    body = compile_expr(items[1], scope)
    return lambda frame: Promise(delayed_thunk(body, frame))


@special("delay-force")
def compile_delay_force(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error("bad delay-force", form)
    body = compile_expr(items[1], scope)

    def delay_force(frame: list) -> Promise:
        inner = delayed_thunk(body, frame)
        # Limitation: chains of delay-force are forced recursively, not in
        # constant space as R7RS asks; configs never build long chains.
        return Promise(lambda: force(inner()))

    return delay_force


def force(value: Any) -> Any:
    """Return the value of VALUE if it is a promise, else VALUE itself."""
    return value.force() if isinstance(value, Promise) else value
