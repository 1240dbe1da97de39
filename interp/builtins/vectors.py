"""Vectors (Python lists): construction, access, conversion, mapping and copying.

``vector-map`` and ``vector-for-each`` follow R7RS (no index argument, several
vectors, stop at the shortest), which is what Guile's default bindings do.
"""

from __future__ import annotations

from typing import Any

from ..datums import UNSPECIFIED
from ..runtime.procedures import apply_procedure
from .lists import elements, from_python, out_of_range, wrong_type
from .registry import primitive


def check_vector(who: str, position: int, value: Any) -> list:
    """Return VALUE if it is a vector; raise a wrong-type-arg error otherwise."""
    if type(value) is not list:
        raise wrong_type(who, position, "vector", value)
    return value


def check_range(who: str, vector: list, start: Any, end: Any) -> tuple[int, int]:
    """Return START and END (END defaulting to the length) as a slice of VECTOR."""
    size = len(vector)
    if end is None:
        end = size
    for position, bound in ((2, start), (3, end)):
        if type(bound) is not int:
            raise wrong_type(who, position, "exact integer", bound)
    if not 0 <= start <= size:
        raise out_of_range(who, 2, start)
    if not start <= end <= size:
        raise out_of_range(who, 3, end)
    return start, end


@primitive("vector")
def vector(*items: Any) -> list:
    """Return a new vector of ITEMS."""
    return list(items)


@primitive("make-vector")
def make_vector(count: Any, fill: Any = UNSPECIFIED) -> list:
    """Return a new vector of COUNT elements, each FILL."""
    if type(count) is not int:
        raise wrong_type("make-vector", 1, "exact integer", count)
    if count < 0:
        raise out_of_range("make-vector", 1, count)
    return [fill] * count


@primitive("vector-length")
def vector_length(vector: Any) -> int:
    """Return the number of elements of VECTOR."""
    return len(check_vector("vector-length", 1, vector))


@primitive("vector-ref")
def vector_ref(vector: Any, k: Any) -> Any:
    """Return element K of VECTOR."""
    if type(vector) is not list:
        raise wrong_type("vector-ref", 1, "vector", vector)
    if type(k) is not int:
        raise wrong_type("vector-ref", 2, "exact integer", k)
    if not 0 <= k < len(vector):
        raise out_of_range("vector-ref", 2, k)
    return vector[k]


@primitive("vector-set!")
def vector_set(vector: Any, k: Any, value: Any) -> Any:
    """Store VALUE as element K of VECTOR."""
    if type(vector) is not list:
        raise wrong_type("vector-set!", 1, "vector", vector)
    if type(k) is not int:
        raise wrong_type("vector-set!", 2, "exact integer", k)
    if not 0 <= k < len(vector):
        raise out_of_range("vector-set!", 2, k)
    vector[k] = value
    return UNSPECIFIED


@primitive("vector->list")
def vector_to_list(vector: Any, start: Any = 0, end: Any = None) -> Any:
    """Return the list of the elements of VECTOR from START below END."""
    check_vector("vector->list", 1, vector)
    start, end = check_range("vector->list", vector, start, end)
    return from_python(vector[start:end])


@primitive("list->vector")
def list_to_vector(lst: Any) -> list:
    """Return a new vector of the elements of the proper list LST."""
    return elements(lst, "list->vector")


@primitive("vector-fill!")
def vector_fill(vector: Any, fill: Any, start: Any = 0, end: Any = None) -> Any:
    """Store FILL in the elements of VECTOR from START below END."""
    check_vector("vector-fill!", 1, vector)
    start, end = check_range("vector-fill!", vector, start, end)
    vector[start:end] = [fill] * (end - start)
    return UNSPECIFIED


@primitive("vector-copy")
def vector_copy(vector: Any, start: Any = 0, end: Any = None) -> list:
    """Return a new vector of the elements of VECTOR from START below END."""
    check_vector("vector-copy", 1, vector)
    start, end = check_range("vector-copy", vector, start, end)
    return vector[start:end]


