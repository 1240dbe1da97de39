"""Python modules as Scheme modules: ``(use-modules (python os path))``.

Every public attribute of the Python module becomes a binding, under its Lisp
name (``hy.unmangle``: ``path_exists`` is ``path-exists``) and, when that
differs, its Python name too.  Python callables are called like procedures; a
``#:keyword value`` pair in a call becomes a Python keyword argument.  Values
cross as :mod:`oscdsl.api` documents: numbers, strings and booleans as they
are, Scheme lists as :class:`oscdsl.datums.Pair` chains (iterable), Python
lists as vectors.

The primitives ``python-import``, ``python-ref``, ``python-call`` and
``python-eval`` reach any Python object by name.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..builtins.registry import primitive
from ..datums import Keyword, Symbol
from ..errors import scheme_error
from .names import lisp_name, python_name


class PythonProcedure:
    """A Python callable seen from Scheme: keywords become keyword arguments."""

    __slots__ = ("function", "name")

    def __init__(self, function: Any, name: str) -> None:
        self.function = function
        self.name = name

    def __call__(self, *args: Any) -> Any:
        positional, keywords = split_keywords(args)
        try:
            return self.function(*positional, **keywords)
        except Exception as error:  # Python's errors become Scheme conditions
            raise scheme_error(
                "python-exception", f"{type(error).__name__}: {error}", who=self.name
            ) from None

    def scheme_repr(self, write: bool) -> str:
        return f"#<python-procedure {self.name}>"


def split_keywords(args: tuple) -> tuple[list, dict]:
    """Return ARGS split into positional arguments and ``#:name value`` pairs."""
    positional: list = []
    keywords: dict[str, Any] = {}
    index = 0
    while index < len(args):
        item = args[index]
        if type(item) is Keyword and index + 1 < len(args):
            keywords[python_name(item.name)] = args[index + 1]
            index += 2
        else:
            positional.append(item)
            index += 1
    return positional, keywords


def wrap(value: Any, name: str) -> Any:
    """Return VALUE as Scheme sees it: callables wrapped, classes included."""
    if callable(value):
        return PythonProcedure(value, name)
    return value


def import_python(dotted: str) -> Any:
    """Import the Python module DOTTED, or raise a clear Scheme error."""
    try:
        return importlib.import_module(dotted)
    except ImportError as error:
        raise scheme_error(
            "missing-module", f"no Python module {dotted}: {error}", who="python-import"
        ) from None


def python_module(system: Any, name: tuple[str, ...]) -> Any:
    """Return the Scheme module ``(python a b)`` mirroring Python module ``a.b``."""
    dotted = ".".join(name[1:])
    target = import_python(dotted)
    module = system.make_module(name)
    public = getattr(target, "__all__", None) or [
        attribute for attribute in dir(target) if not attribute.startswith("_")
    ]
    for attribute in public:
        try:
            value = wrap(getattr(target, attribute), f"{dotted}.{attribute}")
        except AttributeError:
            continue
        for binding in {lisp_name(attribute), attribute}:
            module.define(Symbol(binding), value)
            module.exports.add(Symbol(binding))
    module.loaded = True
    return module


@primitive("python-import")
def python_import(dotted: str) -> Any:
    """Return the Python module named DOTTED (a string such as "os.path")."""
    return import_python(dotted)


@primitive("python-ref")
def python_ref(obj: Any, attribute: Any) -> Any:
    """Return attribute ATTRIBUTE (a string or symbol, Lisp-style allowed) of OBJ."""
    name = attribute.name if isinstance(attribute, Symbol) else str(attribute)
    for candidate in (name, python_name(name)):
        if hasattr(obj, candidate):
            return wrap(getattr(obj, candidate), candidate)
    raise scheme_error(
        "python-exception", f"no attribute {name}", obj, who="python-ref"
    )


@primitive("python-call")
def python_call(function: Any, *args: Any) -> Any:
    """Call the Python callable FUNCTION with ARGS (``#:key value`` for keywords)."""
    procedure = (
        function if isinstance(function, PythonProcedure) else wrap(function, "python")
    )
    return procedure(*args)


@primitive("python-eval")
def python_eval(expression: str) -> Any:
    """Return the value of the Python EXPRESSION (builtins only in scope)."""
    try:
        return eval(expression, {"__builtins__": __builtins__}, {})  # noqa: S307
    except Exception as error:
        raise scheme_error(
            "python-exception", f"{type(error).__name__}: {error}", who="python-eval"
        ) from None
