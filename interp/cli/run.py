"""``oscdsl run FILE ARGS...`` and ``oscdsl eval FILE | -e EXPR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of the run or eval subcommand NAME."""
    if name == "run":
        parser.add_argument("file", help="the program to run ('-' for standard input)")
        parser.add_argument(
            "args", nargs=argparse.REMAINDER, help="arguments for the program"
        )
    else:
        parser.add_argument("file", nargs="?", help="the file to evaluate")
        parser.add_argument(
            "-e", "--expression", metavar="EXPR", help="evaluate EXPR instead"
        )


def run_command(name: str, options: argparse.Namespace) -> int:
    """Run the subcommand NAME with OPTIONS; return the exit status."""
    from .report import guarded

    if name == "eval" and not (options.file or options.expression):
        print("oscdsl eval: give a FILE or -e EXPR", file=sys.stderr)
        return 2
    return guarded(lambda: evaluate(name, options), options.debug)


def evaluate(name: str, options: argparse.Namespace) -> int:
    from ..api import Interpreter
    from ..builtins.control import set_command_line
    from .report import value_printed

    interpreter = Interpreter(options.load_path)
    if name == "run":
        set_command_line([options.file, *options.args])
        if options.file == "-":
            interpreter.eval_string(sys.stdin.read(), "<stdin>")
        else:
            interpreter.eval_file(checked_path(options.file))
        return 0
    set_command_line([options.file or "oscdsl"])
    if options.expression is not None:
        value = interpreter.eval_string(options.expression, "<expression>")
    else:
        value = interpreter.eval_file(checked_path(options.file))
    text = value_printed(value)
    if text is not None:
        print(text)
    return 0


def checked_path(file: str) -> Path:
    """Return FILE as a path, or fail with a clear error if it cannot be read."""
    from ..errors import scheme_error

    path = Path(file)
    if path.is_dir():
        raise scheme_error("system-error", f"cannot open {file}: it is a directory")
    if not path.is_file():
        raise scheme_error("system-error", f"cannot open {file}: no such file")
    return path
