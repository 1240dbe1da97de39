"""Pairs and lists: Guile's core list procedures, SRFI-1, association lists, sorting.

Every procedure walks lists with loops, never recursion, so lists of millions of
elements work; procedure arguments are applied with ``apply_procedure``.
"""

from __future__ import annotations

import gc
from itertools import pairwise, repeat
from typing import Any

from ..datums import NIL, UNSPECIFIED, Pair, Values, equal, eqv, is_list
from ..errors import scheme_error
from ..runtime.procedures import apply_procedure
from .predicates import out_of_range, wrong_type
from .registry import primitive

SRFI_1 = ("srfi", "srfi-1")

# Lists at least this long are built with the cyclic garbage collector paused.
LARGE = 4096


def srfi_1(*names: str):
    """Register the decorated function under NAMES in the root module and SRFI-1."""

    def register(function):
        primitive(*names)(function)
        primitive(*names, module=SRFI_1)(function)
        return function

    return register


# ---------------------------------------------------------------------------
# Errors and argument checks


def check_index(who: str, position: int, k: Any) -> int:
    """Return K if it is an exact non-negative integer; raise otherwise."""
    if type(k) is not int:
        raise wrong_type(who, position, "exact integer", k)
    if k < 0:
        raise out_of_range(who, position, k)
    return k


def elements(lst: Any, who: str, position: int = 1) -> list:
    """Return the elements of the proper list LST as a Python list.

    Raise a wrong-type-arg error naming WHO and POSITION when LST is improper
    or circular.  Cycles are found with Brent's method, at a small cost per
    element, so a circular argument is an error instead of a runaway loop.
    """
    items: list = []
    append = items.append
    pair = lst
    mark = lst
    steps = 0
    limit = 64
    while type(pair) is Pair:
        append(pair.car)
        pair = pair.cdr
        if pair is mark:
            raise wrong_type(who, position, "proper list", lst)
        steps += 1
        if steps == limit:
            mark = pair
            steps = 0
            limit <<= 1
    if pair is not NIL:
        raise wrong_type(who, position, "proper list", lst)
    return items


def from_python(items: Any, tail: Any = NIL) -> Any:
    """Return a Scheme list of the Python sequence ITEMS ending in TAIL."""
    return cons_each(reversed(items), tail, len(items))


def cons_each(items: Any, tail: Any, count: int) -> Any:
    """Return TAIL with the COUNT elements of the iterable ITEMS consed on in turn.

    The first element of ITEMS ends up last, just before TAIL.
    """
    if count < LARGE:
        result = tail
        for item in items:
            result = Pair(item, result)
        return result
    # The collector would otherwise scan the growing list again and again,
    # tripling the cost; fresh pairs cannot form a cycle while we build.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = tail
        for item in items:
            result = Pair(item, result)
        return result
    finally:
        if collecting:
            gc.enable()


def rows(lists: tuple, who: str, first_position: int = 2):
    """Yield, as Python lists, the i-th elements of LISTS until the shortest ends.

    A list that ends in something other than ``'()`` before the others is an
    error.
    """
    cursors = list(lists)
    width = range(len(cursors))
    while True:
        row = []
        for i in width:
            cursor = cursors[i]
            if type(cursor) is not Pair:
                if cursor is not NIL:
                    raise wrong_type(who, first_position + i, "list", lists[i])
                return
            row.append(cursor.car)
            cursors[i] = cursor.cdr
        yield row


def is_eq(a: Any, b: Any) -> bool:
    """Return whether A and B are eq?: identical, or equal exact integers."""
    return a is b or (type(a) is int and type(b) is int and a == b)


# ---------------------------------------------------------------------------
# Pairs


@primitive("cons")
def cons(a: Any, b: Any) -> Pair:
    """Return a new pair of A and B."""
    return Pair(a, b)


@primitive("car")
def car(pair: Any) -> Any:
    """Return the first part of PAIR."""
    try:
        return pair.car
    except AttributeError:
        raise wrong_type("car", 1, "pair", pair) from None


@primitive("cdr")
def cdr(pair: Any) -> Any:
    """Return the second part of PAIR."""
    try:
        return pair.cdr
    except AttributeError:
        raise wrong_type("cdr", 1, "pair", pair) from None


@primitive("set-car!")
def set_car(pair: Any, value: Any) -> Any:
    """Store VALUE as the first part of PAIR."""
    if type(pair) is not Pair:
        raise wrong_type("set-car!", 1, "pair", pair)
    pair.car = value
    return UNSPECIFIED


@primitive("set-cdr!")
def set_cdr(pair: Any, value: Any) -> Any:
    """Store VALUE as the second part of PAIR."""
    if type(pair) is not Pair:
        raise wrong_type("set-cdr!", 1, "pair", pair)
    pair.cdr = value
    return UNSPECIFIED


def make_cxr(name: str):
    """Return the accessor NAME (such as ``cadr``) composed of car and cdr."""
    # The letters apply from right to left: cadr is the car of the cdr.
    steps = tuple(letter == "a" for letter in reversed(name[1:-1]))

    def accessor(value: Any) -> Any:
        part = value
        for take_car in steps:
            if type(part) is not Pair:
                raise wrong_type(name, 1, "pair", value)
            part = part.car if take_car else part.cdr
        return part

    accessor.__name__ = name.replace("-", "_")
    accessor.__doc__ = f"Return the {name} of VALUE."
    return accessor


