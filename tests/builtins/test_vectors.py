"""Vector primitives, checked against GNU Guile 3.0.8."""

import pytest
from oscdsl.builtins import vectors  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import NIL, UNSPECIFIED, Pair, Symbol, make_list
from oscdsl.errors import SchemeError

P = TABLES[ROOT]


def L(*items):
    return make_list(items)


def kind_of(error: pytest.ExceptionInfo) -> str:
    return error.value.payload.kind.name


def test_vector_and_make_vector():
    assert P["vector"](1, 2) == [1, 2]
    assert P["vector"]() == []
    assert P["make-vector"](3) == [UNSPECIFIED] * 3
    assert P["make-vector"](2, Symbol("a")) == [Symbol("a")] * 2
    with pytest.raises(SchemeError):
        P["make-vector"](-1)


def test_vector_ref_errors_distinguish_type_and_range():
    assert P["vector-ref"]([1, 2], 1) == 2
    for index in (2, -1):
        with pytest.raises(SchemeError) as error:
            P["vector-ref"]([1, 2], index)
        assert kind_of(error) == "out-of-range"
    with pytest.raises(SchemeError) as error:
        P["vector-ref"]([1, 2], 1.0)
    assert kind_of(error) == "wrong-type-arg"
    with pytest.raises(SchemeError) as error:
        P["vector-ref"](L(1), 0)
    assert str(error.value).startswith("vector-ref: Wrong type argument in position 1")


def test_vector_set_and_length():
    vector = [1, 2]
    assert P["vector-set!"](vector, 0, Symbol("x")) is UNSPECIFIED
    assert vector == [Symbol("x"), 2]
    assert P["vector-length"](vector) == 2
    with pytest.raises(SchemeError):
        P["vector-length"](5)
    with pytest.raises(SchemeError):
        P["vector-set!"](vector, 2, 0)


def test_vector_to_list_with_range():
    assert P["vector->list"]([1, 2, 3]) == L(1, 2, 3)
    assert P["vector->list"]([1, 2, 3], 1) == L(2, 3)
    assert P["vector->list"]([1, 2, 3], 1, 2) == L(2)
    assert P["vector->list"]([]) is NIL
    with pytest.raises(SchemeError):
        P["vector->list"]([1, 2, 3], 2, 1)


def test_list_to_vector_requires_a_proper_list():
    assert P["list->vector"](L(1, 2)) == [1, 2]
    with pytest.raises(SchemeError):
        P["list->vector"](Pair(1, Pair(2, 3)))


def test_vector_fill_with_range():
    vector = [1, 2, 3, 4]
    P["vector-fill!"](vector, Symbol("z"), 1, 3)
    assert vector == [1, Symbol("z"), Symbol("z"), 4]
    P["vector-fill!"](vector, 0)
    assert vector == [0, 0, 0, 0]


def test_vector_copy_subvector_append():
    original = [1, 2, 3]
    copy = P["vector-copy"](original)
    assert copy == original and copy is not original
    assert P["vector-copy"](original, 1) == [2, 3]
    assert P["vector-copy"](original, 1, 2) == [2]
    assert P["subvector"](original, 1, 2) == [2]
    assert P["vector-append"]([1], [2, 3]) == [1, 2, 3]
    with pytest.raises(SchemeError) as error:
        P["vector-copy"](original, 1, 5)
    assert kind_of(error) == "out-of-range"


def test_vector_copy_bang_r7rs():
    target = [0, 0, 0]
    P["vector-copy!"](target, 1, [Symbol("a"), Symbol("b")])
    assert target == [0, Symbol("a"), Symbol("b")]
    with pytest.raises(SchemeError):
        P["vector-copy!"](target, 2, [1, 2])


def test_vector_map_and_for_each_are_r7rs():
    assert P["vector-map"](lambda x: x * x, [1, 2, 3]) == [1, 4, 9]
    assert P["vector-map"](lambda x, y: x + y, [1, 2, 3], [10, 20]) == [11, 22]
    seen = []
    assert P["vector-for-each"](seen.append, [1, 2, 3]) is UNSPECIFIED
    assert seen == [1, 2, 3]


def test_vector_grow_index_count_binary_search():
    assert P["vector-grow"]([1, 2], 4) == [1, 2, UNSPECIFIED, UNSPECIFIED]
    assert P["vector-index"](lambda x: x % 2 == 0, [1, 3, 4]) == 2
    assert P["vector-index"](lambda x: False, [1]) is False
    assert P["vector-count"](lambda x: x % 2 == 0, [1, 2, 4]) == 2
    assert P["vector-binary-search"]([1, 3, 5], 3, lambda x, y: x - y) == 1
    assert P["vector-binary-search"]([1, 3, 5], 4, lambda x, y: x - y) is False
