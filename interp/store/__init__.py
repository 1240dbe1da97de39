"""The content-addressed store: items, derivations, builds and garbage collection.

:class:`Store` is the entry point; :mod:`.hashing` and :mod:`.derivation`
compute paths exactly as Nix and Guix do.
"""

from .database import PathInfo
from .derivation import Derivation, DerivationOutput, read_derivation, to_aterm
from .store import Store, current_system, default_prefix, default_state_dir

__all__ = [
    "Derivation",
    "DerivationOutput",
    "PathInfo",
    "Store",
    "current_system",
    "default_prefix",
    "default_state_dir",
    "read_derivation",
    "to_aterm",
]
