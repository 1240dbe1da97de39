"""The format procedures, with expected strings produced by GNU Guile 3.0.8's
``(ice-9 format)``."""

from fractions import Fraction

import pytest
from oscdsl.builtins import format as format_module  # noqa: F401  (registers)
from oscdsl.builtins import ports
from oscdsl.builtins.format import format_string
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import UNSPECIFIED, Char, Symbol, make_list
from oscdsl.errors import SchemeError

P = TABLES[ROOT]
L = make_list


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~5d|~10a|~{~a, ~}", [42, "x", L([1, 2])], "   42|x         |1, 2, "),
        ("~a ~s", ["str", "str"], 'str "str"'),
        ("~A ~S", [Symbol("sym"), "x"], 'sym "x"'),
        ("~a", [L(["a", Char("b")])], "(a b)"),
        ("~s", [L([1, "a", Char("b")])], '(1 "a" #\\b)'),
        ("~s", ['a\nb"c'], '"a\\nb\\"c"'),
        ("~%~~", [], "\n~"),
        ("~2%x", [], "\n\nx"),
        ("x~|y", [], "x\fy"),
        ("~a\n~a", [1, 2], "1\n2"),
        ("~\n    abc", [], "abc"),
        ("~a", [1, 2], "1"),
    ],
)
def test_basic_directives(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~10@a|", ["x"], "         x|"),
        ("~5a|", [Symbol("ab")], "ab   |"),
        ("~5s|", ["ab"], '"ab" |'),
        ("~5,2,3,'*a|", ["ab"], "ab***|"),
        ("~5,,2a|", ["abcdef"], "abcdef  |"),
        ("~8,3,,'-@a|", ["ab"], "------ab|"),
        ("~20a|", [12345678901234567890123], "12345678901234567890123|"),
    ],
)
def test_padding_of_objects(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~5,'0d", [42], "00042"),
        ("~+5d", [3], "    3"),
        ("~@d", [3], "+3"),
        ("~:d", [1234567], "1,234,567"),
        ("~5,'*d", [-42], "**-42"),
        ("~x ~o ~b", [255, 8, 5], "ff 10 101"),
        ("~x", [-255], "-ff"),
        ("~5,'0x", [255], "000ff"),
        ("~D ~X ~B ~O", [1, 255, 1, 8], "1 ff 1 10"),
        ("~d", [3.0], "3.0"),
        ("~5d|", [3.0], "  3.0|"),
        ("~d", [1234567890123456789012], "1234567890123456789012"),
        ("~v,'0d", [5, 42], "00042"),
        ("~vd", [False, 42], "42"),
    ],
)
def test_integers(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~r", [42], "forty-two"),
        ("~r", [-42], "minus forty-two"),
        ("~r", [1234], "one thousand, two hundred thirty-four"),
        ("~r", [105], "one hundred five"),
        ("~:r", [42], "forty-second"),
        ("~:r", [12], "twelfth"),
        ("~:r", [20], "twentieth"),
        ("~:r", [100], "one hundredth"),
        ("~@r", [1994], "MCMXCIV"),
        ("~@:r", [4], "IIII"),
        ("~2r", [5], "101"),
        ("~16r", [255], "ff"),
    ],
)
def test_radix_and_words(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~,2f", [3.14159], "3.14"),
        ("~,2f", [2], "2.00"),
        ("~f", [2.5], "2.5"),
        ("~f", [100], "100.0"),
        ("~f", [Fraction(1, 3)], "0.3333333333333333"),
        ("~f", [1e21], "1000000000000000000000.0"),
        ("~f", [1e-10], "0.0000000001"),
        ("~8,3f|", [3.14159], "   3.142|"),
        ("~10,2f|", [-3.14159], "     -3.14|"),
        ("~3,2f|", [314.159], "314.16|"),
        ("~,1f", [0.15], "0.2"),
        ("~,1f", [2.25], "2.3"),
        ("~,1f", [-0.05], "-0.1"),
        ("~,0f", [2.5], "3."),
        ("~,2f", [-1.005], "-1.01"),
        ("~@f|~,2@f", [2.0, 3], "+2.0|+3.00"),
        ("~e", [3.14], "3.14E+0"),
        ("~e", [0.00123], "1.23E-3"),
        ("~e", [100], "1.0E+2"),
        ("~,2e", [12345.678], "1.23E+4"),
        ("~10,3e|", [3.14], "  3.140E+0|"),
        ("~$", [3.14159], "3.14"),
        ("~$", [1234.5], "1234.50"),
        ("~@$", [1.5], "+1.50"),
    ],
)
def test_reals_round_half_up_on_their_decimal_form(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~{~a~^, ~}", [L([1, 2, 3])], "1, 2, 3"),
        ("~@{~a~^-~}", [1, 2, 3], "1-2-3"),
        ("~{~{~a~}|~}", [L([L([1, 2]), L([3, 4])])], "12|34|"),
        ("~:{~a=~a ~}", [L([L([Symbol("a"), 1]), L([Symbol("b"), 2])])], "a=1 b=2 "),
        ("~:@{~a~}", [L([1]), L([2])], "12"),
        ("~:{~a~^-~a~}", [L([L([1, 2]), L([3])])], "1-23"),
        ("~{~a ~a~^; ~}", [L([1, 2, 3, 4])], "1 2; 3 4"),
        ("~3{~a~}", [L([1, 2, 3, 4, 5])], "123"),
        ("~{~}", ["~a ", L([1, 2])], "1 2 "),
        ("~a~^~a", [1], "1"),
        ("~0^x", [], ""),
        ("~1^x", [], "x"),
    ],
)
def test_iteration_and_escape(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~:[no~;yes~]", [False], "no"),
        ("~:[no~;yes~]", [5], "yes"),
        ("~[zero~;one~;two~]", [1], "one"),
        ("~[zero~;one~:;other~]", [7], "other"),
        ("~[a~;b~]", [5], ""),
        ("~@[~a~]", [False], ""),
        ("~@[~a~]", [5], "5"),
        ("~#[none~;one~;two~]", [1, 2], "two"),
    ],
)
def test_conditionals(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~a ~* ~a", [1, 2, 3], "1  3"),
        ("~a ~:* ~a", [1], "1  1"),
        ("~2*~a", [1, 2, 3], "3"),
        ("~@*~a", [1], "1"),
        ("~?", ["~a-~a", L([1, 2])], "1-2"),
        ("~c~c", [Char("a"), Char(" ")], "a "),
        ("~@c", [Char("a")], "#\\a"),
        ("~:c", [Char("\0")], "^@"),
        ("~y", [L([1, 2])], "(1 2)\n"),
        ("~(HeLLo wOrld~)", [], "hello world"),
        ("~:@(hello~)", [], "HELLO"),
    ],
)
def test_arguments_characters_and_case(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, expected",
    [
        ("~a~&b~&~&c", ["a"], "a\nb\nc"),
        ("~&cd", [], "cd"),
        ("~10t|", [], "          |"),
        ("~a~tb", ["x"], "xb"),
        ("~a~3,4t|", ["abcdef"], "abcdef |"),
        ("~a~4@t|", ["ab"], "ab    |"),
    ],
)
def test_fresh_line_and_tabulation_follow_the_column(template, args, expected):
    assert format_string(template, args) == expected


