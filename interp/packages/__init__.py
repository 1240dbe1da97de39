"""Packages from the host distribution, imported into the store, and profiles.

:mod:`.dpkg` reads the host's package database, :mod:`.importer` turns
installed packages into store items, :mod:`.table` maps Guix package names to
host ones, and :mod:`.profile` unites items into a profile a container can
use as its ``/usr``.
"""

from .importer import DEFAULT_EXCLUDES, Importer, import_packages
from .profile import (
    Collision,
    build_profile,
    collisions,
    populate_root,
    profile_environment,
    root_links,
)
from .table import HostPackage, guix_to_host, host_package, unmapped

__all__ = [
    "DEFAULT_EXCLUDES",
    "Collision",
    "HostPackage",
    "Importer",
    "build_profile",
    "collisions",
    "guix_to_host",
    "host_package",
    "import_packages",
    "populate_root",
    "profile_environment",
    "root_links",
    "unmapped",
]
