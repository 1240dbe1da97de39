"""Fuzzing: no program, however malformed, makes the evaluator raise a Python error.

Every failure must be an OscdslError (rendered for the user), never a bare
TypeError or AttributeError escaping from our implementation.
"""

from __future__ import annotations

import signal
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscdsl.api import Interpreter
from oscdsl.builtins.control import SchemeExit
from oscdsl.compiler.core import run_toplevel
from oscdsl.errors import OscdslError
from oscdsl.printer import write_string
from oscdsl.reader import read_all

# Names worth combining: syntax and side-effect-free procedures.  Procedures
# that touch the file system, the environment or the process are left out.
NAMES = (
    "if cond case and or when unless begin let let* letrec named-lambda lambda "
    "lambda* define define* set! quote quasiquote unquote unquote-splicing do "
    "delay force let-values receive define-values parameterize guard "
    "case-lambda define-syntax syntax-rules let-syntax define-record-type "
    "match match-lambda cut else => ... _ "
    "car cdr cons list append reverse length map for-each fold filter apply "
    "vector vector-ref make-vector string-append substring string-ref "
    "number->string string->number + - * / < = quotient modulo expt sqrt "
    "error raise raise-continuable with-exception-handler call/cc dynamic-wind "
    "values call-with-values make-parameter hash-set! make-hash-table hash-ref "
    "format assoc assq list-ref list-tail iota sort string-split string-join "
    "symbol->string string->symbol char->integer exact->inexact x y z"
).split()

atoms = st.one_of(
    st.sampled_from(NAMES).map(lambda name: name),
    st.integers(-5, 5).map(str),
    st.sampled_from(['"s"', "#\\a", "#t", "#f", "1/2", "1.5", "#:k", "'()", "#(1 2)"]),
)


def forms(children):
    return st.lists(children, max_size=5).map(lambda items: "(" + " ".join(items) + ")")


programs = st.recursive(atoms, forms, max_leaves=25)


class Timeout(Exception):
    """The program ran too long (it may loop); not a failure."""


def on_alarm(signum, frame):
    raise Timeout


INTERPRETER = Interpreter()


@pytest.fixture(autouse=True)
def deep_enough():
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    yield
    sys.setrecursionlimit(previous)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(programs, min_size=1, max_size=3))
def test_no_program_raises_a_python_error(texts: list[str]) -> None:
    text = "\n".join(texts)
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        for form in read_all(text, "fuzz.scm"):
            value = run_toplevel(form, INTERPRETER.system.current)
            write_string(value)
    except (OscdslError, SchemeExit, Timeout):
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
