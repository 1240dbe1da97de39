"""The container and explain commands on the examples, and eval's printing."""

from __future__ import annotations

from pathlib import Path

import pytest
from oscdsl.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CONFIGS = [
    "minimal-container.scm",
    "container-with-service.scm",
    "bare-bones.scm",
    "lightweight-desktop.scm",
    "docker-image.scm",
]


@pytest.mark.parametrize("name", CONFIGS)
def test_example_evaluates_and_containerizes(name, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("OSCDSL_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("OSCDSL_STATE_DIR", str(tmp_path / "state"))
    assert main(["container", str(EXAMPLES / name)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("system: ")
    assert "/dev/mqueue" in captured.err
    assert captured.out.strip().endswith("-run-container")


def test_container_with_service_keeps_its_own_service(capsys):
    assert main(["explain", str(EXAMPLES / "container-with-service.scm")]) == 0
    out = capsys.readouterr().out
    assert "removed clock" not in out


def test_explain_lists_removals_by_rule(capsys):
    assert main(["explain", "-N", str(EXAMPLES / "bare-bones.scm")]) == 0
    out = capsys.readouterr().out
    assert "removed / (ext4 from LABEL=my-root): it is the root file system" in out
    assert "removed /dev/pts" in out and "under /dev/" in out
    assert "removed mingetty: it opens /dev/ttyN" in out
    assert "removed dhcpcd: the container shares the host's network" in out
    assert "removed static-networking" in out
    assert "changed guix" in out and "changed nscd" in out
    assert "added dummy-networking providing (loopback networking)" in out
    assert "removed linux-bare-metal" in out and "removed hosts" in out


def test_explain_shows_the_kept_boot_efi(capsys):
    assert main(["explain", str(EXAMPLES / "lightweight-desktop.scm")]) == 0
    out = capsys.readouterr().out
    assert "kept /boot/efi (vfat from UUID=1234-ABCD): not needed for boot" in out


def test_share_and_expose_become_mappings(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("OSCDSL_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("OSCDSL_STATE_DIR", str(tmp_path / "state"))
    code = main(
        [
            "container",
            str(EXAMPLES / "minimal-container.scm"),
            "--share",
            f"{tmp_path}=/shared",
            "--expose",
            str(tmp_path),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert f"/shared (none from {tmp_path})" in err
    assert f"{tmp_path} (none from {tmp_path})" in err


def test_missing_share_source_is_refused_before_building(capsys):
    code = main(
        ["container", str(EXAMPLES / "minimal-container.scm"), "--share", "/nope"]
    )
    assert code == 5
    assert "--share /nope: /nope does not exist" in capsys.readouterr().err


def test_eval_prints_an_operating_system_readably(capsys):
    assert main(["eval", str(EXAMPLES / "docker-image.scm")]) == 0
    out = capsys.readouterr().out
    assert out.startswith('(operating-system\n  (host-name "docker")')
    assert "(services (list (service guix-service-type)))" in out


def test_a_file_that_is_not_an_os_is_an_error(tmp_path, capsys):
    path = tmp_path / "x.scm"
    path.write_text("42\n")
    assert main(["container", str(path)]) != 0
    assert "does not return an operating system" in capsys.readouterr().err
