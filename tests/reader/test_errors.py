"""Read errors: their messages, and the line and column they point at."""

import pytest
from oscdsl.datums import Loc
from oscdsl.errors import ReadError
from oscdsl.reader import read_all


def error_of(text):
    """Return the ReadError that reading TEXT raises."""
    with pytest.raises(ReadError) as info:
        read_all(text, "e.scm")
    return info.value


def test_unclosed_paren_points_at_the_innermost_open_paren():
    error = error_of("(define (f x)\n  (g x\n")
    assert error.loc == Loc("e.scm", 2, 3)
    assert "unclosed '('" in error.message


def test_unclosed_vector_and_bracket():
    assert error_of("(a #(1 2").loc == Loc("e.scm", 1, 4)
    assert "'#('" in error_of("(a #(1 2").message
    assert error_of("[a [b]").loc == Loc("e.scm", 1, 1)


def test_unexpected_close_paren():
    error = error_of("(a b)\n  )")
    assert error.loc == Loc("e.scm", 2, 3)
    assert error.message == "unexpected ')'"


def test_mismatched_brackets():
    error = error_of("(a b]")
    assert error.loc == Loc("e.scm", 1, 5)
    assert "does not match" in error.message


@pytest.mark.parametrize("name", ["foo", "spac", "x110000", "xd800", "U+41"])
def test_bad_character_names(name):
    error = error_of(f"(a #\\{name})")
    assert error.loc == Loc("e.scm", 1, 4)
    assert error.message == f"bad character name #\\{name}"


def test_unterminated_string_points_at_its_quote():
    error = error_of('(a\n "abc)')
    assert error.loc == Loc("e.scm", 2, 2)
    assert error.message == "unterminated string"


def test_bad_escape_points_inside_the_string():
    error = error_of('(a\n "ab\\qc")')
    assert error.loc == Loc("e.scm", 2, 5)
    assert "\\q" in error.message


def test_unterminated_block_comment():
    error = error_of("(a)\n  #| never closed #| |#")
    assert error.loc == Loc("e.scm", 2, 3)
    assert "unterminated block comment" in error.message


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("(. a)", 2, "unexpected '.'"),
        ("(a . )", 4, "must follow '.'"),
        ("(a . b c)", 8, "expected ')'"),
        ("(a '", 4, "must follow '''"),
        ("#;", 1, "must follow '#;'"),
        ("#<procedure>", 1, "unknown # syntax"),
        ("#vu8(1 300)", 8, "0 to 255"),
        ("#x1G", 1, "invalid number"),
        ("#:", 1, "'#:' must be followed"),
        ("1e400", 1, "out of range"),
        ("|abc", 1, "unterminated |symbol|"),
        ("#\\", 1, "character is missing"),
        ("#!/bin/sh\n(a)", 1, "script header"),
    ],
)
def test_error_messages_and_columns(text, column, words):
    error = error_of(text)
    assert words in error.message
    assert error.loc.column == column


def test_render_shows_position_line_and_caret():
    text = '(operating-system\n  (host-name "x"\n'
    error = error_of(text)
    assert error.render(text) == (
        "e.scm:2:3: read error: unclosed '(' opened here: end of input before"
        " its close\n"
        '    (host-name "x"\n'
        "    ^"
    )


def test_deep_unclosed_nesting_is_a_read_error():
    error = error_of("(" * 20_000)
    assert error.loc == Loc("e.scm", 1, 20_000)
