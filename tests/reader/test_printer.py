"""The printer against Guile 3.0.8: every expected string below is what
``guile -c '(write ...)'`` or ``(display ...)`` printed for the same value."""

import math
from fractions import Fraction

import pytest
from oscdsl.datums import (
    DEFAULT,
    EOF,
    NIL,
    UNSPECIFIED,
    Char,
    Keyword,
    Pair,
    Symbol,
    make_list,
)
from oscdsl.printer import display_string, write_string
from oscdsl.reader import read_one

S = Symbol


def written(text):
    """Return how the datum that TEXT reads as is written back."""
    return write_string(read_one(text))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("''x", "(quote (quote x))"),
        ("'x", "(quote x)"),
        ("`(a ,b ,@c)", "(quasiquote (a (unquote b) (unquote-splicing c)))"),
        ("(quote x y)", "(quote x y)"),
        ("(quote . x)", "(quote . x)"),
        ("(a . (quote x))", "(a quote x)"),
        ("(1 2 . 3)", "(1 2 . 3)"),
        ("((1 . 2) (1 (2 . 3)))", "((1 . 2) (1 (2 . 3)))"),
        ("(#t #f ())", "(#t #f ())"),
        ('#(1 2 "a")', '#(1 2 "a")'),
        ("#()", "#()"),
        ("#vu8(1 2 255)", "#vu8(1 2 255)"),
        ("#:foo", "#:foo"),
        (
            "(1/3 -1/3 #e1.5 #i3 #x1F #b101 #o17 #e1e3)",
            "(1/3 -1/3 3/2 3.0 31 5 15 1000)",
        ),
        (
            "(1+ 1- ... -> - + .5 1. .foo a.b)",
            "(#{1+}# #{1-}# ... -> - + 0.5 1.0 .foo a.b)",
        ),
    ],
)
def test_write_matches_guile(source, expected):
    assert written(source) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (1.0, "1.0"), (0.5, "0.5"), (1e21, "1.0e21"), (1e20, "1.0e20"),
        (1e22, "1.0e22"), (123456789012345678901.0, "1.2345678901234568e20"),
        (1e-7, "1.0e-7"), (0.0001, "1.0e-4"), (0.001, "0.001"), (1e-10, "1.0e-10"),
        (math.inf, "+inf.0"), (-math.inf, "-inf.0"), (math.nan, "+nan.0"),
        (-0.0, "-0.0"), (0.0, "0.0"), (3.14, "3.14"), (1e100, "1.0e100"),
        (1.5e-5, "1.5e-5"), (12345.678, "12345.678"), (1e10, "1.0e10"),
        (1e15, "1.0e15"), (0.1, "0.1"), (100.0, "100.0"), (1 / 3, "0.3333333333333333"),
        (123456.0, "123456.0"), (1234567.0, "1234567.0"), (12345678.0, "12345678.0"),
        (1234567890.0, "1234567890.0"), (99999999999.0, "99999999999.0"),
        (1e9, "1.0e9"), (1.5e10, "1.5e10"), (0.0012345, "0.0012345"),
        (5e-324, "5.0e-324"), (1.7976931348623157e308, "1.7976931348623157e308"),
        (-1e21, "-1.0e21"), (-1.5e-7, "-1.5e-7"), (1e7, "1.0e7"), (1.2e7, "1.2e7"),
        (12345678.9, "12345678.9"), (123456789012.5, "123456789012.5"),
        (10000.0, "10000.0"), (110000.0, "110000.0"), (0.00012, "1.2e-4"),
        (1.23e7, "1.23e7"), (1000000.0, "1000000.0"), (12340000.0, "1.234e7"),
        (1.001e8, "1.001e8"), (1001000.0, "1001000.0"), (1.2345678e11, "1.2345678e11"),
        (12345678901234567.0, "12345678901234568.0"), (1234567800.0, "1234567800.0"),
        (1234567000.0, "1234567000.0"), (1.23456789e12, "1.23456789e12"),
        (123456789012345678.0, "123456789012345680.0"), (0.0009999, "9.999e-4"),
    ],
)  # fmt: skip
def test_floats_match_guile(value, expected):
    assert write_string(value) == expected


def test_integers_and_rationals():
    assert write_string(2**100) == "1267650600228229401496703205376"
    assert write_string(Fraction(-1, 3)) == "-1/3"
    assert write_string(-(10**5000)) == "-1" + "0" * 5000


def test_strings_written_with_guiles_escapes():
    assert write_string('a\nb\tc\\d"e') == r'"a\nb\tc\\d\"e"'
    text = "\x1b\x07\x00\x7fλ\xa0\x85\r\x08\x0c\x0b"
    assert write_string(text) == r'"\x1b\a\x00\x7fλ\xa0\x85\r\b\f\v"'
    text = "\u200bé\U0001f600\xad\u0300\u2028\ufeff\ud7ff\U0010ffff\uffff\u3000"
    expected = r'"\u200bé😀\xad' + "\u0300" + r'\u2028\ufeff\ud7ff\U10ffff\uffff\u3000"'
    assert write_string(text) == expected
    assert write_string(["", "\x00\x01"]) == r'#("" "\x00\x01")'


