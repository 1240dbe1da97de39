"""String primitives: R7RS strings plus the SRFI-13 procedures Guile provides.

Strings are immutable Python strs.  Where Guile accepts a "char predicate" (a
character, a char-set or a procedure), so do these primitives; char-sets are
the small :class:`CharSet` class defined here.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from ..datums import NIL, UNSPECIFIED, Char, Pair, Symbol, make_list
from ..errors import scheme_error
from ..runtime.procedures import call, is_procedure
from .chars import downcase, upcase
from .predicates import (
    check_char,
    check_index,
    check_procedure,
    check_string,
    wrong_type,
)
from .registry import define_value, primitive

### Char-sets


# Limitation: char-sets are membership predicates, so only construction,
# complement and membership are offered, not the SRFI-14 set algebra, because
# configs use char-sets only to tell string procedures which characters match.
class CharSet:
    """A set of characters, given by a predicate on one-character strs.

    NAME, when set, is how the set is written (``char-set:whitespace``).
    """

    __slots__ = ("contains", "name")

    def __init__(self, contains: Callable[[str], bool], name: str | None = None):
        self.contains = contains
        self.name = name

    def __repr__(self) -> str:
        return f"#<char-set {self.name}>" if self.name else "#<char-set>"


def _standard_char_set(name: str, contains: Callable[[str], bool]) -> None:
    """Bind the char-set NAME, holding the characters CONTAINS accepts."""
    define_value(name, CharSet(contains, name))


def _is_graphic(char: str) -> bool:
    """Return whether CHAR is printed with ink: printable and not white space."""
    return char.isprintable() and not char.isspace()


_standard_char_set("char-set:whitespace", str.isspace)
_standard_char_set("char-set:blank", lambda c: c == " " or c == "\t")
_standard_char_set("char-set:letter", str.isalpha)
_standard_char_set("char-set:digit", str.isdecimal)
_standard_char_set("char-set:letter+digit", lambda c: c.isalpha() or c.isdecimal())
_standard_char_set("char-set:upper-case", str.isupper)
_standard_char_set("char-set:lower-case", str.islower)
_standard_char_set("char-set:hex-digit", lambda c: c in "0123456789abcdefABCDEF")
_standard_char_set("char-set:graphic", _is_graphic)
_standard_char_set("char-set:printing", str.isprintable)
_standard_char_set("char-set:punctuation", lambda c: _is_graphic(c) and not c.isalnum())
_standard_char_set("char-set:ascii", lambda c: ord(c) < 128)
_standard_char_set("char-set:full", lambda c: True)
_standard_char_set("char-set:empty", lambda c: False)


@primitive("char-set")
def char_set(*chars: Any) -> CharSet:
    """Return the char-set of CHARS."""
    members = frozenset(
        check_char("char-set", i, c).char for i, c in enumerate(chars, 1)
    )
    return CharSet(members.__contains__)


@primitive("string->char-set")
def string_to_char_set(text: Any) -> CharSet:
    """Return the char-set of the characters of TEXT."""
    return CharSet(frozenset(check_string("string->char-set", 1, text)).__contains__)


@primitive("list->char-set")
def list_to_char_set(chars: Any) -> CharSet:
    """Return the char-set of the list of characters CHARS."""
    return char_set(*chars)


@primitive("char-set?")
def is_char_set(value: Any) -> bool:
    """Return whether VALUE is a char-set."""
    return type(value) is CharSet


@primitive("char-set-contains?")
def char_set_contains(charset: Any, char: Any) -> bool:
    """Return whether CHARSET holds CHAR."""
    if type(charset) is not CharSet:
        raise wrong_type("char-set-contains?", 1, "char-set", charset)
    return charset.contains(check_char("char-set-contains?", 2, char).char)


@primitive("char-set-complement")
def char_set_complement(charset: Any) -> CharSet:
    """Return the char-set of the characters CHARSET does not hold."""
    if type(charset) is not CharSet:
        raise wrong_type("char-set-complement", 1, "char-set", charset)
    return CharSet(lambda c: not charset.contains(c))


def char_matcher(who: str, position: int, spec: Any) -> Callable[[str], bool]:
    """Return a test of one-character strs for SPEC: a char, char-set or predicate."""
    if type(spec) is Char:
        target = spec.char
        return lambda c: c == target
    if type(spec) is CharSet:
        return spec.contains
    if is_procedure(spec):
        return lambda c: call(spec, Char(c)) is not False
    raise wrong_type(who, position, "character, char-set or predicate", spec)


### Shared argument handling


def _span(who: str, text: str, start: Any, end: Any, position: int) -> tuple[int, int]:
    """Return START and END as a valid range of TEXT; they are arguments POSITION on."""
    size = len(text)
    start = 0 if start is None else check_index(who, position, start, 0, size)
    end = size if end is None else check_index(who, position + 1, end, start, size)
    return start, end


def _strings_of(who: str, lst: Any, position: int) -> list[str]:
    """Return the strings of the Scheme list LST, argument POSITION of WHO."""
    strings = []
    while type(lst) is Pair:
        strings.append(check_string(who, position, lst.car))
        lst = lst.cdr
    if lst is not NIL:
        raise wrong_type(who, position, "list of strings", lst)
    return strings


def _chars_of(who: str, lst: Any, position: int) -> list[str]:
    """Return the characters of the Scheme list LST as one-character strs."""
    chars = []
    while type(lst) is Pair:
        chars.append(check_char(who, position, lst.car).char)
        lst = lst.cdr
    if lst is not NIL:
        raise wrong_type(who, position, "list of characters", lst)
    return chars


### Construction and access


@primitive("string-length")
def string_length(text: Any) -> int:
    """Return the number of characters of TEXT."""
    return len(check_string("string-length", 1, text))


@primitive("string-ref")
def string_ref(text: Any, k: Any) -> Char:
    """Return character K of TEXT, counting from 0."""
    check_string("string-ref", 1, text)
    return Char(text[check_index("string-ref", 2, k, 0, len(text) - 1)])


@primitive("string-null?")
def string_null(text: Any) -> bool:
    """Return whether TEXT is the empty string."""
    return check_string("string-null?", 1, text) == ""


@primitive("make-string")
def make_string(k: Any, char: Any = None) -> str:
    """Return a string of K copies of CHAR (NUL characters when CHAR is omitted)."""
    fill = "\0" if char is None else check_char("make-string", 2, char).char
    check_index("make-string", 1, k, 0, 2**31)
    return fill * k


@primitive("string")
def string(*chars: Any) -> str:
    """Return the string made of the characters CHARS."""
    return "".join(check_char("string", i, c).char for i, c in enumerate(chars, 1))


@primitive("substring", "substring/shared", "substring/copy")
def substring(text: Any, start: Any, end: Any = None) -> str:
    """Return the characters of TEXT from START up to END (the end by default)."""
    check_string("substring", 1, text)
    start, end = _span("substring", text, start, end, 2)
    return text[start:end]


@primitive("string-copy")
def string_copy(text: Any, start: Any = None, end: Any = None) -> str:
    """Return the characters of TEXT from START up to END."""
    check_string("string-copy", 1, text)
    start, end = _span("string-copy", text, start, end, 2)
    return text[start:end]


@primitive("string-append")
def string_append(*strings: Any) -> str:
    """Return the concatenation of STRINGS."""
    for position, text in enumerate(strings, 1):
        if type(text) is not str:
            raise wrong_type("string-append", position, "string", text)
    return "".join(strings)


@primitive("string-concatenate")
def string_concatenate(strings: Any) -> str:
    """Return the concatenation of the list of STRINGS."""
    return "".join(_strings_of("string-concatenate", strings, 1))


@primitive("string->list")
def string_to_list(text: Any, start: Any = None, end: Any = None) -> Any:
    """Return the list of the characters of TEXT from START up to END."""
    check_string("string->list", 1, text)
    start, end = _span("string->list", text, start, end, 2)
    return make_list(Char(c) for c in text[start:end])


@primitive("list->string")
def list_to_string(chars: Any) -> str:
    """Return the string of the list of characters CHARS."""
    return "".join(_chars_of("list->string", chars, 1))


@primitive("reverse-list->string")
def reverse_list_to_string(chars: Any) -> str:
    """Return the string of the list of characters CHARS, last first."""
    return "".join(reversed(_chars_of("reverse-list->string", chars, 1)))


@primitive("string->utf8")
def string_to_utf8(text: Any, start: Any = None, end: Any = None) -> bytearray:
    """Return the UTF-8 encoding of TEXT from START up to END as a bytevector."""
    check_string("string->utf8", 1, text)
    start, end = _span("string->utf8", text, start, end, 2)
    return bytearray(text[start:end].encode("utf-8", "surrogatepass"))


@primitive("utf8->string")
def utf8_to_string(data: Any, start: Any = None, end: Any = None) -> str:
    """Return the text whose UTF-8 encoding is DATA from START up to END."""
    if type(data) is not bytearray:
        raise wrong_type("utf8->string", 1, "bytevector", data)
    size = len(data)
    start = 0 if start is None else check_index("utf8->string", 2, start, 0, size)
    end = size if end is None else check_index("utf8->string", 3, end, start, size)
    try:
        return bytes(data[start:end]).decode("utf-8")
    except UnicodeDecodeError as error:
        raise scheme_error(
            "decoding-error", f"Invalid UTF-8: {error.reason}", who="utf8->string"
        ) from None


@primitive("string-set!", "string-fill!")
def string_set(text: Any, *args: Any) -> None:
    """Refuse to modify TEXT: strings are immutable here.

    Limitation: strings are Python strs, which cannot change in place; configs
    build new strings with string-append and friends instead.
    """
    # Limitation: strings are immutable Python strs, so they cannot be changed.
    raise scheme_error(
        "wrong-type-arg",
        "Strings are immutable in oscdsl; build a new string instead of modifying",
        text,
        hint="use string-append, string-map or list->string to make a new string",
    )


### Comparison


def _string_comparison(name: str, holds, fold: bool) -> None:
    """Register NAME, comparing strings pairwise with HOLDS."""

    def compare(a: Any, b: Any, *rest: Any) -> bool:
        texts = [check_string(name, i, s) for i, s in enumerate((a, b, *rest), 1)]
        if fold:
            texts = [text.lower() for text in texts]
        return all(holds(x, y) for x, y in pairwise(texts))

    case = "ignoring case" if fold else "by code point"
    compare.__doc__ = f"Return whether the strings satisfy {name} pairwise, {case}."
    compare.__name__ = name
    primitive(name)(compare)


for _fold, _suffix in ((False, ""), (True, "-ci")):
    _string_comparison(f"string{_suffix}=?", lambda x, y: x == y, _fold)
    _string_comparison(f"string{_suffix}<?", lambda x, y: x < y, _fold)
    _string_comparison(f"string{_suffix}>?", lambda x, y: x > y, _fold)
    _string_comparison(f"string{_suffix}<=?", lambda x, y: x <= y, _fold)
    _string_comparison(f"string{_suffix}>=?", lambda x, y: x >= y, _fold)


### Case


def _convert_case(who: str, text: Any, start: Any, end: Any, convert) -> str:
    """Return TEXT with CONVERT applied to the part from START up to END."""
    check_string(who, 1, text)
    start, end = _span(who, text, start, end, 2)
    return text[:start] + convert(text[start:end]) + text[end:]


@primitive("string-upcase")
def string_upcase(text: Any, start: Any = None, end: Any = None) -> str:
    """Return TEXT with the characters from START up to END in upper case."""
    return _convert_case(
        "string-upcase", text, start, end, lambda s: "".join(map(upcase, s))
    )


@primitive("string-downcase")
def string_downcase(text: Any, start: Any = None, end: Any = None) -> str:
    """Return TEXT with the characters from START up to END in lower case."""
    return _convert_case(
        "string-downcase", text, start, end, lambda s: "".join(map(downcase, s))
    )


@primitive("string-titlecase")
def string_titlecase(text: Any, start: Any = None, end: Any = None) -> str:
    """Return TEXT with each word from START up to END capitalised, the rest lower."""
    return _convert_case("string-titlecase", text, start, end, str.title)


### Searching


@primitive("string-index")
def string_index(text: Any, pred: Any, start: Any = None, end: Any = None) -> Any:
    """Return the index of the first character of TEXT matching PRED, or #f."""
    check_string("string-index", 1, text)
    matches = char_matcher("string-index", 2, pred)
    start, end = _span("string-index", text, start, end, 3)
    for index in range(start, end):
        if matches(text[index]):
            return index
    return False


