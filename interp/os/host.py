"""What the OS modules ask of the host and of the interpreter at evaluation time.

``crypt`` (as Guile has it), the system type, the store prefix, deprecation
warnings, and re-exporting whole module interfaces (as ``(gnu)`` does).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from typing import Any

from ..datums import Symbol
from ..errors import scheme_error

log = logging.getLogger(__name__)
_libcrypt: Any = None
_warned: set[str] = set()


def crypt(key: str, salt: str) -> str:
    """Return KEY hashed with SALT by the C library's crypt(3), as Guile does."""
    global _libcrypt
    if _libcrypt is None:
        name = ctypes.util.find_library("crypt") or "libcrypt.so.1"
        try:
            _libcrypt = ctypes.CDLL(name)
        except OSError:
            raise scheme_error(
                "system-error", "crypt: libcrypt is not available"
            ) from None
        _libcrypt.crypt.restype = ctypes.c_char_p
        _libcrypt.crypt.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
    result = _libcrypt.crypt(key.encode(), salt.encode())
    if not result or result.startswith(b"*"):
        raise scheme_error("system-error", "crypt: invalid salt", salt, who="crypt")
    return result.decode()


def host_system() -> str:
    """Return the host's system type, such as "x86_64-linux"."""
    from ..store.store import current_system

    return current_system()


def store_prefix() -> str:
    """Return the prefix of the store this evaluation targets."""
    from ..store.store import default_prefix

    return default_prefix()


def deprecation_warning(old: Any, replacement: str) -> Any:
    """Warn once, on standard error, that OLD is deprecated in favour of REPLACEMENT."""
    name = old.name if isinstance(old, Symbol) else str(old)
    if name not in _warned:
        _warned.add(name)
        sys.stderr.write(
            f"warning: '{name}' is deprecated; use {replacement} instead\n"
        )
    return False


def reexport_modules(module: Any, names: Any) -> bool:
    """Import each module of NAMES into MODULE and export its whole interface.

    NAMES is a Scheme list of module names (lists of symbols).
    """
    from ..compiler.module_forms import import_into
    from ..modules.system import parse_module_name

    system = module.system
    for datum in names:
        interface = system.resolve(parse_module_name(datum)).public_interface()
        import_into(module, interface)
        module.exports.update(interface)
    return False


def install(module: Any) -> None:
    """Bind the host helpers in MODULE under their Scheme names."""
    bindings = {
        "crypt": crypt,
        "%host-system": host_system,
        "%host-store-prefix": store_prefix,
        "%deprecation-warning": deprecation_warning,
        "%reexport-modules!": reexport_modules,
    }
    for name, function in bindings.items():
        function.scheme_name = name
        module.define(Symbol(name), function)