for _depth in (2, 3, 4):
    for _code in range(2**_depth):
        _letters = "".join("ad"[(_code >> bit) & 1] for bit in range(_depth))
        primitive(f"c{_letters}r")(make_cxr(f"c{_letters}r"))


@primitive("cadr")
def cadr(value: Any) -> Any:
    """Return the second element of VALUE."""
    try:
        return value.cdr.car
    except AttributeError:
        raise wrong_type("cadr", 1, "pair", value) from None


@primitive("cddr")
def cddr(value: Any) -> Any:
    """Return VALUE without its first two elements."""
    try:
        return value.cdr.cdr
    except AttributeError:
        raise wrong_type("cddr", 1, "pair", value) from None


@srfi_1("xcons")
def xcons(a: Any, b: Any) -> Pair:
    """Return a pair whose car is B and whose cdr is A."""
    return Pair(b, a)


@srfi_1("car+cdr")
def car_cdr(pair: Any) -> Values:
    """Return the car and the cdr of PAIR as two values."""
    if type(pair) is not Pair:
        raise wrong_type("car+cdr", 1, "pair", pair)
    return Values((pair.car, pair.cdr))


# ---------------------------------------------------------------------------
# Constructors


@srfi_1("list")
def make_scheme_list(*items: Any) -> Any:
    """Return a new list of ITEMS."""
    return from_python(items)


@srfi_1("cons*")
def cons_star(first: Any, *rest: Any) -> Any:
    """Return a list of FIRST and REST whose last element becomes the tail."""
    if not rest:
        return first
    return Pair(first, from_python(rest[:-1], rest[-1]))


@srfi_1("make-list")
def make_list_(count: Any, fill: Any = NIL) -> Any:
    """Return a list of COUNT elements, each FILL (``'()`` by default, as Guile)."""
    check_index("make-list", 1, count)
    return cons_each(repeat(fill, count), NIL, count)


@srfi_1("list-tabulate")
def list_tabulate(count: Any, init: Any) -> Any:
    """Return the list of (INIT i) for i from 0 below COUNT."""
    check_index("list-tabulate", 1, count)
    return from_python([apply_procedure(init, (i,)) for i in range(count)])


@srfi_1("iota")
def iota(count: Any, start: Any = 0, step: Any = 1) -> Any:
    """Return the list START, START+STEP, ... of COUNT numbers."""
    check_index("iota", 1, count)
    if type(start) is int and type(step) is int:
        if step == 0:
            return from_python([start] * count)
        return from_python(range(start, start + count * step, step))
    return from_python([start + i * step for i in range(count)])


@srfi_1("list-copy")
def list_copy(lst: Any) -> Any:
    """Return a copy of the spine of LST; an improper tail is kept as is."""
    if classify(lst)[0] == "circular":
        raise wrong_type("list-copy", 1, "non-circular list", lst)
    items = []
    pair = lst
    while type(pair) is Pair:
        items.append(pair.car)
        pair = pair.cdr
    return from_python(items, pair)


# ---------------------------------------------------------------------------
# Predicates and lengths


@srfi_1("list?", "proper-list?")
def is_proper_list(value: Any) -> bool:
    """Return whether VALUE is a finite list ending in ``'()``."""
    return is_list(value)


def classify(value: Any) -> tuple[str, int]:
    """Return the shape of VALUE (proper, dotted or circular) and its length."""
    slow = value
    length = 0
    while True:
        if type(value) is not Pair:
            return ("proper" if value is NIL else "dotted"), length
        value = value.cdr
        length += 1
        if type(value) is not Pair:
            return ("proper" if value is NIL else "dotted"), length
        value = value.cdr
        length += 1
        slow = slow.cdr
        if value is slow:
            return "circular", length


@srfi_1("dotted-list?")
def is_dotted_list(value: Any) -> bool:
    """Return whether VALUE is a finite chain of pairs not ending in ``'()``."""
    return classify(value)[0] == "dotted"


@srfi_1("circular-list?")
def is_circular_list(value: Any) -> bool:
    """Return whether VALUE is a chain of pairs that loops back on itself."""
    return classify(value)[0] == "circular"


@srfi_1("null-list?")
def is_null_list(value: Any) -> bool:
    """Return whether the list VALUE is empty; VALUE must be a pair or ``'()``."""
    if value is NIL:
        return True
    if type(value) is Pair:
        return False
    raise wrong_type("null-list?", 1, "list", value)


@srfi_1("length")
def length(lst: Any) -> int:
    """Return the number of elements of the proper list LST."""
    shape, count = classify(lst)
    if shape != "proper":
        raise wrong_type("length", 1, "proper list", lst)
    return count


@srfi_1("length+")
def length_plus(lst: Any) -> Any:
    """Return the length of LST, or #f when it is circular."""
    shape, count = classify(lst)
    if shape == "dotted":
        raise wrong_type("length+", 1, "proper or circular list", lst)
    return False if shape == "circular" else count


# ---------------------------------------------------------------------------
# Selectors


def nth(who: str, lst: Any, k: int) -> Any:
    """Return element K of LST, raising an error naming WHO when it is too short."""
    pair = lst
    for _ in range(k):
        if type(pair) is not Pair:
            raise wrong_type(who, 1, "list of sufficient length", lst)
        pair = pair.cdr
    if type(pair) is not Pair:
        raise wrong_type(who, 1, "list of sufficient length", lst)
    return pair.car


