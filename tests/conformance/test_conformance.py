"""Run every conformance program with ``oscdsl run`` and compare with Guile.

The expected stdout and exit status of each ``programs/NAME.scm`` were
recorded from GNU Guile 3.0.8 by ``record.py`` in this directory.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest
from oscdsl.errors import EXIT_EVAL

HERE = Path(__file__).resolve().parent
PROGRAMS = sorted((HERE / "programs").glob("*.scm"))
EXPECTED = HERE / "expected"
TIMEOUT_SECONDS = 60


def expected_output(program: Path) -> tuple[str, int]:
    """Return the recorded stdout and exit status of PROGRAM."""
    out = (EXPECTED / f"{program.stem}.out").read_text(encoding="utf-8")
    status = int((EXPECTED / f"{program.stem}.status").read_text().strip())
    return out, status


def output_diff(expected: str, actual: str, name: str) -> str:
    """Return a unified diff from EXPECTED to ACTUAL stdout of program NAME."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"guile/{name}",
            tofile=f"oscdsl/{name}",
        )
    )


GUILE_UNCAUGHT_ERROR_STATUS = 1


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_matches_guile(program: Path) -> None:
    """Check that PROGRAM prints what Guile printed and exits as Guile did."""
    expected_stdout, expected_status = expected_output(program)

    result = subprocess.run(
        [sys.executable, "-m", "oscdsl", "run", str(program)],
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        cwd=program.parent,
    )
    stdout = result.stdout.decode("utf-8", errors="replace")
    stderr = result.stderr.decode("utf-8", errors="replace")

    if stdout != expected_stdout:
        pytest.fail(
            f"stdout differs from Guile's:\n"
            f"{output_diff(expected_stdout, stdout, program.name)}\n"
            f"stderr:\n{stderr}"
        )
    if expected_status == GUILE_UNCAUGHT_ERROR_STATUS and "error:" in stderr:
        # Guile exits 1 on an uncaught error; oscdsl has a status of its own
        # for evaluation errors, distinct from read and build errors.
        expected_status = EXIT_EVAL
    assert result.returncode == expected_status, (
        f"exit status {result.returncode}, Guile exited {expected_status}\n"
        f"stderr:\n{stderr}"
    )


def test_every_program_has_expected_files() -> None:
    """Check that record.py has been run for every program."""
    missing = [
        program.name
        for program in PROGRAMS
        if not (EXPECTED / f"{program.stem}.out").exists()
        or not (EXPECTED / f"{program.stem}.status").exists()
    ]
    assert PROGRAMS, "no conformance programs found"
    assert missing == []
