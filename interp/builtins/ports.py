"""Ports and the procedures that read and write through them.

Output goes to the standard streams, to strings or to files; input comes from
strings, files or standard input.  The current ports are parameter objects, so
``parameterize`` and ``with-output-to-string`` redirect them.
"""

from __future__ import annotations

import sys
from typing import Any

from ..datums import DEFAULT, EOF, UNSPECIFIED, Char, Keyword, Pair, Symbol
from ..errors import scheme_error
from ..runtime.parameters import Parameter, parameterized
from ..runtime.procedures import call
from .registry import primitive

RDELIM = ("ice-9", "rdelim")


# ---------------------------------------------------------------------------
# Port classes


class Port:
    """The common part of every port: a name for printing and an open flag."""

    direction = "port"

    def __init__(self, label: str) -> None:
        self.label = label
        self.closed = False

    def scheme_repr(self, write: bool) -> str:
        """Return the port as Guile prints it, e.g. ``#<input: string 7f...>``."""
        state = "closed" if self.closed else self.direction
        return f"#<{state}: {self.label}>"

    def close(self) -> None:
        """Release the port's resources; reading or writing is an error after."""
        self.closed = True

    def __repr__(self) -> str:
        return self.scheme_repr(True)


class OutputPort(Port):
    """A port written with text; it remembers the column for ``~&`` and ``~t``."""

    direction = "output"

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.column = 0

    def write_text(self, text: str) -> None:
        """Write TEXT to the port and advance the column."""
        if self.closed:
            raise scheme_error(
                "wrong-type-arg",
                "Wrong type argument (expecting open output port):",
                self,
            )
        self.emit(text)
        newline = text.rfind("\n")
        if newline < 0:
            self.column += len(text)
        else:
            self.column = len(text) - newline - 1

    def emit(self, text: str) -> None:
        """Send TEXT to wherever the port writes; subclasses define it."""
        raise NotImplementedError

    def flush(self) -> None:
        """Push buffered text out; only ports with a buffer do anything."""


class StreamOutputPort(OutputPort):
    """A port writing to ``sys.stdout`` or ``sys.stderr``, looked up at each write.

    Looking the stream up late lets pytest's capture and ``contextlib.redirect_stdout``
    see what Scheme code prints.
    """

    def __init__(self, stream_name: str, fd: int) -> None:
        super().__init__(f"file {fd}")
        self.stream_name = stream_name

    def emit(self, text: str) -> None:
        """Write TEXT to the Python stream the port stands for."""
        stream = getattr(sys, self.stream_name)
        try:
            try:
                stream.write(text)
            except UnicodeEncodeError:
                # Text read from undecodable files keeps its bytes as surrogates.
                encoding = getattr(stream, "encoding", None) or "utf-8"
                raw = text.encode("utf-8", "surrogateescape")
                stream.write(raw.decode(encoding, "replace"))
        except OSError as error:
            raise os_error("write", error) from None

    def flush(self) -> None:
        """Flush the Python stream."""
        getattr(sys, self.stream_name).flush()

    def close(self) -> None:
        """Flush only: closing the process's standard stream would break Python."""
        self.flush()


class StringOutputPort(OutputPort):
    """A port accumulating what is written into a string."""

    def __init__(self) -> None:
        super().__init__(f"string {id(self):x}")
        self.parts: list[str] = []

    def emit(self, text: str) -> None:
        """Append TEXT to the accumulated string."""
        self.parts.append(text)

    def getvalue(self) -> str:
        """Return everything written so far."""
        text = "".join(self.parts)
        self.parts = [text]
        return text


class FileOutputPort(OutputPort):
    """A port writing to a file opened by ``open-output-file``."""

    def __init__(self, path: str, append: bool = False) -> None:
        try:
            self.file = open(
                path, "a" if append else "w", encoding="utf-8", errors="surrogateescape"
            )
        except OSError as error:
            raise os_error("open-file", error, path) from None
        super().__init__(f"{path} {self.file.fileno()}")
        self.path = path

    def emit(self, text: str) -> None:
        """Write TEXT to the file."""
        self.file.write(text)

    def flush(self) -> None:
        """Flush the file's buffer to the operating system."""
        if not self.closed:
            self.file.flush()

    def close(self) -> None:
        """Flush and close the file."""
        if not self.closed:
            self.file.close()
        super().close()


