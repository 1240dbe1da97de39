"""Hash tables, Guile's native interface and SRFI-69, checked against Guile 3.0.8."""

from fractions import Fraction

import pytest
from oscdsl.builtins import hashtables  # noqa: F401  (registers the primitives)
from oscdsl.builtins.hashtables import HashTable
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import NIL, UNSPECIFIED, Pair, Symbol, make_list
from oscdsl.errors import SchemeError

P = TABLES[ROOT]
a, b, c, d = (Symbol(name) for name in "abcd")


def L(*items):
    return make_list(items)


def named(name, function):
    """Return FUNCTION marked as the primitive NAME, as the registry marks it."""
    function.scheme_name = name
    return function


EQ = named("eq?", lambda x, y: x is y)
STRING_EQ = named("string=?", lambda x, y: x == y)


# ---------------------------------------------------------------------------
# Guile's native interface


def test_hash_set_returns_the_value_and_hash_ref_finds_equal_keys():
    table = P["make-hash-table"]()
    assert P["hash-set!"](table, "a", 1) == 1
    assert P["hash-set!"](table, L(1, 2), 2) == 2
    assert P["hash-ref"](table, "a") == 1
    assert P["hash-ref"](table, L(1, 2)) == 2
    assert P["hash-ref"](table, Symbol("zz")) is False
    assert P["hash-ref"](table, Symbol("zz"), Symbol("dflt")) is Symbol("dflt")


def test_numbers_of_different_exactness_or_booleans_never_collide():
    table = P["make-hash-table"]()
    P["hash-set!"](table, 1, Symbol("int"))
    P["hash-set!"](table, True, Symbol("true"))
    P["hash-set!"](table, Fraction(1, 2), Symbol("half"))
    assert P["hash-ref"](table, 1.0) is False
    assert P["hash-ref"](table, 1) is Symbol("int")
    assert P["hash-ref"](table, True) is Symbol("true")
    assert P["hash-ref"](table, 0.5) is False
    P["hash-set!"](table, 0.0, Symbol("zero"))
    assert P["hash-ref"](table, -0.0) is False
    P["hash-set!"](table, float("nan"), Symbol("nan"))
    assert P["hash-ref"](table, float("nan")) is Symbol("nan")


def test_equal_tables_compare_vectors_and_bytevectors_by_content():
    table = P["make-hash-table"](10)
    P["hash-set!"](table, [1, 2], Symbol("v"))
    P["hash-set!"](table, bytearray([1, 2]), Symbol("b"))
    assert P["hash-ref"](table, [1, 2]) is Symbol("v")
    assert P["hash-ref"](table, bytearray([1, 2])) is Symbol("b")
    assert P["hash-ref"](table, [1, 3]) is False


def test_handles_are_the_live_entries():
    table = P["make-hash-table"]()
    handle = P["hash-create-handle!"](table, Symbol("k"), Symbol("v"))
    assert handle == Pair(Symbol("k"), Symbol("v"))
    assert P["hash-create-handle!"](table, Symbol("k"), Symbol("v2")) is handle
    assert P["hash-get-handle"](table, Symbol("k")) is handle
    assert P["hash-get-handle"](table, Symbol("nope")) is False
    handle.cdr = 5
    assert P["hash-ref"](table, Symbol("k")) == 5
    assert P["hash-remove!"](table, Symbol("k")) is handle
    assert P["hash-remove!"](table, Symbol("k")) is False


def test_hashq_table_uses_identity_for_pairs():
    table = P["make-hash-table"]()
    key = L(1)
    P["hashq-set!"](table, key, 1)
    assert P["hashq-ref"](table, key) == 1
    assert P["hashq-ref"](table, L(1)) is False
    assert P["hashq-get-handle"](table, key) == Pair(key, 1)
    P["hashv-set!"](table, 1.5, Symbol("x"))
    assert P["hashv-ref"](table, 1.5) is Symbol("x")
    assert P["hashv-remove!"](table, 1.5) == Pair(1.5, Symbol("x"))


def test_count_fold_map_and_for_each():
    table = P["make-hash-table"]()
    for key, value in ((1, 1), (2, 2), (3, 3)):
        P["hash-set!"](table, key, value)
    assert P["hash-count"](lambda k, v: v > 1, table) == 2
    assert P["hash-map->list"](P["cons"], table) == L(
        Pair(1, 1), Pair(2, 2), Pair(3, 3)
    )
    assert P["hash-fold"](lambda k, v, acc: k + acc, 0, table) == 6
    seen = []
    assert P["hash-for-each"](lambda k, v: seen.append(k), table) is UNSPECIFIED
    assert seen == [1, 2, 3]


def test_callbacks_may_remove_entries_while_walking():
    table = P["make-hash-table"]()
    for key in range(5):
        P["hash-set!"](table, key, key)
    P["hash-for-each"](lambda k, v: P["hash-remove!"](table, k), table)
    assert P["hash-count"](lambda k, v: True, table) == 0


