"""Run the evaluator on a thread with a deep stack, so deep recursion works.

Non-tail recursion 100,000 calls deep takes a few hundred thousand Python
frames; the main thread's recursion limit and C stack are sized for far less.
The evaluation thread gets a large stack (reserved, not committed, memory)
and a recursion limit to match; past it, Python raises RecursionError, which
the evaluator reports as a Scheme stack overflow instead of crashing.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from typing import Any

STACK_BYTES = 1024 * 1024 * 1024
RECURSION_LIMIT = 3_000_000


def run_deep(function: Callable[..., Any], *args: Any) -> Any:
    """Return FUNCTION(*ARGS), computed on a thread with a deep stack."""
    if getattr(_local, "deep", False):
        return function(*args)
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        _local.deep = True
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the calling thread as is
            outcome["error"] = error
        finally:
            done.set()

    # Programs allocate many small pairs and rarely make cycles: collecting
    # young objects every 700 allocations costs more than it frees.
    gc.set_threshold(100_000, 50, 50)
    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(RECURSION_LIMIT)
    previous_size = threading.stack_size(STACK_BYTES)
    try:
        worker = threading.Thread(target=target, name="oscdsl-eval", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous_size)
    try:
        # An Event rather than Thread.join: a join interrupted by Ctrl-C may
        # return before the thread has finished (Python 3.11).
        while not done.wait(0.05):
            pass
    except KeyboardInterrupt:
        interrupt(worker)
        done.wait()
        outcome.setdefault("error", KeyboardInterrupt())
    finally:
        sys.setrecursionlimit(previous_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def interrupt(worker: threading.Thread) -> None:
    """Raise KeyboardInterrupt in WORKER, the way Ctrl-C would in a main thread."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(worker.ident), ctypes.py_object(KeyboardInterrupt)
    )


_local = threading.local()
