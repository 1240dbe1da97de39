"""Modules: named tables of top-level bindings, their interfaces and imports.

A binding is a :class:`Cell` (a variable) or a syntactic keyword (a special
form or a macro).  Cells are shared, not copied, by the modules that import
them, so a ``set!`` in the defining module is seen everywhere.  Every module
falls back on the root module ``(guile)``, which holds the primitives and the
core syntax.
"""

from __future__ import annotations

from typing import Any

from ..datums import Symbol
from ..runtime.procedures import UNBOUND


class Cell:
    """A top-level variable: its VALUE (``UNBOUND`` until defined) and its NAME."""

    __slots__ = ("value", "name", "module")

    def __init__(self, name: Symbol, value: Any = UNBOUND, module=None) -> None:
        self.value = value
        self.name = name
        self.module = module

    def __repr__(self) -> str:
        return f"#<variable {self.name.name}>"


ModuleName = tuple[str, ...]


class Module:
    """A module: NAME, own BINDINGS, IMPORTS (interfaces, in order) and EXPORTS."""

    def __init__(self, name: ModuleName, root: Module | None = None) -> None:
        self.name = name
        self.bindings: dict[Symbol, Any] = {}
        self.imports: list[dict[Symbol, Any]] = []
        self.exports: set[Symbol] = set()
        self.root = root
        self.filename: str | None = None
        self.loaded = False
        # A standard module whose bindings the root already has (srfi-1, ...).
        self.reexports_root = False

    def __repr__(self) -> str:
        return f"#<module {module_name_string(self.name)}>"

    def scheme_repr(self, write: bool) -> str:
        return repr(self)

    def lookup(self, name: Symbol) -> Any | None:
        """Return the binding NAME has in this module, or None."""
        binding = self.bindings.get(name)
        if binding is not None:
            return binding
        for interface in reversed(self.imports):
            binding = interface.get(name)
            if binding is not None:
                return binding
        if self.root is not None:
            return self.root.bindings.get(name)
        return None

    def cell(self, name: Symbol) -> Cell:
        """Return the cell NAME refers to here, creating an unbound local one."""
        binding = self.lookup(name)
        if isinstance(binding, Cell):
            return binding
        cell = Cell(name, module=self)
        self.bindings[name] = cell
        return cell

    def define(self, name: Symbol, value: Any) -> Cell:
        """Bind NAME to VALUE in this module's own table and return its cell."""
        binding = self.bindings.get(name)
        if isinstance(binding, Cell):
            binding.value = value
            return binding
        cell = Cell(name, value, self)
        self.bindings[name] = cell
        return cell

    def define_syntax(self, name: Symbol, keyword: Any) -> None:
        """Bind NAME to the syntactic keyword (special form or macro) KEYWORD."""
        self.bindings[name] = keyword

    def public_interface(self) -> dict[Symbol, Any]:
        """Return the exported bindings, NAME -> binding."""
        interface = dict(self.root.bindings) if self.reexports_root else {}
        for name in self.exports:
            binding = self.lookup(name)
            if binding is None:
                binding = self.cell(name)
            interface[name] = binding
        return interface

    def visible_names(self) -> set[str]:
        """Return the names of the bound variables and keywords visible here."""
        tables = [self.bindings, *self.imports]
        if self.root is not None:
            tables.append(self.root.bindings)
        return {
            symbol.name
            for table in tables
            for symbol, binding in table.items()
            if not (isinstance(binding, Cell) and binding.value is UNBOUND)
        }


def module_name_string(name: ModuleName) -> str:
    """Return NAME as written in Scheme: ``(gnu system)``."""
    return "(" + " ".join(name) + ")"
