"""Procedures at run time: closures, tail calls, and applying any procedure.

A compiled node is a Python function of one argument, the frame: a list whose
slot 0 is the enclosing frame and whose other slots hold the variables of one
lambda.  A call in tail position returns a :class:`TailCall` instead of
calling; :func:`apply_procedure` bounces on those, so tail calls take no stack.
"""

from __future__ import annotations

from typing import Any

from ..datums import DEFAULT, NIL, Pair, Symbol, Values
from ..errors import SchemeError, scheme_error


class TailCall:
    """A call left for the caller's trampoline: apply PROC to ARGS."""

    __slots__ = ("proc", "args")

    def __init__(self, proc: Any, args: list | tuple) -> None:
        self.proc = proc
        self.args = args


class Unbound:
    """The content of a variable slot before its definition has run."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "#<unbound>"


UNBOUND = Unbound()


class Closure:
    """A procedure made by ``lambda``.

    NREQ required arguments fill slots 1..NREQ; with REST, slot NREQ+1 gets the
    list of the others.  NLOCALS more slots hold the lambda's ``let`` variables
    and internal definitions.  BODY is the compiled body; ENV the frame the
    lambda was evaluated in.
    """

    __slots__ = ("nreq", "rest", "pad", "body", "env", "name", "loc", "properties")

    def __init__(self, nreq, rest, nlocals, body, env, name=None, loc=None):
        self.nreq = nreq
        self.rest = rest
        self.pad = (UNBOUND,) * nlocals
        self.body = body
        self.env = env
        self.name = name
        self.loc = loc
        self.properties = None

    def make_frame(self, args: list | tuple) -> list:
        """Return the frame binding ARGS to this closure's parameters."""
        nreq = self.nreq
        if not self.rest:
            if len(args) != nreq:
                raise arity_error(self, len(args))
            return [self.env, *args, *self.pad]
        if len(args) < nreq:
            raise arity_error(self, len(args))
        rest = NIL
        for value in reversed(args[nreq:]):
            rest = Pair(value, rest)
        return [self.env, *args[:nreq], rest, *self.pad]

    def __call__(self, *args: Any) -> Any:
        return apply_procedure(self, args)

    def scheme_repr(self, write: bool) -> str:
        return f"#<procedure {procedure_name(self)}>"

    def __repr__(self) -> str:
        return self.scheme_repr(True)


def procedure_name(proc: Any) -> str:
    """Return the name under which PROC should appear in messages and stacks."""
    name = getattr(proc, "name", None) or getattr(proc, "scheme_name", None)
    if isinstance(name, Symbol):
        return name.name
    if isinstance(name, str):
        return name
    return "anonymous procedure"


def arity_error(proc: Any, given: int) -> SchemeError:
    """Return the error for calling PROC with GIVEN arguments."""
    return scheme_error(
        "wrong-number-of-args",
        f"Wrong number of arguments to {procedure_name(proc)} (got {given})",
    )


def is_procedure(value: Any) -> bool:
    """Return whether VALUE can be applied as a Scheme procedure."""
    return callable(value) and not isinstance(value, type) or isinstance(value, Closure)


def apply_procedure(proc: Any, args: list | tuple) -> Any:
    """Apply PROC to ARGS and return its value, running tail calls to the end."""
    while True:
        if type(proc) is Closure:
            if proc.rest is False and proc.nreq == len(args):
                result = proc.body([proc.env, *args, *proc.pad])
            else:
                result = proc.body(proc.make_frame(args))
        elif isinstance(proc, Closure):
            result = proc.body(proc.make_frame(args))
        elif callable(proc) and not isinstance(proc, type):
            try:
                result = proc(*args)
            except TypeError as error:
                raise python_error(proc, error, args) from None
        else:
            raise scheme_error("wrong-type-arg", "Wrong type to apply:", proc)
        if type(result) is TailCall:
            proc, args = result.proc, result.args
            continue
        return result


def call(proc: Any, *args: Any) -> Any:
    """Call the Scheme procedure PROC with ARGS; for use by primitives."""
    return apply_procedure(proc, args)


def single_value(value: Any) -> Any:
    """Return VALUE, or the first of several values (Guile does so too)."""
    if type(value) is Values:
        return value[0] if value else DEFAULT
    return value


def python_error(proc: Any, error: BaseException, args: Any = None) -> SchemeError:
    """Turn a Python exception escaping the primitive PROC into a Scheme condition."""
    name = procedure_name(proc)
    if not callable(proc):
        return scheme_error("wrong-type-arg", "Wrong type to apply:", proc)
    if isinstance(error, MemoryError):
        return scheme_error("out-of-range", "Not enough memory for this", who=name)
    if isinstance(error, TypeError) and _is_arity_mismatch(error):
        return arity_error(proc, len(args) if args is not None else -1)
    if isinstance(error, ZeroDivisionError):
        return scheme_error("numerical-overflow", "Numerical overflow", who=name)
    if isinstance(error, RecursionError):
        return scheme_error("stack-overflow", "Stack overflow", who=name)
    text = str(error) or type(error).__name__
    return scheme_error("wrong-type-arg", text, who=name)


def _is_arity_mismatch(error: TypeError) -> bool:
    text = str(error)
    return (
        "positional argument" in text
        or "takes no arguments" in text
        or ("missing" in text and "required" in text)
    )