@primitive("string-rindex", "string-index-right")
def string_rindex(text: Any, pred: Any, start: Any = None, end: Any = None) -> Any:
    """Return the index of the last character of TEXT matching PRED, or #f."""
    check_string("string-rindex", 1, text)
    matches = char_matcher("string-rindex", 2, pred)
    start, end = _span("string-rindex", text, start, end, 3)
    for index in range(end - 1, start - 1, -1):
        if matches(text[index]):
            return index
    return False


def _two_spans(who: str, s1: str, s2: str, bounds: tuple) -> tuple[str, str, int]:
    """Return the parts of S1 and S2 that BOUNDS (start1 end1 start2 end2) select.

    The third value is where the part of S1 starts.
    """
    check_string(who, 1, s1)
    check_string(who, 2, s2)
    start1, end1, start2, end2 = bounds
    start1, end1 = _span(who, s1, start1, end1, 3)
    start2, end2 = _span(who, s2, start2, end2, 5)
    return s1[start1:end1], s2[start2:end2], start1


@primitive("string-contains")
def string_contains(s1: Any, s2: Any, *bounds: Any) -> Any:
    """Return the index in S1 where S2 first occurs, or #f.

    BOUNDS are the optional START1 END1 START2 END2 of SRFI-13.
    """
    part1, part2, offset = _two_spans("string-contains", s1, s2, _pad4(bounds))
    index = part1.find(part2)
    return False if index < 0 else index + offset


