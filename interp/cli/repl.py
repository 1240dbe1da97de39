"""``oscdsl repl``: an interactive session in the manner of Guile's REPL.

On a terminal it reads with prompt_toolkit (history, completion, multi-line
datums); from a pipe it reads datums from standard input without prompts.
"""

from __future__ import annotations

import argparse
import linecache
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import OscdslError

CONTINUATION = "... "

HELP = """\
Meta-commands (short forms in brackets):
  ,help                 [,h]  show this help
  ,describe NAME        [,d]  show what NAME is bound to and its documentation
  ,load FILE            [,l]  evaluate the Scheme file FILE in the current module
  ,use (MODULE NAME)... [,u]  import modules, as use-modules does
  ,time EXPR            [,t]  evaluate EXPR and show how long it took
  ,quit                 [,q]  leave the REPL (Ctrl-D does too)
Results are numbered: $1, $2, ... name them in later expressions."""

# Characters that end a symbol or number: whitespace and these.
DELIMITERS = frozenset("()[]\";'`,")

# A meta-command at the start of an input: its name, then its argument.
META_COMMAND = re.compile(r"\s*,([^\s()\[\]\";]+)")

# The part of a symbol before the cursor, matched on the reversed text.
WORD_BEFORE_CURSOR = re.compile(r"^[^\s()\[\]\"';`,]+")


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of the repl subcommand NAME (there are none)."""


def run_command(name: str, options: argparse.Namespace) -> int:
    """Run the REPL with OPTIONS; return the exit status."""
    from .report import guarded

    return guarded(lambda: start(options), options.debug)


def start(options: argparse.Namespace) -> int:
    """Make the interpreter and talk to a terminal or read a pipe, per stdin."""
    from ..api import Interpreter
    from ..builtins.control import set_command_line

    set_command_line(["oscdsl"])
    interactive = sys.stdin.isatty()
    session = Session(
        Interpreter(options.load_path), "<repl>" if interactive else "<stdin>"
    )
    session.debug = options.debug
    if interactive:
        return run_terminal(session)
    return run_script(session, sys.stdin)


# ---------------------------------------------------------------------------
# Is the datum complete?
# ---------------------------------------------------------------------------


class Scan:
    """What remains open at the end of a text: brackets, a string, a comment."""

    def __init__(self) -> None:
        self.openers: list[int] = []
        self.unterminated = False
        self.prefix_pending = False

    @property
    def complete(self) -> bool:
        """Whether the text can be handed to the reader as it is."""
        return not (self.openers or self.unterminated or self.prefix_pending)


def scan(text: str) -> Scan:
    """Return what is left open at the end of TEXT, read as Scheme source.

    Knows strings, ``|symbols|``, characters such as ``#\\(``, ``;`` and
    ``#| |#`` comments, and the prefixes ``' ` , ,@ #;`` that await a datum.
    Malformed text (a stray ``)``) counts as complete: the reader reports it.
    """
    state = Scan()
    position, end = 0, len(text)
    while position < end:
        char = text[position]
        if char.isspace():
            position += 1
        elif char == ";":
            newline = text.find("\n", position)
            position = end if newline < 0 else newline + 1
        elif char in "([":
            state.openers.append(position)
            state.prefix_pending = False
            position += 1
        elif char in ")]":
            if state.openers:
                state.openers.pop()
            state.prefix_pending = False
            position += 1
        elif char in "'`,":
            position += 2 if text.startswith(",@", position) else 1
            state.prefix_pending = True
        elif char in '"|':
            position = _skip_delimited(text, position, char)
            if position < 0:
                state.unterminated = True
                return state
            state.prefix_pending = False
        elif char == "#":
            position = _scan_hash(text, position, state)
            if position < 0:
                return state
        else:
            position = _skip_token(text, position)
            state.prefix_pending = False
    return state


def _scan_hash(text: str, position: int, state: Scan) -> int:
    """Scan the ``#`` syntax at POSITION; return where it ends, -1 if unterminated."""
    follower = text[position + 1 : position + 2]
    if follower == "|":
        from ..reader import block_comment_end

        position = block_comment_end(text, position)
        state.unterminated = position < 0
        return position
    if follower == ";":
        state.prefix_pending = True
        return position + 2
    if follower == "(":
        state.openers.append(position)
        state.prefix_pending = False
        return position + 2
    if follower == "\\":
        if position + 2 >= len(text):
            state.unterminated = True
            return -1
        state.prefix_pending = False
        return _skip_token(text, position + 3)
    state.prefix_pending = False
    return _skip_token(text, position + 1)


