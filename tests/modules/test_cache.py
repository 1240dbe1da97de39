"""The read cache: a warm start reads no module source and never imports Lark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
from oscdsl.api import Interpreter
value = Interpreter([{load_path!r}]).eval_file({program!r})
print(value)
print("lark" in sys.modules)
print(any(name.endswith("tools.scm") for name in opened))
"""


def run_probe(tmp_path: Path, cache: Path) -> list[str]:
    program = tmp_path / "program.scm"
    probe = PROBE.format(load_path=str(tmp_path), program=str(program))
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"OSCDSL_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_warm_start_reads_no_source_and_skips_lark(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "tools.scm").write_text(
        "(define-module (mine tools) #:export (twice))\n(define (twice x) (* 2 x))\n"
    )
    (tmp_path / "program.scm").write_text("(use-modules (mine tools))\n(twice 21)\n")
    cache = tmp_path / "cache"

    assert run_probe(tmp_path, cache) == ["42", "True", "True"]
    assert run_probe(tmp_path, cache) == ["42", "False", "False"]


def test_edited_source_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    tools = tmp_path / "mine" / "tools.scm"
    tools.write_text(
        "(define-module (mine tools) #:export (twice))\n(define (twice x) 1)\n"
    )
    (tmp_path / "program.scm").write_text("(use-modules (mine tools))\n(twice 21)\n")
    cache = tmp_path / "cache"
    assert run_probe(tmp_path, cache)[0] == "1"

    tools.write_text(
        "(define-module (mine tools) #:export (twice))\n(define (twice x) (* 2 x))\n"
    )
    assert run_probe(tmp_path, cache)[0] == "42"


def test_corrupt_cache_entry_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "tools.scm").write_text(
        "(define-module (mine tools) #:export (twice))\n(define (twice x) (* 2 x))\n"
    )
    (tmp_path / "program.scm").write_text("(use-modules (mine tools))\n(twice 21)\n")
    cache = tmp_path / "cache"
    run_probe(tmp_path, cache)
    for entry in (cache / "datums").iterdir():
        entry.write_bytes(b"garbage")
    assert run_probe(tmp_path, cache)[0] == "42"