@primitive("string-contains-ci")
def string_contains_ci(s1: Any, s2: Any, *bounds: Any) -> Any:
    """Return the index in S1 where S2 first occurs ignoring case, or #f."""
    part1, part2, offset = _two_spans("string-contains-ci", s1, s2, _pad4(bounds))
    index = part1.lower().find(part2.lower())
    return False if index < 0 else index + offset


def _pad4(bounds: tuple) -> tuple:
    """Return the optional START1 END1 START2 END2, None for those not given."""
    if len(bounds) > 4:
        raise scheme_error(
            "wrong-number-of-args", "Too many optional arguments", *bounds[4:]
        )
    return tuple(bounds) + (None,) * (4 - len(bounds))


def _affix_test(name: str, prefix: bool, fold: bool) -> None:
    """Register NAME, testing whether S1 is a prefix (or suffix) of S2."""

    def test(s1: Any, s2: Any, *bounds: Any) -> bool:
        part1, part2, _ = _two_spans(name, s1, s2, _pad4(bounds))
        if fold:
            part1, part2 = part1.lower(), part2.lower()
        return part2.startswith(part1) if prefix else part2.endswith(part1)

    where = "prefix" if prefix else "suffix"
    case = " ignoring case" if fold else ""
    test.__doc__ = f"Return whether S1 is a {where} of S2{case}."
    test.__name__ = name
    primitive(name)(test)


