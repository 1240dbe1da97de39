"""Errors of oscdsl: Scheme conditions, and the Python exceptions that carry them.

Every failure a user can cause is an :class:`OscdslError`; the CLI renders it as
``file:line:col: error: message`` with the source line, a caret, the DSL call
stack and a hint, and exits with the code of its class.
"""

from __future__ import annotations

import linecache
from typing import Any

from .datums import Loc, Symbol

# Exit statuses of the command line, one per class of failure.
EXIT_USAGE = 2
EXIT_READ = 3
EXIT_EVAL = 4
EXIT_BUILD = 5

MAX_FRAMES_SHOWN = 6
EXCERPT_WIDTH = 120


class Condition:
    """A Scheme condition: what ``error``, ``throw`` and failing primitives raise.

    KIND is the Guile key (``misc-error``, ``unbound-variable``,
    ``wrong-type-arg``, a user's ``throw`` key, ...); MESSAGE is text, IRRITANTS
    the offending values; ARGS, when set, are the raw arguments of a ``throw``.
    """

    __slots__ = ("kind", "message", "irritants", "who", "loc", "args", "hint")

    def __init__(
        self,
        kind: Symbol,
        message: str,
        irritants: list[Any] | tuple = (),
        who: str | None = None,
        loc: Loc | None = None,
        args: Any = None,
        hint: str | None = None,
    ) -> None:
        self.kind = kind
        self.message = message
        self.irritants = list(irritants)
        self.who = who
        self.loc = loc
        self.args = args
        self.hint = hint

    def __repr__(self) -> str:
        return self.scheme_repr(True)

    def scheme_repr(self, write: bool) -> str:
        from .printer import write_string

        return f"#<condition {self.kind.name} {write_string(self.report())}>"

    def report(self) -> str:
        """Return the message followed by the written irritants, as Guile shows them."""
        from .printer import write_string

        if "~" in self.message and self.irritants:
            try:
                from .builtins.format import format_string

                return format_string(self.message, self.irritants)
            except Exception:  # a malformed user format string
                pass
        text = self.message
        if self.irritants:
            text += " " + " ".join(write_string(i) for i in self.irritants)
        return text


class OscdslError(Exception):
    """A failure caused by the user's input or environment, never a bug of ours."""

    exit_code = EXIT_EVAL
    label = "error"

    def __init__(self, message: str, loc: Loc | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.hint = hint
        self.frames: list[tuple[str, Loc | None]] = []

    def render(self, source_text: str | None = None) -> str:
        """Return the error as the CLI prints it: line, caret, stack, hint."""
        lines = []
        where = f"{self.loc}: " if self.loc else ""
        lines.append(f"{where}{self.label}: {self.message}")
        lines.extend(_source_excerpt(self.loc, source_text))
        for name, loc in self.frames[:MAX_FRAMES_SHOWN]:
            if name or loc:
                where = f" at {loc}" if loc else ""
                lines.append(f"  in {name or 'top level'}{where}")
        if len(self.frames) > MAX_FRAMES_SHOWN:
            lines.append(f"  ... {len(self.frames) - MAX_FRAMES_SHOWN} more frames")
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


class ReadError(OscdslError):
    """The text is not a well-formed datum."""

    exit_code = EXIT_READ
    label = "read error"


class SchemeError(OscdslError):
    """A Scheme object raised and not caught: a :class:`Condition` or any value.

    CONTINUABLE is true for ``raise-continuable``.  FRAMES collects the DSL call
    sites the error passed through, innermost first.
    """

    def __init__(self, payload: Any, continuable: bool = False) -> None:
        self.payload = payload
        self.continuable = continuable
        if isinstance(payload, Condition):
            message, loc, hint = payload.report(), payload.loc, payload.hint
            if payload.who:
                message = f"{payload.who}: {message}"
        else:
            from .printer import write_string

            message, loc, hint = (
                f"uncaught exception: {write_string(payload)}",
                None,
                None,
            )
        super().__init__(message, loc, hint)

    def add_frame(self, name: str, loc: Loc | None) -> None:
        """Record that the error passed through a call of NAME at LOC."""
        if self.loc is None and loc is not None:
            self.loc = loc
            if isinstance(self.payload, Condition) and self.payload.loc is None:
                self.payload.loc = loc
        elif len(self.frames) < 64:
            self.frames.append((name, loc))


class BuildError(OscdslError):
    """Building or running something failed: a derivation, a container."""

    exit_code = EXIT_BUILD
    label = "build error"


def scheme_error(
    kind: str,
    message: str,
    *irritants: Any,
    who: str | None = None,
    loc: Loc | None = None,
    hint: str | None = None,
) -> SchemeError:
    """Return a SchemeError carrying a new condition of KIND (a Guile key name)."""
    condition = Condition(Symbol(kind), message, irritants, who, loc, hint=hint)
    return SchemeError(condition)


def _source_excerpt(loc: Loc | None, source_text: str | None) -> list[str]:
    """Return the line LOC points into and a caret under its column."""
    if loc is None or loc.line < 1:
        return []
    if source_text is not None:
        all_lines = source_text.splitlines()
        text = all_lines[loc.line - 1] if loc.line <= len(all_lines) else ""
    elif loc.source:
        text = linecache.getline(loc.source, loc.line).rstrip("\n")
    else:
        text = ""
    if not text:
        return []
    text = text.expandtabs(1)
    column = max(loc.column - 1, 0)
    if len(text) > EXCERPT_WIDTH:
        # Show a window around the caret of a very long line.
        start = max(0, min(column - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
        text = text[start : start + EXCERPT_WIDTH]
        column -= start
    return [f"  {text}", "  " + " " * column + "^"]
