"""host-package: any package of the host distribution, by its Debian name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONFIG = """
(use-modules (gnu) (gnu system linux-container))
(containerized-operating-system
  (operating-system
    (host-name "hp")
    (bootloader (bootloader-configuration (bootloader grub-bootloader)
                                          (targets '("/dev/null"))))
    (file-systems %base-file-systems)
    (packages (list (host-package "sed") {extra}))
    (services '()))
  '())
"""


def build(tmp_path: Path, extra: str = "") -> subprocess.CompletedProcess:
    config = tmp_path / "config.scm"
    config.write_text(CONFIG.format(extra=extra))
    env = {
        **os.environ,
        "OSCDSL_STORE": str(tmp_path / "store"),
        "OSCDSL_STATE_DIR": str(tmp_path / "state"),
    }
    return subprocess.run(
        [sys.executable, "-m", "oscdsl", "build", str(config)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def test_host_package_lands_in_the_system_profile(tmp_path: Path) -> None:
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    system = Path(result.stdout.split()[-1])
    assert (system / "profile" / "bin" / "sed").exists()
    assert (system / "profile" / "lib64" / "ld-linux-x86-64.so.2").exists()


def test_missing_host_package_names_what_to_install(tmp_path: Path) -> None:
    result = build(tmp_path, '(host-package "no-such-package-xyz")')
    assert result.returncode == 5
    assert "apt-get install no-such-package-xyz" in result.stderr
    assert "Traceback" not in result.stderr
