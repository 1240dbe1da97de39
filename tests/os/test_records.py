"""define-record-type*: named fields, defaults, inherit, thunked, delayed,
innate, sanitize, and the errors of the constructor form."""

from __future__ import annotations

import pytest
from oscdsl.errors import SchemeError

THING = """
(use-modules (guix records))
(define counter 0)
(define-record-type* <thing> thing make-thing thing? this-thing
  (name thing-name)
  (size thing-size (default 3))
  (label thing-label (thunked)
         (default (string-append (thing-name this-thing) "!")))
  (stamp thing-stamp (thunked)
         (default (begin (set! counter (+ counter 1)) counter)))
  (late thing-late (delayed)
        (default (begin (set! counter (+ counter 100)) counter)))
  (where thing-where (innate) (default (%current-construction-location)))
  (tags thing-tags (default '())
        (sanitize (lambda (x) (if (list? x) x (list x))))))
"""


@pytest.fixture
def things(gnu):
    gnu.eval(THING)
    return gnu


def test_defaults_apply_when_a_field_is_omitted(things):
    assert things.py('(thing-size (thing (name "a")))') == 3


def test_thunked_default_sees_the_record_through_this_identifier(things):
    assert things.py('(thing-label (thing (name "a")))') == "a!"


def test_thunked_field_is_recomputed_on_each_access(things):
    things.eval('(define t (thing (name "a")))')
    assert things.py("(list (thing-stamp t) (thing-stamp t))") == [1, 2]


def test_delayed_field_is_computed_once_on_first_access(things):
    things.eval('(define t (thing (name "a")))')
    assert things.py("counter") == 0
    assert things.py("(list (thing-late t) (thing-late t))") == [100, 100]


def test_inherit_reevaluates_thunked_fields_against_the_new_record(things):
    things.eval('(define a (thing (name "a")))')
    things.eval('(define b (thing (inherit a) (name "b")))')
    assert things.py("(thing-label b)") == "b!"
    assert things.py("(thing-size b)") == 3


def test_overriding_thunked_field_sees_the_inherited_value_by_its_name(things):
    things.eval('(define a (thing (name "a")))')
    things.eval('(define b (thing (inherit a) (label (string-append label "?"))))')
    assert things.py("(thing-label b)") == "a!?"


def test_this_record_is_bound_in_a_users_thunked_field(things):
    things.eval('(define a (thing (name "x") (label (thing-name this-record))))')
    assert things.py("(thing-label a)") == "x"


def test_innate_field_is_not_inherited(things):
    things.eval('(define a (thing (name "a")))\n(define b (thing (inherit a)))')
    first = things.eval("(thing-where a)")
    second = things.eval("(thing-where b)")
    assert first.loc.line != second.loc.line


def test_sanitize_applies_to_given_values_and_defaults(things):
    assert things.py('(thing-tags (thing (name "a") (tags \'x)))') == ["x"]
    assert things.py('(thing-tags (thing (name "a")))') == []


def test_field_initializers_see_earlier_fields(things):
    assert (
        things.py('(thing-size (thing (name "abcd") (size (string-length name))))') == 4
    )


def test_match_record_binds_fields(things):
    text = '(match-record (thing (name "a")) <thing> (name (size s)) (list name s))'
    assert things.py(text) == ["a", 3]


def error_of(gnu, text: str) -> SchemeError:
    with pytest.raises(SchemeError) as info:
        gnu.eval(text)
    return info.value


def test_missing_field_error_names_the_field(things):
    error = error_of(things, "(thing (size 1))")
    assert "missing field initializers (name)" in str(error)


def test_unknown_field_error_points_at_the_field_and_suggests(things):
    error = error_of(things, '(thing (name "a")\n       (sise 2))')
    assert "unknown field 'sise'" in str(error)
    assert error.payload.loc.line == 2
    assert "size" in (error.payload.hint or "")


def test_duplicate_field_is_an_error(things):
    assert "duplicate field initializer 'name'" in str(
        error_of(things, '(thing (name "a") (name "b"))')
    )


def test_define_inside_a_record_body_is_a_clear_error(gnu):
    error = error_of(gnu, '(operating-system (host-name "x") (define y 1))')
    assert "definition in a record body" in str(error)
    assert "move the definition" in error.payload.hint


def test_this_record_outside_a_thunked_field_is_an_error(things):
    assert "outside of a thunked" in str(error_of(things, "(this-record)"))


def test_record_prints_as_its_constructor_form(things):
    from oscdsl.printer import write_string

    assert write_string(things.eval('(thing (name "a") (size 2))')) == (
        '(thing (name "a") (size 2))'
    )
