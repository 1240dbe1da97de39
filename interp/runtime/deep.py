"""Run the evaluator on a thread with a deep stack, so deep recursion works.

Non-tail recursion 100,000 calls deep takes a few hundred thousand Python
frames; the main thread's recursion limit and C stack are sized for far less.
The evaluation thread gets a large stack (reserved, not committed, memory)
and a recursion limit to match; past it, Python raises RecursionError, which
the evaluator reports as a Scheme stack overflow instead of crashing.
"""

from __future__ import annotations

import gc
import queue
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
    global _parked
    _parked += 1
    try:
        # An Event rather than Thread.join: a join interrupted by Ctrl-C may
        # return before the thread has finished (Python 3.11).  Between
        # waits, run what the evaluation asked the main thread to do.
        while not done.wait(0.02):
            serve_requests()
    except KeyboardInterrupt:
        interrupt(worker)
        done.wait()
        outcome.setdefault("error", KeyboardInterrupt())
    finally:
        _parked -= 1
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
_parked = 0
_requests: queue.SimpleQueue = queue.SimpleQueue()


class _Request:
    """Work the evaluation thread hands to the main thread, and its outcome."""

    def __init__(self, function: Callable[..., Any], args: tuple) -> None:
        self.function = function
        self.args = args
        self.outcome: dict[str, Any] = {}
        self.done = threading.Event()


def serve_requests() -> None:
    """Run, on the main thread, the requests the evaluation thread has queued."""
    while True:
        try:
            request = _requests.get_nowait()
        except queue.Empty:
            return
        try:
            request.outcome["value"] = request.function(*request.args)
        except BaseException as error:  # handed back to the evaluation thread
            request.outcome["error"] = error
        finally:
            request.done.set()


def run_on_main_thread(
    function: Callable[..., Any], *args: Any, **keywords: Any
) -> Any:
    """Return FUNCTION(*ARGS), computed on the main thread.

    Some work must happen there: only the main thread may install signal
    handlers, and forking a container is safest from it.  The evaluation
    thread waits meanwhile, counted as parked.
    """
    if keywords:
        return run_on_main_thread(lambda: function(*args, **keywords))
    if threading.current_thread() is threading.main_thread():
        return function(*args)
    global _parked
    request = _Request(function, args)
    _parked += 1
    try:
        _requests.put(request)
        request.done.wait()
    finally:
        _parked -= 1
    if "error" in request.outcome:
        raise request.outcome["error"]
    return request.outcome.get("value")


def parked_threads() -> int:
    """Return how many threads are only waiting for an evaluation thread to finish.

    Such a thread holds no lock a forked child could need (it waits on an
    Event the child never touches), so forking beside it is safe; the
    container core discounts it when it checks that it runs single-threaded.
    """
    return _parked
