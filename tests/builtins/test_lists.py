"""Pairs, lists, SRFI-1, association lists and sorting, checked against Guile 3.0.8."""

import pytest
from oscdsl.builtins import lists  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import NIL, UNSPECIFIED, Pair, Symbol, Values, make_list
from oscdsl.errors import SchemeError

P = TABLES[ROOT]
a, b, c, d, e, f = (Symbol(name) for name in "abcdef")


def L(*items):
    return make_list(items)


def kind_of(error: pytest.ExceptionInfo) -> str:
    return error.value.payload.kind.name


def circular(*items):
    lst = L(*items)
    P["last-pair"](lst).cdr = lst
    return lst


# ---------------------------------------------------------------------------
# Pairs


def test_car_and_cdr_of_a_pair():
    assert P["car"](Pair(1, 2)) == 1
    assert P["cdr"](Pair(1, 2)) == 2


def test_car_of_non_pair_is_a_wrong_type_error_naming_car():
    with pytest.raises(SchemeError) as error:
        P["car"](5)
    assert kind_of(error) == "wrong-type-arg"
    assert (
        str(error.value) == "car: Wrong type argument in position 1 (expecting pair): 5"
    )
    with pytest.raises(SchemeError):
        P["cdr"](NIL)


def test_set_car_and_set_cdr_mutate():
    pair = Pair(1, 2)
    assert P["set-car!"](pair, 3) is UNSPECIFIED
    P["set-cdr!"](pair, 4)
    assert (pair.car, pair.cdr) == (3, 4)
    with pytest.raises(SchemeError):
        P["set-car!"](L, 1)


def test_composed_accessors():
    lst = L(L(1, 2), 3, 4, 5)
    assert P["caar"](lst) == 1
    assert P["cadr"](lst) == 3
    assert P["cdar"](lst) == L(2)
    assert P["cddr"](lst) == L(4, 5)
    assert P["caddr"](lst) == 4
    assert P["cdddr"](lst) == L(5)
    assert P["cadar"](lst) == 2
    assert P["cadddr"](lst) == 5


def test_cadr_of_short_list_is_an_error():
    with pytest.raises(SchemeError) as error:
        P["cadr"](L(1))
    assert kind_of(error) == "wrong-type-arg"
    with pytest.raises(SchemeError):
        P["caddr"](L(1, 2))


def test_cons_star_and_xcons_and_car_cdr():
    assert P["cons*"](1) == 1
    assert P["cons*"](1, 2, L(3)) == L(1, 2, 3)
    assert P["cons*"](1, 2) == Pair(1, 2)
    assert P["xcons"](1, 2) == Pair(2, 1)
    assert P["car+cdr"](Pair(1, 2)) == Values((1, 2))


# ---------------------------------------------------------------------------
# Constructors and lengths


def test_list_and_make_list_default_fill_is_empty_list():
    assert P["list"](1, 2) == L(1, 2)
    assert P["list"]() is NIL
    assert P["make-list"](3) == L(NIL, NIL, NIL)
    assert P["make-list"](2, a) == L(a, a)


def test_iota_forms():
    assert P["iota"](5) == L(0, 1, 2, 3, 4)
    assert P["iota"](5, 1) == L(1, 2, 3, 4, 5)
    assert P["iota"](5, 0, -1) == L(0, -1, -2, -3, -4)
    assert P["iota"](3, 0.5, 2) == L(0.5, 2.5, 4.5)
    assert P["iota"](0) is NIL
    with pytest.raises(SchemeError):
        P["iota"](-1)


def test_list_tabulate():
    assert P["list-tabulate"](4, lambda i: i * i) == L(0, 1, 4, 9)


def test_length_of_improper_list_is_an_error():
    assert P["length"](NIL) == 0
    assert P["length"](L(1, 2, 3)) == 3
    for bad in (Pair(1, Pair(2, 3)), 5, circular(1, 2)):
        with pytest.raises(SchemeError) as error:
            P["length"](bad)
        assert kind_of(error) == "wrong-type-arg"