_affix_test("string-prefix?", True, False)
_affix_test("string-suffix?", False, False)
_affix_test("string-prefix-ci?", True, True)
_affix_test("string-suffix-ci?", False, True)


@primitive("string-count")
def string_count(text: Any, pred: Any, start: Any = None, end: Any = None) -> int:
    """Return how many characters of TEXT from START up to END match PRED."""
    check_string("string-count", 1, text)
    matches = char_matcher("string-count", 2, pred)
    start, end = _span("string-count", text, start, end, 3)
    return sum(1 for c in text[start:end] if matches(c))


### Splitting, joining, trimming, padding


@primitive("string-split")
def string_split(text: Any, pred: Any) -> Any:
    """Return the list of the parts of TEXT between characters matching PRED.

    Neighbouring delimiters give empty parts, as in Guile.
    """
    check_string("string-split", 1, text)
    matches = char_matcher("string-split", 2, pred)
    if type(pred) is Char:
        return make_list(text.split(pred.char))
    parts, begin = [], 0
    for index, char in enumerate(text):
        if matches(char):
            parts.append(text[begin:index])
            begin = index + 1
    parts.append(text[begin:])
    return make_list(parts)


_GRAMMARS = ("infix", "strict-infix", "suffix", "prefix")


@primitive("string-join")
def string_join(strings: Any, delimiter: Any = " ", grammar: Any = None) -> str:
    """Return STRINGS joined with DELIMITER placed as GRAMMAR says.

    GRAMMAR is ``infix`` (the default: between elements), ``strict-infix``
    (the same, but an empty list is an error), ``suffix`` (after each) or
    ``prefix`` (before each).
    """
    parts = _strings_of("string-join", strings, 1)
    check_string("string-join", 2, delimiter)
    mode = "infix" if grammar is None else getattr(grammar, "name", None)
    if not (grammar is None or isinstance(grammar, Symbol)) or mode not in _GRAMMARS:
        raise wrong_type("string-join", 3, "grammar symbol", grammar)
    if mode == "strict-infix" and not parts:
        raise scheme_error(
            "misc-error",
            "strict-infix grammar requires non-empty list",
            who="string-join",
        )
    if mode == "suffix":
        return "".join(part + delimiter for part in parts)
    if mode == "prefix":
        return "".join(delimiter + part for part in parts)
    return delimiter.join(parts)