@pytest.mark.parametrize(
    "template, args, problem",
    [
        ("~d", [3.5], "directive ~d: argument not an integer: 3.5"),
        ("~d", [Fraction(1, 2)], "argument not an integer: 1/2"),
        ("~a", [], "directive ~a: missing argument(s)"),
        ("~{~a~}", [5], "directive ~{: expected a list argument: 5"),
        ("~{~a", [], "missing ~}"),
        ("~10<foo~>", [], "directive ~10<: unknown control character `<'"),
        ("~c", [65], "directive ~c: argument not a character: 65"),
        ("~f", [Symbol("x")], "argument is not a number: x"),
        ("a~]", [], "directive ~]: unmatched closing directive"),
    ],
)
def test_errors_name_the_directive(template, args, problem):
    with pytest.raises(SchemeError) as caught:
        format_string(template, args)
    assert problem in caught.value.message
    assert caught.value.message.startswith("format: format string ")


def test_format_to_false_returns_a_string():
    assert P["format"](False, "~a-~s", 1, "x") == '1-"x"'


def test_format_to_true_prints_on_the_current_output_port(capsys):
    assert P["format"](True, "~a~%", 5) is UNSPECIFIED
    assert capsys.readouterr().out == "5\n"


def test_format_to_a_port_uses_its_column_for_fresh_line():
    port = ports.StringOutputPort()
    P["format"](port, "x~a~%", 1)
    P["format"](port, "~&y~&")
    P["display"]("ab", port)
    P["format"](port, "~&z~%")
    assert port.getvalue() == "x1\ny\nab\nz\n"


def test_format_rejects_a_string_destination():
    with pytest.raises(SchemeError) as caught:
        P["format"]("~a-~a", 1, 2)
    assert "destination" in caught.value.message


def test_simple_format_knows_only_a_s_and_newline():
    assert P["simple-format"](False, "~a ~s ~%", "x", "y") == 'x "y" \n'
    with pytest.raises(SchemeError, match="unsupported directive ~d"):
        P["simple-format"](False, "~d", 3)
    with pytest.raises(SchemeError, match="takes 1 arguments, but 2"):
        P["simple-format"](False, "~a", 1, 2)


def test_error_messages_with_tildes_report_through_format():
    from oscdsl.errors import Condition

    condition = Condition(Symbol("misc-error"), "bad value ~s in ~a", ["x", 3])
    assert condition.report() == 'bad value "x" in 3'
