"""Monads as ``(guix monads)`` has them: the identity, state and store monads.

A monad is a :class:`Monad` holding its ``return`` and ``bind`` procedures.  A
value of the state monad (and of ``%store-monad``, which is the same monad) is
a procedure of the state returning two values: its result and the new state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datums import NIL, UNSPECIFIED, Pair, Values, list_to_python, make_list
from ..errors import scheme_error
from ..runtime.procedures import call


class Monad:
    """A monad NAME with RETURN (value -> mvalue) and BIND (mvalue, mproc -> mvalue).

    SEQUENCE, when given, runs a Python list of monadic values in order and
    returns the monadic list of their results without nesting binds, so long
    sequences take no Python stack.
    """

    __slots__ = ("name", "return_", "bind", "sequence")

    def __init__(self, name: str, return_: Callable, bind: Callable, sequence=None):
        self.name = name
        self.return_ = return_
        self.bind = bind
        self.sequence = sequence

    def scheme_repr(self, write: bool) -> str:
        return f"#<monad {self.name}>"

    def __repr__(self) -> str:
        return self.scheme_repr(True)


def check_monad(value: Any, who: str) -> Monad:
    """Return VALUE if it is a monad, else raise a wrong-type error naming WHO."""
    if type(value) is not Monad:
        raise scheme_error("wrong-type-arg", f"{who}: not a monad:", value, who=who)
    return value


# --- the identity monad -------------------------------------------------------


def _identity_bind(mvalue: Any, mproc: Any) -> Any:
    return call(mproc, mvalue)


def _identity_sequence(mvalues: list) -> Any:
    return make_list(mvalues)


IDENTITY_MONAD = Monad(
    "%identity-monad", lambda value: value, _identity_bind, _identity_sequence
)


# --- the state monad ----------------------------------------------------------


def run_state(mvalue: Any, state: Any) -> tuple[Any, Any]:
    """Run the state-monad value MVALUE on STATE; return (value, new state)."""
    result = call(mvalue, state)
    if type(result) is not Values or len(result) != 2:
        raise scheme_error(
            "wrong-type-arg",
            "a state-monad value must return two values (value and state), got",
            result,
        )
    return result[0], result[1]


def state_return(value: Any) -> Callable:
    """Return the state-monad value that yields VALUE and leaves the state alone."""

    def returned(state: Any) -> Values:
        return Values((value, state))

    return returned


def state_bind(mvalue: Any, mproc: Any) -> Callable:
    """Return the state-monad value running MVALUE, then MPROC of its result."""

    def bound(state: Any) -> Values:
        value, state = run_state(mvalue, state)
        return Values(run_state(call(mproc, value), state))

    return bound


def _state_sequence(mvalues: list) -> Callable:
    def sequenced(state: Any) -> Values:
        results = []
        for mvalue in mvalues:
            value, state = run_state(mvalue, state)
            results.append(value)
        return Values((make_list(results), state))

    return sequenced


STATE_MONAD = Monad("%state-monad", state_return, state_bind, _state_sequence)

#: As in Guix, the store monad *is* the state monad, its state the connection.
STORE_MONAD = STATE_MONAD


# --- generic operations -------------------------------------------------------


def bind_all(monad: Monad, mvalue: Any, *mprocs: Any) -> Any:
    """Return MVALUE bound to each of MPROCS in turn (``>>=``, left-associative)."""
    for mproc in mprocs:
        mvalue = monad.bind(mvalue, mproc)
    return mvalue


def sequence(monad: Monad, mvalues: Any) -> Any:
    """Return the monadic value of the list of results of MVALUES, run in order."""
    items = list_to_python(mvalues) if not isinstance(mvalues, list) else mvalues
    if monad.sequence is not None:
        return monad.sequence(items)
    return _generic_sequence(monad, items, [])


def _generic_sequence(monad: Monad, items: list, done: list) -> Any:
    if not items:
        return monad.return_(make_list(done))
    return monad.bind(
        items[0], lambda value: _generic_sequence(monad, items[1:], [*done, value])
    )


def mapm(monad: Monad, mproc: Any, *lists: Any) -> Any:
    """Return the monadic list of MPROC applied to the elements of LISTS, in order."""
    columns = [list_to_python(lst) for lst in lists]
    return sequence(
        monad, [call(mproc, *items) for items in zip(*columns, strict=False)]
    )


def foldm(monad: Monad, mproc: Any, init: Any, *lists: Any) -> Any:
    """Return the monadic left fold of MPROC (elements..., accumulator) over LISTS."""
    columns = [list_to_python(lst) for lst in lists]
    rows = list(zip(*columns, strict=False))

    def step(index: int, accumulator: Any) -> Any:
        if index == len(rows):
            return monad.return_(accumulator)
        mvalue = call(mproc, *rows[index], accumulator)
        return monad.bind(mvalue, lambda value: step(index + 1, value))

    if monad is STATE_MONAD:
        return _state_foldm(mproc, init, rows)
    return step(0, init)


def _state_foldm(mproc: Any, init: Any, rows: list) -> Callable:
    """Return foldm for the state monad as a loop (no stack per element)."""

    def folded(state: Any) -> Values:
        accumulator = init
        for row in rows:
            accumulator, state = run_state(call(mproc, *row, accumulator), state)
        return Values((accumulator, state))

    return folded


def anym(monad: Monad, mproc: Any, lst: Any) -> Any:
    """Return the first true result of MPROC over LST, in MONAD, or #f."""
    items = list_to_python(lst)

    def step(index: int) -> Any:
        if index == len(items):
            return monad.return_(False)
        return monad.bind(
            call(mproc, items[index]),
            lambda value: (
                monad.return_(value) if value is not False else step(index + 1)
            ),
        )

    return step(0)


def lift(arity: int, proc: Any, monad: Monad) -> Callable:
    """Return a procedure of ARITY arguments returning PROC's result in MONAD."""

    def lifted(*args: Any) -> Any:
        if arity >= 0 and len(args) != arity:
            raise scheme_error(
                "wrong-number-of-args",
                f"lifted procedure expects {arity} arguments, got {len(args)}",
            )
        return monad.return_(call(proc, *args))

    lifted.name = getattr(proc, "name", None) or "lifted"
    return lifted


def listm(monad: Monad, *mvalues: Any) -> Any:
    """Return the monadic list of the results of MVALUES."""
    return sequence(monad, list(mvalues))


def monadic_unspecified(monad: Monad) -> Any:
    """Return MONAD's value of the unspecified value (the empty branch of mwhen)."""
    return monad.return_(UNSPECIFIED)


# --- the state, as a value of its own ---------------------------------------------


def current_state() -> Callable:
    """Return the state-monad value whose result is the current state."""
    return lambda state: Values((state, state))


def set_current_state(value: Any) -> Callable:
    """Return the state-monad value that replaces the state by VALUE."""
    return lambda state: Values((state, value))


def state_push(value: Any) -> Callable:
    """Return the state-monad value pushing VALUE on the state (a list)."""
    return lambda state: Values((state, Pair(value, state)))


def state_pop() -> Callable:
    """Return the state-monad value popping the state's first element (a list)."""

    def pop(state: Any) -> Values:
        if type(state) is not Pair:
            raise scheme_error("wrong-type-arg", "state-pop: the state is empty", state)
        return Values((state.car, state.cdr))

    return pop


def run_with_state(mvalue: Any, state: Any = NIL) -> Values:
    """Run MVALUE with the initial STATE; return its value and the final state."""
    return Values(run_state(mvalue, state))
