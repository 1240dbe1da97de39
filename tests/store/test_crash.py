"""Killing a build at random points never leaves a valid partial item."""

from __future__ import annotations

import os
import random
import signal
import time

from oscdsl.store import Store, hashing

from .conftest import sh_derivation

FILES = 40


def builder_script(number: int) -> str:
    return (
        "mkdir $out\ni=0\n"
        f'while [ $i -lt {FILES} ]; do echo "line $i" > $out/f$i; i=$((i+1)); done\n'
        f"echo {number} > $out/last\n"
    )


def start_build(store: Store, drv_path: str) -> int:
    """Fork a process (its own process group) that builds DRV_PATH; return its pid."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.setsid()
            with Store(store.prefix, store.state_dir) as client:
                client.build([drv_path])
            status = 0
        finally:
            os._exit(status)
    return pid


def assert_every_valid_item_is_complete(store: Store) -> None:
    for path in store.valid_paths():
        digest, size = hashing.nar_hash(path)
        info = store.path_info(path)
        assert info.nar_hash == hashing.format_hash(digest), path
        assert info.nar_size == size, path


def assert_complete_output(path: str, number: int) -> None:
    assert sorted(os.listdir(path)) == sorted(
        [f"f{i}" for i in range(FILES)] + ["last"]
    )
    assert open(f"{path}/f{FILES - 1}").read() == f"line {FILES - 1}\n"
    assert open(f"{path}/last").read() == f"{number}\n"


def test_kill_9_at_random_points_leaves_no_valid_partial_item(store):
    rng = random.Random(20240601)
    start = time.monotonic()
    pid = start_build(store, sh_derivation(store, "calibrate", builder_script(-1)))
    assert os.waitpid(pid, 0)[1] == 0
    full_build = time.monotonic() - start

    outcomes = {"valid": 0, "invalid": 0}
    for number in range(100):
        drv = sh_derivation(store, f"victim{number}", builder_script(number))
        out = store.read_derivation(drv).outputs["out"].path
        pid = start_build(store, drv)
        time.sleep(rng.uniform(0, full_build * 1.2))
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)

        assert_every_valid_item_is_complete(store)
        outcomes["valid" if store.is_valid(out) else "invalid"] += 1
        assert store.build([drv])[drv]["out"] == out
        assert_complete_output(out, number)
    # The kills must have hit both before and after the registration.
    assert outcomes["invalid"] > 10 and outcomes["valid"] > 0, outcomes
