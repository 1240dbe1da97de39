"""Eight processes building the same derivation at once build it once."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import sh_derivation

CLIENT = """
import sys
from oscdsl.store import Store
with Store(sys.argv[1], sys.argv[2]) as store:
    print(store.build([sys.argv[3]])[sys.argv[3]]["out"])
"""


def test_eight_processes_build_once_and_agree_on_the_path(store, tmp_path):
    runs = tmp_path / "runs"  # outside the store: the builder's side effect
    # The side effect must reach the host, so the builders run unsandboxed;
    # what is tested here is the locking, not the isolation.
    env = {**os.environ, "OSCDSL_BUILD_SANDBOX": "0"}
    script = f"echo run >> {runs}\nsleep 0.5\nmkdir $out\necho done > $out/result\n"
    drv = sh_derivation(store, "shared", script)
    clients = [
        subprocess.Popen(
            [sys.executable, "-c", CLIENT, store.prefix, store.state_dir, drv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(8)
    ]
    results = [client.communicate(timeout=60) for client in clients]
    assert [client.returncode for client in clients] == [0] * 8, results
    printed = {out.strip() for out, _err in results}
    assert printed == {store.read_derivation(drv).outputs["out"].path}
    assert runs.read_text() == "run\n"
    assert store.is_valid(printed.pop())
