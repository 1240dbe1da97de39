"""A wheel built from the tree installs and runs from outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_grammar_and_stdlib_and_runs_elsewhere(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("oscdsl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "oscdsl/grammar/oscdsl.lark" in names
    assert "oscdsl/cli/main.py" in names
    stdlib = sorted(ROOT.joinpath("stdlib").rglob("*.scm"))
    for path in stdlib:
        assert "oscdsl/stdlib/" + path.relative_to(ROOT / "stdlib").as_posix() in names

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "p.scm").write_text(
        "(use-modules (ice-9 match))\n(match '(1 2) ((a b) (+ a b)))\n"
    )
    # The installed copy first, then the dependencies from this environment.
    dependencies = sysconfig.get_paths()["purelib"]
    env = {
        "PYTHONPATH": f"{site}:{dependencies}",
        "PATH": os.environ["PATH"],
        "OSCDSL_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-I" if False else "-s",
            "-c",
            "import oscdsl, sys; print(oscdsl.__file__);"
            "from oscdsl.cli.main import main; sys.exit(main(['eval', 'p.scm']))",
        ],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    location, value = result.stdout.splitlines()
    assert location.startswith(str(site))
    assert value == "3"
