"""The Python API: evaluate Scheme text or files, read datums, convert values.

>>> import oscdsl
>>> oscdsl.evaluate("(+ 1 2)")
3
>>> oscdsl.to_python(oscdsl.evaluate("'(1 \\"a\\" #(b))"))
[1, 'a', ['b']]

Conversion (see :mod:`oscdsl.datums` for the representation): ``to_python``
turns proper lists into Python lists, vectors into lists, symbols and
keywords into their names (str), characters into one-character strings, and
leaves numbers, strings, booleans and everything else as they are; pairs that
are not lists become ``(car, cdr)`` tuples.  ``from_python`` goes the other
way: lists and tuples become Scheme lists, dicts association lists, str
strings, and other values stay as they are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .datums import NIL, Char, Keyword, Pair, Symbol, Values, is_list, make_list


class Interpreter:
    """A world of modules in which Scheme code is evaluated, in ``(guile-user)``."""

    def __init__(self, load_path: list[str] | tuple[str, ...] = ()) -> None:
        from .modules.system import ModuleSystem

        self.system = ModuleSystem(load_path)

    def eval_string(self, text: str, source: str = "<string>") -> Any:
        """Evaluate every form of TEXT and return the last value."""
        from .reader import read_all

        return self.eval_forms(read_all(text, source))

    def eval_forms(self, forms: list[Any]) -> Any:
        """Evaluate FORMS in order in the current module; return the last value."""
        from .compiler.core import run_toplevel
        from .runtime.deep import run_deep

        def run() -> Any:
            result = None
            for form in forms:
                result = run_toplevel(form, self.system.current)
            return result

        return run_deep(run)

    def eval_file(self, path: str | os.PathLike) -> Any:
        """Evaluate the file PATH in the user module; return its last value."""
        from .runtime.deep import run_deep

        absolute = Path(path).resolve()
        return run_deep(self.system.load_file, absolute, self.system.current)

    def lookup(self, name: str) -> Any:
        """Return the value of the variable NAME in the user module."""
        from .compiler.core import global_reference

        cell = self.system.user.cell(Symbol(name))
        return global_reference(cell)([])


def evaluate(
    source: str | os.PathLike,
    *,
    load_path: tuple[str, ...] = (),
    interpreter: Interpreter | None = None,
) -> Any:
    """Evaluate SOURCE (Scheme text, or a path given as a Path) and return its value."""
    interpreter = interpreter or Interpreter(load_path)
    if isinstance(source, os.PathLike):
        return interpreter.eval_file(source)
    return interpreter.eval_string(source)


def read(text: str, source: str | None = None) -> list[Any]:
    """Return the datums of TEXT."""
    from .reader import read_all

    return read_all(text, source)


def to_python(value: Any) -> Any:
    """Return the Python counterpart of the Scheme VALUE (see the module docstring)."""
    if type(value) is Pair:
        if is_list(value):
            return [to_python(item) for item in value]
        return (to_python(value.car), to_python(value.cdr))
    if value is NIL:
        return []
    if type(value) is list or type(value) is Values:
        return [to_python(item) for item in value]
    if type(value) in (Symbol, Keyword):
        return value.name
    if type(value) is Char:
        return value.char
    return value


def from_python(value: Any) -> Any:
    """Return the Scheme counterpart of the Python VALUE (see the module docstring)."""
    if isinstance(value, (list, tuple)):
        return make_list(from_python(item) for item in value)
    if isinstance(value, dict):
        return make_list(Pair(from_python(k), from_python(v)) for k, v in value.items())
    return value