def test_length_plus_and_list_shapes():
    assert P["length+"](L(1, 2)) == 2
    assert P["length+"](circular(1, 2)) is False
    with pytest.raises(SchemeError):
        P["length+"](Pair(1, 2))
    assert P["list?"](Pair(1, 2)) is False
    assert P["proper-list?"](L(1)) is True
    assert P["dotted-list?"](Pair(1, 2)) is True
    assert P["dotted-list?"](5) is True
    assert P["dotted-list?"](NIL) is False
    assert P["circular-list?"](L(1)) is False
    assert P["circular-list?"](circular(1)) is True
    assert P["null-list?"](NIL) is True
    assert P["null-list?"](L(1)) is False
    with pytest.raises(SchemeError):
        P["null-list?"](5)


# ---------------------------------------------------------------------------
# Selectors


def test_first_to_tenth():
    ten = L(*range(1, 11))
    names = "first second third fourth fifth sixth seventh eighth ninth tenth"
    for index, name in enumerate(names.split()):
        assert P[name](ten) == index + 1
    with pytest.raises(SchemeError):
        P["ninth"](L(1, 2))
    with pytest.raises(SchemeError):
        P["first"](NIL)


def test_list_ref_and_list_tail_errors():
    assert P["list-ref"](L(1, 2, 3), 2) == 3
    with pytest.raises(SchemeError) as error:
        P["list-ref"](L(1, 2, 3), 3)
    assert kind_of(error) == "out-of-range"
    with pytest.raises(SchemeError) as error:
        P["list-ref"](L(1, 2), -1)
    assert kind_of(error) == "out-of-range"
    assert P["list-tail"](Pair(1, Pair(2, 3)), 2) == 3
    with pytest.raises(SchemeError) as error:
        P["list-tail"](L(1, 2, 3), 4)
    assert kind_of(error) == "wrong-type-arg"
    with pytest.raises(SchemeError) as error:
        P["take"](L(1, 2), 1.0)
    assert kind_of(error) == "wrong-type-arg"


def test_take_drop_and_their_right_forms():
    assert P["list-head"](L(1, 2, 3), 2) == L(1, 2)
    assert P["list-head"](Pair(1, Pair(2, 3)), 2) == L(1, 2)
    assert P["take"](L(1, 2, 3), 2) == L(1, 2)
    assert P["drop"](L(1, 2, 3), 2) == L(3)
    dotted = Pair(1, Pair(2, Pair(3, 4)))
    assert P["take-right"](dotted, 2) == Pair(2, Pair(3, 4))
    assert P["drop-right"](dotted, 2) == L(1)
    assert P["take-right"](L(1, 2, 3), 0) is NIL
    with pytest.raises(SchemeError):
        P["take"](L(1, 2, 3), 4)
    with pytest.raises(SchemeError):
        P["drop-right"](L(1, 2, 3), 5)


def test_destructive_take_and_drop_right():
    lst = L(1, 2, 3)
    assert P["take!"](lst, 2) == L(1, 2)
    assert lst == L(1, 2)
    assert P["drop-right!"](L(1, 2, 3), 2) == L(1)
    assert P["drop-right!"](L(1, 2), 2) is NIL


def test_split_at_returns_two_values():
    assert P["split-at"](L(1, 2, 3, 4), 1) == Values((L(1), L(2, 3, 4)))
    with pytest.raises(SchemeError):
        P["split-at"](L(1, 2), 3)


def test_last_and_last_pair():
    assert P["last"](L(1, 2, 3)) == 3
    assert P["last-pair"](Pair(1, Pair(2, 3))) == Pair(2, 3)
    assert P["last-pair"](NIL) is NIL
    with pytest.raises(SchemeError):
        P["last"](NIL)
    with pytest.raises(SchemeError):
        P["last-pair"](5)


def test_list_set():
    lst = L(1, 2, 3)
    P["list-set!"](lst, 1, a)
    assert lst == L(1, a, 3)
    with pytest.raises(SchemeError) as error:
        P["list-set!"](lst, 5, a)
    assert kind_of(error) == "out-of-range"


# ---------------------------------------------------------------------------
# Joining, reversing, copying


def test_append_shares_last_argument_which_may_be_anything():
    tail = L(3)
    result = P["append"](L(1), L(2), tail)
    assert result == L(1, 2, 3)
    assert result.cdr.cdr is tail
    assert P["append"](L(1), L(2), 3) == Pair(1, Pair(2, 3))
    assert P["append"]() is NIL
    assert P["append"](L(1), 3) == Pair(1, 3)


