"""An index of which bundled module exports which name, for error hints."""

from __future__ import annotations

from pathlib import Path

from ..datums import Keyword, Pair, Symbol
from .system import stdlib_directory


def exported_names() -> dict[str, str]:
    """Return {name: "(module name)"} over the stdlib and the Python-defined modules."""
    from ..builtins.registry import ROOT, TABLES
    from ..compiler.core import MODULE_FORMS
    from .cache import read_file_cached

    index: dict[str, str] = {}
    for module, forms in MODULE_FORMS.items():
        for name in forms:
            index.setdefault(name, "(" + " ".join(module) + ")")
    for module, table in TABLES.items():
        if module != ROOT:
            for name in table:
                index.setdefault(name, "(" + " ".join(module) + ")")
    base = stdlib_directory()
    for path in sorted(base.rglob("*.scm")):
        try:
            forms = read_file_cached(path)
        except Exception:  # an index for hints must never fail the real error
            continue
        module = "(" + " ".join(path.relative_to(base).with_suffix("").parts) + ")"
        for name in module_exports(forms):
            index.setdefault(name, module)
    return index


def module_exports(forms: list) -> list[str]:
    """Return the names the define-module form among FORMS exports."""
    names: list[str] = []
    for form in forms[:3]:
        if type(form) is Pair and form.car is Symbol("define-module"):
            items = list(form)
            for keyword, value in zip(items, items[1:], strict=False):
                if keyword in (
                    Keyword("export"),
                    Keyword("re-export"),
                    Keyword("export-syntax"),
                ):
                    names.extend(
                        item.name
                        if type(item) is Symbol
                        else getattr(item.cdr, "car", item).name
                        for item in value
                        if type(item) in (Symbol, Pair)
                    )
    for form in forms:
        if type(form) is Pair and form.car in (
            Symbol("define-public"),
            Symbol("define-syntax-public"),
        ):
            target = form.cdr.car
            while type(target) is Pair:
                target = target.car
            if type(target) is Symbol:
                names.append(target.name)
    return names


__all__ = ["Path", "exported_names"]
