"""Control primitives: apply, multiple values, escapes, dynamic-wind,
exceptions (R7RS and Guile's catch/throw), parameters, promises and exit.

Exceptions travel as :class:`SchemeError` Python exceptions.  A handler
installed by ``with-exception-handler`` is called where ``raise`` happens, in
the dynamic context of the raise minus that handler, as R7RS asks; ``guard``
and ``catch`` unwind to themselves first, so they sit on the same handler
stack as markers that make ``raise`` unwind instead of calling a procedure.
"""

from __future__ import annotations

from typing import Any

from ..datums import NIL, UNSPECIFIED, Pair, Symbol, Values, list_to_python, make_list
from ..errors import Condition, SchemeError, scheme_error
from ..runtime.parameters import Parameter
from ..runtime.procedures import TailCall, apply_procedure, call, is_procedure
from .registry import primitive

# ---------------------------------------------------------------------------
# Application and values


@primitive("apply")
def apply(proc: Any, *args: Any) -> Any:
    """Call PROC with ARGS, the last of which is a list of further arguments."""
    if not args:
        return TailCall(proc, ())
    *leading, last = args
    try:
        spread = list_to_python(last)
    except ValueError:
        raise scheme_error(
            "wrong-type-arg", "apply: last argument is not a list", last
        ) from None
    return TailCall(proc, [*leading, *spread])


@primitive("values")
def values(*items: Any) -> Any:
    """Return ITEMS as several values (one item is returned as itself)."""
    if len(items) == 1:
        return items[0]
    return Values(items)


def as_arguments(value: Any) -> tuple:
    """Return the values VALUE stands for, as a tuple of arguments."""
    return tuple(value) if type(value) is Values else (value,)


@primitive("call-with-values")
def call_with_values(producer: Any, consumer: Any) -> Any:
    """Call CONSUMER with the values PRODUCER returns."""
    return TailCall(consumer, as_arguments(call(producer)))


@primitive("procedure?")
def procedure_p(value: Any) -> bool:
    return is_procedure(value)


# ---------------------------------------------------------------------------
# Escapes and dynamic-wind


class ContinuationInvoked(BaseException):
    """Unwinds the Python stack to the call/cc that made CONTINUATION."""

    def __init__(self, continuation: Continuation, value: Any) -> None:
        super().__init__()
        self.continuation = continuation
        self.value = value


class Continuation:
    """An escape-only continuation: callable while its call/cc is still running."""

    __slots__ = ("active",)

    def __init__(self) -> None:
        self.active = True

    def __call__(self, *results: Any) -> Any:
        if not self.active:
            # Limitation: continuations can only escape outwards; re-entering
            # one would need a CPS interpreter, and configs never do it.
            raise scheme_error(
                "continuation-reentry",
                "re-entering a continuation after its call/cc returned "
                "is not supported",
            )
        raise ContinuationInvoked(self, values(*results))

    def scheme_repr(self, write: bool) -> str:
        return "#<continuation>"


@primitive(
    "call-with-current-continuation",
    "call/cc",
    "call-with-escape-continuation",
    "call/ec",
)
def call_cc(receiver: Any) -> Any:
    """Call RECEIVER with an escape continuation of this call."""
    return with_escape(lambda continuation: call(receiver, continuation))


def with_escape(body: Any) -> Any:
    """Return BODY(k), k an escape continuation: calling k returns its values here."""
    continuation = Continuation()
    saved = len(HANDLERS)
    try:
        return body(continuation)
    except ContinuationInvoked as escape:
        if escape.continuation is not continuation:
            raise
        del HANDLERS[saved:]
        return escape.value
    finally:
        continuation.active = False


@primitive("dynamic-wind")
def dynamic_wind(before: Any, thunk: Any, after: Any) -> Any:
    """Call BEFORE, THUNK and AFTER; AFTER runs however THUNK is left."""
    call(before)
    try:
        return call(thunk)
    finally:
        call(after)


# ---------------------------------------------------------------------------
# Exceptions

# The handler stack: procedures from with-exception-handler, and UNWIND for
# guard and catch, which want the exception delivered by unwinding.
UNWIND = object()
HANDLERS: list[Any] = []


def signal(payload: Any, continuable: bool) -> Any:
    """Raise PAYLOAD to the innermost handler; return its value when CONTINUABLE."""
    if not HANDLERS or HANDLERS[-1] is UNWIND:
        raise SchemeError(payload, continuable)
    handler = HANDLERS.pop()
    depth = len(HANDLERS)
    try:
        result = call(handler, payload)
    finally:
        del HANDLERS[depth:]
        HANDLERS.append(handler)
    if continuable:
        return result
    # A handler returning from a non-continuable raise is itself an error,
    # raised in the context of the outer handlers.
    HANDLERS.pop()
    try:
        return signal(non_continuable(payload), False)
    finally:
        HANDLERS.append(handler)


