"""Record the expected output of the conformance programs by running GNU Guile.

Each ``programs/NAME.scm`` is run as ``guile --no-auto-compile -s NAME.scm``
(Guile 3.0.8 produced the committed files); its standard output is written to
``expected/NAME.out`` and its exit status to ``expected/NAME.status``.
Standard error is not recorded, but it is shown for programs that exit with
status 0 and still write to it (a Guile warning there usually means the
program relies on something implementation-specific).

Regenerate everything, or only the named programs, with::

    python tests/conformance/record.py [NAME ...]

``--check`` compares instead of writing and exits non-zero on a difference,
which shows whether the installed Guile still agrees with the recorded files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
EXPECTED = HERE / "expected"
TIMEOUT_SECONDS = 120


def run_guile(guile: str, program: Path) -> subprocess.CompletedProcess[bytes]:
    """Return the finished process of GUILE running PROGRAM as a script."""
    return subprocess.run(
        [guile, "--no-auto-compile", "-s", str(program)],
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        cwd=PROGRAMS,
    )


def record(guile: str, program: Path, check: bool) -> bool:
    """Write (or with CHECK, compare) the expected files of PROGRAM.

    Return True when the files were written or agree with Guile's output.
    """
    result = run_guile(guile, program)
    out_path = EXPECTED / f"{program.stem}.out"
    status_path = EXPECTED / f"{program.stem}.status"
    status_text = f"{result.returncode}\n"

    if result.returncode == 0 and result.stderr:
        print(f"{program.name}: stderr:\n{result.stderr.decode(errors='replace')}")

    if check:
        same = (
            out_path.exists()
            and out_path.read_bytes() == result.stdout
            and status_path.exists()
            and status_path.read_text() == status_text
        )
        print(f"{'ok  ' if same else 'DIFF'} {program.name}")
        return same

    out_path.write_bytes(result.stdout)
    status_path.write_text(status_text)
    print(f"{program.name}: status {result.returncode}, {len(result.stdout)} bytes")
    return True


def main() -> int:
    """Parse the command line and record or check the selected programs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="program names (default: all)")
    parser.add_argument("--guile", default=shutil.which("guile") or "guile")
    parser.add_argument(
        "--check", action="store_true", help="compare with the recorded files"
    )
    args = parser.parse_args()

    if args.names:
        programs = [PROGRAMS / f"{Path(name).stem}.scm" for name in args.names]
    else:
        programs = sorted(PROGRAMS.glob("*.scm"))
    EXPECTED.mkdir(exist_ok=True)

    all_good = True
    for program in programs:
        all_good &= record(args.guile, program, args.check)
    return 0 if all_good else 1


if __name__ == "__main__":
    sys.exit(main())
