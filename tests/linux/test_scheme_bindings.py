"""The Linux core from Scheme: (gnu build linux-container)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAM = """
(use-modules (gnu build linux-container))
(define status
  (call-with-container '()
    (lambda ()
      (display (list 'pid (getpid) 'host (gethostname)
                     'proc (length (filter string->number (scandir "/proc")))))
      (newline)
      7)
    #:host-name "inside"))
(display (list 'status (status:exit-val status)))
(newline)
"""


def test_call_with_container_runs_scheme_thunk_as_pid_1(tmp_path: Path) -> None:
    program = tmp_path / "c.scm"
    program.write_text(PROGRAM)
    result = subprocess.run(
        [sys.executable, "-m", "oscdsl", "run", str(program)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["(pid 1 host inside proc 1)", "(status 7)"]


def test_bad_mount_is_a_clear_error(tmp_path: Path) -> None:
    program = tmp_path / "c.scm"
    program.write_text(
        "(use-modules (gnu build linux-container))\n"
        '(call-with-container \'(("/does/not/exist" "/x" "none" (bind-mount)))\n'
        "  (lambda () 0))\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "oscdsl", "run", str(program)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "/does/not/exist" in result.stderr
    assert "Traceback" not in result.stderr
