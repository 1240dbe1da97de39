"""Time the language benchmarks under oscdsl, CPython and GNU Guile.

Each program in ``bench/programs`` exists as ``NAME.scm`` and ``NAME.py``
(the same algorithm).  Every run is one subprocess timed with
``time.perf_counter`` from this process, once, so the figures include each
interpreter's start-up; oscdsl's start cost is measured separately on an
empty program and subtracted in the "net" column.  Guile runs with
``--no-auto-compile`` (its interpreter) and, when possible, compiled (a
first untimed run fills a private compilation cache).  An example config,
``examples/bare-bones.scm``, is timed with ``oscdsl eval`` when it exists.

Run from anywhere with the interpreter that can import oscdsl::

    .venv/bin/python bench/run_lang_bench.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PROGRAMS = BENCH / "programs"
EXAMPLE_CONFIG = REPO / "examples" / "bare-bones.scm"
TIMEOUT_SECONDS = 600


@dataclass
class Timing:
    """The wall time and output of one benchmark run (None when it failed)."""

    seconds: float | None
    stdout: str = ""
    error: str = ""


def timed_run(command: list[str], env: dict[str, str] | None = None) -> Timing:
    """Run COMMAND once and return its wall time and stdout.

    ENV, when given, replaces the environment of the subprocess.
    """
    start = time.perf_counter()
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            cwd=REPO,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Timing(None, error=str(error))
    seconds = time.perf_counter() - start

    stdout = result.stdout.decode("utf-8", errors="replace")
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", errors="replace").strip()
        last_line = stderr.splitlines()[-1] if stderr else ""
        return Timing(None, stdout, f"exit {result.returncode}: {last_line}")
    return Timing(seconds, stdout)


def oscdsl_command(program: Path) -> list[str]:
    """Return the command that runs PROGRAM as a script under oscdsl."""
    return [sys.executable, "-m", "oscdsl", "run", str(program)]


def guile_commands(guile: str | None, cache: Path) -> dict[str, tuple]:
    """Return Guile's run modes as {label: (argument prefix, environment)}.

    The compiled mode points XDG_CACHE_HOME at CACHE so that the runs never
    touch the user's own compilation cache.
    """
    if guile is None:
        return {}
    compiled_env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    return {
        "guile": ([guile, "--no-auto-compile", "-s"], None),
        "guile-compiled": ([guile, "-s"], compiled_env),
    }


def format_seconds(timing: Timing | None) -> str:
    """Return TIMING's seconds for the table, or a short failure mark."""
    if timing is None:
        return "-"
    if timing.seconds is None:
        return "fail"
    return f"{timing.seconds:.3f}"


def ratio(numerator: Timing | None, denominator: Timing | None) -> str:
    """Return the ratio of two timings for the table, or '-'."""
    if (
        numerator is None
        or denominator is None
        or numerator.seconds is None
        or not denominator.seconds
    ):
        return "-"
    return f"{numerator.seconds / denominator.seconds:.1f}x"


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Print ROWS under HEADER as a plain-text table with aligned columns."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * width for width in widths], *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def benchmark_programs(names: list[str]) -> list[Path]:
    """Return the .scm benchmarks that have a .py twin, filtered by NAMES."""
    programs = [
        path
        for path in sorted(PROGRAMS.glob("*.scm"))
        if path.with_suffix(".py").exists()
    ]
    if names:
        programs = [path for path in programs if path.stem in names]
    return programs


def main() -> int:
    """Run the benchmarks and print the timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--guile", default=shutil.which("guile"))
    parser.add_argument(
        "--no-compiled-guile", action="store_true", help="skip compiled Guile runs"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oscdsl-bench-") as scratch:
        scratch_dir = Path(scratch)
        empty_program = scratch_dir / "empty.scm"
        empty_program.write_text(";;; An empty program: start-up cost only.\n")
        guile_modes = guile_commands(args.guile, scratch_dir / "cache")
        if args.no_compiled_guile:
            guile_modes.pop("guile-compiled", None)

        start_cost = timed_run(oscdsl_command(empty_program))
        failures: list[str] = []
        rows = []
        for program in benchmark_programs(args.names):
            timings = {
                "oscdsl": timed_run(oscdsl_command(program)),
                "cpython": timed_run([sys.executable, str(program.with_suffix(".py"))]),
            }
            for label, (prefix, env) in guile_modes.items():
                if label == "guile-compiled":
                    # The first run compiles; only the second is timed.
                    timed_run([*prefix, str(program)], env)
                timings[label] = timed_run([*prefix, str(program)], env)

            reference = timings["cpython"].stdout
            for label, timing in timings.items():
                if timing.seconds is None:
                    failures.append(f"{program.stem} [{label}]: {timing.error}")
                elif timing.stdout != reference:
                    failures.append(
                        f"{program.stem} [{label}]: output {timing.stdout.strip()!r}"
                        f" differs from CPython's {reference.strip()!r}"
                    )

            oscdsl = timings["oscdsl"]
            net = None
            if oscdsl.seconds is not None and start_cost.seconds is not None:
                net = Timing(max(oscdsl.seconds - start_cost.seconds, 0.0))
            rows.append(
                [
                    program.stem,
                    format_seconds(oscdsl),
                    format_seconds(net),
                    format_seconds(timings["cpython"]),
                    format_seconds(timings.get("guile")),
                    format_seconds(timings.get("guile-compiled")),
                    ratio(oscdsl, timings["cpython"]),
                    ratio(oscdsl, timings.get("guile")),
                    ratio(oscdsl, timings.get("guile-compiled")),
                ]
            )

        if EXAMPLE_CONFIG.exists():
            command = [sys.executable, "-m", "oscdsl", "eval", str(EXAMPLE_CONFIG)]
            config_timing = timed_run(command)
            if config_timing.seconds is None:
                failures.append(f"eval {EXAMPLE_CONFIG.name}: {config_timing.error}")
            rows.append(
                [f"eval {EXAMPLE_CONFIG.name}", format_seconds(config_timing)]
                + ["-"] * 7
            )

    print(f"oscdsl start-up (empty program): {format_seconds(start_cost)} s")
    if start_cost.seconds is None:
        print(f"  ({start_cost.error})")
    print()
    header = [
        "program",
        "oscdsl",
        "oscdsl net",
        "cpython",
        "guile",
        "guile-comp",
        "osc/cpy",
        "osc/guile",
        "osc/g-comp",
    ]
    print_table(header, rows)
    print("\nseconds of wall time, one run each; net = oscdsl minus start-up")
    for failure in failures:
        print(f"problem: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
