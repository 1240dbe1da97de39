"""The command line's run and eval: output, exit statuses, errors, help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from oscdsl.errors import EXIT_EVAL, EXIT_READ


def oscdsl(*args: str, cwd: Path | None = None, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "oscdsl", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        input=stdin,
    )


def test_run_prints_only_what_the_program_writes(tmp_path: Path) -> None:
    program = tmp_path / "p.scm"
    program.write_text('(display "hi") (newline) (+ 1 2)\n')
    result = oscdsl("run", str(program))
    assert (result.stdout, result.returncode) == ("hi\n", 0)


def test_run_passes_arguments_and_exit_sets_the_status(tmp_path: Path) -> None:
    program = tmp_path / "p.scm"
    program.write_text("(write (cdr (command-line))) (exit 7)\n")
    result = oscdsl("run", str(program), "a", "b")
    assert (result.stdout, result.returncode) == ('("a" "b")', 7)


def test_eval_prints_the_last_value_in_write_notation(tmp_path: Path) -> None:
    config = tmp_path / "c.scm"
    config.write_text('(define x 1)\n(list x "two" #\\3 \'four)\n')
    assert oscdsl("eval", str(config)).stdout == '(1 "two" #\\3 four)\n'


def test_eval_expression_and_unspecified_value() -> None:
    assert oscdsl("eval", "-e", "(* 6 7)").stdout == "42\n"
    assert oscdsl("eval", "-e", "(if #f #f)").stdout == ""


def test_read_error_shows_position_line_and_caret(tmp_path: Path) -> None:
    config = tmp_path / "broken.scm"
    config.write_text("(define x 1)\n(define (f y)\n  (+ y 1)\n")
    result = oscdsl("eval", str(config))
    assert result.returncode == EXIT_READ
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{config}:2:1: read error:")
    assert lines[1:3] == ["  (define (f y)", "  ^"]
    assert "Traceback" not in result.stderr


def test_evaluation_error_shows_stack_and_hint(tmp_path: Path) -> None:
    config = tmp_path / "bad.scm"
    config.write_text("(define (f x)\n  (lenght x))\n(f '(1))\n")
    result = oscdsl("run", str(config))
    assert result.returncode == EXIT_EVAL
    assert result.stderr.splitlines()[0] == (
        f"{config}:2:3: error: Unbound variable: lenght"
    )
    assert f"  in f at {config}:3:1" in result.stderr
    assert "hint: did you mean length" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_clear_error() -> None:
    result = oscdsl("run", "/no/such/file.scm")
    assert result.returncode == EXIT_EVAL
    assert "cannot open /no/such/file.scm" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_commands_and_exit_statuses() -> None:
    result = oscdsl("--help")
    assert result.returncode == 0
    for word in ("run", "eval", "repl", "exit status", "read error"):
        assert word in result.stdout
    assert "evaluate a file" in oscdsl("eval", "--help").stdout


def test_version() -> None:
    assert oscdsl("--version").stdout.startswith("oscdsl ")


def test_load_path_option_finds_user_modules(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "tools.scm").write_text(
        "(define-module (mine tools) #:export (triple))\n(define (triple x) (* 3 x))\n"
    )
    program = tmp_path / "p.scm"
    program.write_text("(use-modules (mine tools))\n(triple 5)\n")
    result = oscdsl("-L", str(tmp_path), "eval", str(program))
    assert result.stdout == "15\n"


def test_missing_module_names_the_load_path(tmp_path: Path) -> None:
    program = tmp_path / "p.scm"
    program.write_text("(use-modules (my channel stuff))\n")
    result = oscdsl("eval", str(program))
    assert result.returncode == EXIT_EVAL
    assert "no code for module (my channel stuff)" in result.stderr
    assert "-L" in result.stderr


def test_debug_shows_the_python_traceback(tmp_path: Path) -> None:
    result = oscdsl("--debug", "eval", "-e", "(car 1)")
    assert "Traceback" in result.stderr
