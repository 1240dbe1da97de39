"""Expansion and compilation: from datums to closures over frames.

``install_syntax(module)`` binds every special form in MODULE (the root).
"""

from importlib import import_module

from .core import SPECIAL_FORMS, Macro, SpecialForm, compile_expr, run_toplevel

_FORM_MODULES = (
    "definitions",
    "forms",
    "binding",
    "quasi",
    "lambda_star",
    "syntax_rules",
    "records",
    "match",
    "cut",
    "module_forms",
)


def install_syntax(module) -> None:
    """Bind the special forms in MODULE."""
    from ..datums import Symbol

    for name in _FORM_MODULES:
        try:
            import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
    for name, form in SPECIAL_FORMS.items():
        module.define_syntax(Symbol(name), form)


__all__ = ["Macro", "SpecialForm", "compile_expr", "install_syntax", "run_toplevel"]