def make_nth(name: str, k: int):
    """Return the SRFI-1 selector NAME, which returns element K of a list."""

    def selector(lst: Any) -> Any:
        return nth(name, lst, k)

    selector.__name__ = name
    selector.__doc__ = f"Return element {k} (counting from 0) of LST."
    return selector


for _k, _name in enumerate(
    ("first", "second", "third", "fourth", "fifth")
    + ("sixth", "seventh", "eighth", "ninth", "tenth")
):
    srfi_1(_name)(make_nth(_name, _k))


@srfi_1("list-ref")
def list_ref(lst: Any, k: Any) -> Any:
    """Return element K (counting from 0) of LST."""
    check_index("list-ref", 2, k)
    pair = lst
    for _ in range(k):
        if type(pair) is not Pair:
            raise out_of_range("list-ref", 2, k)
        pair = pair.cdr
    if type(pair) is not Pair:
        raise out_of_range("list-ref", 2, k)
    return pair.car


@srfi_1("list-tail", "drop")
def list_tail(lst: Any, k: Any) -> Any:
    """Return LST without its first K elements."""
    check_index("list-tail", 2, k)
    pair = lst
    for _ in range(k):
        if type(pair) is not Pair:
            raise wrong_type("list-tail", 1, "list of at least K elements", lst)
        pair = pair.cdr
    return pair


@srfi_1("list-head", "take")
def list_head(lst: Any, k: Any) -> Any:
    """Return a new list of the first K elements of LST."""
    check_index("list-head", 2, k)
    items = []
    pair = lst
    for _ in range(k):
        if type(pair) is not Pair:
            raise wrong_type("list-head", 1, "list of at least K elements", lst)
        items.append(pair.car)
        pair = pair.cdr
    return from_python(items)


@srfi_1("take!")
def take_bang(lst: Any, k: Any) -> Any:
    """Return the first K elements of LST, cutting LST after them."""
    check_index("take!", 2, k)
    if k == 0:
        return NIL
    pair = list_tail(lst, k - 1)
    if type(pair) is not Pair:
        raise wrong_type("take!", 1, "list of at least K elements", lst)
    pair.cdr = NIL
    return lst


@srfi_1("take-right")
def take_right(lst: Any, k: Any) -> Any:
    """Return the last K pairs of LST (sharing structure with it)."""
    lead = list_tail(lst, k)
    lag = lst
    while type(lead) is Pair:
        lead = lead.cdr
        lag = lag.cdr
    return lag


@srfi_1("drop-right")
def drop_right(lst: Any, k: Any) -> Any:
    """Return a new list of LST's elements but the last K."""
    lead = list_tail(lst, k)
    lag = lst
    items = []
    while type(lead) is Pair:
        items.append(lag.car)
        lead = lead.cdr
        lag = lag.cdr
    return from_python(items)


@srfi_1("drop-right!")
def drop_right_bang(lst: Any, k: Any) -> Any:
    """Return LST without its last K elements, cutting LST in place."""
    lead = list_tail(lst, k)
    if type(lead) is not Pair:
        return NIL
    lag = lst
    lead = lead.cdr
    while type(lead) is Pair:
        lead = lead.cdr
        lag = lag.cdr
    lag.cdr = NIL
    return lst


@srfi_1("split-at", "split-at!")
def split_at(lst: Any, k: Any) -> Values:
    """Return the first K elements of LST and the rest, as two values."""
    check_index("split-at", 2, k)
    items = []
    pair = lst
    for _ in range(k):
        if type(pair) is not Pair:
            raise wrong_type("split-at", 1, "list of at least K elements", lst)
        items.append(pair.car)
        pair = pair.cdr
    return Values((from_python(items), pair))


@srfi_1("last-pair")
def last_pair(lst: Any) -> Any:
    """Return the last pair of LST, or LST itself when it is ``'()``."""
    if lst is NIL:
        return NIL
    if type(lst) is not Pair:
        raise wrong_type("last-pair", 1, "pair", lst)
    if classify(lst)[0] == "circular":
        raise wrong_type("last-pair", 1, "non-circular list", lst)
    pair = lst
    while type(pair.cdr) is Pair:
        pair = pair.cdr
    return pair


@srfi_1("last")
def last(lst: Any) -> Any:
    """Return the last element of the non-empty list LST."""
    if type(lst) is not Pair:
        raise wrong_type("last", 1, "pair", lst)
    return last_pair(lst).car


@srfi_1("list-set!")
def list_set(lst: Any, k: Any, value: Any) -> Any:
    """Store VALUE as element K of LST."""
    check_index("list-set!", 2, k)
    pair = lst
    for _ in range(k):
        if type(pair) is not Pair:
            raise out_of_range("list-set!", 2, k)
        pair = pair.cdr
    if type(pair) is not Pair:
        raise out_of_range("list-set!", 2, k)
    pair.car = value
    return UNSPECIFIED


# ---------------------------------------------------------------------------
# Joining and reversing


@srfi_1("append")
def append(*lists: Any) -> Any:
    """Return the elements of LISTS in one new list; the last one is shared."""
    if not lists:
        return NIL
    result = lists[-1]
    for position in range(len(lists) - 1, 0, -1):
        result = from_python(elements(lists[position - 1], "append", position), result)
    return result


