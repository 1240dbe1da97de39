"""Which host (Debian) packages stand for the Guix packages that configs name.

:data:`GUIX_TO_DEBIAN` is the one table; :func:`host_package` names any other
Debian package directly, as ``(host-package "NAME")`` does in a config.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import BuildError

log = logging.getLogger(__name__)

# Guix package name -> the Debian packages that together provide it. Guix
# variable names that differ from the package name (``iproute`` for
# "iproute2") are listed too. None: Guix has it, a Debian host has no
# equivalent worth importing into a container.
GUIX_TO_DEBIAN: dict[str, tuple[str, ...] | None] = {
    # --- %base-packages-utils
    "bash": ("bash",),
    "bash-minimal": ("bash",),
    "coreutils": ("coreutils",),
    "findutils": ("findutils",),
    "grep": ("grep",),
    "sed": ("sed",),
    "gawk": ("gawk",),
    "tar": ("tar",),
    "gzip": ("gzip",),
    "bzip2": ("bzip2",),
    "xz": ("xz-utils",),
    "zstd": ("zstd",),
    "lzip": ("lzip",),
    "diffutils": ("diffutils",),
    "patch": ("patch",),
    "procps": ("procps",),
    "psmisc": ("psmisc",),
    "which": ("debianutils",),
    "shadow": ("passwd", "login"),
    "e2fsprogs": ("e2fsprogs",),
    "guile": ("guile-3.0",),
    "guile-3.0": ("guile-3.0",),
    # --- %base-packages-interactive
    "less": ("less",),
    "mg": ("mg",),
    "nano": ("nano",),
    "nvi": ("nvi",),
    "man-db": ("man-db",),
    "info-reader": ("info",),
    "kbd": ("kbd",),
    "sudo": ("sudo",),
    # Guile's readline module ships with guile-3.0-libs on Debian.
    "guile-readline": ("guile-3.0-libs",),
    "guile-colorized": None,
    # --- %base-packages-linux
    "pciutils": ("pciutils",),
    "usbutils": ("usbutils",),
    "util-linux": ("util-linux",),
    "util-linux+udev": ("util-linux",),
    "kmod": ("kmod",),
    "eudev": ("udev",),
    # --- %base-packages-networking
    "inetutils": ("inetutils-ping", "inetutils-telnet", "hostname"),
    "isc-dhcp": ("isc-dhcp-client",),
    "iproute": ("iproute2",),
    "iproute2": ("iproute2",),
    "wget": ("wget",),
    "nss-certs": ("ca-certificates",),
    "iw": ("iw",),
    "wireless-tools": ("wireless-tools",),
    # --- services and common tools
    "glibc": ("libc6",),
    "glibc-utf8-locales": ("locales",),
    "tzdata": ("tzdata",),
    "hello": ("hello",),
    "make": ("make",),
    "unzip": ("unzip",),
    "zip": ("zip",),
    "curl": ("curl",),
    "netcat": ("netcat-openbsd",),
    "netcat-openbsd": ("netcat-openbsd",),
    "socat": ("socat",),
    "busybox": ("busybox",),
    "screen": ("screen",),
    "tmux": ("tmux",),
    "openssh": ("openssh-server", "openssh-client"),
    "openssh-sans-x": ("openssh-server", "openssh-client"),
    "dropbear": ("dropbear-bin",),
    "mosh": ("mosh",),
    "nginx": ("nginx",),
    "httpd": ("apache2",),
    "python": ("python3",),
    "python-wrapper": ("python3", "python-is-python3"),
    "python-minimal": ("python3-minimal",),
    "emacs": ("emacs-nox",),
    "emacs-no-x": ("emacs-nox",),
    "vim": ("vim",),
    "neovim": ("neovim",),
    "git": ("git",),
    "subversion": ("subversion",),
    "mercurial": ("mercurial",),
    "rsync": ("rsync",),
    "htop": ("htop",),
    "dhcpcd": ("dhcpcd-base",),
    "opendoas": ("doas",),
    "dash": ("dash",),
    "zsh": ("zsh",),
    "fish": ("fish",),
    "nftables": ("nftables",),
    "iptables": ("iptables",),
    "openntpd": ("openntpd",),
    "ntp": ("ntp",),
    "wpa-supplicant": ("wpasupplicant",),
    "dbus": ("dbus",),
    "avahi": ("avahi-daemon",),
    "gnupg": ("gnupg",),
    "sqlite": ("sqlite3",),
    "postgresql": ("postgresql",),
    "redis": ("redis-server",),
    "mutt": ("mutt",),
    "node": ("nodejs",),
    "go": ("golang-go",),
    "texinfo": ("texinfo",),
    "man-pages": ("manpages",),
    "dosfstools": ("dosfstools",),
    "btrfs-progs": ("btrfs-progs",),
    "lvm2": ("lvm2",),
    "fuse": ("fuse3",),
    "cups": ("cups",),
    "docker": ("docker.io",),
    "containerd": ("containerd",),
    # --- Guix packages with no host equivalent in a container
    "linux-libre": None,
    "linux-libre-lts": None,
    "grub": None,
    "grub-efi": None,
    "u-boot": None,
    "guix": None,
    "crda": None,
}

_DEBIAN_NAME = re.compile(r"[a-z0-9][a-z0-9+.\-]+(:[a-z0-9\-]+)?")


@dataclass(frozen=True)
class HostPackage:
    """A package that realizes to host packages: HOST_NAMES, for GUIX_NAME.

    GUIX_NAME is None for ``(host-package "NAME")``, which names the host
    package directly.
    """

    host_names: tuple[str, ...]
    guix_name: str | None = None

    @property
    def name(self) -> str:
        """Return the name shown for this package: the Guix name, else the host's."""
        return self.guix_name or self.host_names[0]

    def __repr__(self) -> str:
        return f"#<host-package {' '.join(self.host_names)}>"


def host_package(name: str) -> HostPackage:
    """Return the package that realizes to the Debian package NAME as installed.

    NAME may carry an architecture (``libc6:amd64``); raise BuildError if it
    cannot be a Debian package name.
    """
    if not _DEBIAN_NAME.fullmatch(name):
        raise BuildError(
            f"{name!r} is not a Debian package name",
            hint="Debian names are lower case: letters, digits and + - .",
        )
    return HostPackage((name,))


def guix_to_host(guix_name: str) -> list[str] | None:
    """Return the Debian packages standing for the Guix package GUIX_NAME, or None."""
    names = GUIX_TO_DEBIAN.get(guix_name)
    return list(names) if names else None


def for_guix_package(guix_name: str) -> HostPackage | None:
    """Return the HostPackage for the Guix package GUIX_NAME, or None if unmapped."""
    names = guix_to_host(guix_name)
    return HostPackage(tuple(names), guix_name) if names else None


def unmapped(names: Iterable[str]) -> list[str]:
    """Return those Guix package NAMES that have no host equivalent, in order.

    Each is logged once, so that ``%base-packages`` realizes to what exists
    and reports the rest.
    """
    missing = [name for name in names if not guix_to_host(name)]
    for name in missing:
        log.warning("the Guix package %s has no host equivalent; left out", name)
    return missing
