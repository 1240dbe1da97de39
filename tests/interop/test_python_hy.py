"""Python modules and Hy files used from Scheme."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from oscdsl.api import Interpreter, to_python


def test_python_module_bindings_use_lisp_names() -> None:
    value = Interpreter().eval_string(
        '(use-modules (python os path))\n(list (join "a" "b") (basename "/x/y"))'
    )
    assert to_python(value) == ["a/b", "y"]


def test_python_keyword_arguments() -> None:
    value = Interpreter().eval_string(
        "(use-modules (python textwrap))\n"
        '(shorten "hello big world" 12 #:placeholder "~")'
    )
    assert value == "hello big~"


def test_python_ref_and_call() -> None:
    value = Interpreter().eval_string(
        '(python-call (python-ref (python-import "math") "gcd") 12 18)'
    )
    assert value == 6


def test_hy_module_on_the_load_path(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "text.hy").write_text(
        '(defn string-shout? [s] (.endswith s "!"))\n'
        "(defn twice [x] (* 2 x))\n"
        '(setv greeting "hi")\n'
    )
    interpreter = Interpreter([str(tmp_path)])
    value = interpreter.eval_string(
        '(use-modules (tools text))\n(list (string-shout? "yes!") (twice 21) greeting)'
    )
    assert to_python(value) == [True, 42, "hi"]


def test_hy_is_not_imported_by_a_program_that_does_not_use_it(tmp_path: Path) -> None:
    program = tmp_path / "p.scm"
    program.write_text("(use-modules (python os))\n(display (getcwd))\n")
    check = (
        f"import sys; sys.argv=['oscdsl','run',{str(program)!r}];"
        "from oscdsl.cli.main import main; main(sys.argv[1:]);"
        "print('HY' if 'hy' in sys.modules else 'NOHY')"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True
    )
    assert result.stdout.endswith("NOHY\n"), result.stderr
