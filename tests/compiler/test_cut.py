"""SRFI-26 cut and cute."""

import oscdsl.compiler.cut  # noqa: F401  (registers the forms until start-up does)
from oscdsl.api import Interpreter, to_python


def run(text: str):
    """Return the Python value of the last form of TEXT, after (srfi srfi-26)."""
    return to_python(Interpreter().eval_string("(use-modules (srfi srfi-26))\n" + text))


def test_slots_take_arguments_in_order():
    assert run("(map (cut list 'a <> 'c <>) '(1 2) '(3 4))") == [
        ["a", 1, "c", 3],
        ["a", 2, "c", 4],
    ]


def test_rest_slot_takes_remaining_arguments():
    assert run("((cut list <> 'mid <...>) 'first 'x 'y)") == ["first", "mid", "x", "y"]


def test_operator_may_be_a_slot():
    assert run("((cut <> 2 3) +)") == 5


def test_no_slots_makes_a_thunk():
    assert run("((cut * 2 3))") == 6


def test_cut_evaluates_arguments_at_each_call_and_cute_once():
    program = """
      (define counter 0)
      (define (next!) (set! counter (+ counter 1)) counter)
      (define with-cut (cut list (next!) <>))
      (define with-cute (cute list (next!) <>))
      (list (with-cut 'a) (with-cut 'b) (with-cute 'a) (with-cute 'b) counter)"""
    assert run(program) == [[2, "a"], [3, "b"], [1, "a"], [1, "b"], 3]


def test_slot_names_do_not_capture_user_variables():
    assert run("(define x 10) (map (cut + x <>) '(1 2))") == [11, 12]
