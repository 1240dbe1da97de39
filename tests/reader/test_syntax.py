"""What the reader makes of each piece of syntax, and where it says it found it."""

import math
from fractions import Fraction

import pytest
from oscdsl.datums import NIL, Char, Keyword, Loc, Pair, Symbol, list_to_python
from oscdsl.errors import ReadError
from oscdsl.reader import read_all, read_all_with_locations, read_file, read_one

S = Symbol


def one(text):
    """Return the only datum of TEXT."""
    datums = read_all(text)
    assert len(datums) == 1, datums
    return datums[0]


def items(text):
    """Return the elements of the list that TEXT holds."""
    return list_to_python(one(text))


@pytest.mark.parametrize(
    "text, value",
    [("#t", True), ("#f", False), ("#true", True), ("#false", False), ("#T", True)],
)
def test_booleans(text, value):
    assert one(text) is value


@pytest.mark.parametrize(
    "text, char",
    [
        ("#\\a", "a"),
        ("#\\A", "A"),
        ("#\\space", " "),
        ("#\\newline", "\n"),
        ("#\\tab", "\t"),
        ("#\\nul", "\x00"),
        ("#\\null", "\x00"),
        ("#\\x41", "A"),
        ("#\\x", "x"),
        ("#\\alarm", "\x07"),
        ("#\\backspace", "\x08"),
        ("#\\delete", "\x7f"),
        ("#\\escape", "\x1b"),
        ("#\\esc", "\x1b"),
        ("#\\return", "\r"),
        ("#\\linefeed", "\n"),
        ("#\\(", "("),
        ("#\\)", ")"),
        ("#\\;", ";"),
        ("#\\\\", "\\"),
        ("#\\ ", " "),
        ("#\\λ", "λ"),
        ("#\\SPACE", " "),
        ("#\\101", "A"),
        ("#\\0", "0"),
        ("#\\240", "\xa0"),
        ("#\\\u25cc\u0300", "\u0300"),
    ],
)
def test_characters(text, char):
    assert one(text) is Char(char)


def test_character_followed_by_paren():
    assert items("(#\\a)") == [Char("a")]
    assert items("(#\\()") == [Char("(")]


@pytest.mark.parametrize(
    "text, string",
    [
        (r'"plain"', "plain"),
        (r'"a\nb\tc"', "a\nb\tc"),
        (r'"q\"q\\"', 'q"q\\'),
        (r'"\a\r\0"', "\x07\r\x00"),
        (r'"\x41;BC"', "ABC"),
        (r'"\x1b[0m"', "\x1b[0m"),
        (r'"\u03bb"', "λ"),
        (r'"\U01F600"', "\U0001f600"),
        ('"line one\\\n     line two"', "line oneline two"),
        ('"multi\nline"', "multi\nline"),
        ('""', ""),
    ],
)
def test_strings(text, string):
    assert one(text) == string


@pytest.mark.parametrize(
    "text, number",
    [
        ("0", 0),
        ("42", 42),
        ("-5", -5),
        ("+5", 5),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        ("1/3", Fraction(1, 3)),
        ("-2/4", Fraction(-1, 2)),
        ("4/2", 2),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e10", 1e10),
        ("-2.5e-3", -2.5e-3),
        ("1E3", 1000.0),
        ("#x1F", 31),
        ("#X1f", 31),
        ("#x-ff", -255),
        ("#b101", 5),
        ("#o17", 15),
        ("#d10", 10),
        ("#e1.5", Fraction(3, 2)),
        ("#e1e3", 1000),
        ("#i3", 3.0),
        ("#i1/4", 0.25),
        ("#x#e10", 16),
        ("#e#x10", 16),
        ("+inf.0", math.inf),
        ("-inf.0", -math.inf),
    ],
)
def test_numbers(text, number):
    value = one(text)
    assert value == number
    assert type(value) is type(number)


def test_nan():
    assert math.isnan(one("+nan.0"))


def test_huge_integer_beyond_cpythons_conversion_limit():
    digits = "7" * 10_000
    assert one(digits) == 7 * (10**10_000 - 1) // 9


@pytest.mark.parametrize(
    "text",
    ["1+", "1-", "...", "-", "+", "->", "1/0", "1.5.2", "-1a", ".foo", "+.", "a#b"],
)
def test_number_like_symbols(text):
    assert one(text) is Symbol(text)


def test_symbols_are_case_sensitive():
    assert items("(Foo foo FOO)") == [S("Foo"), S("foo"), S("FOO")]


def test_bar_and_brace_symbols():
    assert one("|foo bar|") is S("foo bar")
    assert one("||") is S("")
    assert one(r"|a\x41;b|") is S("aAb")
    assert one("#{foo bar}#") is S("foo bar")
    assert one(r"#{a\x28;b}#") is S("a(b")


def test_keywords():
    assert one("#:foo") is Keyword("foo")
    assert one("#:a:b") is Keyword("a:b")


@pytest.mark.parametrize(
    "text, head",
    [
        ("'x", "quote"),
        ("`x", "quasiquote"),
        (",x", "unquote"),
        (",@x", "unquote-splicing"),
        ("#'x", "syntax"),
        ("#~x", "gexp"),
        ("#$x", "ungexp"),
        ("#$@x", "ungexp-splicing"),
        ("#+x", "ungexp-native"),
        ("#+@x", "ungexp-native-splicing"),
    ],
)
def test_abbreviations(text, head):
    assert items(text) == [S(head), S("x")]