def test_append_of_improper_list_before_the_last_is_an_error():
    with pytest.raises(SchemeError) as error:
        P["append"](Pair(1, 2), L(3))
    assert kind_of(error) == "wrong-type-arg"
    with pytest.raises(SchemeError):
        P["append"](L(1), a, L(2))


def test_append_bang_relinks():
    first = L(1)
    assert P["append!"](first, NIL, L(2), 3) == Pair(1, Pair(2, 3))
    assert first == Pair(1, Pair(2, 3))
    assert P["append!"](NIL, NIL, L(1)) == L(1)
    assert P["append!"](L(1), 5) == Pair(1, 5)


def test_reverse_forms():
    assert P["reverse"](L(1, 2, 3)) == L(3, 2, 1)
    with pytest.raises(SchemeError):
        P["reverse"](Pair(1, Pair(2, 3)))
    assert P["reverse!"](L(1, 2, 3)) == L(3, 2, 1)
    assert P["reverse!"](L(1, 2, 3), L(4)) == L(3, 2, 1, 4)
    assert P["append-reverse"](L(3, 2, 1), L(4, 5)) == L(1, 2, 3, 4, 5)
    assert P["append-reverse!"](L(3, 2, 1), L(4)) == L(1, 2, 3, 4)


def test_list_copy_keeps_improper_tail_and_copies_spine():
    original = Pair(1, Pair(2, 3))
    copy = P["list-copy"](original)
    assert copy == original and copy is not original
    assert P["list-copy"](5) == 5


def test_concatenate():
    assert P["concatenate"](L(L(1), L(2, 3), NIL)) == L(1, 2, 3)


# ---------------------------------------------------------------------------
# Searching


def test_memq_memv_member():
    assert P["memq"](c, L(a, b, c, d)) == L(c, d)
    assert P["memq"](e, L(a, b)) is False
    assert P["memq"](100000, L(1, 100000)) == L(100000)
    assert P["memv"](1.5, L(1, 1.5)) == L(1.5)
    assert P["member"](L(1), L(L(1), L(2))) == L(L(1), L(2))
    with pytest.raises(SchemeError):
        P["memq"](Symbol("x"), Pair(a, b))


def test_member_with_equality_calls_it_with_item_first():
    calls = []

    def same(x, y):
        calls.append((x, y))
        return x == y

    assert P["member"](2.0, L(1, 2, 3), same) == L(2, 3)
    assert calls == [(2.0, 1), (2.0, 2)]


def test_assq_assv_assoc():
    alist = L(Pair(a, 1), Pair(b, 2))
    assert P["assq"](b, alist) == Pair(b, 2)
    assert P["assq"](c, alist) is False
    assert P["assv"](2, L(Pair(1, a), Pair(2, b))) == Pair(2, b)
    assert P["assoc"]("b", L(Pair("a", 1), Pair("b", 2))) == Pair("b", 2)
    assert P["assoc"](2.0, L(Pair(1, a), Pair(2, b)), lambda x, y: x == y) == Pair(2, b)
    with pytest.raises(SchemeError):
        P["assq"](a, 5)
    with pytest.raises(SchemeError):
        P["assq"](Symbol("x"), L(Pair(a, 1), b))


def test_find_find_tail_any_every():
    assert P["find"](lambda x: x > 2, L(1, 3, 4)) == 3
    assert P["find"](lambda x: x % 2 == 0, L(1, 3)) is False
    assert P["find-tail"](lambda x: x % 2 == 0, L(1, 2, 3)) == L(2, 3)
    assert P["find-tail"](lambda x: True, NIL) is False
    pick = P["any"](lambda x, y: x > y and L(x, y), L(1, 5, 3), L(2, 1, 0))
    assert pick == L(5, 1)
    assert P["every"](lambda x: x > 0 and x, L(1, 2, 3)) == 3
    assert P["every"](lambda x: x, NIL) is True
    assert P["any"](lambda x: x, NIL) is False
    assert P["every"](lambda x, y: x == y, L(1, 2), L(1, 2, 3)) is True
    with pytest.raises(SchemeError):
        P["any"](lambda x: x % 2 == 1, Pair(2, Pair(4, 5)))


