"""The ``oscdsl repl`` command: scripted through a pipe, and on a real terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pexpect
import pytest
from oscdsl.cli.repl import indentation, is_complete

REPL = [sys.executable, "-m", "oscdsl", "repl"]
PROMPT = r"scheme@\(guile-user\)>"


def run_repl(text: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Return the finished REPL fed TEXT on a pipe, stderr merged into stdout."""
    return subprocess.run(
        REPL,
        input=textwrap.dedent(text),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=30,
        cwd=tmp_path,
        env=terminal_environment(tmp_path),
    )


def terminal_environment(tmp_path: Path) -> dict[str, str]:
    """Return an environment whose home and state directories are under TMP_PATH."""
    return dict(
        os.environ,
        HOME=str(tmp_path / "home"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        TERM="xterm-256color",
        # The pty answers no cursor-position requests; don't wait for them.
        PROMPT_TOOLKIT_NO_CPR="1",
    )


# ---------------------------------------------------------------------------
# Where an input ends
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["(+ 1 2)", "x", "", "  ; a comment", "(f #\\()", '"a (string"', ",help",
     "#| (a |# 1", "(a)) ", "#(1 2)", "'x", "(f |a )b|)"],
)  # fmt: skip
def test_whole_datums_are_complete(text):
    assert is_complete(text)


@pytest.mark.parametrize(
    "text",
    ["(define (f x)\n", '"open', "#| #| |#", "(f #\\)", "'", "#;", "#(1",
     "(a [b c]", "(f ; )\n", "#\\", "|a b"],
)  # fmt: skip
def test_open_datums_are_incomplete(text):
    assert not is_complete(text)


def test_new_line_is_indented_under_the_innermost_open_list():
    assert indentation("(define (f x)") == 2
    assert indentation("(define (f x)\n  (let ((y 1))") == 4
    assert indentation("(+ 1 2)") == 0


# ---------------------------------------------------------------------------
# Scripted: datums from a pipe
# ---------------------------------------------------------------------------


def test_piped_values_are_numbered_without_prompts(tmp_path):
    result = run_repl(
        """\
        (define (square x) (* x x))
        (square 5)
        (values 1 "two")
        (if #f #f)
        'sym (list 1 2)
        """,
        tmp_path,
    )
    assert result.stdout == '$1 = 25\n$2 = 1\n$3 = "two"\n$4 = sym\n$5 = (1 2)\n'
    assert result.returncode == 0


def test_error_keeps_earlier_definitions(tmp_path):
    result = run_repl(
        """\
        (define total 10)
        (car '())
        (+ total 1)
        $1
        """,
        tmp_path,
    )
    assert result.stdout == (
        "<stdin>:2:1: error: car: Wrong type argument in position 1 "
        "(expecting pair): ()\n"
        "  (car '())\n"
        "  ^\n"
        "$1 = 11\n"
        "$2 = 11\n"
    )
    # The last failure decides the exit status of a scripted session.
    assert result.returncode == 4


def test_multi_line_datum_is_read_whole(tmp_path):
    result = run_repl(
        """\
        (define (greet name)
          (string-append "hello, "
                         name))
        (greet
         "world")
        "two
        lines"
        """,
        tmp_path,
    )
    assert result.stdout == '$1 = "hello, world"\n$2 = "two\\nlines"\n'


def test_unclosed_datum_at_end_is_a_read_error(tmp_path):
    result = run_repl("(+ 1 2)\n(list 1\n", tmp_path)
    assert result.stdout == (
        "$1 = 3\n"
        "<stdin>:2:1: read error: unclosed '(' opened here: end of input before "
        "its close\n"
        "  (list 1\n"
        "  ^\n"
    )
    assert result.returncode == 3