def test_gexp_inside_gexp():
    value = one("#~(begin #$output (list #$@args))")
    assert repr(value) == (
        "(gexp (begin (ungexp output) (list (ungexp-splicing args))))"
    )


def test_vectors_and_bytevectors():
    assert one('#(1 #(2) "s")') == [1, [2], "s"]
    assert one("#()") == []
    value = one("#vu8(1 2 255)")
    assert type(value) is bytearray and value == bytearray([1, 2, 255])


def test_dotted_pairs():
    pair = one("(a . b)")
    assert pair.car is S("a") and pair.cdr is S("b")
    value = one("(1 2 . 3)")
    assert value.cdr.cdr == 3
    assert one("(a . (b))") == Pair(S("a"), Pair(S("b"), NIL))


def test_square_brackets_are_parens():
    assert items("[a [b] (c)]") == [S("a"), Pair(S("b"), NIL), Pair(S("c"), NIL)]


def test_empty_list():
    assert one("()") is NIL
    assert one("[ ]") is NIL


def test_comments():
    text = """
    ; line comment
    #| block #| nested |# still |#
    (a #;(skipped form) b #; c d #;#;e f g)
    #;last
    """
    assert read_all(text) == [
        Pair(S("a"), Pair(S("b"), Pair(S("d"), Pair(S("g"), NIL))))
    ]


def test_datum_comment_around_dot_and_after_quote():
    assert one("(a #;x . #;y b #;z)") == Pair(S("a"), S("b"))
    assert items("'#;a b") == [S("quote"), S("b")]


def test_script_header_is_skipped_and_keeps_positions():
    text = "#!/usr/bin/env oscdsl\n-s\n!#\n(display 1)"
    [(datum, loc)] = read_all_with_locations(text, "s.scm")
    assert items("(display 1)") == list_to_python(datum)
    assert loc == Loc("s.scm", 4, 1)


def test_hash_bang_later_in_file_is_not_a_header():
    with pytest.raises(ReadError):
        read_all("(a)\n#!foo !#")


def test_read_one_returns_first_datum():
    assert read_one("a b c") is S("a")


def test_read_file(tmp_path):
    path = tmp_path / "config.scm"
    path.write_text('(host-name "komputilo")\n', encoding="utf-8")
    [datum] = read_file(path)
    assert datum.loc == Loc(str(path), 1, 1)
    assert datum.cdr.car == "komputilo"


# ---------------------------------------------------------------------------
# Locations
# ---------------------------------------------------------------------------


def test_list_pairs_carry_paren_then_element_locations():
    text = "(define (f x)\n  (+ x\n     1))"
    form = one(text)
    assert form.loc == Loc(None, 1, 1)  # the opening paren
    assert form.cdr.loc == Loc(None, 1, 9)  # (f x), second element
    assert form.cdr.car.loc == Loc(None, 1, 9)  # its own paren
    assert form.cdr.car.cdr.loc == Loc(None, 1, 12)  # x
    body = form.cdr.cdr
    assert body.loc == Loc(None, 2, 3)
    addition = body.car
    assert addition.loc == Loc(None, 2, 3)
    assert addition.cdr.loc == Loc(None, 2, 6)
    assert addition.cdr.cdr.loc == Loc(None, 3, 6)


def test_locations_name_the_source():
    form = one_from = read_all("\n  (a b)", "config.scm")[0]
    assert one_from.loc == Loc("config.scm", 2, 3)
    assert form.cdr.loc == Loc("config.scm", 2, 6)


def test_quote_location_is_the_quote_mark():
    form = read_all("(list 'x\n   #~y)", "f")[0]
    quoted = form.cdr.car
    assert quoted.loc == Loc("f", 1, 7)
    assert quoted.cdr.loc == Loc("f", 1, 8)
    gexp = form.cdr.cdr.car
    assert gexp.loc == Loc("f", 2, 4)
    assert gexp.cdr.loc == Loc("f", 2, 6)


def test_vector_element_location_in_list():
    form = one("(a #(1 2))")
    assert form.cdr.loc == Loc(None, 1, 4)


def test_top_level_locations_include_atoms():
    located = read_all_with_locations('foo\n  "bar" (baz)\n#(1)', "t")
    assert [loc for _, loc in located] == [
        Loc("t", 1, 1),
        Loc("t", 2, 3),
        Loc("t", 2, 9),
        Loc("t", 3, 1),
    ]


def test_locations_after_multiline_string_and_block_comment():
    form = one('(a "x\ny" #| c\n d |# b)')
    assert form.cdr.cdr.loc == Loc(None, 3, 7)


def test_deeply_nested_input_reads_without_recursion():
    depth = 10_000
    value = one("(" * depth + "x" + ")" * depth)
    for _ in range(depth):
        assert type(value) is Pair
        value = value.car
    assert value is S("x")


def test_deeply_nested_quotes_and_vectors():
    value = one("'" * 5000 + "x")
    assert value.car is S("quote")
    value = one("#(" * 3000 + ")" * 3000)
    assert type(value) is list