@primitive("subvector")
def subvector(vector: Any, start: Any, end: Any) -> list:
    """Return a new vector of the elements of VECTOR from START below END."""
    check_vector("subvector", 1, vector)
    start, end = check_range("subvector", vector, start, end)
    return vector[start:end]


@primitive("vector-copy!")
def vector_copy_bang(
    target: Any, at: Any, source: Any, start: Any = 0, end: Any = None
) -> Any:
    """Copy the elements of SOURCE from START below END into TARGET from AT."""
    check_vector("vector-copy!", 1, target)
    check_vector("vector-copy!", 3, source)
    start, end = check_range("vector-copy!", source, start, end)
    if type(at) is not int:
        raise wrong_type("vector-copy!", 2, "exact integer", at)
    if not 0 <= at <= len(target) - (end - start):
        raise out_of_range("vector-copy!", 2, at)
    target[at : at + end - start] = source[start:end]
    return UNSPECIFIED


@primitive("vector-append")
def vector_append(*vectors: Any) -> list:
    """Return a new vector of the elements of VECTORS in order."""
    result: list = []
    for position, vector in enumerate(vectors, 1):
        result.extend(check_vector("vector-append", position, vector))
    return result


@primitive("vector-grow")
def vector_grow(vector: Any, size: Any) -> list:
    """Return a copy of VECTOR extended to SIZE elements (new ones unspecified)."""
    check_vector("vector-grow", 1, vector)
    if type(size) is not int or size < len(vector):
        raise out_of_range("vector-grow", 2, size)
    return vector + [UNSPECIFIED] * (size - len(vector))


@primitive("vector-map")
def vector_map(proc: Any, vector: Any, *vectors: Any) -> list:
    """Return the vector of PROC applied to the elements of the VECTORS, in order."""
    check_vector("vector-map", 2, vector)
    if not vectors:
        return [apply_procedure(proc, (item,)) for item in vector]
    for position, other in enumerate(vectors, 3):
        check_vector("vector-map", position, other)
    return [apply_procedure(proc, row) for row in zip(vector, *vectors, strict=False)]


@primitive("vector-for-each")
def vector_for_each(proc: Any, vector: Any, *vectors: Any) -> Any:
    """Apply PROC to the elements of the VECTORS in order, for its effects."""
    check_vector("vector-for-each", 2, vector)
    for position, other in enumerate(vectors, 3):
        check_vector("vector-for-each", position, other)
    for row in zip(vector, *vectors, strict=False):
        apply_procedure(proc, row)
    return UNSPECIFIED


@primitive("vector-index")
def vector_index(pred: Any, vector: Any) -> Any:
    """Return the index of the first element of VECTOR satisfying PRED, or #f."""
    check_vector("vector-index", 2, vector)
    for index, item in enumerate(vector):
        if apply_procedure(pred, (item,)) is not False:
            return index
    return False


@primitive("vector-count")
def vector_count(pred: Any, vector: Any) -> int:
    """Return how many elements of VECTOR satisfy PRED."""
    check_vector("vector-count", 2, vector)
    return sum(1 for item in vector if apply_procedure(pred, (item,)) is not False)


@primitive("vector-binary-search")
def vector_binary_search(vector: Any, value: Any, compare: Any) -> Any:
    """Return the index of VALUE in the sorted VECTOR, or #f.

    COMPARE is called as (COMPARE element VALUE) and returns a negative,
    zero or positive number, as SRFI-43 specifies.
    """
    check_vector("vector-binary-search", 1, vector)
    low, high = 0, len(vector) - 1
    while low <= high:
        middle = (low + high) // 2
        order = apply_procedure(compare, (vector[middle], value))
        if order == 0:
            return middle
        if order < 0:
            low = middle + 1
        else:
            high = middle - 1
    return False


@primitive("vector-empty?")
def is_vector_empty(vector: Any) -> bool:
    """Return whether VECTOR has no elements."""
    return not check_vector("vector-empty?", 1, vector)
