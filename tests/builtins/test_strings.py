"""String primitives, checked against GNU Guile 3.0.8's SRFI-13 behaviour."""

import pytest
from oscdsl.builtins import chars, strings  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import NIL, UNSPECIFIED, Char, Symbol, list_to_python, make_list
from oscdsl.errors import SchemeError

P = TABLES[ROOT]
SPACE = Char(" ")


def error_kind(function, *args) -> str:
    """Return the Guile key of the condition FUNCTION raises on ARGS."""
    with pytest.raises(SchemeError) as caught:
        function(*args)
    return caught.value.payload.kind.name


def strs(lst) -> list:
    """Return the Scheme list LST as a Python list."""
    return list_to_python(lst)


def test_access_and_bounds():
    assert P["string-length"]("abc") == 3
    assert P["string-ref"]("abc", 1) is Char("b")
    assert error_kind(P["string-ref"], "abc", 5) == "out-of-range"
    assert error_kind(P["string-length"], Symbol("a")) == "wrong-type-arg"
    assert P["substring"]("hello", 1, 3) == "el"
    assert P["substring"]("hello", 2) == "llo"
    assert error_kind(P["substring"], "hello", 3, 2) == "out-of-range"
    assert P["string-copy"]("hello", 1, 3) == "el"
    assert error_kind(P["string-copy"], "abc", 5) == "out-of-range"


def test_construction():
    assert P["make-string"](3, Char("x")) == "xxx"
    assert P["make-string"](2) == "\0\0"
    assert P["string"](Char("a"), Char("b")) == "ab"
    assert P["string"]() == ""
    assert error_kind(P["string"], Char("a"), "bc") == "wrong-type-arg"
    assert P["string-append"]("a", "b", "c") == "abc"
    assert error_kind(P["string-append"], "a", Symbol("b")) == "wrong-type-arg"
    assert P["string-concatenate"](make_list(["a", "b"])) == "ab"


def test_list_conversions():
    assert strs(P["string->list"]("abc", 1)) == [Char("b"), Char("c")]
    assert strs(P["string->list"]("abc", 1, 2)) == [Char("b")]
    assert P["list->string"](make_list([Char("a")])) == "a"
    assert error_kind(P["list->string"], make_list([1])) == "wrong-type-arg"
    assert P["reverse-list->string"](make_list([Char("a"), Char("b")])) == "ba"


def test_utf8_round_trip():
    assert P["string->utf8"]("aé") == bytearray(b"a\xc3\xa9")
    assert P["utf8->string"](bytearray(b"ab")) == "ab"
    assert error_kind(P["utf8->string"], bytearray(b"\xff")) == "decoding-error"


def test_mutation_is_refused_with_an_explanation():
    with pytest.raises(SchemeError) as caught:
        P["string-set!"]("abc", 0, Char("x"))
    assert "immutable" in caught.value.payload.message
    assert error_kind(P["string-fill!"], "abc", Char("x")) == "wrong-type-arg"


def test_comparisons_are_variadic():
    assert P["string=?"]("a", "a", "a") is True
    assert P["string<?"]("a", "b", "c") is True
    assert P["string<?"]("A", "a") is True
    assert P["string-ci=?"]("aB", "Ab") is True
    assert P["string-ci<?"]("a", "B") is True
    assert P["string-null?"]("") is True


def test_case_conversion_with_ranges():
    assert P["string-upcase"]("abc") == "ABC"
    assert P["string-upcase"]("abc", 1) == "aBC"
    assert P["string-downcase"]("ABC", 0, 2) == "abC"
    assert P["string-upcase"]("ß") == "ß"
    assert P["string-titlecase"]("hello wORLD foo-bar") == "Hello World Foo-Bar"
    assert P["string-titlecase"]("x1y") == "X1Y"


def test_string_index_and_rindex():
    assert P["string-index"]("hello", Char("l")) == 2
    assert P["string-index"]("hello", Char("z")) is False
    assert P["string-index"]("hello", Char("l"), 3) == 3
    assert P["string-index"]("hello", Char("o"), 0, 4) is False
    assert P["string-index"]("hello", P["char-upper-case?"]) is False
    assert P["string-index"]("a b", P["char-set:whitespace"]) == 1
    assert P["string-rindex"]("hello", Char("l")) == 3
    assert P["string-rindex"]("hello", Char("l"), 0, 3) == 2
    assert error_kind(P["string-index"], "abc", "b") == "wrong-type-arg"
    assert error_kind(P["string-index"], "abc", Char("a"), 4) == "out-of-range"


def test_string_contains():
    assert P["string-contains"]("hello", "ll") == 2
    assert P["string-contains"]("hello", "x") is False
    assert P["string-contains"]("hello", "") == 0
    assert P["string-contains"]("hello", "l", 3) == 3
    assert P["string-contains"]("abcabc", "bc", 2) == 4
    assert P["string-contains"]("abc", "c", 0, 2) is False
    assert P["string-contains-ci"]("HeLLo", "ll") == 2


def test_prefix_and_suffix():
    assert P["string-prefix?"]("he", "hello") is True
    assert P["string-prefix?"]("", "x") is True
    assert P["string-prefix?"]("hex", "hello", 0, 2) is True
    assert P["string-suffix?"]("lo", "hello") is True
    assert P["string-suffix?"]("he", "hello") is False
    assert P["string-prefix-ci?"]("HE", "hello") is True
    assert P["string-suffix-ci?"]("LO", "hello") is True