@srfi_1("append!")
def append_bang(*lists: Any) -> Any:
    """Return LISTS joined by relinking the last pair of each to the next."""
    result = NIL
    last = None
    for position, lst in enumerate(lists, 1):
        if lst is NIL:
            continue
        if last is None:
            result = lst
        else:
            last.cdr = lst
        if position < len(lists):
            if type(lst) is not Pair:
                raise wrong_type("append!", position, "list", lst)
            last = last_pair(lst)
    return result


@srfi_1("concatenate", "concatenate!")
def concatenate(lists: Any) -> Any:
    """Return the elements of the lists in the list LISTS, appended."""
    return append(*elements(lists, "concatenate"))


@srfi_1("reverse")
def reverse(lst: Any) -> Any:
    """Return a new list of LST's elements in reverse order."""
    items = elements(lst, "reverse")
    return cons_each(items, NIL, len(items))


@srfi_1("append-reverse")
def append_reverse(rev_head: Any, tail: Any) -> Any:
    """Return the elements of REV-HEAD reversed, followed by TAIL."""
    items = elements(rev_head, "append-reverse")
    return cons_each(items, tail, len(items))


@srfi_1("reverse!", "append-reverse!")
def reverse_bang(lst: Any, tail: Any = NIL) -> Any:
    """Return LST reversed by relinking its pairs, followed by TAIL."""
    elements(lst, "reverse!")
    result = tail
    pair = lst
    while type(pair) is Pair:
        following = pair.cdr
        pair.cdr = result
        result = pair
        pair = following
    return result


# ---------------------------------------------------------------------------
# Searching


@srfi_1("memq")
def memq(item: Any, lst: Any) -> Any:
    """Return the first tail of LST whose car is eq? to ITEM, or #f."""
    if type(item) is int:
        return memv(item, lst)
    pair = lst
    while type(pair) is Pair:
        if pair.car is item:
            return pair
        pair = pair.cdr
    if pair is not NIL:
        raise wrong_type("memq", 2, "list", lst)
    return False


@srfi_1("memv")
def memv(item: Any, lst: Any) -> Any:
    """Return the first tail of LST whose car is eqv? to ITEM, or #f."""
    pair = lst
    while type(pair) is Pair:
        if eqv(item, pair.car):
            return pair
        pair = pair.cdr
    if pair is not NIL:
        raise wrong_type("memv", 2, "list", lst)
    return False


@srfi_1("member")
def member(item: Any, lst: Any, same: Any = None) -> Any:
    """Return the first tail of LST whose car is SAME as ITEM (equal?), or #f."""
    pair = lst
    if same is None:
        while type(pair) is Pair:
            if equal(item, pair.car):
                return pair
            pair = pair.cdr
    else:
        while type(pair) is Pair:
            if apply_procedure(same, (item, pair.car)) is not False:
                return pair
            pair = pair.cdr
    if pair is not NIL:
        raise wrong_type("member", 2, "list", lst)
    return False


def find_entry(who: str, key: Any, alist: Any, same: Any, strict: bool = True) -> Any:
    """Return the first pair of ALIST whose car is SAME (a Python test) as KEY.

    Return #f when there is none; an element that is not a pair is an error,
    and so is an improper ALIST when STRICT.
    """
    entries = alist
    while type(entries) is Pair:
        entry = entries.car
        if type(entry) is not Pair:
            raise wrong_type(who, 2, "association list", alist)
        if same(key, entry.car):
            return entry
        entries = entries.cdr
    if strict and entries is not NIL:
        raise wrong_type(who, 2, "association list", alist)
    return False


@srfi_1("assq")
def assq(key: Any, alist: Any) -> Any:
    """Return the first entry of ALIST whose key is eq? to KEY, or #f."""
    return find_entry("assq", key, alist, is_eq)


@srfi_1("assv")
def assv(key: Any, alist: Any) -> Any:
    """Return the first entry of ALIST whose key is eqv? to KEY, or #f."""
    return find_entry("assv", key, alist, eqv)


@srfi_1("assoc")
def assoc(key: Any, alist: Any, same: Any = None) -> Any:
    """Return the first entry of ALIST whose key is SAME as KEY (equal?), or #f."""
    if same is None:
        return find_entry("assoc", key, alist, equal)
    return find_entry("assoc", key, alist, scheme_test(same))


def scheme_test(same: Any):
    """Return a Python test of two arguments that applies the procedure SAME."""
    return lambda a, b: apply_procedure(same, (a, b)) is not False


@srfi_1("find")
def find(pred: Any, lst: Any) -> Any:
    """Return the first element of LST satisfying PRED, or #f."""
    tail = find_tail(pred, lst)
    return tail.car if tail is not False else False


@srfi_1("find-tail")
def find_tail(pred: Any, lst: Any) -> Any:
    """Return the first tail of LST whose car satisfies PRED, or #f."""
    pair = lst
    while type(pair) is Pair:
        if apply_procedure(pred, (pair.car,)) is not False:
            return pair
        pair = pair.cdr
    if pair is not NIL:
        raise wrong_type("find-tail", 2, "list", lst)
    return False