def test_characters_written_as_guile_names_them():
    chars = "a \n\x00\x07\x08\x7f\x1b\t\r\xa0λ(\x01\x85\x0c\x0b\u200b"
    expected = (
        r"(#\a #\space #\newline #\nul #\alarm #\backspace #\delete #\esc #\tab"
        r" #\return #\240 #\λ #\( #\soh #\205 #\page #\vtab #\20013)"
    )
    assert write_string(make_list(Char(c) for c in chars)) == expected
    assert write_string(Char("\u0300")) == "#\\\u25cc\u0300"
    assert write_string(Char("\U0001f600")) == "#\\\U0001f600"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("foo bar", "#{foo bar}#"), ("", "#{}#"), ("1", "#{1}#"), ("a|b", "a|b"),
        ("#foo", "#{#foo}#"), ("a#b", "#{a#b}#"), (".", "#{.}#"), ("..", ".."),
        ("+", "+"), ("-", "-"), ("1+", "#{1+}#"), ("+a", "+a"), ("+1", "#{+1}#"),
        ("FOO", "FOO"), ("a(b", r"#{a\x28;b}#"), ("a;b", "#{a;b}#"), ("a'b", "a'b"),
        ('a"b', '#{a"b}#'), ("λ", "λ"), ("a\nb", r"#{a\xa;b}#"), ("#:x", "#{#:x}#"),
        (":x", ":x"), ("x:", "x:"), ("a}b", r"#{a\x7d;b}#"), ("a{b", r"#{a\x7b;b}#"),
        ("'", "#{'}#"), (",a", "#{,a}#"), ("a,", "a,"), ("`", "#{`}#"),
        ("1a", "#{1a}#"), ("a1", "a1"), ("-1a", "-1a"), ("+.", "+."), ("+5a", "+5a"),
        ("1.5.2", "#{1.5.2}#"), ("1/2", "#{1/2}#"), ("1e5", "#{1e5}#"),
        ("#t", "#{#t}#"), ("+inf.0", "#{+inf.0}#"), ("...", "..."), ("a\\b", "a\\b"),
        ("\xab", r"#{\xab;}#"), ("a\xad", r"#{a\xad;}#"), ("\u2028a", r"#{\x2028;a}#"),
        ("\u0300", "\u0300"), ("\u216b", "\u216b"), ("\xb2a", "\xb2a"),
        ("a\xa0", "#{a\xa0}#"), ("\u3000a", "#{\u3000a}#"), ("\ue000", "\ue000"),
        ("a\x00b", r"#{a\x0;b}#"), ("a\x7fb", r"#{a\x7f;b}#"), ("a[b", r"#{a\x5b;b}#"),
    ],
)  # fmt: skip
def test_symbols_match_guile(name, expected):
    assert write_string(Symbol(name)) == expected
    assert display_string(Symbol(name)) == expected


def test_display_matches_guile():
    value = make_list(
        ["a\nb", Char("a"), Char(" "), S("foo"), S("foo bar"), Keyword("kw"), 1.5,
         'x"y', [1, "s", Char("c")], bytearray([1, 2])]
    )  # fmt: skip
    assert (
        display_string(value)
        == '(a\nb a   foo #{foo bar}# #:kw 1.5 x"y #(1 s c) #vu8(1 2))'
    )
    assert display_string("plain") == "plain"
    assert display_string(Char("x")) == "x"


def test_special_objects():
    assert write_string(UNSPECIFIED) == "#<unspecified>"
    assert write_string(EOF) == "#<eof>"
    assert write_string(DEFAULT) == "#<undefined>"
    assert write_string(NIL) == "()"


def test_objects_with_scheme_repr_print_themselves():
    class Record:
        def scheme_repr(self, write):
            return "#<point 1 2>" if write else "point"

    assert write_string(make_list([Record()])) == "(#<point 1 2>)"
    assert display_string(Record()) == "point"


def test_python_procedures_print_as_procedures():
    def string_upcase(text):
        return text.upper()

    assert write_string(string_upcase) == "#<procedure string_upcase>"


def test_circular_structures_use_guiles_back_references():
    ring = make_list([1, 2, 3])
    ring.cdr.cdr.cdr = ring
    assert write_string(ring) == "(1 2 3 . #-2#)"
    looped = make_list([1, 2, 3])
    looped.cdr.car = looped
    assert write_string(looped) == "(1 #-1# 3)"
    vector = [1, 2]
    vector[0] = vector
    assert write_string(vector) == "#(#0# 2)"


def test_shared_structure_is_printed_twice():
    shared = make_list([1])
    assert write_string(make_list([shared, shared])) == "((1) (1))"


def test_long_and_deep_structures_print_without_recursion():
    long_list = make_list(range(200_000))
    assert write_string(long_list).endswith(" 199999)")
    deep = NIL
    for _ in range(50_000):
        deep = Pair(deep, NIL)
    text = write_string(deep)
    assert text.startswith("((((") and len(text) == 50_000 * 2 + 2
