"""``oscdsl build`` and ``oscdsl gc`` from the command line, on a real store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hello-script.scm"


def oscdsl(*args: str, env_store: Path) -> subprocess.CompletedProcess:
    """Run ``python -m oscdsl ARGS`` with the store at ENV_STORE."""
    env = dict(os.environ)
    env.pop("OSCDSL_STORE", None)
    env["OSCDSL_STATE_DIR"] = str(env_store.parent / "state")
    return subprocess.run(
        [sys.executable, "-m", "oscdsl", *args, "--store", str(env_store)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_build_prints_a_script_that_runs_and_gc_reclaims_it_once_unrooted(tmp_path):
    store = tmp_path / "store"
    root = tmp_path / "hello"

    built = oscdsl("build", str(EXAMPLE), "--root", str(root), env_store=store)
    assert built.returncode == 0, built.stderr
    script = built.stdout.strip()
    assert script.startswith(f"{store}/") and script.endswith("-hello-script")
    assert os.readlink(root) == script

    ran = subprocess.run([script, "one"], capture_output=True, text=True, env={})
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == 'Hello from the store!\narguments: ("one")\n'

    live = oscdsl("gc", "--list-live", env_store=store).stdout.split()
    assert script in live
    requisites = oscdsl("gc", "--requisites", str(root), env_store=store).stdout
    assert any(line.endswith("-greeting.txt") for line in requisites.split())

    kept = oscdsl("gc", env_store=store)
    assert kept.returncode == 0 and os.path.exists(script)

    root.unlink()
    dead = oscdsl("gc", "--list-dead", env_store=store).stdout.split()
    assert script in dead
    collected = oscdsl("gc", env_store=store)
    assert collected.returncode == 0, collected.stderr
    assert "freed" in collected.stderr
    assert not os.path.exists(script)


def test_build_of_a_failing_derivation_reports_its_log(tmp_path):
    config = tmp_path / "fails.scm"
    config.write_text(
        '(use-modules (guix gexp))\n(computed-file "broken" #~(error "no luck"))\n'
    )
    result = oscdsl("build", str(config), env_store=tmp_path / "store")
    assert result.returncode == 5
    assert "broken.drv failed" in result.stderr
    assert "no luck" in result.stderr
    assert "full log:" in result.stderr


def test_build_of_something_unbuildable_says_what_it_is(tmp_path):
    config = tmp_path / "number.scm"
    config.write_text("42\n")
    result = oscdsl("build", str(config), env_store=tmp_path / "store")
    assert result.returncode == 5
    assert "42 cannot be built" in result.stderr


def test_gc_references_and_delete(tmp_path):
    store = tmp_path / "store"
    built = oscdsl("build", str(EXAMPLE), env_store=store)
    script = built.stdout.strip()
    refs = oscdsl("gc", "--references", script, env_store=store).stdout.split()
    greeting = next(r for r in refs if r.endswith("-greeting.txt"))
    referrers = oscdsl("gc", "--referrers", greeting, env_store=store).stdout.split()
    assert script in referrers
    refused = oscdsl("gc", "--delete", greeting, env_store=store)
    assert refused.returncode != 0
    deleted = oscdsl("gc", "--delete", script, env_store=store)
    assert deleted.returncode == 0, deleted.stderr
    assert not os.path.exists(script)