def _skip_delimited(text: str, position: int, quote: str) -> int:
    """Return the index after the QUOTE that closes the one at POSITION, or -1."""
    index = position + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text[index] == quote:
            return index + 1
        else:
            index += 1
    return -1


def _skip_token(text: str, position: int) -> int:
    """Return the index of the first delimiter at or after POSITION."""
    while position < len(text):
        char = text[position]
        if char.isspace() or char in DELIMITERS:
            break
        position += 1
    return position


def is_complete(text: str) -> bool:
    """Return whether TEXT holds only whole datums (or nothing but blanks)."""
    return scan(text).complete


def indentation(text: str) -> int:
    """Return the column a new line after TEXT should start at: inside its list."""
    openers = scan(text).openers
    if not openers:
        return 0
    opener = openers[-1]
    column = opener - (text.rfind("\n", 0, opener) + 1)
    return column + (3 if text.startswith("#(", opener) else 2)


# ---------------------------------------------------------------------------
# The session: evaluate inputs and print what they return
# ---------------------------------------------------------------------------


class Session:
    """A conversation with an INTERPRETER whose inputs are named SOURCE.

    Line numbers run on across inputs, so that an error in a procedure defined
    several inputs ago still shows the right line of source.
    """

    def __init__(self, interpreter: Any, source: str) -> None:
        self.interpreter = interpreter
        self.source = source
        self.lines: list[str] = []
        self.result_count = 0
        self.failure_status = 0
        self.debug = False
        self.meta_offset = 0
        self.commands: dict[str, Callable[[str], None]] = {
            "help": self.meta_help, "h": self.meta_help,
            "describe": self.meta_describe, "d": self.meta_describe,
            "load": self.meta_load, "l": self.meta_load,
            "use": self.meta_use, "u": self.meta_use,
            "time": self.meta_time, "t": self.meta_time,
            "quit": self.meta_quit, "q": self.meta_quit,
        }  # fmt: skip

    def prompt(self) -> str:
        """Return the prompt, naming the current module as Guile does."""
        from ..modules.module import module_name_string

        return f"scheme@{module_name_string(self.interpreter.system.current.name)}> "

    def visible_names(self) -> list[str]:
        """Return the names bound in the current module, sorted, for completion."""
        return sorted(self.interpreter.system.current.visible_names())

    def handle(self, text: str) -> None:
        """Run the input TEXT: a meta-command or datums; report errors in it.

        SchemeExit passes through: it ends the session.
        """
        from ..builtins.control import SchemeExit

        offset = self.remember(text)
        try:
            match = META_COMMAND.match(text)
            if match:
                self.run_meta_command(match, text, offset)
            else:
                self.evaluate(self.read(text, offset))
        except SchemeExit:
            raise
        except KeyboardInterrupt:
            self.say_error("interrupted", 130)
        except OscdslError as error:
            self.report(error)
        except Exception as error:  # a bug of ours: say so, keep the session
            self.report_internal(error)

    def remember(self, text: str) -> int:
        """Keep TEXT for error excerpts; return how many lines came before it."""
        offset = len(self.lines)
        self.lines.extend(line + "\n" for line in text.split("\n"))
        size = sum(len(line) for line in self.lines)
        # An entry without a modification time is never checked against a file.
        linecache.cache[self.source] = (size, None, self.lines, self.source)
        return offset

    def read(self, text: str, offset: int) -> list[Any]:
        """Return the datums of TEXT, which begins after OFFSET earlier lines."""
        from ..reader import read_all

        return read_all("\n" * offset + text, self.source)

    def evaluate(self, forms: Iterable[Any]) -> None:
        """Evaluate FORMS one by one and print the values of each."""
        for form in forms:
            self.show(self.interpreter.eval_forms([form]))

    def show(self, value: Any) -> None:
        """Print VALUE as ``$N = VALUE``, each of several values on its own line."""
        from ..datums import UNSPECIFIED, Symbol, Values
        from ..printer import write_string

        if value is UNSPECIFIED or value is None:
            return
        for item in value if type(value) is Values else (value,):
            self.result_count += 1
            name = f"${self.result_count}"
            self.interpreter.system.current.define(Symbol(name), item)
            print(f"{name} = {write_string(item)}", flush=True)

    def report(self, error: OscdslError) -> None:
        """Print the rendered ERROR and remember its exit status."""
        if self.debug:
            import traceback

            traceback.print_exc()
        self.say_error(error.render(), error.exit_code)

    def report_internal(self, error: Exception) -> None:
        """Print ERROR, a failure of oscdsl itself rather than of the input."""
        from .report import EXIT_INTERNAL

        if self.debug:
            import traceback

            traceback.print_exc()
        self.say_error(
            f"internal error: {type(error).__name__}: {error}\n"
            "hint: run again with --debug to see where; please report it",
            EXIT_INTERNAL,
        )

    def say_error(self, message: str, status: int) -> None:
        """Print MESSAGE on standard error after any pending output."""
        sys.stdout.flush()
        print(message, file=sys.stderr, flush=True)
        self.failure_status = status

    # -- meta-commands --------------------------------------------------------

    def run_meta_command(self, match: re.Match, text: str, offset: int) -> None:
        """Run the meta-command MATCH found at the start of TEXT."""
        name = match.group(1)
        command = self.commands.get(name)
        if command is None:
            raise OscdslError(f"unknown meta-command ,{name}", hint="try ,help")
        # Blank out the command word so that columns in its argument stay right.
        argument = " " * match.end() + text[match.end() :]
        self.meta_offset = offset
        command(argument)

    def arguments(self, argument: str) -> list[Any]:
        """Return the datums of the meta-command text ARGUMENT."""
        return self.read(argument, self.meta_offset)

    def meta_help(self, argument: str) -> None:
        """Print the meta-commands."""
        print(HELP, flush=True)

    def meta_quit(self, argument: str) -> None:
        """Leave the session with status 0."""
        from ..builtins.control import SchemeExit

        raise SchemeExit(0)

    def meta_describe(self, argument: str) -> None:
        """Print what the symbol in ARGUMENT is bound to, or what it evaluates to."""
        from ..datums import Symbol

        datums = self.arguments(argument)
        if len(datums) != 1:
            raise OscdslError(",describe takes one name or expression")
        if type(datums[0]) is Symbol:
            print(self.binding_description(datums[0]), flush=True)
        else:
            print(value_description(self.interpreter.eval_forms(datums)), flush=True)

    def binding_description(self, name: Any) -> str:
        """Return what the symbol NAME is bound to in the current module."""
        from ..modules.module import Cell, module_name_string
        from ..runtime.procedures import UNBOUND

        module = self.interpreter.system.current
        binding = module.lookup(name)
        if binding is None or isinstance(binding, Cell) and binding.value is UNBOUND:
            return f"{name.name} is not bound in {module_name_string(module.name)}"
        if not isinstance(binding, Cell):
            return f"{name.name} is syntax: {binding!r}"
        return f"{name.name} is bound to {value_description(binding.value)}"

    def meta_load(self, argument: str) -> None:
        """Evaluate the file named in ARGUMENT in the current module."""
        from .run import checked_path

        text = argument.strip()
        if text.startswith('"'):
            datums = self.arguments(argument)
            text = datums[0] if len(datums) == 1 and isinstance(datums[0], str) else ""
        if not text:
            raise OscdslError(",load takes a file name")
        self.interpreter.eval_file(checked_path(os.path.expanduser(text)))

    def meta_use(self, argument: str) -> None:
        """Import the modules named in ARGUMENT, as ``use-modules`` does."""
        from ..datums import Symbol, make_list

        specs = self.arguments(argument)
        if not specs:
            raise OscdslError(",use takes module names, such as (srfi srfi-1)")
        self.interpreter.eval_forms([make_list([Symbol("use-modules"), *specs])])

    def meta_time(self, argument: str) -> None:
        """Evaluate the expressions of ARGUMENT; print their values and the time."""
        forms = self.arguments(argument)
        started = time.perf_counter()
        values = [self.interpreter.eval_forms([form]) for form in forms]
        elapsed = time.perf_counter() - started
        for value in values:
            self.show(value)
        print(f";; {elapsed:.6f}s real time", flush=True)