@srfi_1("any")
def any_(pred: Any, lst: Any, *lists: Any) -> Any:
    """Return the first true value of PRED applied across the lists, or #f."""
    if not lists:
        for item in elements(lst, "any", 2):
            result = apply_procedure(pred, (item,))
            if result is not False:
                return result
        return False
    for row in rows((lst, *lists), "any"):
        result = apply_procedure(pred, row)
        if result is not False:
            return result
    return False


@srfi_1("every")
def every(pred: Any, lst: Any, *lists: Any) -> Any:
    """Return the last value of PRED across the lists if none is #f; else #f."""
    result: Any = True
    source = (
        ((item,) for item in elements(lst, "every", 2))
        if not lists
        else rows((lst, *lists), "every")
    )
    for row in source:
        result = apply_procedure(pred, row)
        if result is False:
            return False
    return result


@srfi_1("list-index")
def list_index(pred: Any, lst: Any, *lists: Any) -> Any:
    """Return the index of the first elements satisfying PRED, or #f."""
    for index, row in enumerate(rows((lst, *lists), "list-index")):
        if apply_procedure(pred, row) is not False:
            return index
    return False


@srfi_1("count")
def count(pred: Any, lst: Any, *lists: Any) -> int:
    """Return how many elements (or rows of elements) of the lists satisfy PRED."""
    if not lists:
        items = elements(lst, "count", 2)
        return sum(1 for item in items if apply_procedure(pred, (item,)) is not False)
    return sum(
        1
        for row in rows((lst, *lists), "count")
        if apply_procedure(pred, row) is not False
    )


# ---------------------------------------------------------------------------
# Mapping and folding


@srfi_1("map", "map-in-order", "map!")
def map_(proc: Any, lst: Any, *lists: Any) -> Any:
    """Return the list of PROC applied to the elements of the lists, in order.

    With several lists, stop at the end of the shortest (as SRFI-1 does).
    """
    if not lists:
        items = elements(lst, "map", 2)
        return from_python([apply_procedure(proc, (item,)) for item in items])
    return from_python(
        [apply_procedure(proc, row) for row in rows((lst, *lists), "map")]
    )


@srfi_1("for-each")
def for_each(proc: Any, lst: Any, *lists: Any) -> Any:
    """Apply PROC to the elements of the lists in order, for its effects."""
    if not lists:
        for item in elements(lst, "for-each", 2):
            apply_procedure(proc, (item,))
    else:
        for row in rows((lst, *lists), "for-each"):
            apply_procedure(proc, row)
    return UNSPECIFIED


@srfi_1("pair-for-each")
def pair_for_each(proc: Any, lst: Any) -> Any:
    """Apply PROC to each successive tail of LST."""
    pair = lst
    while type(pair) is Pair:
        following = pair.cdr
        apply_procedure(proc, (pair,))
        pair = following
    return UNSPECIFIED


@srfi_1("append-map", "append-map!")
def append_map(proc: Any, lst: Any, *lists: Any) -> Any:
    """Return the results of PROC on the elements of the lists, appended."""
    return append(*elements(map_(proc, lst, *lists), "append-map"))


@srfi_1("filter-map")
def filter_map(proc: Any, lst: Any, *lists: Any) -> Any:
    """Return the true results of PROC on the elements of the lists."""
    results = elements(map_(proc, lst, *lists), "filter-map")
    return from_python([value for value in results if value is not False])


@srfi_1("fold")
def fold(kons: Any, knil: Any, lst: Any, *lists: Any) -> Any:
    """Return (KONS elem ... acc) applied left to right over the lists from KNIL."""
    acc = knil
    if not lists:
        for item in elements(lst, "fold", 3):
            acc = apply_procedure(kons, (item, acc))
        return acc
    for row in rows((lst, *lists), "fold", 3):
        row.append(acc)
        acc = apply_procedure(kons, row)
    return acc


@srfi_1("fold-right")
def fold_right(kons: Any, knil: Any, lst: Any, *lists: Any) -> Any:
    """Return (KONS elem ... acc) applied right to left over the lists from KNIL."""
    acc = knil
    if not lists:
        for item in reversed(elements(lst, "fold-right", 3)):
            acc = apply_procedure(kons, (item, acc))
        return acc
    for row in reversed(list(rows((lst, *lists), "fold-right", 3))):
        row.append(acc)
        acc = apply_procedure(kons, row)
    return acc


@srfi_1("pair-fold")
def pair_fold(kons: Any, knil: Any, lst: Any) -> Any:
    """Return (KONS tail acc) applied to each successive tail of LST from KNIL."""
    acc = knil
    pair = lst
    while type(pair) is Pair:
        following = pair.cdr
        acc = apply_procedure(kons, (pair, acc))
        pair = following
    return acc


@srfi_1("reduce")
def reduce(proc: Any, ridentity: Any, lst: Any) -> Any:
    """Return (PROC elem acc) folded over LST from its first element.

    Return RIDENTITY when LST is empty.
    """
    items = elements(lst, "reduce", 3)
    if not items:
        return ridentity
    acc = items[0]
    for index in range(1, len(items)):
        acc = apply_procedure(proc, (items[index], acc))
    return acc


