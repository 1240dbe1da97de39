"""How the command line reports failures: the user's error, never our traceback."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

from ..errors import EXIT_EVAL, OscdslError

EXIT_INTERNAL = 70


def guarded(action: Callable[[], int], debug: bool = False) -> int:
    """Run ACTION; render an OscdslError or an exit request as its exit status."""
    from ..builtins.control import SchemeExit

    try:
        return action()
    except SchemeExit as request:
        flush()
        return request.status
    except OscdslError as error:
        flush()
        if debug:
            traceback.print_exc()
        print(error.render(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        flush()
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug of ours: say so plainly
        flush()
        if debug:
            traceback.print_exc()
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print(
            "hint: run again with --debug to see where; please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def flush() -> None:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


def value_printed(value: Any) -> str | None:
    """Return VALUE as `eval` prints it, or None for an unspecified value."""
    from ..datums import UNSPECIFIED, Values
    from ..printer import write_string

    if value is UNSPECIFIED or value is None:
        return None
    if type(value) is Values:
        return "\n".join(write_string(item) for item in value)
    return write_string(value)


__all__ = ["EXIT_EVAL", "guarded", "value_printed"]