def test_list_index_and_count():
    assert P["list-index"](lambda x: x % 2 == 0, L(1, 3, 5, 6)) == 3
    assert P["list-index"](lambda x: x % 2 == 0, L(1, 3, 5)) is False
    assert P["list-index"](lambda x, y: x < y, L(3, 2, 1), L(1, 2, 3)) == 2
    assert P["count"](lambda x: x % 2 == 0, L(1, 2, 4)) == 2
    assert P["count"](lambda x, y: x < y, L(1, 2, 4), L(2, 2, 5)) == 2
    with pytest.raises(SchemeError):
        P["count"](lambda x: True, Pair(1, Pair(2, 3)))


# ---------------------------------------------------------------------------
# Mapping and folding


def test_map_and_for_each_stop_at_the_shortest_list():
    assert P["map"](lambda x, y: x + y, L(1, 2, 3), L(10, 20)) == L(11, 22)
    seen = []
    assert P["for-each"](lambda x, y: seen.append(x), L(1, 2, 3), L(10, 20)) is (
        UNSPECIFIED
    )
    assert seen == [1, 2]


def test_map_of_improper_list_is_an_error():
    with pytest.raises(SchemeError) as error:
        P["map"](lambda x: x, Pair(1, Pair(2, 3)))
    assert kind_of(error) == "wrong-type-arg"
    with pytest.raises(SchemeError):
        P["map"](lambda x: x, 5)
    with pytest.raises(SchemeError):
        P["for-each"](lambda x: x, Pair(1, 2))


def test_map_applies_in_order():
    order = []
    P["map"](order.append, L(1, 2, 3))
    assert order == [1, 2, 3]


def test_append_map_and_filter_map():
    assert P["append-map"](lambda x: L(x, x), L(1, 2)) == L(1, 1, 2, 2)
    assert P["append-map"](P["list"], L(1, 2), L(a, b)) == L(1, a, 2, b)
    result = P["filter-map"](lambda x, y: x < y and x + y, L(1, 5, 3), L(2, 4, 6, 8))
    assert result == L(3, 9)


def test_fold_and_fold_right_with_several_lists():
    cons_star = P["cons*"]
    assert P["fold"](cons_star, NIL, L(a, b, c), L(1, 2, 3, 4)) == L(c, 3, b, 2, a, 1)
    result = P["fold-right"](cons_star, NIL, L(a, b, c), L(1, 2, 3, 4))
    assert result == L(a, 1, b, 2, c, 3)
    assert P["fold"](lambda x, acc: x + acc, 0, L(1, 2, 3)) == 6
    init = Symbol("init")
    assert P["fold"](P["list"], init, L(1, 2, 3)) == L(3, L(2, L(1, init)))
    assert P["fold-right"](P["list"], init, L(1, 2, 3)) == L(1, L(2, L(3, init)))
    with pytest.raises(SchemeError):
        P["fold"](lambda x, acc: x, 0, Pair(1, Pair(2, 3)))


def test_reduce_and_reduce_right():
    minus = lambda x, y: x - y  # noqa: E731
    assert P["reduce"](minus, 0, L(1, 2, 3, 4)) == 2
    assert P["reduce-right"](minus, 0, L(1, 2, 3, 4)) == -2
    assert P["reduce"](minus, 0, NIL) == 0
    assert P["reduce"](max, Symbol("none"), L(3, 9, 2)) == 9


def test_unfold_and_unfold_right():
    stop, square, up = (lambda x: x > 5), (lambda x: x * x), (lambda x: x + 1)
    assert P["unfold"](stop, square, up, 1) == L(1, 4, 9, 16, 25)
    end = Symbol("end")
    assert P["unfold"](stop, square, up, 1, lambda x: L(end, x)) == L(
        1, 4, 9, 16, 25, end, 6
    )
    zero, down = (lambda x: x == 0), (lambda x: x - 1)
    assert P["unfold-right"](zero, square, down, 5) == L(1, 4, 9, 16, 25)
    tail = Symbol("tail")
    assert P["unfold-right"](zero, square, down, 5, L(tail)) == L(1, 4, 9, 16, 25, tail)


def test_pair_for_each_and_pair_fold():
    seen = []
    P["pair-for-each"](seen.append, L(1, 2))
    assert seen == [L(1, 2), L(2)]
    assert P["pair-fold"](P["cons"], NIL, L(1, 2)) == L(L(2), L(1, 2))


# ---------------------------------------------------------------------------
# Filtering and deleting


