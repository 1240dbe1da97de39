"""Bytevectors (Python bytearrays): the basics of (rnrs bytevectors) and R7RS.

``bytevector-copy!`` takes R6RS arguments when given five, and R7RS ones
(TARGET AT SOURCE [START [END]]) when given three or four.
"""

from __future__ import annotations

from typing import Any

from ..datums import UNSPECIFIED
from .lists import elements, from_python, out_of_range, wrong_type
from .registry import primitive


def check_bytevector(who: str, position: int, value: Any) -> bytearray:
    """Return VALUE if it is a bytevector; raise a wrong-type-arg error otherwise."""
    if type(value) is not bytearray:
        raise wrong_type(who, position, "bytevector", value)
    return value


def check_octet(who: str, position: int, value: Any) -> int:
    """Return VALUE if it is an exact integer from 0 to 255; raise otherwise."""
    if type(value) is not int:
        raise wrong_type(who, position, "exact integer", value)
    if not 0 <= value <= 255:
        raise out_of_range(who, position, value)
    return value


def check_slice(who: str, size: int, start: Any, end: Any) -> tuple[int, int]:
    """Return START and END (END defaulting to SIZE) as a valid slice of SIZE bytes."""
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


@primitive("bytevector?")
def is_bytevector(value: Any) -> bool:
    """Return whether VALUE is a bytevector."""
    return type(value) is bytearray


@primitive("make-bytevector")
def make_bytevector(count: Any, fill: Any = 0) -> bytearray:
    """Return a new bytevector of COUNT bytes, each FILL (-128 to 255)."""
    if type(count) is not int:
        raise wrong_type("make-bytevector", 1, "exact integer", count)
    if count < 0:
        raise out_of_range("make-bytevector", 1, count)
    if type(fill) is not int:
        raise wrong_type("make-bytevector", 2, "exact integer", fill)
    if not -128 <= fill <= 255:
        raise out_of_range("make-bytevector", 2, fill)
    return bytearray([fill & 0xFF]) * count


@primitive("bytevector")
def bytevector(*octets: Any) -> bytearray:
    """Return a new bytevector of the bytes OCTETS."""
    for position, octet in enumerate(octets, 1):
        check_octet("bytevector", position, octet)
    return bytearray(octets)


@primitive("bytevector-length")
def bytevector_length(bv: Any) -> int:
    """Return the number of bytes of BV."""
    return len(check_bytevector("bytevector-length", 1, bv))


@primitive("bytevector-u8-ref")
def bytevector_u8_ref(bv: Any, k: Any) -> int:
    """Return byte K of BV, from 0 to 255."""
    check_bytevector("bytevector-u8-ref", 1, bv)
    if type(k) is not int:
        raise wrong_type("bytevector-u8-ref", 2, "exact integer", k)
    if not 0 <= k < len(bv):
        raise out_of_range("bytevector-u8-ref", 2, k)
    return bv[k]


@primitive("bytevector-s8-ref")
def bytevector_s8_ref(bv: Any, k: Any) -> int:
    """Return byte K of BV as a signed number, from -128 to 127."""
    octet = bytevector_u8_ref(bv, k)
    return octet - 256 if octet > 127 else octet


@primitive("bytevector-u8-set!")
def bytevector_u8_set(bv: Any, k: Any, octet: Any) -> Any:
    """Store OCTET (0 to 255) as byte K of BV."""
    check_bytevector("bytevector-u8-set!", 1, bv)
    if type(k) is not int:
        raise wrong_type("bytevector-u8-set!", 2, "exact integer", k)
    if not 0 <= k < len(bv):
        raise out_of_range("bytevector-u8-set!", 2, k)
    bv[k] = check_octet("bytevector-u8-set!", 3, octet)
    return UNSPECIFIED


@primitive("bytevector-fill!")
def bytevector_fill(bv: Any, fill: Any, start: Any = 0, end: Any = None) -> Any:
    """Store FILL (-128 to 255) in the bytes of BV from START below END."""
    check_bytevector("bytevector-fill!", 1, bv)
    if type(fill) is not int:
        raise wrong_type("bytevector-fill!", 2, "exact integer", fill)
    if not -128 <= fill <= 255:
        raise out_of_range("bytevector-fill!", 2, fill)
    start, end = check_slice("bytevector-fill!", len(bv), start, end)
    bv[start:end] = bytes([fill & 0xFF]) * (end - start)
    return UNSPECIFIED


@primitive("bytevector-copy")
def bytevector_copy(bv: Any, start: Any = 0, end: Any = None) -> bytearray:
    """Return a new bytevector of the bytes of BV from START below END."""
    check_bytevector("bytevector-copy", 1, bv)
    start, end = check_slice("bytevector-copy", len(bv), start, end)
    return bv[start:end]


@primitive("bytevector-copy!")
def bytevector_copy_bang(first: Any, second: Any, third: Any, *rest: Any) -> Any:
    """Copy bytes between bytevectors, with R6RS or R7RS arguments.

    R6RS: (SOURCE SOURCE-START TARGET TARGET-START COUNT).  R7RS: (TARGET AT
    SOURCE [START [END]]).
    """
    # Limitation: five arguments always mean R6RS, because both conventions
    # accept five and (rnrs bytevectors) is the one Guile configs import.
    if len(rest) == 2:
        source, source_start, target = first, second, third
        target_start, count = rest
        check_bytevector("bytevector-copy!", 1, source)
        check_bytevector("bytevector-copy!", 3, target)
        for position, number in ((2, source_start), (5, count)):
            if type(number) is not int or number < 0:
                raise wrong_type("bytevector-copy!", position, "index", number)
        start, end = check_slice(
            "bytevector-copy!", len(source), source_start, source_start + count
        )
    else:
        target, target_start, source = first, second, third
        check_bytevector("bytevector-copy!", 1, target)
        check_bytevector("bytevector-copy!", 3, source)
        start, end = check_slice(
            "bytevector-copy!",
            len(source),
            rest[0] if rest else 0,
            rest[1] if len(rest) > 1 else None,
        )
    if type(target_start) is not int:
        raise wrong_type("bytevector-copy!", 2, "exact integer", target_start)
    if not 0 <= target_start <= len(target) - (end - start):
        raise out_of_range("bytevector-copy!", 4, target_start)
    target[target_start : target_start + end - start] = source[start:end]
    return UNSPECIFIED


@primitive("bytevector-append")
def bytevector_append(*bvs: Any) -> bytearray:
    """Return a new bytevector of the bytes of BVS in order."""
    result = bytearray()
    for position, bv in enumerate(bvs, 1):
        result += check_bytevector("bytevector-append", position, bv)
    return result


@primitive("bytevector=?")
def bytevector_equal(a: Any, b: Any) -> bool:
    """Return whether the bytevectors A and B hold the same bytes."""
    check_bytevector("bytevector=?", 1, a)
    check_bytevector("bytevector=?", 2, b)
    return a == b


@primitive("u8-list->bytevector")
def u8_list_to_bytevector(lst: Any) -> bytearray:
    """Return a new bytevector of the bytes in the list LST."""
    octets = elements(lst, "u8-list->bytevector")
    for octet in octets:
        if type(octet) is not int or not 0 <= octet <= 255:
            raise wrong_type("u8-list->bytevector", 1, "list of octets", octet)
    return bytearray(octets)


@primitive("bytevector->u8-list")
def bytevector_to_u8_list(bv: Any) -> Any:
    """Return the list of the bytes of BV."""
    return from_python(list(check_bytevector("bytevector->u8-list", 1, bv)))