def value_description(value: Any) -> str:
    """Return VALUE's written form, and its documentation on further lines."""
    from ..printer import write_string

    text = write_string(value)
    documentation = procedure_documentation(value)
    if documentation:
        text += "\n" + "\n".join("  " + line for line in documentation.splitlines())
    return text


def procedure_documentation(value: Any) -> str | None:
    """Return the docstring of the procedure VALUE, or None if it has none."""
    import inspect
    import types

    from ..runtime.procedures import Closure

    if isinstance(value, Closure):
        return _property(value.properties, "documentation")
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType)):
        return inspect.getdoc(value)
    return None


def _property(properties: Any, key: str) -> str | None:
    """Return the string under KEY in PROPERTIES: a dict, an alist or None."""
    from ..datums import Pair, Symbol

    if isinstance(properties, dict):
        found = properties.get(key, properties.get(Symbol(key)))
        return found if isinstance(found, str) else None
    while isinstance(properties, Pair):
        entry = properties.car
        if isinstance(entry, Pair) and entry.car == Symbol(key):
            return entry.cdr if isinstance(entry.cdr, str) else None
        properties = properties.cdr
    return None


# ---------------------------------------------------------------------------
# Reading from a pipe
# ---------------------------------------------------------------------------


def run_script(session: Session, port: Iterable[str]) -> int:
    """Run every input read from PORT, without prompts.

    Return the exit status: what ``exit`` asked for, otherwise 0 if no input
    failed, otherwise the status of the last failure.
    """
    from ..builtins.control import SchemeExit

    try:
        for text in inputs_of(port):
            session.handle(text)
    except SchemeExit as request:
        return request.status
    return session.failure_status