def test_clear_predicate_and_printed_form():
    table = P["make-hash-table"]()
    P["hash-set!"](table, a, 1)
    assert P["hash-table?"](table) is True
    assert P["hash-table?"](L(1)) is False
    assert table.scheme_repr(True).endswith(" 1/31>")
    assert table.scheme_repr(True).startswith("#<hash-table ")
    assert P["hash-clear!"](table) is UNSPECIFIED
    assert P["hash-ref"](table, a) is False


def test_non_table_argument_is_a_wrong_type_error():
    with pytest.raises(SchemeError) as error:
        P["hash-ref"](5, a)
    assert error.value.payload.kind.name == "wrong-type-arg"
    with pytest.raises(SchemeError):
        P["hash-table-ref"](5, a)


# ---------------------------------------------------------------------------
# SRFI-69


def test_srfi_69_ref_set_update():
    table = P["make-hash-table"]()
    assert P["hash-table-set!"](table, a, 1) is UNSPECIFIED
    assert P["hash-table-ref"](table, a) == 1
    with pytest.raises(SchemeError) as error:
        P["hash-table-ref"](table, b)
    assert error.value.payload.kind.name == "misc-error"
    assert P["hash-table-ref"](table, b, lambda: Symbol("missing")) is Symbol("missing")
    assert P["hash-table-ref/default"](table, b, 0) == 0
    assert P["hash-table-exists?"](table, a) is True
    assert P["hash-table-contains?"](table, b) is False
    P["hash-table-update!"](table, a, lambda v: v + 1)
    assert P["hash-table-ref"](table, a) == 2
    with pytest.raises(SchemeError):
        P["hash-table-update!"](table, c, lambda v: v + 1)
    P["hash-table-update!"](table, c, lambda v: v + 1, lambda: 10)
    P["hash-table-update!/default"](table, d, lambda v: v + 1, 100)
    assert P["hash-table-keys"](table) == L(a, c, d)
    assert P["hash-table-values"](table) == L(2, 11, 101)
    assert P["hash-table->alist"](table) == L(Pair(a, 2), Pair(c, 11), Pair(d, 101))
    assert P["hash-table-size"](table) == 3


def test_srfi_69_delete_walk_fold():
    table = P["alist->hash-table"](L(Pair(a, 1), Pair(b, 2)))
    seen = []
    assert P["hash-table-walk"](table, lambda k, v: seen.append(k)) is UNSPECIFIED
    assert seen == [a, b]
    assert P["hash-table-delete!"](table, a) is UNSPECIFIED
    assert P["hash-table-delete!"](table, Symbol("zz")) is UNSPECIFIED
    assert P["hash-table-fold"](table, lambda k, v, acc: Pair(k, acc), NIL) == L(b)


def test_alist_to_hash_table_keeps_the_first_of_equal_keys():
    table = P["alist->hash-table"](L(Pair(a, 1), Pair(b, 2), Pair(a, 3)))
    assert P["hash-table->alist"](table) == L(Pair(a, 1), Pair(b, 2))
    copy = P["hash-table-copy"](table)
    P["hash-table-set!"](copy, a, 9)
    assert P["hash-table-ref"](table, a) == 1
    assert P["hash-ref"](table, a) == 1


def test_equivalence_argument_chooses_how_keys_compare():
    strings = P["make-hash-table"](STRING_EQ)
    P["hash-table-set!"](strings, "x", 1)
    assert P["hash-table-ref/default"](strings, "".join(["x"]), 0) == 1
    eq_table = P["make-hash-table"](EQ)
    P["hash-table-set!"](eq_table, L(1), 1)
    assert P["hash-table-ref/default"](eq_table, L(1), 0) == 0
    assert P["hash-table-equivalence-function"](eq_table) is EQ
    assert P["hash-table-ref/default"](P["make-hash-table"](), L(1), 0) == 0


def test_unknown_equivalence_procedure_is_used_as_given():
    same_parity = lambda x, y: x % 2 == y % 2  # noqa: E731
    table = P["make-hash-table"](same_parity)
    P["hash-table-set!"](table, 1, Symbol("odd"))
    P["hash-table-set!"](table, 2, Symbol("even"))
    P["hash-table-set!"](table, 3, Symbol("odd3"))
    assert P["hash-table-ref"](table, 5) is Symbol("odd3")
    assert P["hash-table-size"](table) == 2
    assert P["hash-table-keys"](table) == L(1, 2)


def test_merge_adds_the_entries_of_the_second_table():
    first = P["alist->hash-table"](L(Pair(a, 1)))
    second = P["alist->hash-table"](L(Pair(a, 2), Pair(b, 3)))
    assert P["hash-table-merge!"](first, second) is first
    assert P["hash-table->alist"](first) == L(Pair(a, 2), Pair(b, 3))


def test_many_structured_keys():
    table = HashTable()
    for n in range(2000):
        P["hash-set!"](table, L(n, L("k", n)), n)
    assert all(P["hash-ref"](table, L(n, L("k", n))) == n for n in range(2000))
    assert P["hash-table-size"](table) == 2000


def test_srfi_69_names_are_also_in_their_module():
    srfi_69 = TABLES[("srfi", "srfi-69")]
    assert srfi_69["hash-table-ref"] is P["hash-table-ref"]
    assert srfi_69["make-hash-table"] is P["make-hash-table"]