def _trim(
    who: str, text: Any, pred: Any, start: Any, end: Any, left: bool, right: bool
):
    """Return TEXT from START to END without matching characters at LEFT/RIGHT ends."""
    check_string(who, 1, text)
    matches = str.isspace if pred is None else char_matcher(who, 2, pred)
    start, end = _span(who, text, start, end, 3)
    while left and start < end and matches(text[start]):
        start += 1
    while right and end > start and matches(text[end - 1]):
        end -= 1
    return text[start:end]


@primitive("string-trim")
def string_trim(text: Any, pred: Any = None, start: Any = None, end: Any = None) -> str:
    """Return TEXT without leading characters matching PRED (white space)."""
    return _trim("string-trim", text, pred, start, end, True, False)


@primitive("string-trim-right")
def string_trim_right(
    text: Any, pred: Any = None, start: Any = None, end: Any = None
) -> str:
    """Return TEXT without trailing characters matching PRED (white space)."""
    return _trim("string-trim-right", text, pred, start, end, False, True)


@primitive("string-trim-both")
def string_trim_both(
    text: Any, pred: Any = None, start: Any = None, end: Any = None
) -> str:
    """Return TEXT without leading and trailing characters matching PRED."""
    return _trim("string-trim-both", text, pred, start, end, True, True)


def _pad_arguments(who: str, text: Any, n: Any, char: Any, start: Any, end: Any):
    """Return the part of TEXT to pad, the width N and the fill character."""
    check_string(who, 1, text)
    check_index(who, 2, n, 0, 2**31)
    fill = " " if char is None else check_char(who, 3, char).char
    start, end = _span(who, text, start, end, 4)
    return text[start:end], n, fill


