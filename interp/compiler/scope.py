"""Compile-time environments: lexical scopes, frames and renamed identifiers.

Only ``lambda`` creates a run-time frame; ``let`` and internal definitions get
slots in the frame of the enclosing lambda, which is safe because a frame is
never re-entered (continuations cannot be re-entered).  A variable is thus
addressed by (depth, slot): how many frames up, and which slot there.

Hygiene: a symbol that a macro template introduces becomes a
:class:`Renamed` identifier.  Bound by a form of the same expansion, it names
a binding no user symbol can see; free, it means what its symbol meant where
the macro was defined.
"""

from __future__ import annotations

from typing import Any

from ..datums import Symbol
from ..errors import scheme_error
from ..modules.module import Module


class Frame:
    """The compile-time picture of one run-time frame: SIZE slots, slot 0 the parent."""

    __slots__ = ("size", "has_inner_frames")

    def __init__(self) -> None:
        self.size = 1
        # Whether a lambda (or anything else making a frame) appears inside:
        # then a closure may capture this frame, which must not be reused.
        self.has_inner_frames = False

    def allocate(self) -> int:
        """Reserve a new slot and return its index."""
        self.size += 1
        return self.size - 1


class Local:
    """A lexical variable in slot SLOT; CHECKED when it may be read before set."""

    __slots__ = ("slot", "checked", "name", "loop")

    def __init__(self, slot: int, checked: bool, name: Any) -> None:
        self.slot = slot
        self.checked = checked
        self.name = name
        # For the variable of a named let: the Loop its tail calls may jump in.
        self.loop = None


class Scope:
    """A block of lexical bindings inside FRAME, nested in PARENT, within MODULE."""

    __slots__ = ("names", "parent", "frame", "module")

    def __init__(self, parent: Scope | None, frame: Frame, module: Module) -> None:
        self.names: dict[Any, Any] = {}
        self.parent = parent
        self.frame = frame
        self.module = module

    def child(self) -> Scope:
        """Return a new block scope in the same frame."""
        return Scope(self, self.frame, self.module)

    def new_frame(self) -> Scope:
        """Return a scope for the body of a lambda: a new frame below this one."""
        self.frame.has_inner_frames = True
        return Scope(self, Frame(), self.module)

    def bind(self, key: Any, checked: bool = False) -> Local:
        """Bind the identifier KEY to a new slot of this scope's frame."""
        local = Local(self.frame.allocate(), checked, key)
        self.names[key] = local
        return local

    def bind_syntax(self, key: Any, keyword: Any) -> None:
        """Bind the identifier KEY to a syntactic keyword in this block."""
        self.names[key] = keyword


class Renamed:
    """An identifier introduced by a macro expansion.

    SYMBOL is the identifier written in the template (a Symbol, or a Renamed
    of an outer expansion); SCOPE and MODULE are where the macro was defined.
    """

    __slots__ = ("symbol", "scope", "module")

    def __init__(self, symbol: Any, scope: Scope | None, module: Module) -> None:
        self.symbol = symbol
        self.scope = scope
        self.module = module

    def __repr__(self) -> str:
        return strip(self).name


def strip(identifier: Any) -> Symbol:
    """Return the symbol an identifier was written as, without renaming."""
    while type(identifier) is Renamed:
        identifier = identifier.symbol
    return identifier


def is_identifier(value: Any) -> bool:
    """Return whether VALUE is a symbol or a renamed symbol."""
    return type(value) is Symbol or type(value) is Renamed


def resolve(scope: Scope | None, key: Any, module: Module) -> tuple[Any, int]:
    """Return (binding, depth) of identifier KEY seen from SCOPE.

    The binding is a Local (with DEPTH frames up), a syntactic keyword, a
    module binding (Cell or keyword, depth -1) or None when KEY is free and
    unknown.  MODULE is the module of the code being compiled.
    """
    depth = 0
    current = scope
    while current is not None:
        binding = current.names.get(key)
        if binding is not None:
            return binding, depth
        parent = current.parent
        if parent is not None and parent.frame is not current.frame:
            depth += 1
        current = parent
    if type(key) is Renamed:
        if key.scope is not None and scope is not None:
            binding, inner_depth = resolve(key.scope, key.symbol, key.module)
            if isinstance(binding, Local):
                return binding, frame_distance(scope, key.scope) + inner_depth
            return binding, inner_depth
        return resolve(None, key.symbol, key.module)
    return module.lookup(key), -1


def frame_distance(inner: Scope, outer: Scope) -> int:
    """Return how many frames separate scope INNER from its ancestor OUTER."""
    depth = 0
    current = inner
    while current is not None and current is not outer:
        parent = current.parent
        if parent is not None and parent.frame is not current.frame:
            depth += 1
        current = parent
    if current is None:
        raise scheme_error(
            "syntax-error", "macro used outside the scope it was defined in"
        )
    return depth


def global_module(key: Any, module: Module) -> tuple[Symbol, Module]:
    """Return the symbol and module in which the free identifier KEY is defined."""
    while type(key) is Renamed:
        module = key.module
        key = key.symbol
    return key, module
