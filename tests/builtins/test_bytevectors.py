"""Bytevector primitives of (rnrs bytevectors) and R7RS, checked against Guile 3.0.8."""

import pytest
from oscdsl.builtins import bytevectors  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import UNSPECIFIED, make_list
from oscdsl.errors import SchemeError

P = TABLES[ROOT]


def kind_of(error: pytest.ExceptionInfo) -> str:
    return error.value.payload.kind.name


def test_make_bytevector_fill_accepts_signed_bytes():
    assert P["make-bytevector"](3) == bytearray(3)
    assert P["make-bytevector"](3, 255) == bytearray([255] * 3)
    assert P["make-bytevector"](3, -1) == bytearray([255] * 3)
    with pytest.raises(SchemeError) as error:
        P["make-bytevector"](3, 256)
    assert kind_of(error) == "out-of-range"


def test_bytevector_constructor_and_predicate():
    assert P["bytevector"](1, 2, 3) == bytearray([1, 2, 3])
    assert P["bytevector?"](bytearray()) is True
    assert P["bytevector?"]([1]) is False
    with pytest.raises(SchemeError):
        P["bytevector"](300)


def test_u8_ref_and_set_check_range():
    bv = bytearray([1, 2])
    assert P["bytevector-u8-ref"](bv, 1) == 2
    assert P["bytevector-s8-ref"](bytearray([255]), 0) == -1
    with pytest.raises(SchemeError) as error:
        P["bytevector-u8-ref"](bv, 2)
    assert kind_of(error) == "out-of-range"
    assert P["bytevector-u8-set!"](bv, 0, 7) is UNSPECIFIED
    assert bv == bytearray([7, 2])
    with pytest.raises(SchemeError) as error:
        P["bytevector-u8-set!"](bv, 0, 300)
    assert kind_of(error) == "out-of-range"
    with pytest.raises(SchemeError) as error:
        P["bytevector-u8-ref"]([1], 0)
    assert kind_of(error) == "wrong-type-arg"


def test_length_copy_append_equal():
    assert P["bytevector-length"](bytearray([1, 2])) == 2
    original = bytearray([1, 2, 3])
    copy = P["bytevector-copy"](original)
    assert copy == original and copy is not original
    assert P["bytevector-copy"](original, 1) == bytearray([2, 3])
    assert P["bytevector-copy"](original, 1, 2) == bytearray([2])
    assert P["bytevector-append"](bytearray([1]), bytearray([2, 3])) == original
    assert P["bytevector=?"](bytearray([1, 2]), bytearray([1, 2])) is True
    assert P["bytevector=?"](bytearray([1, 2]), bytearray([1])) is False


def test_bytevector_copy_bang_r6rs_and_r7rs_forms():
    target = bytearray(5)
    P["bytevector-copy!"](bytearray([1, 2, 3]), 0, target, 1, 3)
    assert target == bytearray([0, 1, 2, 3, 0])
    target = bytearray(5)
    P["bytevector-copy!"](target, 1, bytearray([1, 2, 3]))
    assert target == bytearray([0, 1, 2, 3, 0])
    target = bytearray(3)
    P["bytevector-copy!"](target, 0, bytearray([1, 2, 3]), 1)
    assert target == bytearray([2, 3, 0])
    with pytest.raises(SchemeError):
        P["bytevector-copy!"](bytearray(1), 0, bytearray([1, 2]))


def test_u8_list_conversions():
    assert P["u8-list->bytevector"](make_list([1, 2])) == bytearray([1, 2])
    assert P["bytevector->u8-list"](bytearray([1, 2])) == make_list([1, 2])
    with pytest.raises(SchemeError):
        P["u8-list->bytevector"](make_list([1, 2, 300]))


def test_bytevector_fill():
    bv = bytearray(3)
    P["bytevector-fill!"](bv, 7)
    assert bv == bytearray([7, 7, 7])
    P["bytevector-fill!"](bv, -1, 1, 2)
    assert bv == bytearray([7, 255, 7])
