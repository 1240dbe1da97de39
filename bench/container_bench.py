"""Container start latency: oscdsl's runtime against bubblewrap and unshare(1).

Each scenario starts a container that runs /bin/true, RUNS times, and the
medians are printed with their ratios, all taken in one run.  Run as root:
``.venv/bin/python bench/container_bench.py [RUNS]``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

from anchors import BWRAP, UNSHARE

PROBE = [sys.executable, "-m", "oscdsl.linux.probe", "/bin/true"]


def time_command(argv: list[str], runs: int) -> list[float]:
    """Return the wall times in ms of RUNS executions of ARGV (after 3 warm-ups)."""
    times = []
    for index in range(runs + 3):
        start = time.perf_counter()
        subprocess.run(argv, check=True)
        if index >= 3:
            times.append((time.perf_counter() - start) * 1000)
    return times


def time_resident(runs: int) -> list[float]:
    """Return the times in ms of starting RUNS containers from this process."""
    from oscdsl.linux import probe

    times = []
    for index in range(runs + 3):
        start = time.perf_counter()
        status = probe.run_program(["/bin/true"])
        if index >= 3:
            times.append((time.perf_counter() - start) * 1000)
        assert status == 0, status
    return times


def main() -> None:
    """Measure every scenario and print medians and ratios to bubblewrap."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if shutil.which("bwrap") is None:
        sys.exit("bwrap is not installed")
    results = {
        "/bin/true (no container)": time_command(["/bin/true"], runs),
        "unshare(1) all but cgroup": time_command(UNSHARE, runs),
        "bwrap --unshare-all": time_command(BWRAP, runs),
        "python -m oscdsl.linux.probe": time_command(PROBE, runs),
        "resident runtime (fork per container)": time_resident(runs),
    }
    bwrap = statistics.median(results["bwrap --unshare-all"])
    print(f"{'scenario':42} {'median ms':>10} {'p90 ms':>8} {'/ bwrap':>8}")
    for name, times in results.items():
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:42} {median:10.2f} {p90:8.2f} {median / bwrap:8.2f}")
    print(
        f"runs per scenario: {runs}; python {sys.version.split()[0]}; pid {os.getpid()}"
    )


if __name__ == "__main__":
    main()