def inputs_of(lines: Iterable[str]) -> Iterable[str]:
    """Yield the complete inputs made by LINES, each of one or more whole lines."""
    pending = ""
    for line in lines:
        pending += line
        if is_complete(pending):
            if pending.strip():
                yield pending.rstrip("\n")
            pending = ""
    if pending.strip():
        # The reader reports what is left open.
        yield pending.rstrip("\n")


# ---------------------------------------------------------------------------
# Talking to a terminal
# ---------------------------------------------------------------------------


def run_terminal(session: Session) -> int:
    """Prompt for inputs on the terminal until Ctrl-D, ``,quit`` or ``exit``."""
    from .. import __version__
    from ..builtins.control import SchemeExit

    prompt_session = make_prompt_session(session)
    print(f"oscdsl {__version__}.  Enter ,help for help, Ctrl-D to leave.")
    while True:
        try:
            session.handle(prompt_session.prompt(session.prompt))
        except KeyboardInterrupt:
            # At the prompt, Ctrl-C abandons the line; evaluation handles its own.
            continue
        except EOFError:
            print()
            return 0
        except SchemeExit as request:
            return request.status


def make_prompt_session(session: Session) -> Any:
    """Return a prompt_toolkit session with history, completion and our Enter key."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import WordCompleter

    completer = WordCompleter(session.visible_names, pattern=WORD_BEFORE_CURSOR)
    return PromptSession(
        history=make_history(),
        completer=completer,
        complete_while_typing=False,
        multiline=True,
        key_bindings=enter_bindings(),
        prompt_continuation=lambda width, line, wrapped: CONTINUATION.rjust(width),
    )


def enter_bindings() -> Any:
    """Return key bindings where Enter runs a complete input, else opens a line."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("enter")
    def enter(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.complete_state:
            # Enter takes the completion chosen in the menu.
            buffer.complete_state = None
        elif is_complete(buffer.text):
            buffer.validate_and_handle()
        else:
            buffer.insert_text(
                "\n" + " " * indentation(buffer.document.text_before_cursor)
            )

    return bindings


def history_path() -> Path:
    """Return the history file: under $XDG_STATE_HOME, else ~/.local/state."""
    state_home = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(state_home):
        state_home = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state_home) / "oscdsl" / "repl_history"


def make_history() -> Any:
    """Return the history kept across sessions, or one kept in memory if the
    history file's directory cannot be made (a read-only home)."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    class TolerantFileHistory(FileHistory):
        """A file history that survives a file it cannot read or write."""

        def load_history_strings(self) -> Iterable[str]:
            try:
                return list(super().load_history_strings())
            except (OSError, UnicodeDecodeError):
                return []

        def store_string(self, string: str) -> None:
            try:
                super().store_string(string)
            except OSError:
                pass

    path = history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return InMemoryHistory()
    return TolerantFileHistory(str(path))