def non_continuable(payload: Any) -> Condition:
    return Condition(
        Symbol("non-continuable"),
        "handler returned from non-continuable raise",
        [payload],
    )


@primitive("raise", "raise-exception")
def raise_(payload: Any, *options: Any) -> Any:
    """Raise PAYLOAD; ``#:continuable? #t`` makes it continuable, as in Guile."""
    continuable = len(options) == 2 and options[1] is not False
    return signal(payload, continuable)


@primitive("raise-continuable")
def raise_continuable(payload: Any) -> Any:
    """Raise PAYLOAD so that a handler's return value becomes this call's value."""
    return signal(payload, True)


@primitive("with-exception-handler")
def with_exception_handler(handler: Any, thunk: Any, *options: Any) -> Any:
    """Call THUNK with HANDLER installed; ``#:unwind? #t`` unwinds first."""
    unwind = len(options) == 2 and options[1] is not False
    depth = len(HANDLERS)
    HANDLERS.append(UNWIND if unwind else handler)
    try:
        return call(thunk)
    except SchemeError as error:
        del HANDLERS[depth:]
        if unwind:
            return call(handler, error.payload)
        # Errors signalled by primitives reach us as Python exceptions: give
        # them to the handler now, after unwinding (our only departure from
        # R7RS, where the handler would run before unwinding).
        result = call(handler, error.payload)
        if error.continuable:
            return result
        raise SchemeError(non_continuable(error.payload)) from None
    finally:
        del HANDLERS[depth:]


@primitive("error")
def error(message: Any = "", *irritants: Any) -> Any:
    """Raise a ``misc-error`` condition with MESSAGE and IRRITANTS."""
    from ..printer import display_string

    who = None
    if isinstance(message, Symbol):
        # (error 'who "message" ...) as SRFI-23 implementations accept.
        who, message = message.name, irritants[0] if irritants else ""
        irritants = irritants[1:]
    text = message if isinstance(message, str) else display_string(message)
    return signal(Condition(Symbol("misc-error"), text, irritants, who), False)


@primitive("throw")
def throw(key: Any, *args: Any) -> Any:
    """Raise the Guile exception KEY with ARGS, for ``catch`` to take."""
    from ..printer import write_string

    message = f"Throw to key `{write_string(key)}'" + (
        " with args " + write_string(make_list(args)) if args else ""
    )
    return signal(Condition(key, message, [], args=make_list(args)), False)


@primitive("scm-error")
def scm_error(key: Any, who: Any, message: str, args: Any, rest: Any) -> Any:
    """Raise a Guile error of KEY with a format MESSAGE and its ARGS."""
    irritants = list_to_python(args) if args is not False else []
    name = who if isinstance(who, str) else None
    return signal(Condition(key, message, irritants, name), False)


def catch_arguments(payload: Any) -> tuple[Any, tuple]:
    """Return (key, args) under which ``catch`` sees the raised PAYLOAD."""
    if isinstance(payload, Condition):
        if payload.args is not None:
            return payload.kind, tuple(payload.args)
        who = payload.who or False
        if payload.kind is Symbol("misc-error") and "~" not in payload.message:
            # Guile's error throws a format string and the message and
            # irritants as its arguments.
            template = "~A" + " ~S" * len(payload.irritants)
            arguments = make_list([payload.message, *payload.irritants])
            return payload.kind, (who, template, arguments, False)
        irritants = make_list(payload.irritants)
        template = payload.message
        if "~" not in template and payload.irritants:
            # As Guile's errors: a format string that the irritants fill, so
            # that (apply format #f message args) shows the whole message.
            template = template.rstrip(":") + ":" + " ~S" * len(payload.irritants)
            return payload.kind, (who, template, irritants, irritants)
        return payload.kind, (who, template, irritants, False)
    return Symbol("%exception"), (payload,)


@primitive("catch")
def catch(key: Any, thunk: Any, handler: Any, pre_unwind: Any = None) -> Any:
    """Call THUNK; if it throws KEY (or anything, when KEY is #t), call HANDLER."""
    depth = len(HANDLERS)
    HANDLERS.append(UNWIND)
    try:
        return call(thunk)
    except SchemeError as error:
        thrown, args = catch_arguments(error.payload)
        if key is not True and key is not thrown:
            raise
        del HANDLERS[depth:]
        return call(handler, thrown, *args)
    finally:
        del HANDLERS[depth:]


@primitive(
    "error?",
    "error-object?",
    "condition?",
    "exception?",
    "exception-with-message?",
    "exception-with-irritants?",
    "message-condition?",
)
def error_p(value: Any) -> bool:
    return isinstance(value, Condition)