@srfi_1("reduce-right")
def reduce_right(proc: Any, ridentity: Any, lst: Any) -> Any:
    """Return (PROC elem acc) folded over LST from its last element, right to left."""
    items = elements(lst, "reduce-right", 3)
    if not items:
        return ridentity
    acc = items[-1]
    for index in range(len(items) - 2, -1, -1):
        acc = apply_procedure(proc, (items[index], acc))
    return acc


@srfi_1("unfold")
def unfold(stop: Any, mapper: Any, successor: Any, seed: Any, tail_gen: Any = None):
    """Return the list of (MAPPER seed) for the seeds SUCCESSOR makes until STOP.

    The tail of the result is (TAIL-GEN seed) of the final seed, or ``'()``.
    """
    items = []
    while apply_procedure(stop, (seed,)) is False:
        items.append(apply_procedure(mapper, (seed,)))
        seed = apply_procedure(successor, (seed,))
    tail = NIL if tail_gen is None else apply_procedure(tail_gen, (seed,))
    return from_python(items, tail)


@srfi_1("unfold-right")
def unfold_right(stop: Any, mapper: Any, successor: Any, seed: Any, tail: Any = NIL):
    """Return the list built onto TAIL by consing (MAPPER seed) until STOP."""
    result = tail
    while apply_procedure(stop, (seed,)) is False:
        result = Pair(apply_procedure(mapper, (seed,)), result)
        seed = apply_procedure(successor, (seed,))
    return result


# ---------------------------------------------------------------------------
# Filtering and deleting


@srfi_1("filter", "filter!")
def filter_(pred: Any, lst: Any) -> Any:
    """Return the elements of LST that satisfy PRED, in order."""
    items = elements(lst, "filter", 2)
    return from_python([x for x in items if apply_procedure(pred, (x,)) is not False])


@srfi_1("remove", "remove!")
def remove(pred: Any, lst: Any) -> Any:
    """Return the elements of LST that do not satisfy PRED, in order."""
    items = elements(lst, "remove", 2)
    return from_python([x for x in items if apply_procedure(pred, (x,)) is False])


@srfi_1("partition", "partition!")
def partition(pred: Any, lst: Any) -> Values:
    """Return the elements satisfying PRED and the others, as two lists."""
    accepted, rejected = [], []
    for item in elements(lst, "partition", 2):
        if apply_procedure(pred, (item,)) is not False:
            accepted.append(item)
        else:
            rejected.append(item)
    return Values((from_python(accepted), from_python(rejected)))


@srfi_1("delete", "delete!")
def delete(item: Any, lst: Any, same: Any = None) -> Any:
    """Return LST without the elements E for which (SAME ITEM E) holds (equal?)."""
    items = elements(lst, "delete", 2)
    if same is None:
        return from_python([x for x in items if not equal(item, x)])
    return from_python([x for x in items if apply_procedure(same, (item, x)) is False])


@srfi_1("delete-duplicates", "delete-duplicates!")
def delete_duplicates(lst: Any, same: Any = None) -> Any:
    """Return LST with only the first of each group of SAME (equal?) elements."""
    from .hashtables import key_function

    items = elements(lst, "delete-duplicates")
    canonical = key_function(same)
    kept = []
    if canonical is not None:
        seen = set()
        for item in items:
            key = canonical(item)
            if key not in seen:
                seen.add(key)
                kept.append(item)
        return from_python(kept)
    # Limitation: an equivalence we do not know cannot be hashed, so this is
    # quadratic; configs pass eq?, eqv?, equal? or nothing.
    for item in items:
        if not any(apply_procedure(same, (old, item)) is not False for old in kept):
            kept.append(item)
    return from_python(kept)


# ---------------------------------------------------------------------------
# Prefixes


@srfi_1("take-while", "take-while!")
def take_while(pred: Any, lst: Any) -> Any:
    """Return the longest prefix of LST whose elements satisfy PRED."""
    return span(pred, lst)[0]


@srfi_1("drop-while")
def drop_while(pred: Any, lst: Any) -> Any:
    """Return the tail of LST from its first element not satisfying PRED."""
    pair = lst
    while type(pair) is Pair and apply_procedure(pred, (pair.car,)) is not False:
        pair = pair.cdr
    return pair


@srfi_1("span", "span!")
def span(pred: Any, lst: Any) -> Values:
    """Return the longest prefix of LST satisfying PRED and the rest."""
    items = []
    pair = lst
    while type(pair) is Pair and apply_procedure(pred, (pair.car,)) is not False:
        items.append(pair.car)
        pair = pair.cdr
    return Values((from_python(items), pair))


@srfi_1("break", "break!")
def break_(pred: Any, lst: Any) -> Values:
    """Return the longest prefix of LST not satisfying PRED and the rest."""
    items = []
    pair = lst
    while type(pair) is Pair and apply_procedure(pred, (pair.car,)) is False:
        items.append(pair.car)
        pair = pair.cdr
    return Values((from_python(items), pair))


# ---------------------------------------------------------------------------
# Lists as sets


def contains(same: Any, items: list, item: Any) -> bool:
    """Return whether (SAME x ITEM) holds for some x of ITEMS."""
    return any(apply_procedure(same, (x, item)) is not False for x in items)


@srfi_1("lset-adjoin")
def lset_adjoin(same: Any, lst: Any, *new: Any) -> Any:
    """Return LST with each of NEW consed on that is not SAME as a member."""
    members = elements(lst, "lset-adjoin", 2)
    result = lst
    for item in new:
        if not contains(same, members, item):
            members.append(item)
            result = Pair(item, result)
    return result


