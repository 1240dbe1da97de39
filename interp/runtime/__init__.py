"""The evaluator's run-time support: procedures, calls, dynamic state."""

from .procedures import UNBOUND, Closure, TailCall, apply_procedure, call

__all__ = ["UNBOUND", "Closure", "TailCall", "apply_procedure", "call"]