@primitive("error-object-message", "condition-message", "exception-message")
def error_object_message(condition: Any) -> Any:
    return condition.message if isinstance(condition, Condition) else ""


@primitive("error-object-irritants", "condition-irritants", "exception-irritants")
def error_object_irritants(condition: Any) -> Any:
    """Return the irritants of CONDITION; #f when it has none, as Guile does."""
    if not isinstance(condition, Condition):
        return NIL
    return make_list(condition.irritants) if condition.irritants else False


@primitive("symbol-prefix-proc")
def symbol_prefix_proc(prefix: Any) -> Any:
    """Return a procedure adding PREFIX to a symbol, for #:renamer."""
    return lambda symbol: Symbol(prefix.name + symbol.name)


@primitive("exception-kind", "condition-kind")
def exception_kind(condition: Any) -> Any:
    return condition.kind if isinstance(condition, Condition) else False


@primitive("exception-args")
def exception_args(condition: Any) -> Any:
    return make_list(catch_arguments(condition)[1])


@primitive("condition/report-string")
def condition_report_string(condition: Any) -> str:
    return condition.report() if isinstance(condition, Condition) else ""


@primitive("error-message")
def error_message(condition: Any) -> str:
    return condition.report() if isinstance(condition, Condition) else ""


@primitive("file-error?")
def file_error_p(value: Any) -> bool:
    return isinstance(value, Condition) and value.kind.name == "system-error"


@primitive("read-error?")
def read_error_p(value: Any) -> bool:
    return isinstance(value, Condition) and value.kind.name == "read-error"


# ---------------------------------------------------------------------------
# Parameters, promises, exit


@primitive("make-parameter")
def make_parameter(value: Any, converter: Any = None) -> Parameter:
    """Return a new parameter holding VALUE, passed through CONVERTER if given."""
    return Parameter(value, converter)


@primitive("parameter?")
def parameter_p(value: Any) -> bool:
    return isinstance(value, Parameter)


@primitive("force")
def force(value: Any) -> Any:
    """Return the value of the promise VALUE (or VALUE itself)."""
    from ..compiler.forms import force as force_promise

    return force_promise(value)


@primitive("make-promise")
def make_promise(value: Any) -> Any:
    """Return a promise of VALUE; Guile's make-promise takes a thunk to compute it."""
    from ..compiler.forms import Promise

    if isinstance(value, Promise):
        return value
    if is_procedure(value):
        return Promise(lambda: call(value))
    return Promise(None, True, value)


@primitive("promise?")
def promise_p(value: Any) -> bool:
    from ..compiler.forms import Promise

    return isinstance(value, Promise)


class SchemeExit(BaseException):
    """Raised by ``exit``: leave the program with STATUS."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@primitive("exit", "primitive-exit", "quit")
def exit_(status: Any = 0) -> Any:
    """Leave the program: #t or no argument means 0, #f means 1."""
    if status is True:
        code = 0
    elif status is False:
        code = 1
    elif isinstance(status, int):
        code = status & 0xFF
    else:
        code = 0
    raise SchemeExit(code)


@primitive("procedure-name")
def procedure_name_(proc: Any) -> Any:
    from ..runtime.procedures import procedure_name

    name = procedure_name(proc)
    return False if name == "anonymous procedure" else Symbol(name)


@primitive("identity")
def identity(value: Any) -> Any:
    return value


@primitive("const")
def const(value: Any) -> Any:
    """Return a procedure of any arguments returning VALUE."""
    return lambda *args: value


@primitive("negate")
def negate(predicate: Any) -> Any:
    return lambda *args: apply_procedure(predicate, args) is False


@primitive("compose")
def compose(*procs: Any) -> Any:
    """Return the composition of PROCS, applied right to left."""

    def composed(*args: Any) -> Any:
        result = as_arguments(apply_procedure(procs[-1], args)) if procs else args
        for proc in reversed(procs[:-1]):
            result = as_arguments(apply_procedure(proc, result))
        return values(*result)

    return composed


@primitive("noop")
def noop(*args: Any) -> Any:
    return UNSPECIFIED


@primitive("thunk?")
def thunk_p(value: Any) -> bool:
    return is_procedure(value)


def pair_or_nil(value: Any) -> bool:
    return isinstance(value, Pair) or value is NIL


# ---------------------------------------------------------------------------
# The program's command line

_COMMAND_LINE: list[str] = ["oscdsl"]


def set_command_line(arguments: list[str]) -> None:
    """Set what ``(command-line)`` returns: the program and its arguments."""
    _COMMAND_LINE[:] = arguments


@primitive("command-line", "program-arguments")
def command_line() -> Any:
    return make_list(_COMMAND_LINE)
