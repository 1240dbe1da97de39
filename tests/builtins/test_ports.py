"""Ports and reading/writing primitives, checked against GNU Guile 3.0.8."""

import pytest
from oscdsl.builtins import ports
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import EOF, UNSPECIFIED, Char, Pair, Symbol, make_list
from oscdsl.errors import SchemeError
from oscdsl.runtime.parameters import Parameter, parameterized

P = TABLES[ROOT]


def test_display_and_write_go_to_sys_stdout_at_write_time(capsys):
    P["display"]("hi")
    P["write"]("x")
    P["newline"]()
    P["write-char"](Char("z"))
    P["write-line"](make_list([1, "x", Char("c")]))
    assert capsys.readouterr().out == 'hi"x"\nz(1 x c)\n'


def test_error_port_writes_to_sys_stderr(capsys):
    P["display"]("oops", P["current-error-port"]())
    assert capsys.readouterr().err == "oops"


def test_current_ports_are_parameters_that_parameterize_rebinds():
    assert isinstance(P["current-output-port"], Parameter)
    assert isinstance(P["current-input-port"], Parameter)
    port = P["open-output-string"]()
    with parameterized([(ports.current_output_port, port)]):
        P["display"]("inside")
    assert P["get-output-string"](port) == "inside"


def test_with_output_to_string_captures_display_and_write():
    def thunk():
        P["display"]("hi")
        P["write"]("x")

    assert P["with-output-to-string"](thunk) == 'hi"x"'


def test_with_error_to_string_captures_the_error_port():
    thunk = lambda: P["display"]("e", P["current-error-port"]())
    assert P["with-error-to-string"](thunk) == "e"


def test_call_with_output_string_passes_the_port():
    def proc(port):
        P["write"](Symbol("sym"), port)
        P["write-char"](Char("z"), port)

    assert P["call-with-output-string"](proc) == "symz"


def test_write_line_displays_then_newline_on_a_port():
    assert P["call-with-output-string"](lambda port: P["write-line"](5, port)) == "5\n"
    port = P["open-output-string"]()
    P["write-line"]('a"b', port)
    assert P["get-output-string"](port) == 'a"b\n'


def test_write_string_takes_a_range():
    port = P["open-output-string"]()
    P["write-string"]("hello", port, 1, 3)
    assert P["get-output-string"](port) == "el"


def test_read_char_peek_char_and_read_line_modes():
    port = P["open-input-string"]("abc\ndef\n\nlast")
    assert P["read-line"](port) == "abc"
    assert P["read-char"](port) is Char("d")
    assert P["peek-char"](port) is Char("e")
    assert P["read-line"](port, Symbol("concat")) == "ef\n"
    assert P["read-line"](port) == ""
    assert P["read-line"](port) == "last"
    assert P["read-line"](port) is EOF
    assert P["read-char"](port) is EOF
    assert P["peek-char"](port) is EOF


def test_read_line_split_and_peek():
    port = P["open-input-string"]("a\nb")
    first = P["read-line"](port, Symbol("split"))
    assert (first.car, first.cdr) == ("a", Char("\n"))
    second = P["read-line"](port, Symbol("split"))
    assert (second.car, second.cdr) == ("b", EOF)
    third = P["read-line"](port, Symbol("split"))
    assert (third.car, third.cdr) == (EOF, EOF)
    port = P["open-input-string"]("a\nb")
    assert P["read-line"](port, Symbol("peek")) == "a"
    assert P["read-char"](port) is Char("\n")


def test_read_delimited():
    assert P["read-delimited"](",;", P["open-input-string"]("ab;cd")) == "ab"
    port = P["open-input-string"]("ab;cd")
    assert P["read-delimited"](",;", port, Symbol("concat")) == "ab;"
    rest = P["read-delimited"](",;", port, Symbol("split"))
    assert isinstance(rest, Pair) and (rest.car, rest.cdr) == ("cd", EOF)


def test_read_string_accepts_guile_and_r7rs_argument_orders():
    assert P["read-string"](P["open-input-string"]("hello")) == "hello"
    assert P["read-string"](P["open-input-string"]("hello"), 3) == "hel"
    assert P["read-string"](2, P["open-input-string"]("abc")) == "ab"
    assert P["read-string"](P["open-input-string"]("")) == ""


