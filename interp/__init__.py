"""oscdsl: operating systems described in a Guix-style Scheme, run as containers.

The Python API (``evaluate``, ``read``, value conversion) is defined in
:mod:`oscdsl.api` and imported lazily, so ``import oscdsl`` stays cheap.
"""

__version__ = "0.1.0"

__all__ = ["evaluate", "read", "to_python", "from_python", "__version__"]


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__, "Interpreter"])


def __getattr__(name: str):
    if name in ("evaluate", "read", "to_python", "from_python", "Interpreter"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
