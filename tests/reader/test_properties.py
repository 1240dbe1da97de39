"""Properties: what is written reads back equal, and no text makes the reader crash."""

import math
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscdsl.datums import Char, Keyword, Symbol, equal, make_list
from oscdsl.errors import ReadError
from oscdsl.printer import write_string
from oscdsl.reader import read_all, read_one

# Characters that make up symbols; surrogates cannot be in str.
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)

atoms = st.one_of(
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.fractions().filter(lambda f: f.denominator != 1),
    st.floats(allow_nan=False),
    unicode_text,
    unicode_text.map(Symbol),
    st.text(string.ascii_letters + "-?!*<>=/+", min_size=1, max_size=10).map(Symbol),
    st.text(string.ascii_lowercase + "-", min_size=1, max_size=8).map(Keyword),
    st.characters(exclude_categories=("Cs",)).map(Char),
    st.binary(max_size=6).map(bytearray),
)


def datums(leaves=atoms):
    """Return a strategy of nested lists, dotted lists and vectors over LEAVES."""
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5).map(make_list),
            st.tuples(st.lists(inner, min_size=1, max_size=4), inner).map(
                lambda parts: make_list(parts[0], parts[1])
            ),
            st.lists(inner, max_size=4),
        ),
        max_leaves=25,
    )


def same(a, b):
    """Return whether A and B are equal? with -0.0 and 0.0 told apart."""
    if type(a) is float and type(b) is float:
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return equal(a, b)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(datums())
def test_written_datums_read_back_equal(value):
    text = write_string(value)
    assert same(read_one(text), value), text


@given(st.floats(allow_nan=False))
def test_floats_round_trip_exactly(value):
    back = read_one(write_string(value))
    assert back == value and math.copysign(1, back) == math.copysign(1, value)


@settings(max_examples=500)
@given(st.text(max_size=60))
def test_arbitrary_text_raises_nothing_but_read_error(text):
    try:
        read_all(text)
    except ReadError:
        pass


scheme_alphabet = st.sampled_from(
    list("()[]#\\\"';`,@.|:~$+-{}!;xXeE01 \n\tabλ") + ["#|", "|#", "#;", "#\\", "#vu8("]
)


@settings(max_examples=500)
@given(st.lists(scheme_alphabet, max_size=40).map("".join))
def test_scheme_looking_text_raises_nothing_but_read_error(text):
    try:
        read_all(text)
    except ReadError:
        pass


VALID_PROGRAM = r"""#!/usr/bin/env oscdsl
!#
(define-module (demo) #:use-module (gnu))
#| a block #| nested |# comment |#
(operating-system
  (host-name "demo\x41;\n") ; trailing
  (services (list #~(begin #$foo #$@bar #+baz) `(a ,b ,@c) #;(skipped)))
  (numbers '(1 -2 3/4 .5 1e3 #x1F #e1.5 +inf.0 #\a #\space #:key |a b|
             [x] #(1) #vu8(1)))
  (pair '(a . b)))
"""


@settings(max_examples=500)
@given(st.data())
def test_mutated_valid_program_raises_nothing_but_read_error(data):
    text = VALID_PROGRAM
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = data.draw(scheme_alphabet)
        if action == "delete":
            text = text[:position] + text[position + 1 :]
        elif action == "insert":
            text = text[:position] + piece + text[position:]
        else:
            text = text[:position] + piece + text[position + 1 :]
    try:
        read_all(text, "mutant.scm")
    except ReadError as error:
        assert error.loc is not None
        error.render(text)