def test_read_returns_datums_then_eof():
    port = P["open-input-string"](' (1 "a)" #\\)) ; comment\n foo #| x |# #;(skip) bar')
    first = P["read"](port)
    assert [first.car, first.cdr.car, first.cdr.cdr.car] == [1, "a)", Char(")")]
    assert P["read"](port) is Symbol("foo")
    assert P["read"](port) is Symbol("bar")
    assert P["read"](port) is EOF


def test_read_of_quoted_and_vector_datums():
    port = P["open-input-string"]("'(a . b) #(1 2) x")
    quoted = P["read"](port)
    assert quoted.car is Symbol("quote")
    assert P["read"](port) == [1, 2]
    assert P["read"](port) is Symbol("x")


def test_with_input_from_string_and_call_with_input_string():
    def thunk():
        return make_list([P["read"](), P["read"](), P["read"]()])

    result = P["with-input-from-string"]("(1 2) foo", thunk)
    assert list(result)[1:] == [Symbol("foo"), EOF]
    assert P["call-with-input-string"]("x y", P["read"]) is Symbol("x")


def test_empty_string_port_gives_eof_everywhere():
    port = P["open-input-string"]("")
    assert P["read-char"](port) is EOF
    assert P["peek-char"](port) is EOF
    assert P["read-line"](port) is EOF
    assert P["read"](port) is EOF
    assert P["char-ready?"](port) is True
    assert P["eof-object"]() is EOF


def test_object_to_string_writes_or_uses_the_printer():
    assert P["object->string"]("x") == '"x"'
    assert P["object->string"](make_list([1, "x"]), P["display"]) == "(1 x)"


def test_port_predicates():
    out, inp = P["current-output-port"](), P["open-input-string"]("x")
    assert [P["port?"](out), P["input-port?"](out), P["output-port?"](out)] == [
        True,
        False,
        True,
    ]
    assert P["input-port?"](inp) is True
    assert P["port?"]("x") is False


def test_ports_print_as_guile_shows_them():
    assert ports.STDOUT_PORT.scheme_repr(True) == "#<output: file 1>"
    assert P["open-input-string"]("x").scheme_repr(True).startswith("#<input: string ")


def test_close_port_reports_whether_it_was_open_and_reading_after_fails():
    port = P["open-input-string"]("x")
    assert P["close-port"](port) is True
    assert P["close-port"](port) is False
    assert port.scheme_repr(True).startswith("#<closed: string ")
    with pytest.raises(SchemeError, match="open input port"):
        P["read-char"](port)


def test_file_ports_round_trip(tmp_path):
    path = str(tmp_path / "out.txt")
    P["call-with-output-file"](path, lambda port: P["display"]("hello\nworld", port))
    assert P["call-with-input-file"](path, P["read-line"]) == "hello"
    port = P["open-input-file"](path)
    assert port.scheme_repr(True) == f"#<input: {path}>"
    assert P["read-string"](port) == "hello\nworld"
    P["close-input-port"](port)
    P["with-output-to-file"](path, lambda: P["write"](make_list([1, "a"])))
    assert open(path).read() == '(1 "a")'
    assert P["with-input-from-file"](path, P["read"]) == make_list([1, "a"])


def test_opening_a_missing_file_is_a_system_error(tmp_path):
    with pytest.raises(SchemeError) as caught:
        P["open-input-file"](str(tmp_path / "none"))
    condition = caught.value.payload
    assert condition.kind is Symbol("system-error")
    assert condition.who == "open-file"
    assert "No such file or directory" in caught.value.message


def test_output_to_a_closed_port_is_an_error():
    port = P["open-output-string"]()
    P["close-output-port"](port)
    with pytest.raises(SchemeError):
        P["display"]("x", port)


def test_display_rejects_a_non_port():
    with pytest.raises(SchemeError, match="output port"):
        P["display"]("x", "not a port")


def test_force_output_returns_unspecified():
    assert P["force-output"]() is UNSPECIFIED
    assert P["flush-output-port"](P["open-output-string"]()) is UNSPECIFIED


def test_read_line_is_also_in_ice9_rdelim():
    assert TABLES[("ice-9", "rdelim")]["read-line"] is P["read-line"]