def test_filter_remove_partition():
    even = lambda x: x % 2 == 0  # noqa: E731
    assert P["filter"](even, L(1, 2, 3, 4)) == L(2, 4)
    assert P["remove"](even, L(1, 2, 3)) == L(1, 3)
    assert P["partition"](even, L(1, 2, 3, 4, 5)) == Values((L(2, 4), L(1, 3, 5)))
    with pytest.raises(SchemeError):
        P["filter"](even, Pair(1, Pair(2, 3)))
    with pytest.raises(SchemeError):
        P["filter"](even, 5)


def test_delete_calls_equality_with_item_first():
    assert P["delete"](3, L(1, 3, 2, 3)) == L(1, 2)
    assert P["delete"](3, L(1, 3, 2, 5), lambda x, y: x < y) == L(1, 3, 2)
    assert P["delete!"](1, L(1, 2, 1, 3)) == L(2, 3)


def test_delete_duplicates_keeps_first_occurrences_in_order():
    assert P["delete-duplicates"](L(a, b, a, c, b, d)) == L(a, b, c, d)
    assert P["delete-duplicates"](L(1, 1.0, 1)) == L(1, 1.0)
    assert P["delete-duplicates"](L(L(1), L(1), "x", "x")) == L(L(1), "x")
    same_parity = lambda x, y: x % 2 == y % 2  # noqa: E731
    assert P["delete-duplicates"](L(1, 2, 3, 4), same_parity) == L(1, 2)
    assert P["delete-duplicates"](NIL) is NIL


def test_take_while_drop_while_span_break():
    even = lambda x: x % 2 == 0  # noqa: E731
    assert P["take-while"](even, L(2, 4, 5, 6)) == L(2, 4)
    assert P["drop-while"](even, L(2, 4, 5, 6)) == L(5, 6)
    assert P["span"](even, L(2, 4, 5, 6)) == Values((L(2, 4), L(5, 6)))
    assert P["break"](even, L(1, 3, 4, 5)) == Values((L(1, 3), L(4, 5)))


# ---------------------------------------------------------------------------
# Lists as sets


def test_lset_operations_match_guile_order():
    eq = lambda x, y: x is y  # noqa: E731
    assert P["lset-adjoin"](eq, L(a, b, c), d, a, e) == L(e, d, a, b, c)
    assert P["lset-adjoin"](lambda x, y: x == y, NIL, 1, 1, 2) == L(2, 1)
    assert P["lset-union"](eq, L(a, b, c), L(d, a, e), L(f)) == L(f, e, d, a, b, c)
    assert P["lset-union"](eq) is NIL
    assert P["lset-union"](eq, NIL, L(a, b)) == L(a, b)
    assert P["lset-intersection"](eq, L(a, b, c, d), L(c, a, e)) == L(a, c)
    assert P["lset-intersection"](eq, L(a, b)) == L(a, b)
    assert P["lset-difference"](eq, L(a, b, c, d), L(c, a, e)) == L(b, d)
    assert P["lset="](eq, L(a, b), L(b, a)) is True
    assert P["lset<="](eq, L(a), L(b, a)) is True
    assert P["list="](eq, L(a, b), L(a, b)) is True
    assert P["list="](eq) is True


# ---------------------------------------------------------------------------
# Association lists


def test_acons_alist_copy_alist_delete():
    assert P["acons"](a, 1, NIL) == L(Pair(a, 1))
    original = L(Pair(a, 1))
    copy = P["alist-copy"](original)
    assert copy == original and copy.car is not original.car
    alist = L(Pair(a, 1), Pair(b, 2), Pair(a, 3))
    assert P["alist-delete"](a, alist) == L(Pair(b, 2))
    numbered = L(Pair(1, 1), Pair(2, 2), Pair(3, 3))
    assert P["alist-delete"](1, numbered, lambda x, y: x < y) == L(Pair(1, 1))


def test_assoc_ref_family():
    assert P["assoc-ref"](L(Pair(a, 1)), a) == 1
    assert P["assoc-ref"](L(Pair(a, 1)), b) is False
    assert P["assq-ref"](5, a) is False
    assert P["assv-ref"](L(Pair(1, Symbol("x"))), 1) == Symbol("x")