@srfi_1("lset-union", "lset-union!")
def lset_union(same: Any, *lists: Any) -> Any:
    """Return the union of LISTS, adding elements of later lists at the front."""
    result = NIL
    members: list = []
    for position, lst in enumerate(lists, 2):
        items = elements(lst, "lset-union", position)
        if not members:
            result, members = lst, items
            continue
        for item in items:
            if not contains(same, members, item):
                members.append(item)
                result = Pair(item, result)
    return result


@srfi_1("lset-intersection", "lset-intersection!")
def lset_intersection(same: Any, lst: Any, *lists: Any) -> Any:
    """Return the elements of LST that are SAME as an element of every other list."""
    others = [elements(x, "lset-intersection", i) for i, x in enumerate(lists, 3)]
    items = elements(lst, "lset-intersection", 2)
    return from_python(
        [
            x
            for x in items
            if all(
                any(apply_procedure(same, (x, y)) is not False for y in other)
                for other in others
            )
        ]
    )


@srfi_1("lset-difference", "lset-difference!")
def lset_difference(same: Any, lst: Any, *lists: Any) -> Any:
    """Return the elements of LST that are SAME as no element of the other lists."""
    others = [elements(x, "lset-difference", i) for i, x in enumerate(lists, 3)]
    items = elements(lst, "lset-difference", 2)
    return from_python(
        [
            x
            for x in items
            if not any(
                apply_procedure(same, (x, y)) is not False
                for other in others
                for y in other
            )
        ]
    )


@srfi_1("lset<=")
def lset_subset(same: Any, *lists: Any) -> bool:
    """Return whether every list is a subset of the next one."""
    sets = [elements(x, "lset<=", i) for i, x in enumerate(lists, 2)]
    return all(
        all(contains(same, bigger, x) for x in smaller)
        for smaller, bigger in pairwise(sets)
    )


@srfi_1("lset=")
def lset_equal(same: Any, *lists: Any) -> bool:
    """Return whether all LISTS have the same elements, as sets."""
    sets = [elements(x, "lset=", i) for i, x in enumerate(lists, 2)]
    return all(
        all(contains(same, b, x) for x in a) and all(contains(same, a, y) for y in b)
        for a, b in pairwise(sets)
    )


@srfi_1("list=")
def list_equal(same: Any, *lists: Any) -> bool:
    """Return whether LISTS have equal lengths and pairwise SAME elements."""
    sets = [elements(x, "list=", i) for i, x in enumerate(lists, 2)]
    for a, b in pairwise(sets):
        if len(a) != len(b):
            return False
        if any(
            apply_procedure(same, (x, y)) is False for x, y in zip(a, b, strict=True)
        ):
            return False
    return True


# ---------------------------------------------------------------------------
# Association lists


@srfi_1("acons", "alist-cons")
def acons(key: Any, value: Any, alist: Any) -> Pair:
    """Return ALIST with the entry (KEY . VALUE) added at the front."""
    return Pair(Pair(key, value), alist)


@srfi_1("alist-copy")
def alist_copy(alist: Any) -> Any:
    """Return a copy of ALIST with fresh entries."""
    return from_python(
        [
            Pair(entry.car, entry.cdr) if type(entry) is Pair else entry
            for entry in elements(alist, "alist-copy")
        ]
    )


@srfi_1("alist-delete", "alist-delete!")
def alist_delete(key: Any, alist: Any, same: Any = None) -> Any:
    """Return ALIST without the entries whose key K has (SAME KEY K) (equal?)."""
    test = equal if same is None else scheme_test(same)
    entries = elements(alist, "alist-delete", 2)
    for entry in entries:
        if type(entry) is not Pair:
            raise wrong_type("alist-delete", 2, "association list", alist)
    return from_python([entry for entry in entries if not test(key, entry.car)])


def entry_value(who: str, alist: Any, key: Any, same) -> Any:
    """Return the value of KEY in ALIST under the test SAME, or #f."""
    entry = find_entry(who, key, alist, same, strict=False)
    return entry.cdr if entry is not False else False


@primitive("assq-ref")
def assq_ref(alist: Any, key: Any) -> Any:
    """Return the value of the entry of ALIST whose key is eq? to KEY, or #f."""
    return entry_value("assq-ref", alist, key, is_eq)


@primitive("assv-ref")
def assv_ref(alist: Any, key: Any) -> Any:
    """Return the value of the entry of ALIST whose key is eqv? to KEY, or #f."""
    return entry_value("assv-ref", alist, key, eqv)


@primitive("assoc-ref")
def assoc_ref(alist: Any, key: Any) -> Any:
    """Return the value of the entry of ALIST whose key is equal? to KEY, or #f."""
    return entry_value("assoc-ref", alist, key, equal)


def set_entry(who: str, alist: Any, key: Any, value: Any, same) -> Any:
    """Return ALIST with KEY's entry set to VALUE, in place or added in front."""
    entry = find_entry(who, key, alist, same, strict=False)
    if entry is False:
        return Pair(Pair(key, value), alist)
    entry.cdr = value
    return alist


@primitive("assq-set!")
def assq_set(alist: Any, key: Any, value: Any) -> Any:
    """Return ALIST with the eq? entry of KEY set to VALUE."""
    return set_entry("assq-set!", alist, key, value, is_eq)