class InputPort(Port):
    """A port read character by character from a buffer of text.

    TEXT holds what has been read from the source so far and POSITION the
    index of the next character; :meth:`fill` asks the source for more.
    """

    direction = "input"

    def __init__(self, label: str, text: str = "") -> None:
        super().__init__(label)
        self.text = text
        self.position = 0
        self.line = 0

    def fill(self) -> bool:
        """Add more text from the source; return False at its end."""
        return False

    def check_open(self, who: str) -> None:
        """Raise the error for reading from a closed port."""
        if self.closed:
            raise scheme_error(
                "wrong-type-arg",
                "Wrong type argument (expecting open input port):",
                self,
                who=who,
            )

    def has_more(self) -> bool:
        """Return whether a character is available, reading more if need be."""
        while self.position >= len(self.text):
            if not self.fill():
                return False
        return True

    def peek(self) -> str | None:
        """Return the next character without consuming it, or None at the end."""
        return self.text[self.position] if self.has_more() else None

    def advance(self, count: int = 1) -> None:
        """Consume COUNT characters, counting the lines they end."""
        taken = self.text[self.position : self.position + count]
        self.line += taken.count("\n")
        self.position += len(taken)

    def read(self) -> str | None:
        """Return and consume the next character, or None at the end."""
        char = self.peek()
        if char is not None:
            self.advance()
        return char

    def rest(self) -> str:
        """Consume and return everything left in the port."""
        while self.fill():
            pass
        text = self.text[self.position :]
        self.advance(len(text))
        return text


class StringInputPort(InputPort):
    """A port reading from a string given when it is opened."""

    def __init__(self, text: str) -> None:
        super().__init__(f"string {id(self):x}", text)


