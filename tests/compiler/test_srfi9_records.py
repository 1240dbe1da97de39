"""SRFI-9 define-record-type."""

import pytest
from oscdsl.api import Interpreter, to_python
from oscdsl.errors import SchemeError
from oscdsl.printer import write_string

POINT = """
(use-modules (srfi srfi-9))
(define-record-type <point>
  (make-point x y)
  point?
  (x point-x set-point-x!)
  (y point-y))
"""


def run(text: str):
    """Return the value of the last form of TEXT, evaluated after POINT."""
    return Interpreter().eval_string(POINT + text)


def test_constructor_predicate_accessors_and_modifier():
    program = """
      (define p (make-point 3 4))
      (set-point-x! p 10)
      (list (point? p) (point-x p) (point-y p) (point? 5) (point? '(3 4)))"""
    assert to_python(run(program)) == [True, 10, 4, False, False]


def test_fields_outside_the_constructor_start_false():
    program = """
      (define-record-type <account> (make-account name) account?
        (name account-name) (balance account-balance set-account-balance!))
      (define a (make-account "alice"))
      (define before (account-balance a))
      (set-account-balance! a 100)
      (list before (account-balance a))"""
    assert to_python(run(program)) == [False, 100]


def test_records_print_as_guile_prints_them():
    assert write_string(run('(make-point 1 "a")')) == '#<<point> x: 1 y: "a">'
    assert write_string(run("<point>")) == "#<record-type <point>>"
    assert write_string(run("point-x")) == "#<procedure point-x>"


def test_equal_compares_fields_of_same_type():
    program = """
      (define-record-type <other> (make-other x y) other? (x other-x) (y other-y))
      (list (equal? (make-point 1 2) (make-point 1 2))
            (equal? (make-point 1 2) (make-point 1 3))
            (equal? (make-point 1 2) (make-other 1 2))
            (eqv? (make-point 1 2) (make-point 1 2)))"""
    assert to_python(run(program)) == [True, False, False, False]


def test_accessor_on_wrong_object_names_accessor_and_value():
    with pytest.raises(SchemeError) as raised:
        run("(point-x 5)")
    assert raised.value.message == "point-x: Wrong type argument: 5"
    assert raised.value.loc.line == 8


def test_modifier_on_record_of_other_type_fails():
    program = """
      (define-record-type <other> (make-other) other?)
      (set-point-x! (make-other) 1)"""
    with pytest.raises(SchemeError, match="set-point-x!: Wrong type argument"):
        run(program)


def test_constructor_arity_is_checked():
    with pytest.raises(SchemeError, match="Wrong number of arguments to make-point"):
        run("(make-point 1)")


def test_unknown_constructor_field_is_a_syntax_error():
    with pytest.raises(SchemeError, match="unknown field in constructor spec"):
        run("(define-record-type <b> (make-b z) b? (x b-x))")


def test_record_type_in_a_body_is_local_and_generative():
    program = """
      (define (make)
        (define-record-type <box> (box v) box? (v unbox))
        (list box box? unbox))
      (let ((first (make)) (second (make)))
        (list ((cadr first) ((car first) 1))
              ((cadr second) ((car first) 1))
              ((caddr first) ((car first) 42))))"""
    assert to_python(run(program)) == [True, False, 42]


def test_record_introspection():
    program = """
      (define p (make-point 1 2))
      (list (record? p) (record? 5)
            (eq? (record-type-descriptor p) <point>)
            (record-type-name <point>)
            (record-type-fields <point>))"""
    assert to_python(run(program)) == [True, False, True, "<point>", ["x", "y"]]