@primitive("assv-set!")
def assv_set(alist: Any, key: Any, value: Any) -> Any:
    """Return ALIST with the eqv? entry of KEY set to VALUE."""
    return set_entry("assv-set!", alist, key, value, eqv)


@primitive("assoc-set!")
def assoc_set(alist: Any, key: Any, value: Any) -> Any:
    """Return ALIST with the equal? entry of KEY set to VALUE."""
    return set_entry("assoc-set!", alist, key, value, equal)


def remove_entry(who: str, alist: Any, key: Any, same) -> Any:
    """Return ALIST without its first entry for KEY, unlinking it in place."""
    previous = None
    entries = alist
    while type(entries) is Pair:
        entry = entries.car
        if type(entry) is Pair and same(key, entry.car):
            if previous is None:
                return entries.cdr
            previous.cdr = entries.cdr
            return alist
        previous = entries
        entries = entries.cdr
    return alist


@primitive("assq-remove!")
def assq_remove(alist: Any, key: Any) -> Any:
    """Return ALIST without its first entry whose key is eq? to KEY."""
    return remove_entry("assq-remove!", alist, key, is_eq)


@primitive("assv-remove!")
def assv_remove(alist: Any, key: Any) -> Any:
    """Return ALIST without its first entry whose key is eqv? to KEY."""
    return remove_entry("assv-remove!", alist, key, eqv)


@primitive("assoc-remove!")
def assoc_remove(alist: Any, key: Any) -> Any:
    """Return ALIST without its first entry whose key is equal? to KEY."""
    return remove_entry("assoc-remove!", alist, key, equal)


# ---------------------------------------------------------------------------
# Sorting


class SortKey:
    """An element being sorted, ordered by a Scheme LESS? procedure."""

    __slots__ = ("value", "less")

    def __init__(self, value: Any, less: Any) -> None:
        self.value = value
        self.less = less

    def __lt__(self, other: SortKey) -> bool:
        return apply_procedure(self.less, (self.value, other.value)) is not False


def sequence_items(who: str, seq: Any) -> list:
    """Return the elements of the list or vector SEQ as a Python list."""
    if type(seq) is list:
        return seq
    if seq is NIL or type(seq) is Pair:
        return elements(seq, who)
    hint = None
    if callable(seq):
        hint = f"Guile's argument order is ({who} SEQUENCE LESS?)"
    raise scheme_error(
        "wrong-type-arg",
        "Wrong type argument in position 1 (expecting list or vector):",
        seq,
        who=who,
        hint=hint,
    )


def sorted_items(who: str, seq: Any, less: Any) -> list:
    """Return the elements of SEQ sorted stably by LESS."""
    items = sequence_items(who, seq)
    return [key.value for key in sorted(SortKey(x, less) for x in items)]


@primitive("sort", "stable-sort")
def sort(seq: Any, less: Any) -> Any:
    """Return a new list or vector of SEQ's elements sorted (stably) by LESS."""
    result = sorted_items("sort", seq, less)
    return result if type(seq) is list else from_python(result)


@primitive("sort!", "stable-sort!")
def sort_bang(seq: Any, less: Any) -> Any:
    """Sort the list or vector SEQ in place by LESS and return it."""
    result = sorted_items("sort!", seq, less)
    if type(seq) is list:
        seq[:] = result
        return seq
    pair = seq
    for item in result:
        pair.car = item
        pair = pair.cdr
    return seq


@primitive("sorted?")
def is_sorted(seq: Any, less: Any) -> bool:
    """Return whether no element of SEQ is LESS than the one before it."""
    items = sequence_items("sorted?", seq)
    return all(
        apply_procedure(less, (items[i + 1], items[i])) is False
        for i in range(len(items) - 1)
    )


@primitive("merge", "merge!")
def merge(first: Any, second: Any, less: Any) -> Any:
    """Return the sorted lists FIRST and SECOND merged; ties take FIRST's first."""
    a = elements(first, "merge", 1)
    b = elements(second, "merge", 2)
    merged = []
    i = j = 0
    while i < len(a) and j < len(b):
        if apply_procedure(less, (b[j], a[i])) is not False:
            merged.append(b[j])
            j += 1
        else:
            merged.append(a[i])
            i += 1
    merged.extend(a[i:])
    merged.extend(b[j:])
    return from_python(merged)


@srfi_1("zip")
def zip_(first: Any, *others: Any) -> Any:
    """Return the list of lists of the i-th elements of the lists, shortest first."""
    return from_python([from_python(row) for row in rows((first, *others), "zip", 1)])


def columns(lists: Any, count: int, who: str) -> list:
    """Return the first COUNT columns of LISTS, a list of lists, as Scheme lists."""
    rows_ = [elements(row, who) for row in elements(lists, who)]
    return [from_python([row[i] for row in rows_]) for i in range(count)]


@srfi_1("unzip1")
def unzip1(lists: Any) -> Any:
    return columns(lists, 1, "unzip1")[0]


@srfi_1("unzip2")
def unzip2(lists: Any) -> Any:
    return Values(columns(lists, 2, "unzip2"))


@srfi_1("unzip3")
def unzip3(lists: Any) -> Any:
    return Values(columns(lists, 3, "unzip3"))