def test_string_split_keeps_empty_fields():
    assert strs(P["string-split"]("a,b,,c", Char(","))) == ["a", "b", "", "c"]
    assert strs(P["string-split"]("", Char(","))) == [""]
    assert strs(P["string-split"](" a  b ", SPACE)) == ["", "a", "", "b", ""]
    assert strs(P["string-split"]("abc", P["char-whitespace?"])) == ["abc"]
    assert strs(P["string-split"]("a1b2c", P["char-numeric?"])) == ["a", "b", "c"]
    assert error_kind(P["string-split"], "a b", "b") == "wrong-type-arg"


def test_string_join_grammars():
    abc = make_list(["a", "b", "c"])
    ab = make_list(["a", "b"])
    assert P["string-join"](abc) == "a b c"
    assert P["string-join"](ab, ", ") == "a, b"
    assert P["string-join"](ab, "-", Symbol("suffix")) == "a-b-"
    assert P["string-join"](ab, "-", Symbol("prefix")) == "-a-b"
    assert P["string-join"](NIL, "-") == ""
    assert P["string-join"](NIL, "-", Symbol("suffix")) == ""
    assert P["string-join"](make_list(["a"]), "-", Symbol("strict-infix")) == "a"
    assert error_kind(P["string-join"], NIL, "-", Symbol("strict-infix")) == (
        "misc-error"
    )
    assert error_kind(P["string-join"], ab, "", Symbol("bogus")) == "wrong-type-arg"
    assert error_kind(P["string-join"], ab, 5) == "wrong-type-arg"


def test_trimming():
    assert P["string-trim"]("  ab  ") == "ab  "
    assert P["string-trim-right"]("  ab  ") == "  ab"
    assert P["string-trim-both"]("  ab  ") == "ab"
    assert P["string-trim-both"]("xxabxx", Char("x")) == "ab"
    assert P["string-trim"]("123ab", P["char-numeric?"]) == "ab"
    assert P["string-trim-both"]("  ab  ", SPACE, 1, 4) == "ab"


def test_padding_cuts_from_the_left_for_string_pad():
    assert P["string-pad"]("abc", 2) == "bc"
    assert P["string-pad"]("abc", 5) == "  abc"
    assert P["string-pad"]("abc", 5, Char("*")) == "**abc"
    assert P["string-pad"]("abcdef", 4, Char("x"), 1, 5) == "bcde"
    assert P["string-pad"]("abc", 5, Char("-"), 1) == "---bc"
    assert P["string-pad"]("", 3) == "   "
    assert P["string-pad-right"]("abc", 2) == "ab"
    assert P["string-pad-right"]("abc", 5) == "abc  "
    assert P["string-pad-right"]("abc", 0) == ""


def test_tokenize():
    assert strs(P["string-tokenize"](" a b  cd ")) == ["a", "b", "cd"]
    letters = P["char-set:letter"]
    assert strs(P["string-tokenize"]("a b,c", letters)) == ["a", "b", "c"]
    assert strs(P["string-tokenize"]("   ")) == []


def test_take_and_drop():
    assert P["string-take"]("hello", 2) == "he"
    assert P["string-drop"]("hello", 2) == "llo"
    assert P["string-take-right"]("hello", 2) == "lo"
    assert P["string-drop-right"]("hello", 2) == "hel"
    assert error_kind(P["string-take"], "hi", 5) == "out-of-range"


def test_reverse_replace_count():
    assert P["string-reverse"]("abc") == "cba"
    assert P["string-replace"]("hello", "XY", 1, 3) == "hXYlo"
    assert P["string-count"]("banana", Char("a")) == 3
    assert P["string-count"]("banana", P["char-alphabetic?"]) == 6


def test_higher_order_procedures():
    seen = []
    result = P["string-for-each"](lambda c: seen.append(c.char), "abcd", 1, 3)
    assert result is UNSPECIFIED and seen == ["b", "c"]
    assert P["string-map"](P["char-upcase"], "abc") == "ABC"
    assert P["string-map"](P["char-upcase"], "abcd", 1, 3) == "BC"
    cons = lambda a, b: [a.char, b]  # noqa: E731
    assert P["string-fold"](cons, "", "ab") == ["b", ["a", ""]]
    assert P["string-fold-right"](cons, "", "ab") == ["a", ["b", ""]]
    assert P["string-any"](P["char-numeric?"], "a1") is True
    assert P["string-every"](P["char-numeric?"], "12") is True
    assert P["string-every"](P["char-numeric?"], "1a") is False


def test_filter_and_delete_accept_guile_3_argument_order():
    assert P["string-filter"](P["char-numeric?"], "a1b2") == "12"
    assert P["string-delete"](P["char-numeric?"], "a1b2") == "ab"
    assert P["string-filter"]("a1b2", Char("1")) == "1"


def test_char_sets():
    whitespace = P["char-set:whitespace"]
    assert P["char-set?"](whitespace) is True
    assert P["char-set-contains?"](whitespace, SPACE) is True
    ab = P["char-set"](Char("a"), Char("b"))
    assert P["char-set-contains?"](ab, Char("b")) is True
    assert P["char-set-contains?"](ab, Char("c")) is False
    assert P["string-index"]("xxbx", ab) == 2
