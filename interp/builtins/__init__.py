"""Primitives written in Python, grouped by the kind of value they work on.

Importing this package registers every primitive in ``registry.TABLES``.
"""

import importlib

_MODULES = (
    "predicates",
    "numbers",
    "chars",
    "strings",
    "symbols",
    "lists",
    "vectors",
    "bytevectors",
    "hashtables",
    "control",
    "ports",
    "format",
    "files",
)


def load_all() -> None:
    """Import every primitive module so that its primitives are registered."""
    importlib.import_module("oscdsl.interop.python")
    importlib.import_module("oscdsl.gexp.scheme")
    importlib.import_module("oscdsl.linux.scheme")
    for name in _MODULES:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