@primitive("string-pad")
def string_pad(
    text: Any, n: Any, char: Any = None, start: Any = None, end: Any = None
) -> str:
    """Return TEXT right-aligned in N characters: padded with CHAR on the left,
    or cut from the left when longer."""
    part, n, fill = _pad_arguments("string-pad", text, n, char, start, end)
    return part[len(part) - n :] if len(part) >= n else fill * (n - len(part)) + part


@primitive("string-pad-right")
def string_pad_right(
    text: Any, n: Any, char: Any = None, start: Any = None, end: Any = None
) -> str:
    """Return TEXT left-aligned in N characters: padded with CHAR on the right,
    or cut from the right when longer."""
    part, n, fill = _pad_arguments("string-pad-right", text, n, char, start, end)
    return part[:n] if len(part) >= n else part + fill * (n - len(part))


@primitive("string-tokenize")
def string_tokenize(
    text: Any, token_set: Any = None, start: Any = None, end: Any = None
) -> Any:
    """Return the list of the maximal runs of TEXT's characters in TOKEN_SET.

    TOKEN_SET defaults to the graphic characters, so words are split at white
    space.  A predicate procedure is accepted where Guile wants a char-set.
    """
    check_string("string-tokenize", 1, text)
    matches = (
        _is_graphic
        if token_set is None
        else char_matcher("string-tokenize", 2, token_set)
    )
    start, end = _span("string-tokenize", text, start, end, 3)
    tokens, begin = [], None
    for index in range(start, end):
        if matches(text[index]):
            if begin is None:
                begin = index
        elif begin is not None:
            tokens.append(text[begin:index])
            begin = None
    if begin is not None:
        tokens.append(text[begin:end])
    return make_list(tokens)


### Taking apart


def _cut(who: str, text: Any, n: Any) -> int:
    """Return N checked as a count of characters of TEXT."""
    check_string(who, 1, text)
    return check_index(who, 2, n, 0, len(text))


@primitive("string-take")
def string_take(text: Any, n: Any) -> str:
    """Return the first N characters of TEXT."""
    return text[: _cut("string-take", text, n)]


@primitive("string-drop")
def string_drop(text: Any, n: Any) -> str:
    """Return TEXT without its first N characters."""
    return text[_cut("string-drop", text, n) :]


@primitive("string-take-right")
def string_take_right(text: Any, n: Any) -> str:
    """Return the last N characters of TEXT."""
    return text[len(text) - _cut("string-take-right", text, n) :]


@primitive("string-drop-right")
def string_drop_right(text: Any, n: Any) -> str:
    """Return TEXT without its last N characters."""
    return text[: len(text) - _cut("string-drop-right", text, n)]


@primitive("string-reverse")
def string_reverse(text: Any, start: Any = None, end: Any = None) -> str:
    """Return the characters of TEXT from START up to END in reverse order."""
    check_string("string-reverse", 1, text)
    start, end = _span("string-reverse", text, start, end, 2)
    return text[start:end][::-1]


@primitive("string-replace")
def string_replace(s1: Any, s2: Any, *bounds: Any) -> str:
    """Return S1 with its part from START1 to END1 replaced by S2 (START2 to END2)."""
    start1, end1, start2, end2 = _pad4(bounds)
    check_string("string-replace", 1, s1)
    check_string("string-replace", 2, s2)
    start1, end1 = _span("string-replace", s1, start1, end1, 3)
    start2, end2 = _span("string-replace", s2, start2, end2, 5)
    return s1[:start1] + s2[start2:end2] + s1[end1:]


### Higher-order procedures


def _string_and_span(who: str, proc: Any, text: Any, rest: tuple) -> tuple:
    """Check PROC and TEXT; return the texts to walk in parallel.

    REST is either more strings (R7RS style) or START and END (SRFI-13 style).
    """
    check_procedure(who, 1, proc)
    check_string(who, 2, text)
    if rest and all(type(extra) is str for extra in rest):
        size = min(len(text), *(len(extra) for extra in rest))
        return [t[:size] for t in (text, *rest)]
    if len(rest) > 2:
        raise scheme_error("wrong-number-of-args", "Too many arguments", who=who)
    start, end = _span(who, text, *(rest + (None, None))[:2], 3)
    return [text[start:end]]


