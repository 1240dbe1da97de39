"""Parameter objects (``make-parameter``, ``parameterize``) with shallow binding.

A parameter holds its current value; ``parameterize`` swaps the value in and
restores the old one on the way out, however the body is left (normal return,
an escape, an error), so the binding follows the dynamic extent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Parameter:
    """A procedure of no arguments returning the current value of a dynamic setting.

    CONVERTER, when given, is applied to the initial value and to each value
    bound by ``parameterize``.
    """

    __slots__ = ("value", "converter", "name")

    def __init__(self, value: Any, converter: Callable | None = None, name=None):
        self.converter = converter
        self.name = name
        self.value = self.convert(value)

    def convert(self, value: Any) -> Any:
        """Return VALUE passed through the converter, if there is one."""
        if self.converter is None:
            return value
        from .procedures import call

        return call(self.converter, value)

    def __call__(self, *args: Any) -> Any:
        if args:
            # Guile lets (P VALUE) set the current binding.
            self.value = self.convert(args[0])
            from ..datums import UNSPECIFIED

            return UNSPECIFIED
        return self.value

    def scheme_repr(self, write: bool) -> str:
        return "#<parameter>"


@contextmanager
def parameterized(bindings: list[tuple[Parameter, Any]]) -> Iterator[None]:
    """Bind each parameter to its (already converted) value for the with-block."""
    saved = [(parameter, parameter.value) for parameter, _ in bindings]
    for parameter, value in bindings:
        parameter.value = value
    try:
        yield
    finally:
        for parameter, value in saved:
            parameter.value = value
