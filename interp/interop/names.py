"""Translate names between Python and Lisp, by Hy's mangling rules.

Hy is imported only for names that need its rules (those it mangled with the
``hyx_`` prefix, or Lisp names with characters Python lacks); plain names are
translated here, the way Hy translates them, so Python interop without Hy
never pays Hy's start-up cost.
"""

from __future__ import annotations

import re

_PLAIN_PYTHON = re.compile(r"_*[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*_*\Z")
_PLAIN_LISP = re.compile(r"_*[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*_*\Z")


def lisp_name(python_name: str) -> str:
    """Return the Lisp name of PYTHON_NAME, as ``hy.unmangle`` does: a_b -> a-b."""
    if _PLAIN_PYTHON.match(python_name) and not python_name.startswith("hyx_"):
        core = python_name.lstrip("_")
        leading = python_name[: len(python_name) - len(core)]
        stripped = core.rstrip("_")
        return leading + stripped.replace("_", "-") + core[len(stripped) :]
    import hy

    return hy.unmangle(python_name)


def python_name(lisp: str) -> str:
    """Return the Python name of the Lisp name LISP (``hy.mangle``)."""
    if _PLAIN_LISP.match(lisp):
        return lisp.replace("-", "_")
    import hy

    return hy.mangle(lisp)
