"""Boot latency: a container whose PID 1 is ``python -m oscdsl.init``, vs bwrap.

For each run, a runtime process is launched (a fresh Python that calls
``call_with_container``) and two moments are timed from the launch: (a) the
boot program's first console line, and (b) a trivial service's marker file
appearing on the host.  The primed rows fork the runtime from this
process instead, so they leave out the runtime's own interpreter start and
imports.  The anchor is bubblewrap running /bin/true with
comparable mounts.  Medians and ratios come from one run.  As root:
``.venv/bin/python bench/boot_bench.py [RUNS]``.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from anchors import BWRAP
from oscdsl.init import boot

# The runtime: the same mounts as the tests, the boot program as PID 1.
RUNTIME = """
import os, sys
from oscdsl.init.launch import boot_thunk, interpreter_mounts
from oscdsl.linux.container import call_with_container
from oscdsl.linux.filesystems import bind_spec

tree = sys.argv[1]

def populate():
    for name in ("lib", "lib64"):
        os.symlink("usr/" + name, "/" + name)

sys.exit(call_with_container(
    [bind_spec("/usr", read_only=True), *interpreter_mounts(),
     bind_spec(tree + "/store", "/gnu/store", read_only=True),
     bind_spec(tree + "/out", "/out")],
    boot_thunk("/gnu/store/boot.json"),
    host_uids=65536, writable_root=True, lock_mounts=False,
    hostname="bench", populate_file_system=populate,
))
"""


def make_tree() -> Path:
    """Return a directory holding a store with a one-service system and /out."""
    tree = Path(tempfile.mkdtemp(prefix="oscdsl-boot-bench."))
    (tree / "store" / "etc").mkdir(parents=True)
    (tree / "store" / "etc" / "hostname").write_text("bench\n")
    (tree / "out").mkdir()
    service = boot.Service(
        ["marker"],
        start=boot.ForkExec(["sh", "-c", "echo > /out/marker; exec sleep 1000"]),
    )
    boot.BootDescription(
        host_name="bench",
        etc="/gnu/store/etc",
        path="/usr/bin",
        users=[boot.UserAccount("root", 0, 0, home="/root")],
        groups=[boot.UserGroup("root", 0)],
        services=[service],
    ).save(str(tree / "store" / "boot.json"))
    return tree


def boot_once(tree: Path) -> tuple[float, float]:
    """Boot the system once; return ms to (first step, service running)."""
    marker = tree / "out" / "marker"
    if marker.exists():
        marker.unlink()
    start = time.perf_counter()
    runtime = subprocess.Popen(
        [sys.executable, "-c", RUNTIME, str(tree)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    assert runtime.stderr is not None
    first_line = runtime.stderr.readline()
    first_step = time.perf_counter()
    assert b"oscdsl-init: booting" in first_line, first_line
    while not marker.exists():
        time.sleep(0.0005)
    service = time.perf_counter()
    runtime.send_signal(signal.SIGTERM)
    runtime.stderr.read()
    assert runtime.wait(10) == 0
    return (first_step - start) * 1000, (service - start) * 1000


def boot_resident(tree: Path) -> tuple[float, float]:
    """Boot the system from a fork of this process; return ms as boot_once does.

    The runtime's interpreter start and imports are already paid, so this
    isolates the namespaces, the boot program's start and its work.
    """
    from oscdsl.linux.container import call_with_container

    marker = tree / "out" / "marker"
    if marker.exists():
        marker.unlink()
    reader, writer = os.pipe()
    start = time.perf_counter()
    runtime = os.fork()
    if runtime == 0:
        os.close(reader)
        os.dup2(writer, 2)
        mounts, thunk, options = _runtime_arguments(tree)
        status = call_with_container(mounts, thunk, **options)
        os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as console:
        first_line = console.readline()
        first_step = time.perf_counter()
        assert b"oscdsl-init: booting" in first_line, first_line
        while not marker.exists():
            time.sleep(0.0005)
        service = time.perf_counter()
        os.kill(runtime, signal.SIGTERM)
        console.read()
    _, status = os.waitpid(runtime, 0)
    assert status == 0, status
    return (first_step - start) * 1000, (service - start) * 1000


def _runtime_arguments(tree: Path) -> tuple[list, object, dict]:
    """Return the mounts, thunk and options RUNTIME uses, for a resident runtime."""
    from oscdsl.init.launch import boot_thunk, interpreter_mounts
    from oscdsl.linux.filesystems import bind_spec

    def populate() -> None:
        for name in ("lib", "lib64"):
            os.symlink("usr/" + name, "/" + name)

    mounts = [
        bind_spec("/usr", read_only=True),
        *interpreter_mounts(),
        bind_spec(f"{tree}/store", "/gnu/store", read_only=True),
        bind_spec(f"{tree}/out", "/out"),
    ]
    options = dict(
        host_uids=65536,
        writable_root=True,
        lock_mounts=False,
        hostname="bench",
        populate_file_system=populate,
    )
    return mounts, boot_thunk("/gnu/store/boot.json"), options


def time_bwrap(runs: int) -> list[float]:
    """Return the wall times in ms of RUNS bwrap runs of /bin/true."""
    times = []
    for index in range(runs + 3):
        start = time.perf_counter()
        subprocess.run(BWRAP, check=True)
        if index >= 3:
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    """Measure and print medians and ratios to bubblewrap's whole run."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    if os.geteuid() != 0:
        sys.exit("run as root: the runtime maps 65,536 ids")
    if shutil.which("bwrap") is None:
        sys.exit("bwrap is not installed")
    tree = make_tree()
    try:
        boot_once(tree)  # warm the page cache
        samples = [boot_once(tree) for _ in range(runs)]
        boot_resident(tree)
        resident = [boot_resident(tree) for _ in range(runs)]
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    bwrap = statistics.median(time_bwrap(runs))
    rows = {
        "bwrap --unshare-all /bin/true (whole run)": bwrap,
        "(a) launch -> boot program's first step": statistics.median(
            s[0] for s in samples
        ),
        "(b) launch -> trivial service running": statistics.median(
            s[1] for s in samples
        ),
        "(a') resident runtime -> first step": statistics.median(
            s[0] for s in resident
        ),
        "(b') resident runtime -> service running": statistics.median(
            s[1] for s in resident
        ),
    }
    print(f"{'scenario':44} {'median ms':>10} {'/ bwrap':>8}")
    for name, median in rows.items():
        print(f"{name:44} {median:10.2f} {median / bwrap:8.2f}")
    print(f"runs per scenario: {runs}; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