def test_describe_shows_binding_and_documentation(tmp_path):
    result = run_repl(
        """\
        (define answer 42)
        ,describe answer
        ,d car
        ,d if
        ,d no-such-name
        """,
        tmp_path,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "answer is bound to 42"
    assert lines[1] == "car is bound to #<procedure car>"
    # The next lines are car's docstring, indented.
    assert lines[2].startswith("  ") and lines[2].strip()
    assert lines[-2].startswith("if is syntax: ")
    assert lines[-1] == "no-such-name is not bound in (guile-user)"


def test_time_prints_value_and_seconds(tmp_path):
    result = run_repl(",time (* 6 7)\n,t (+ 1 1)\n", tmp_path)
    assert re.fullmatch(
        r"\$1 = 42\n;; \d+\.\d{6}s real time\n\$2 = 2\n;; \d+\.\d{6}s real time\n",
        result.stdout,
    )


def test_use_imports_a_module(tmp_path):
    result = run_repl(",use (srfi srfi-1)\n(fold + 0 '(1 2 3))\n", tmp_path)
    assert result.stdout == "$1 = 6\n"


def test_load_evaluates_a_file_in_the_session(tmp_path):
    (tmp_path / "lib.scm").write_text("(define (twice x) (* 2 x))\n")
    result = run_repl(',load lib.scm\n(twice 4)\n,l "lib.scm"\n', tmp_path)
    assert result.stdout == "$1 = 8\n"


def test_unknown_meta_command_is_reported(tmp_path):
    result = run_repl(",frobnicate\n(+ 1 1)\n", tmp_path)
    assert result.stdout == (
        "error: unknown meta-command ,frobnicate\nhint: try ,help\n$1 = 2\n"
    )


def test_help_lists_meta_commands(tmp_path):
    result = run_repl(",help\n", tmp_path)
    for command in (",describe", ",load", ",use", ",time", ",quit"):
        assert command in result.stdout


def test_exit_and_quit_end_a_piped_session(tmp_path):
    assert run_repl("(+ 1 1)\n(exit 7)\n(+ 2 2)\n", tmp_path).returncode == 7
    result = run_repl("1\n,q\n2\n", tmp_path)
    assert (result.stdout, result.returncode) == ("$1 = 1\n", 0)


# ---------------------------------------------------------------------------
# A real terminal
# ---------------------------------------------------------------------------


def spawn_repl(tmp_path: Path) -> pexpect.spawn:
    """Return the REPL running in a pseudo-terminal, at its first prompt."""
    child = pexpect.spawn(
        REPL[0],
        REPL[1:],
        env=terminal_environment(tmp_path),
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=10,
        dimensions=(24, 100),
    )
    child.expect(PROMPT)
    return child


def end_with_ctrl_d(child: pexpect.spawn) -> None:
    """Press Ctrl-D at CHILD's next prompt.

    Waiting for the prompt matters: while a result is printed the terminal is
    in cooked mode, where Ctrl-D never reaches the REPL as a key.
    """
    child.expect(PROMPT)
    child.sendcontrol("d")


def finish(child: pexpect.spawn) -> int:
    """Wait for CHILD to exit; return its exit status."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_terminal_session(tmp_path):
    child = spawn_repl(tmp_path)

    # A definition over two lines: Enter on an open list asks for more.
    child.send("(define (square x)\r")
    child.expect_exact("...")
    child.send("(* x x))\r")
    child.expect(PROMPT)
    child.send("(square 7)\r")
    child.expect_exact("$1 = 49")

    # An error, then the session goes on with its definitions.
    child.send("(car 1)\r")
    child.expect_exact("Wrong type argument")
    child.expect(PROMPT)
    child.send("(square 3)\r")
    child.expect_exact("$2 = 9")

    # Tab completes a prefix of a bound name.
    child.send("(string-app\t")
    child.send(' "a" "b")\r')
    child.expect_exact('$3 = "ab"')

    # Ctrl-C clears the line being typed.
    child.send("(this is abandoned")
    child.sendcontrol("c")
    child.expect(PROMPT)
    child.send("(+ 1 1)\r")
    child.expect_exact("$4 = 2")

    child.send(",quit\r")
    assert finish(child) == 0


def test_ctrl_c_interrupts_a_running_evaluation(tmp_path):
    child = spawn_repl(tmp_path)
    child.send("(define n 5)\r")
    # The message is split so that the echo of the input cannot match it.
    child.send('(begin (display (string-append "loo" "ping")) (let loop () (loop)))\r')
    child.expect_exact("looping")
    child.sendcontrol("c")
    child.expect_exact("interrupted")
    child.send("n\r")
    child.expect_exact("$1 = 5")
    end_with_ctrl_d(child)
    assert finish(child) == 0


def test_history_persists_across_sessions(tmp_path):
    child = spawn_repl(tmp_path)
    child.send("(* 6 7)\r")
    child.expect_exact("$1 = 42")
    child.send("(exit 3)\r")
    assert finish(child) == 3
    history = tmp_path / "state" / "oscdsl" / "repl_history"
    assert "(* 6 7)" in history.read_text()

    # Up arrow recalls the previous session's line before last: (* 6 7).
    child = spawn_repl(tmp_path)
    child.send("\x1b[A\x1b[A\r")
    child.expect_exact("$1 = 42")
    end_with_ctrl_d(child)
    assert finish(child) == 0


def test_unwritable_home_keeps_history_in_memory(tmp_path):
    # A home below a plain file cannot hold directories, even for root.
    (tmp_path / "file").write_text("")
    environment = terminal_environment(tmp_path)
    environment["HOME"] = str(tmp_path / "file" / "home")
    del environment["XDG_STATE_HOME"]
    child = pexpect.spawn(
        REPL[0], REPL[1:], env=environment, encoding="utf-8", timeout=10
    )
    child.expect(PROMPT)
    child.send("(+ 2 2)\r")
    child.expect_exact("$1 = 4")
    child.send("(+ 3 3)\r")
    child.expect_exact("$2 = 6")
    # The history of this session still works.
    child.send("\x1b[A\x1b[A\r")
    child.expect_exact("$3 = 4")
    child.send(",q\r")
    assert finish(child) == 0
