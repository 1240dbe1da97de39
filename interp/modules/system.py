"""The module system: the table of loaded modules, the load path, loading files.

One :class:`ModuleSystem` is one world of modules, with its own root module
holding the primitives and core syntax.  Module ``(a b c)`` is found as
``a/b/c.scm`` (or ``.hy``) on the load path: the ``-L`` directories, then
``OSCDSL_LOAD_PATH``, then the bundled ``stdlib/``.  Modules whose bindings
are written in Python (registered in ``builtins.registry``) need no file.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from ..datums import Symbol
from ..errors import scheme_error
from .module import Module, ModuleName, module_name_string

log = logging.getLogger(__name__)

ROOT_NAME: ModuleName = ("guile",)

# Standard modules whose bindings the root module already provides: importing
# one succeeds and adds nothing.  (Guile needs them imported; being lenient
# here lets programs written for Guile run unchanged.)
CORE_MODULES = {
    tuple(name.split())
    for name in (
        "srfi srfi-1",
        "srfi srfi-2",
        "srfi srfi-6",
        "srfi srfi-8",
        "srfi srfi-9",
        "srfi srfi-11",
        "srfi srfi-13",
        "srfi srfi-14",
        "srfi srfi-16",
        "srfi srfi-17",
        "srfi srfi-26",
        "srfi srfi-28",
        "srfi srfi-34",
        "srfi srfi-35",
        "srfi srfi-39",
        "srfi srfi-43",
        "srfi srfi-45",
        "srfi srfi-60",
        "srfi srfi-69",
        "srfi srfi-71",
        "srfi srfi-9 gnu",
        "ice-9 match",
        "ice-9 format",
        "ice-9 receive",
        "ice-9 exceptions",
        "ice-9 rdelim",
        "ice-9 ftw",
        "ice-9 control",
        "ice-9 optargs",
        "ice-9 pretty-print",
        "ice-9 regex",
        "ice-9 vlist",
        "ice-9 hash-table",
        "ice-9 string-fun",
        "ice-9 textual-ports",
        "ice-9 binary-ports",
        "ice-9 ports",
        "ice-9 curried-definitions",
        "ice-9 q",
        "ice-9 common-list",
        "ice-9 local-eval",
        "ice-9 session",
        "rnrs bytevectors",
        "rnrs base",
        "rnrs io ports",
        "rnrs lists",
        "scheme base",
        "scheme write",
        "scheme char",
        "scheme cxr",
        "scheme case-lambda",
        "scheme process-context",
        "scheme file",
        "scheme read",
        "scheme lazy",
        "scheme inexact",
        "scheme complex",
    )
}
USER_NAME: ModuleName = ("guile-user",)


def stdlib_directory() -> Path:
    """Return the directory of the bundled Scheme modules (wheel or checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "stdlib", here.parent / "stdlib"):
        if candidate.is_dir():
            return candidate
    return here / "stdlib"


