"""Packages of the OS model realized from the host distribution.

A package record lowers to a profile of its host package(s): a store item
laid out as Guix lays out a package (``bin/``, ``sbin/``, ``lib/``), so that
``(file-append coreutils "/bin/date")`` names a file that exists.  The system
profile is the union of the operating system's packages and of what the
interpreter needs to run inside the container (the C library).
"""

from __future__ import annotations

import logging
from typing import Any

from ..builtins.registry import primitive
from ..datums import Values
from .services import MODULE

log = logging.getLogger(__name__)

# What every system container needs whose /usr is the profile: the dynamic
# loader and C library this interpreter links against, and /bin/sh (dash on
# Debian), which services and exec sessions expect.
INTERPRETER_PACKAGES = ("libc6", "dash")


def host_names(guix_name: str) -> list[str]:
    """Return the Debian packages standing for GUIX_NAME, or raise a clear error."""
    from ..errors import BuildError
    from ..packages.table import guix_to_host

    names = guix_to_host(guix_name)
    if names is None:
        raise BuildError(
            f"the package {guix_name} has no host equivalent",
            hint='name a Debian package directly with (host-package "NAME")',
        )
    return names


@primitive("%package-item", module=MODULE)
def package_item(name: str, host: Any = False) -> Any:
    """Return the store-monad value realizing package NAME (HOST: Debian names)."""
    from ..packages.profile import profile_of_packages

    def realize(store: Any) -> Values:
        names = [host] if isinstance(host, str) else host_names(name)
        return Values((profile_of_packages(store, names, name), store))

    return realize


def system_profile(store: Any, packages: list[tuple[str, Any]]) -> str:
    """Return the profile of the OS PACKAGES, (name . host-package) pairs.

    A package made with host-package must be installed on the host (the
    import says which to install); others with no host equivalent, or not
    installed, are reported and left out, so that %base-packages realizes
    to what exists.
    """
    from ..packages.dpkg import DpkgDatabase
    from ..packages.profile import profile_of_packages
    from ..packages.table import guix_to_host

    database = DpkgDatabase()
    wanted: list[str] = list(INTERPRETER_PACKAGES)
    missing: list[str] = []
    for guix_name, host in packages:
        if isinstance(host, str):
            wanted.append(host)
            continue
        names = guix_to_host(guix_name)
        if not names:
            missing.append(f"{guix_name} (no host equivalent)")
            continue
        absent = [n for n in names if database.lookup(n) is None]
        if absent:
            missing.append(f"{guix_name} (apt-get install {' '.join(absent)})")
            continue
        wanted.extend(n for n in names if n not in wanted)
    if missing:
        log.warning("packages left out of the system profile: %s", ", ".join(missing))
    return profile_of_packages(store, wanted, "system-profile")
