"""The OS model's Python side: Guix-style records and host-facing helpers.

The Scheme modules of the OS model (``stdlib/guix/records.scm``,
``stdlib/gnu/...``) call :func:`install` to bind what is written here.
"""

from __future__ import annotations

from typing import Any


def install(module: Any, part: str) -> None:
    """Bind the Python-defined bindings of PART ("records", "system", ...) in MODULE."""
    if part == "records":
        from .records import install as install_records

        install_records(module)
    elif part == "system":
        from .host import install as install_host

        install_host(module)
    elif part == "packages":
        from .packages import install as install_packages

        install_packages(module)
    else:
        raise ValueError(f"unknown part of the OS model: {part}")