def test_assoc_set_adds_in_front_or_updates_in_place():
    assert P["assoc-set!"](L(Pair(a, 1)), b, 2) == L(Pair(b, 2), Pair(a, 1))
    alist = L(Pair(a, 1))
    assert P["assq-set!"](alist, a, 5) is alist
    assert alist == L(Pair(a, 5))


def test_assoc_remove_unlinks_the_first_entry():
    assert P["assoc-remove!"](L(Pair(a, 1), Pair(b, 2)), a) == L(Pair(b, 2))
    assert P["assq-remove!"](L(Pair(a, 1)), a) is NIL
    alist = L(Pair(a, 1), Pair(b, 2), Pair(c, 3))
    assert P["assq-remove!"](alist, b) is alist
    assert alist == L(Pair(a, 1), Pair(c, 3))


# ---------------------------------------------------------------------------
# Sorting


def less(x, y):
    return x < y


def test_sort_lists_and_vectors_in_guile_argument_order():
    assert P["sort"](L(3, 1, 2), less) == L(1, 2, 3)
    vector = [3, 1, 2]
    assert P["sort"](vector, less) == [1, 2, 3]
    assert vector == [3, 1, 2]
    assert P["sort"](NIL, less) is NIL


def test_sort_with_arguments_swapped_is_an_error_with_a_hint():
    with pytest.raises(SchemeError) as error:
        P["sort"](less, L(3, 1, 2))
    assert kind_of(error) == "wrong-type-arg"
    assert "SEQUENCE LESS?" in error.value.hint
    with pytest.raises(SchemeError):
        P["sort"](5, less)


def test_stable_sort_keeps_equal_elements_in_order():
    items = L(Pair(1, a), Pair(0, b), Pair(1, c))
    result = P["stable-sort"](items, lambda x, y: x.car < y.car)
    assert result == L(Pair(0, b), Pair(1, a), Pair(1, c))


def test_sort_bang_sorts_in_place():
    lst = L(3, 2, 1)
    assert P["sort!"](lst, less) is lst
    assert lst == L(1, 2, 3)
    vector = [3, 1, 2]
    P["stable-sort!"](vector, less)
    assert vector == [1, 2, 3]


def test_sorted_and_merge():
    assert P["sorted?"](L(1, 2, 2, 3), less) is True
    assert P["sorted?"]([3, 2], less) is False
    assert P["merge"](L(1, 3, 5), L(2, 4), less) == L(1, 2, 3, 4, 5)
    by_car = lambda x, y: x.car < y.car  # noqa: E731
    assert P["merge"](L(Pair(1, a)), L(Pair(1, b)), by_car) == L(Pair(1, a), Pair(1, b))


# ---------------------------------------------------------------------------
# Long lists: no recursion anywhere


MILLION = 1_000_000


@pytest.fixture(scope="module")
def million():
    return P["iota"](MILLION)


def test_million_element_list_through_length_reverse_append(million):
    assert P["length"](million) == MILLION
    reversed_list = P["reverse"](million)
    assert reversed_list.car == MILLION - 1
    assert P["length"](P["append"](million, million)) == 2 * MILLION
    assert P["last"](P["reverse!"](P["list-copy"](million))) == 0


def test_million_element_list_through_map_filter_fold(million):
    doubled = P["map"](lambda x: 2 * x, million)
    assert P["list-ref"](doubled, MILLION - 1) == 2 * (MILLION - 1)
    evens = P["filter"](lambda x: x % 2 == 0, million)
    assert P["length"](evens) == MILLION // 2
    assert P["fold"](lambda x, acc: x + acc, 0, million) == MILLION * (MILLION - 1) // 2
    assert P["fold-right"](lambda x, acc: acc + 1, 0, million) == MILLION


def test_million_element_list_through_sort_and_equal(million):
    descending = P["sort"](million, lambda x, y: x > y)
    assert descending.car == MILLION - 1
    assert P["delete-duplicates"](P["append"](L(1, 2), million)).cdr.cdr.car == 0


def test_circular_list_given_to_map_is_an_error():
    with pytest.raises(SchemeError) as error:
        P["map"](lambda x: x, circular(1, 2, 3))
    assert kind_of(error) == "wrong-type-arg"


def test_srfi_1_names_are_also_in_their_module():
    srfi_1 = TABLES[("srfi", "srfi-1")]
    assert srfi_1["fold"] is P["fold"]
    assert srfi_1["delete-duplicates"] is P["delete-duplicates"]
