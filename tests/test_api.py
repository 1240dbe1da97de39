"""The Python API: evaluate, read, and converting values both ways."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import oscdsl
from oscdsl.datums import NIL, Keyword, Pair, Symbol


def test_evaluate_text_and_file(tmp_path: Path) -> None:
    assert oscdsl.evaluate("(+ 1 2)") == 3
    config = tmp_path / "c.scm"
    config.write_text("(define x 20)\n(+ x 1)\n")
    assert oscdsl.evaluate(config) == 21


def test_interpreter_keeps_definitions_between_calls() -> None:
    interpreter = oscdsl.Interpreter()
    interpreter.eval_string("(define (square x) (* x x))")
    assert interpreter.eval_string("(square 12)") == 144
    assert interpreter.lookup("square")(3) == 9


def test_read_returns_datums() -> None:
    (datum,) = oscdsl.read('(a #:b 1/2 "s")')
    assert isinstance(datum, Pair)
    assert list(datum) == [Symbol("a"), Keyword("b"), Fraction(1, 2), "s"]


def test_to_python_and_back() -> None:
    value = oscdsl.evaluate('\'(1 "a" #(b) (c . d) ())')
    assert oscdsl.to_python(value) == [1, "a", ["b"], ("c", "d"), []]
    assert oscdsl.to_python(oscdsl.from_python([1, [2, 3]])) == [1, [2, 3]]
    assert oscdsl.from_python({"k": 1}).car.car == "k"
    assert oscdsl.from_python([]) is NIL


def test_python_callables_are_procedures() -> None:
    interpreter = oscdsl.Interpreter()
    interpreter.system.user.define(Symbol("py-add"), lambda a, b: a + b)
    assert interpreter.eval_string(
        "(map py-add '(1 2) '(10 20))"
    ) == oscdsl.from_python([11, 22])