class ModuleSystem:
    """Loaded modules by name, the load path, and the module code is read into."""

    def __init__(self, load_path: list[str] | tuple[str, ...] = ()) -> None:
        from ..builtins import load_all
        from ..builtins.registry import TABLES
        from ..compiler import install_syntax

        load_all()
        # Scheme integers print in full however long (Python caps the
        # conversion at 4,300 digits by default, against denial of service).
        sys.set_int_max_str_digits(0)
        self.tables = TABLES
        self.root = Module(ROOT_NAME)
        self.root.system = self
        install_syntax(self.root)
        for name, value in TABLES.get(ROOT_NAME, {}).items():
            self.root.define(Symbol(name), value)
        self.root.loaded = True
        self.modules: dict[ModuleName, Module] = {ROOT_NAME: self.root}
        self.load_path = [str(p) for p in load_path]
        env_path = os.environ.get("OSCDSL_LOAD_PATH")
        if env_path:
            self.load_path.extend(p for p in env_path.split(":") if p)
        self.load_path.append(str(stdlib_directory()))
        self.loading: list[ModuleName] = []
        self.user = self.make_module(USER_NAME)
        self.user.loaded = True
        self.current = self.user

    def make_module(self, name: ModuleName) -> Module:
        """Return a new empty module NAME registered in this system."""
        module = Module(name, self.root)
        module.system = self
        self.modules[name] = module
        from ..builtins.registry import load_lazy_table
        from ..compiler.core import MODULE_FORMS

        load_lazy_table(name)
        for key, value in self.tables.get(name, {}).items():
            module.define(Symbol(key), value)
            module.exports.add(Symbol(key))
        for key, form in MODULE_FORMS.get(name, {}).items():
            module.define_syntax(Symbol(key), form)
            module.exports.add(Symbol(key))
        return module

    def find_file(self, name: ModuleName) -> Path | None:
        """Return the file defining module NAME on the load path, or None."""
        relative = Path(*name)
        for directory in self.load_path:
            for suffix in (".scm", ".hy"):
                path = Path(directory) / relative.with_name(relative.name + suffix)
                if path.is_file():
                    return path
        return None

    def resolve(self, name: ModuleName) -> Module:
        """Return module NAME, loading it first if needed."""
        module = self.modules.get(name)
        if module is not None and module.loaded:
            return module
        if name in self.loading:
            if module is not None:
                return module  # a cycle: use what is defined so far, as Guile does
        path = self.find_file(name)
        if path is None:
            from ..builtins.registry import LAZY_TABLES, load_lazy_table

            if name in LAZY_TABLES:
                load_lazy_table(name)
            if name and name[0] == "python":
                from ..interop.python import python_module

                return python_module(self, name)
            from ..compiler.core import MODULE_FORMS

            if name in self.tables or name in CORE_MODULES or name in MODULE_FORMS:
                module = module or self.make_module(name)
                module.reexports_root = name in CORE_MODULES
                module.loaded = True
                return module
            from ..compiler.hints import missing_module_error

            raise missing_module_error(name, self)
        return self.load_module_file(name, path, module)

    def load_module_file(
        self, name: ModuleName, path: Path, module: Module | None
    ) -> Module:
        """Load the file PATH, which defines module NAME."""
        log.debug("loading module %s from %s", module_name_string(name), path)
        if path.suffix == ".hy":
            from ..interop.hy import load_hy_module

            return load_hy_module(self, name, path)
        module = module or self.make_module(name)
        module.filename = str(path)
        self.loading.append(name)
        try:
            self.load_file(path, module)
        finally:
            self.loading.remove(name)
        module.loaded = True
        return module

    def load_file(self, path: Path | str, module: Module | None = None) -> Any:
        """Evaluate the file PATH, starting in MODULE, and return its last value."""
        from ..compiler.core import run_toplevel
        from .cache import read_file_cached

        forms = read_file_cached(Path(path))
        saved = self.current
        self.current = module or self.current
        result = None
        try:
            for form in forms:
                result = run_toplevel(form, self.current)
        finally:
            self.current = saved
        return result

    def module_named(self, name: ModuleName) -> Module:
        """Return the module NAME, creating it (empty) if it does not exist."""
        module = self.modules.get(name)
        if module is None:
            module = self.make_module(name)
        return module


def parse_module_name(datum: Any) -> ModuleName:
    """Return the module name written as DATUM, a list of symbols."""
    from ..compiler.scope import strip
    from ..datums import Pair

    parts = []
    while type(datum) is Pair:
        symbol = strip(datum.car)
        if type(symbol) is not Symbol:
            if isinstance(symbol, int):
                break  # a version number, as in (srfi srfi-1) with #:version
            raise scheme_error("syntax-error", "bad module name", datum)
        parts.append(symbol.name)
        datum = datum.cdr
    if not parts:
        raise scheme_error("syntax-error", "bad module name", datum)
    return tuple(parts)
