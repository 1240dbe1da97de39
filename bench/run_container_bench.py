"""Start latency of a built system container, side by side with bubblewrap.

Builds ``examples/web-container.scm`` into a run-container script (in a
temporary store), then launches it RUNS times and times, from the launch,
(a) the boot program's first step (PID 1's first console line) and (b) its
service running (the supervisor reports it).  The anchors are bwrap running
/bin/true with comparable mounts and ``unshare`` with all namespaces.
Medians and ratios come from one run.  As root:
``.venv/bin/python bench/run_container_bench.py [RUNS]``.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from anchors import BWRAP, UNSHARE

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "examples" / "web-container.scm"


def build(env: dict) -> str:
    """Build the run-container script of CONFIG and return its path."""
    result = subprocess.run(
        [sys.executable, "-m", "oscdsl", "container", str(CONFIG)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return result.stdout.splitlines()[-1]


def boot_once(script: str, env: dict) -> tuple[float, float]:
    """Return seconds from launch to the first boot step and to the service."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    first = service = None
    for line in process.stderr:
        now = time.perf_counter() - start
        if first is None and "oscdsl-init: booting" in line:
            first = now
        if "service web is running" in line:
            service = now
            break
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    return first, service


def command_time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as base:
        env = {**os.environ, "OSCDSL_STORE": f"{base}/store",
               "OSCDSL_STATE_DIR": f"{base}/state"}  # fmt: skip
        script = build(env)
        boot_once(script, env)  # warm the read cache and the page cache
        samples = [boot_once(script, env) for _ in range(runs)]
    first = statistics.median(s[0] for s in samples)
    service = statistics.median(s[1] for s in samples)
    bwrap = statistics.median(command_time(BWRAP) for _ in range(runs * 3))
    unshare = statistics.median(command_time(UNSHARE) for _ in range(runs * 3))
    rows = [
        ("bwrap /bin/true (anchor)", bwrap),
        ("unshare, all namespaces", unshare),
        ("run-container -> boot program's first step", first),
        ("run-container -> service running", service),
    ]
    print(f"{'scenario':48} {'median':>10} {'x bwrap':>8}")
    for name, seconds in rows:
        print(f"{name:48} {seconds * 1000:8.1f}ms {seconds / bwrap:7.1f}x")
    print(f"({runs} runs each, one run of this script)")


if __name__ == "__main__":
    main()