class FileInputPort(InputPort):
    """A port reading a file named PATH."""

    # Limitation: the whole file is read when the port opens, because the
    # files configs read are small and this keeps character access simple.
    def __init__(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as file:
                text = file.read()
        except OSError as error:
            raise os_error("open-file", error, path) from None
        super().__init__(path, text)
        self.path = path


class StdinPort(InputPort):
    """A port reading ``sys.stdin`` a line at a time, looked up at each read."""

    def __init__(self) -> None:
        super().__init__("file 0")

    def fill(self) -> bool:
        """Read one more line from standard input."""
        line = sys.stdin.readline()
        if not line:
            return False
        self.text = self.text[self.position :] + line
        self.position = 0
        return True


def os_error(who: str, error: OSError, filename: Any = None):
    """Return the ``system-error`` condition for the failed operation WHO."""
    message = error.strerror or str(error)
    if filename is None:
        return scheme_error("system-error", message, who=who)
    return scheme_error("system-error", message, filename, who=who)


# ---------------------------------------------------------------------------
# The current ports


def _output_port_only(value: Any) -> Any:
    """Return VALUE if it is an output port; the current output ports need one."""
    if not isinstance(value, OutputPort):
        raise scheme_error(
            "wrong-type-arg", "Wrong type argument (expecting port):", value
        )
    return value


def _input_port_only(value: Any) -> Any:
    """Return VALUE if it is an input port."""
    if not isinstance(value, InputPort):
        raise scheme_error(
            "wrong-type-arg", "Wrong type argument (expecting port):", value
        )
    return value


STDOUT_PORT = StreamOutputPort("stdout", 1)
STDERR_PORT = StreamOutputPort("stderr", 2)
STDIN_PORT = StdinPort()

current_output_port = Parameter(STDOUT_PORT, _output_port_only, "current-output-port")
current_error_port = Parameter(STDERR_PORT, _output_port_only, "current-error-port")
current_input_port = Parameter(STDIN_PORT, _input_port_only, "current-input-port")

primitive("current-output-port")(current_output_port)
primitive("current-error-port")(current_error_port)
primitive("current-input-port")(current_input_port)


def output_port(port: Any, who: str) -> OutputPort:
    """Return PORT, or the current output port when PORT was not passed."""
    if port is None or port is DEFAULT:
        return current_output_port.value
    if not isinstance(port, OutputPort):
        raise scheme_error(
            "wrong-type-arg",
            "Wrong type argument (expecting output port):",
            port,
            who=who,
        )
    return port


def input_port(port: Any, who: str) -> InputPort:
    """Return PORT, open for input, or the current input port when not passed."""
    if port is None or port is DEFAULT:
        port = current_input_port.value
    if not isinstance(port, InputPort):
        raise scheme_error(
            "wrong-type-arg",
            "Wrong type argument (expecting input port):",
            port,
            who=who,
        )
    port.check_open(who)
    return port


def _string(value: Any, who: str) -> str:
    """Return VALUE if it is a string; raise the wrong-type error otherwise."""
    if type(value) is not str:
        raise scheme_error(
            "wrong-type-arg", "Wrong type argument (expecting string):", value, who=who
        )
    return value


# ---------------------------------------------------------------------------
# Writing


@primitive("display")
def display(obj: Any, port: Any = None) -> Any:
    """Write OBJ to PORT as ``display`` shows it: strings and chars bare."""
    from ..printer import display_string

    output_port(port, "display").write_text(display_string(obj))
    return UNSPECIFIED


@primitive("write")
def write(obj: Any, port: Any = None) -> Any:
    """Write OBJ to PORT in the notation ``read`` reads back."""
    from ..printer import write_string

    output_port(port, "write").write_text(write_string(obj))
    return UNSPECIFIED


@primitive("pretty-print")
@primitive("pretty-print", module=("ice-9", "pretty-print"))
def pretty_print(obj: Any, port: Any = None, *options: Any) -> Any:
    """Write OBJ to PORT, then a newline.

    Limitation: no line breaking or indentation of long data; the
    keyword options of (ice-9 pretty-print) are accepted and ignored.
    """
    from ..printer import write_string

    output_port(
        port if not isinstance(port, Keyword) else None, "pretty-print"
    ).write_text(write_string(obj) + "\n")
    return UNSPECIFIED


@primitive("newline")
def newline(port: Any = None) -> Any:
    """Write a newline to PORT."""
    output_port(port, "newline").write_text("\n")
    return UNSPECIFIED


@primitive("write-char")
def write_char(char: Any, port: Any = None) -> Any:
    """Write the character CHAR to PORT."""
    if not isinstance(char, Char):
        raise scheme_error(
            "wrong-type-arg",
            "Wrong type argument (expecting character):",
            char,
            who="write-char",
        )
    output_port(port, "write-char").write_text(char.char)
    return UNSPECIFIED


@primitive("write-string")
def write_string(text: Any, port: Any = None, start: int = 0, end: Any = None) -> Any:
    """Write the characters of TEXT from START to END to PORT."""
    text = _string(text, "write-string")
    end = len(text) if end is None or end is DEFAULT else end
    output_port(port, "write-string").write_text(text[start:end])
    return UNSPECIFIED


@primitive("write-line")
def write_line(obj: Any, port: Any = None) -> Any:
    """Display OBJ on PORT, then a newline."""
    from ..printer import display_string

    output_port(port, "write-line").write_text(display_string(obj) + "\n")
    return UNSPECIFIED


@primitive("force-output", "flush-output-port")
def force_output(port: Any = None) -> Any:
    """Flush the buffered output of PORT (the current output port by default)."""
    output_port(port, "force-output").flush()
    return UNSPECIFIED


# ---------------------------------------------------------------------------
# Reading


@primitive("read-char")
def read_char(port: Any = None) -> Any:
    """Consume and return the next character of PORT, or the eof object."""
    char = input_port(port, "read-char").read()
    return EOF if char is None else Char(char)


@primitive("peek-char")
def peek_char(port: Any = None) -> Any:
    """Return the next character of PORT without consuming it, or the eof object."""
    char = input_port(port, "peek-char").peek()
    return EOF if char is None else Char(char)


@primitive("char-ready?")
def char_ready(port: Any = None) -> bool:
    """Return #t: reading a character from PORT never blocks for long."""
    input_port(port, "char-ready?")
    # Limitation: standard input is reported ready even when it would block,
    # because configs only ask this of string and file ports.
    return True


def _read_until(port: InputPort, delimiters: str) -> tuple[str, str | None]:
    """Consume text of PORT up to one of DELIMITERS; return it and the delimiter.

    The delimiter is None at end of input; it is left in the port.
    """
    chars = []
    while True:
        char = port.peek()
        if char is None or char in delimiters:
            return "".join(chars), char
        chars.append(char)
        port.advance()


def _delimited_result(
    port: InputPort, text: str, delimiter: str | None, handle_delim: Any
) -> Any:
    """Return TEXT and DELIMITER as HANDLE-DELIM asks (trim, concat, peek, split)."""
    mode = handle_delim.name if isinstance(handle_delim, Symbol) else "trim"
    if delimiter is not None and mode != "peek":
        port.advance()
    if not text and delimiter is None:
        return Pair(EOF, EOF) if mode == "split" else EOF
    if mode == "concat" and delimiter is not None:
        return text + delimiter
    if mode == "split":
        return Pair(text, EOF if delimiter is None else Char(delimiter))
    return text


@primitive("read-line")
@primitive("read-line", module=RDELIM)
def read_line(port: Any = None, handle_delim: Any = None) -> Any:
    """Return the next line of PORT without its newline, or the eof object.

    HANDLE-DELIM is ``trim`` (the default), ``concat`` (keep the newline),
    ``peek`` (leave it in the port) or ``split`` (a pair of line and newline).
    """
    port = input_port(port, "read-line")
    text, delimiter = _read_until(port, "\n")
    return _delimited_result(port, text, delimiter, handle_delim)


@primitive("read-delimited")
@primitive("read-delimited", module=RDELIM)
def read_delimited(delims: Any, port: Any = None, handle_delim: Any = None) -> Any:
    """Return the text of PORT up to a character of the string DELIMS."""
    delims = _string(delims, "read-delimited")
    port = input_port(port, "read-delimited")
    text, delimiter = _read_until(port, delims)
    return _delimited_result(port, text, delimiter, handle_delim)


@primitive("read-string")
@primitive("read-string", module=RDELIM)
def read_string(first: Any = None, second: Any = None) -> Any:
    """Return up to COUNT characters of PORT (all of them by default).

    Both argument orders are accepted: Guile's ``(read-string PORT COUNT)``
    and R7RS's ``(read-string COUNT PORT)``.
    """
    if type(first) is int:
        count, port = first, second
    else:
        port, count = first, second
    port = input_port(port, "read-string")
    if count is None or count is DEFAULT or count is False:
        return port.rest()
    chars = []
    while len(chars) < count and (char := port.read()) is not None:
        chars.append(char)
    if count and not chars:
        return EOF
    return "".join(chars)


@primitive("read")
def read(port: Any = None) -> Any:
    """Read the next datum from PORT and return it, or the eof object."""
    from ..reader import read_one

    port = input_port(port, "read")
    while port.fill():
        pass
    start, end = datum_extent(port.text, port.position)
    if start is None:
        port.advance(len(port.text) - port.position)
        return EOF
    port.advance(end - port.position)
    # Limitation: locations in the datum count from its own start, not from the
    # start of the port, because the reader is given the datum's text alone.
    return read_one(port.text[start:end], getattr(port, "path", None))


DELIMITERS = set(' \t\n\r\f()[]";')


def datum_extent(text: str, index: int) -> tuple[int | None, int]:
    """Return where the first datum of TEXT at or after INDEX starts and ends.

    Whitespace and comments before it are skipped; the start is None when only
    they remain.  The datum itself is left to the reader, which reports any
    error in it.
    """
    index = _skip_atmosphere(text, index)
    if index >= len(text):
        return None, index
    return index, _datum_end(text, index)


def _skip_atmosphere(text: str, index: int) -> int:
    """Return the index of the first character of TEXT at INDEX not in a comment."""
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
        elif char == ";":
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline + 1
        elif text.startswith("#|", index):
            from ..reader import block_comment_end

            end = block_comment_end(text, index)
            index = len(text) if end < 0 else end
        elif text.startswith("#;", index):
            index = _skip_atmosphere(text, index + 2)
            index = _datum_end(text, index) if index < len(text) else index
        else:
            return index
    return index


PREFIXES = ("#$@", ",@", "#$", "#~", "#+", "#'", "#`", "#,", "'", "`", ",")


def _datum_end(text: str, index: int) -> int:
    """Return the index just after the datum starting at INDEX of TEXT."""
    for prefix in PREFIXES:
        if text.startswith(prefix, index):
            return _datum_end(text, _skip_atmosphere(text, index + len(prefix)))
    if index >= len(text):
        return index
    char = text[index]
    if char == '"':
        return _string_end(text, index)
    if char in "([" or text.startswith("#(", index) or text.startswith("#vu8(", index):
        return _list_end(text, text.index(char if char in "([" else "(", index))
    if text.startswith("#\\", index):
        index += 3
    while index < len(text) and text[index] not in DELIMITERS:
        index += 1
    return index


def _string_end(text: str, index: int) -> int:
    """Return the index after the string literal whose quote is at INDEX."""
    index += 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text[index] == '"':
            return index + 1
        else:
            index += 1
    return index


def _list_end(text: str, index: int) -> int:
    """Return the index after the list whose opening parenthesis is at INDEX."""
    index += 1
    while True:
        index = _skip_atmosphere(text, index)
        if index >= len(text):
            return index
        if text[index] in ")]":
            return index + 1
        index = _datum_end(text, index)


@primitive("eof-object")
def eof_object() -> Any:
    """Return the end-of-file object."""
    return EOF


# ---------------------------------------------------------------------------
# String ports


@primitive("open-input-string")
def open_input_string(text: Any) -> StringInputPort:
    """Return an input port reading the string TEXT."""
    return StringInputPort(_string(text, "open-input-string"))


@primitive("open-output-string")
def open_output_string() -> StringOutputPort:
    """Return an output port accumulating a string."""
    return StringOutputPort()


@primitive("get-output-string")
def get_output_string(port: Any) -> str:
    """Return what has been written to the string output PORT."""
    if not isinstance(port, StringOutputPort):
        raise scheme_error(
            "wrong-type-arg",
            "Wrong type argument (expecting string port):",
            port,
            who="get-output-string",
        )
    return port.getvalue()


def _capture(param: Parameter, thunk: Any, *args: Any) -> str:
    """Call THUNK with ARGS while PARAM is a string port; return what it wrote."""
    port = StringOutputPort()
    with parameterized([(param, port)]):
        call(thunk, *args)
    return port.getvalue()


@primitive("with-output-to-string")
def with_output_to_string(thunk: Any) -> str:
    """Call THUNK with output going to a string, and return that string."""
    return _capture(current_output_port, thunk)


@primitive("with-error-to-string")
def with_error_to_string(thunk: Any) -> str:
    """Call THUNK with error output going to a string, and return that string."""
    return _capture(current_error_port, thunk)


@primitive("call-with-output-string")
def call_with_output_string(proc: Any) -> str:
    """Call PROC with a string output port and return what it wrote there."""
    port = StringOutputPort()
    call(proc, port)
    return port.getvalue()


@primitive("with-input-from-string")
def with_input_from_string(text: Any, thunk: Any) -> Any:
    """Call THUNK with the current input port reading TEXT; return its value."""
    port = open_input_string(text)
    with parameterized([(current_input_port, port)]):
        return call(thunk)


@primitive("call-with-input-string")
def call_with_input_string(text: Any, proc: Any) -> Any:
    """Call PROC with an input port reading TEXT; return its value."""
    return call(proc, open_input_string(text))


@primitive("object->string")
def object_to_string(obj: Any, printer: Any = None) -> str:
    """Return OBJ as ``write`` prints it, or as PRINTER (OBJ PORT) writes it."""
    if printer is None or printer is DEFAULT:
        from ..printer import write_string as written

        return written(obj)
    port = StringOutputPort()
    call(printer, obj, port)
    return port.getvalue()


# ---------------------------------------------------------------------------
# File ports


@primitive("open-input-file")
def open_input_file(path: Any) -> FileInputPort:
    """Return an input port reading the file at PATH."""
    return FileInputPort(_string(path, "open-input-file"))


@primitive("open-output-file")
def open_output_file(path: Any) -> FileOutputPort:
    """Return an output port writing the file at PATH, which is truncated."""
    return FileOutputPort(_string(path, "open-output-file"))


@primitive("call-with-input-file")
def call_with_input_file(path: Any, proc: Any) -> Any:
    """Call PROC with a port reading PATH, close it, and return PROC's value."""
    port = open_input_file(path)
    try:
        return call(proc, port)
    finally:
        port.close()


@primitive("call-with-output-file")
def call_with_output_file(path: Any, proc: Any) -> Any:
    """Call PROC with a port writing PATH, close it, and return PROC's value."""
    port = open_output_file(path)
    try:
        return call(proc, port)
    finally:
        port.close()


@primitive("with-output-to-file")
def with_output_to_file(path: Any, thunk: Any) -> Any:
    """Call THUNK with the current output port writing PATH; return its value."""
    port = open_output_file(path)
    try:
        with parameterized([(current_output_port, port)]):
            return call(thunk)
    finally:
        port.close()


@primitive("with-input-from-file")
def with_input_from_file(path: Any, thunk: Any) -> Any:
    """Call THUNK with the current input port reading PATH; return its value."""
    port = open_input_file(path)
    with parameterized([(current_input_port, port)]):
        return call(thunk)


# ---------------------------------------------------------------------------
# Closing and predicates


def _port(obj: Any, who: str) -> Port:
    """Return OBJ if it is a port; raise the wrong-type error otherwise."""
    if not isinstance(obj, Port):
        raise scheme_error(
            "wrong-type-arg", "Wrong type argument (expecting port):", obj, who=who
        )
    return obj


@primitive("close-port")
def close_port(port: Any) -> bool:
    """Close PORT; return #t if it was open, #f if it was already closed."""
    port = _port(port, "close-port")
    if port.closed:
        return False
    port.close()
    return True


@primitive("close-input-port")
def close_input_port(port: Any) -> Any:
    """Close the input PORT."""
    close_port(port)
    return UNSPECIFIED


@primitive("close-output-port")
def close_output_port(port: Any) -> Any:
    """Close the output PORT."""
    close_port(port)
    return UNSPECIFIED


@primitive("port-closed?")
def is_port_closed(port: Any) -> bool:
    """Return whether PORT has been closed."""
    return _port(port, "port-closed?").closed


@primitive("port?")
def is_port(obj: Any) -> bool:
    """Return whether OBJ is a port."""
    return isinstance(obj, Port)


@primitive("input-port?")
def is_input_port(obj: Any) -> bool:
    """Return whether OBJ is an input port."""
    return isinstance(obj, InputPort)


@primitive("output-port?")
def is_output_port(obj: Any) -> bool:
    """Return whether OBJ is an output port."""
    return isinstance(obj, OutputPort)


@primitive("port-column")
def port_column(port: Any) -> int:
    """Return the column the next character written to the output PORT lands in."""
    port = _port(port, "port-column")
    return port.column if isinstance(port, OutputPort) else 0


@primitive("port-line")
def port_line(port: Any) -> int:
    """Return how many newlines have been read from the input PORT."""
    port = _port(port, "port-line")
    return port.line if isinstance(port, InputPort) else 0


@primitive("port-filename")
def port_filename(port: Any) -> Any:
    """Return the file name PORT reads, or #f."""
    return getattr(_port(port, "port-filename"), "path", False)
