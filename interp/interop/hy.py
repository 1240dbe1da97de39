"""Hy files on the load path as Scheme modules: ``(use-modules (my tools))``
loads ``my/tools.hy`` when no ``my/tools.scm`` exists.

Each public top-level definition of the Hy module becomes a binding under its
Lisp name (``hy.unmangle`` turns ``hyx_string_prefixXquestion_markX`` back into
``string-prefix?``).  Hy is imported here and nowhere on the start-up path.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import types
from pathlib import Path
from typing import Any

from ..datums import Symbol
from ..errors import scheme_error
from .names import lisp_name
from .python import wrap

log = logging.getLogger(__name__)


def load_hy_module(system: Any, name: tuple[str, ...], path: Path) -> Any:
    """Load the Hy file PATH and return the Scheme module NAME of its definitions."""
    import hy  # noqa: F401  (installs the import machinery for .hy files)

    python_module_name = "oscdsl_hy." + ".".join(
        part.replace("-", "_") for part in name
    )
    spec = importlib.util.spec_from_file_location(python_module_name, path)
    if spec is None or spec.loader is None:
        raise scheme_error("missing-module", f"cannot load Hy module {path}")
    target = importlib.util.module_from_spec(spec)
    sys.modules[python_module_name] = target
    try:
        spec.loader.exec_module(target)
    except Exception as error:  # a Hy syntax or run-time error in the user's file
        sys.modules.pop(python_module_name, None)
        raise scheme_error(
            "hy-error", f"loading {path} failed: {type(error).__name__}: {error}"
        ) from None
    module = system.make_module(name)
    module.filename = str(path)
    for attribute, value in vars(target).items():
        if attribute.startswith("_") or isinstance(value, types.ModuleType):
            continue
        if getattr(value, "__module__", python_module_name) != python_module_name:
            continue  # imported into the Hy module, not defined by it
        symbol = Symbol(lisp_name(attribute))
        module.define(symbol, wrap(value, lisp_name(attribute)))
        module.exports.add(symbol)
    module.loaded = True
    log.debug("loaded Hy module %s from %s", name, path)
    return module
