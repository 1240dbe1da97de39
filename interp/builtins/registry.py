"""The table of primitives: Python functions bound to Scheme names.

A primitive is a plain Python function taking Scheme values positionally
(optional arguments as Python defaults, rest arguments as ``*args``) and
returning a Scheme value (``UNSPECIFIED`` when the value is unspecified,
``Values`` for several).  It signals a user error by raising
``errors.scheme_error(...)``; a ``TypeError``, ``ValueError`` or
``ZeroDivisionError`` escaping it is turned into a ``wrong-type-arg`` condition
at the call site, which knows the source location.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Module name (a tuple of strings) -> {Scheme name: value}.  The root module
# ("guile",) is what every module sees without importing anything.
ROOT = ("guile",)
TABLES: dict[tuple[str, ...], dict[str, Any]] = {}
# Modules whose primitives live in a Python module imported only when a
# program uses them: module name -> Python module registering the table.
LAZY_TABLES: dict[tuple[str, ...], str] = {
    ("oscdsl", "system"): "oscdsl.system.build",
    ("oscdsl", "boot"): "oscdsl.system.boot",
    ("oscdsl", "run-container"): "oscdsl.system.run_container",
}


def load_lazy_table(module: tuple[str, ...]) -> None:
    """Import the Python module that registers MODULE's primitives, if any."""
    python_module = LAZY_TABLES.get(module)
    if python_module is not None:
        import importlib

        importlib.import_module(python_module)


def primitive(*names: str, module: tuple[str, ...] = ROOT) -> Callable:
    """Register the decorated function under each of NAMES in MODULE."""

    def register(function: Callable) -> Callable:
        table = TABLES.setdefault(module, {})
        for name in names:
            table[name] = function
        if not hasattr(function, "scheme_name"):
            try:
                function.scheme_name = names[0]
            except AttributeError:  # an object with __slots__, such as a parameter
                pass
        return function

    return register


def define_value(name: str, value: Any, module: tuple[str, ...] = ROOT) -> None:
    """Bind NAME to the constant VALUE in MODULE."""
    TABLES.setdefault(module, {})[name] = value