@primitive("string-for-each")
def string_for_each(proc: Any, text: Any, *rest: Any) -> Any:
    """Call PROC on each character of TEXT (and of REST strings), in order."""
    texts = _string_and_span("string-for-each", proc, text, rest)
    for chars in zip(*texts, strict=True):
        call(proc, *map(Char, chars))
    return UNSPECIFIED


@primitive("string-map")
def string_map(proc: Any, text: Any, *rest: Any) -> str:
    """Return the string of PROC's results on each character of TEXT (and REST)."""
    texts = _string_and_span("string-map", proc, text, rest)
    result = []
    for chars in zip(*texts, strict=True):
        value = call(proc, *map(Char, chars))
        if type(value) is not Char:
            raise wrong_type("string-map", 1, "procedure returning characters", value)
        result.append(value.char)
    return "".join(result)


@primitive("string-fold")
def string_fold(
    kons: Any, knil: Any, text: Any, start: Any = None, end: Any = None
) -> Any:
    """Return KNIL combined with each character of TEXT, left to right, by KONS."""
    check_procedure("string-fold", 1, kons)
    check_string("string-fold", 3, text)
    start, end = _span("string-fold", text, start, end, 4)
    for char in text[start:end]:
        knil = call(kons, Char(char), knil)
    return knil


@primitive("string-fold-right")
def string_fold_right(
    kons: Any, knil: Any, text: Any, start: Any = None, end: Any = None
) -> Any:
    """Return KNIL combined with each character of TEXT, right to left, by KONS."""
    check_procedure("string-fold-right", 1, kons)
    check_string("string-fold-right", 3, text)
    start, end = _span("string-fold-right", text, start, end, 4)
    for char in reversed(text[start:end]):
        knil = call(kons, Char(char), knil)
    return knil


@primitive("string-any")
def string_any(pred: Any, text: Any, start: Any = None, end: Any = None) -> Any:
    """Return the first true value of PRED on a character of TEXT, or #f."""
    check_string("string-any", 2, text)
    start, end = _span("string-any", text, start, end, 3)
    if not is_procedure(pred):
        matches = char_matcher("string-any", 1, pred)
        return any(matches(c) for c in text[start:end])
    for char in text[start:end]:
        value = call(pred, Char(char))
        if value is not False:
            return value
    return False


@primitive("string-every")
def string_every(pred: Any, text: Any, start: Any = None, end: Any = None) -> Any:
    """Return PRED's value on the last character of TEXT if true on all, else #f."""
    check_string("string-every", 2, text)
    start, end = _span("string-every", text, start, end, 3)
    if not is_procedure(pred):
        matches = char_matcher("string-every", 1, pred)
        return all(matches(c) for c in text[start:end])
    value = True
    for char in text[start:end]:
        value = call(pred, Char(char))
        if value is False:
            return False
    return value


def _filter_arguments(who: str, first: Any, second: Any) -> tuple[str, Callable]:
    """Return the string and the matcher of WHO's two arguments, in either order.

    Guile 3 takes the predicate first; SRFI-13 took the string first.
    """
    if type(first) is str and type(second) is not str:
        return first, char_matcher(who, 2, second)
    return check_string(who, 2, second), char_matcher(who, 1, first)


@primitive("string-filter")
def string_filter(pred: Any, text: Any) -> str:
    """Return the characters of TEXT that match PRED."""
    text, matches = _filter_arguments("string-filter", pred, text)
    return "".join(c for c in text if matches(c))


@primitive("string-delete")
def string_delete(pred: Any, text: Any) -> str:
    """Return the characters of TEXT that do not match PRED."""
    text, matches = _filter_arguments("string-delete", pred, text)
    return "".join(c for c in text if not matches(c))
