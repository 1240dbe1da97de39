"""Hints for the commonest mistakes: a misspelt name, a module not imported."""

from __future__ import annotations

import difflib
from typing import Any

from ..datums import Symbol
from ..errors import SchemeError, scheme_error

# Names that configs use, and the module that provides each; a hint names the
# module when such a name is unbound.  Filled from the stdlib's export lists.
_EXPORTERS: dict[str, str] | None = None


def exporters() -> dict[str, str]:
    """Return {name: module} for every name the bundled modules export."""
    global _EXPORTERS
    if _EXPORTERS is None:
        from ..modules.exports import exported_names

        _EXPORTERS = exported_names()
    return _EXPORTERS


def unbound_variable_error(name: Symbol, module: Any) -> SchemeError:
    """Return the error for the unbound variable NAME, with a hint when one helps."""
    hint = None
    provider = exporters().get(name.name)
    current = getattr(module, "name", None)
    if provider and provider != _module_text(current):
        hint = f"{name.name} is exported by {provider}; add (use-modules {provider})"
    elif module is not None:
        close = difflib.get_close_matches(
            name.name, module.visible_names(), n=3, cutoff=0.75
        )
        if close:
            hint = "did you mean " + ", ".join(close) + "?"
    return scheme_error("unbound-variable", f"Unbound variable: {name.name}", hint=hint)


def _module_text(name: Any) -> str | None:
    return "(" + " ".join(name) + ")" if name else None


def missing_module_error(name: tuple[str, ...], system: Any) -> SchemeError:
    """Return the error for a module found nowhere on the load path."""
    text = "(" + " ".join(name) + ")"
    parent = text[:-1].rsplit(" ", 1)[0] + ")" if len(name) > 1 else None
    hint = (
        "the load path is " + ":".join(system.load_path) + "; add a directory with -L"
    )
    if parent:
        siblings = [
            "(" + " ".join(candidate) + ")"
            for candidate in _known_modules(system)
            if candidate[: len(name) - 1] == name[:-1]
        ]
        close = difflib.get_close_matches(text, siblings, n=3, cutoff=0.7)
        if close:
            hint = "did you mean " + ", ".join(close) + "? " + hint
    return scheme_error("missing-module", f"no code for module {text}", hint=hint)


def _known_modules(system: Any) -> list[tuple[str, ...]]:
    from pathlib import Path

    found = set(system.modules)
    for directory in system.load_path:
        base = Path(directory)
        if base.is_dir():
            for path in base.rglob("*.scm"):
                found.add(path.relative_to(base).with_suffix("").parts)
    return sorted(found)
