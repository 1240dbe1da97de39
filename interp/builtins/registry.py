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
