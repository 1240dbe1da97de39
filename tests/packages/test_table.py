"""The table of Guix package names and their host equivalents."""

from __future__ import annotations

import logging
import re

import pytest
from oscdsl.errors import BuildError
from oscdsl.packages.table import (
    GUIX_TO_DEBIAN,
    HostPackage,
    for_guix_package,
    guix_to_host,
    host_package,
    unmapped,
)

# The members of %base-packages, by Guix package name.
BASE_PACKAGES = (
    "less mg nano nvi man-db info-reader kbd sudo guile-readline guile-colorized "
    "pciutils usbutils util-linux+udev kmod eudev inetutils isc-dhcp iproute wget "
    "nss-certs iw wireless-tools procps psmisc which shadow e2fsprogs guile-3.0 "
    "bash coreutils findutils grep sed diffutils patch gawk tar gzip bzip2 lzip xz "
    "zstd"
).split()


def test_guix_names_map_to_debian_packages() -> None:
    assert guix_to_host("openssh-sans-x") == ["openssh-server", "openssh-client"]
    assert guix_to_host("iproute") == ["iproute2"]
    assert guix_to_host("nss-certs") == ["ca-certificates"]
    assert guix_to_host("shadow") == ["passwd", "login"]
    assert guix_to_host("python") == ["python3"]
    assert guix_to_host("linux-libre") is None
    assert guix_to_host("no-such-guix-package") is None


def test_every_host_name_is_a_debian_name() -> None:
    pattern = re.compile(r"[a-z0-9][a-z0-9+.\-]+")
    for names in GUIX_TO_DEBIAN.values():
        for name in names or ():
            assert pattern.fullmatch(name), name


def test_base_packages_without_host_equivalent_are_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="oscdsl.packages.table"):
        assert unmapped(BASE_PACKAGES) == ["guile-colorized"]
    assert "guile-colorized has no host equivalent" in caplog.text


def test_host_package_names_any_debian_package() -> None:
    assert host_package("netcat-openbsd") == HostPackage(("netcat-openbsd",))
    assert host_package("libc6:amd64").name == "libc6:amd64"
    assert for_guix_package("openssh").name == "openssh"
    with pytest.raises(BuildError, match="not a Debian package name"):
        host_package("Bad Name")
