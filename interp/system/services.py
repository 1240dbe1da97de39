"""Shepherd services as the boot description's services.

A shepherd service's ``start`` and ``stop`` are gexps that Guix evaluates in
shepherd at boot.  oscdsl lowers them when the system is built and evaluates
the result in ``(oscdsl system)``, where ``make-forkexec-constructor`` and
``make-kill-destructor`` return plain descriptions (argv, user, signal...)
that PID 1 carries out without the Scheme runtime.  A start procedure of any
other kind, such as ``(const #t)``, starts nothing: the service is simply
marked running, as the dummy loopback service expects.
"""

from __future__ import annotations

import logging
import signal
from typing import Any

from ..builtins.registry import primitive
from ..datums import Keyword, Pair, Symbol, list_to_python
from ..errors import scheme_error
from ..init.boot import ForkExec, Service

log = logging.getLogger(__name__)

MODULE = ("oscdsl", "system")


class KillDestructor:
    """What ``make-kill-destructor`` returns: stop with SIGNAL, then SIGKILL."""

    def __init__(self, signal_number: int, grace: float) -> None:
        self.signal = signal_number
        self.grace = grace

    def scheme_repr(self, write: bool) -> str:
        return f"#<kill-destructor {self.signal}>"


def keywords(who: str, args: tuple, known: set[str]) -> dict[str, Any]:
    """Return the ``#:name value`` pairs of ARGS, refusing names not in KNOWN."""
    options: dict[str, Any] = {}
    for keyword, value in zip(args[::2], args[1::2], strict=False):
        if type(keyword) is not Keyword:
            raise scheme_error(
                "keyword-argument-error", "Invalid keyword", keyword, who=who
            )
        if keyword.name not in known:
            # Limitation: resource limits, namespaces and the other options
            # of shepherd's constructor are accepted and ignored.
            log.info("%s: option #:%s ignored", who, keyword.name)
        options[keyword.name] = value
    return options


FORKEXEC_OPTIONS = {
    "user",
    "group",
    "supplementary-groups",
    "directory",
    "environment-variables",
    "log-file",
    "pid-file",
    "pid-file-timeout",
}


@primitive("make-forkexec-constructor", module=MODULE)
def make_forkexec_constructor(command: Any, *args: Any) -> ForkExec:
    """Describe a service started by running COMMAND (a list of strings)."""
    argv = list_to_python(command) if isinstance(command, Pair) else [command]
    if not argv or not all(isinstance(item, str) for item in argv):
        raise scheme_error(
            "wrong-type-arg",
            "the command must be a list of strings",
            command,
            who="make-forkexec-constructor",
        )
    options = keywords("make-forkexec-constructor", args, FORKEXEC_OPTIONS)

    def text(name: str) -> str | None:
        value = options.get(name, False)
        return value if isinstance(value, str) else None

    environment = options.get("environment-variables", False)
    timeout = options.get("pid-file-timeout", False)
    return ForkExec(
        argv=argv,
        user=text("user"),
        group=text("group"),
        directory=text("directory") or "/",
        environment=list_to_python(environment)
        if isinstance(environment, Pair)
        else [],
        log_file=text("log-file"),
        pid_file=text("pid-file"),
        pid_file_timeout=float(timeout) if isinstance(timeout, (int, float)) else 5.0,
    )


@primitive("make-system-constructor", module=MODULE)
def make_system_constructor(*commands: str) -> ForkExec:
    """Describe a service started by the shell command made of COMMANDS."""
    return ForkExec(argv=["/bin/sh", "-c", "".join(commands)])


@primitive("make-kill-destructor", module=MODULE)
def make_kill_destructor(
    signal_number: Any = int(signal.SIGTERM), *args: Any
) -> KillDestructor:
    """Describe stopping a service with SIGNAL (SIGTERM by default)."""
    options = keywords("make-kill-destructor", args, {"grace-period"})
    grace = options.get("grace-period", 5)
    return KillDestructor(int(signal_number), float(grace))


def service_description(record: Any, evaluate) -> Service:
    """Return the boot description of the shepherd-service RECORD.

    EVALUATE turns a start or stop field (a gexp, or a plain datum) into its
    value, evaluated in ``(oscdsl system)``.
    """
    from ..os.records import field_value, info_of

    info = info_of(record)

    def field(name: str) -> Any:
        return field_value(record, info.by_name[Symbol(name)])

    names = [symbol.name for symbol in list_to_python(field("provision"))]
    start = evaluate(field("start"))
    stop = evaluate(field("stop"))
    documentation = field("documentation")
    return Service(
        provision=names,
        requirement=[symbol.name for symbol in list_to_python(field("requirement"))],
        documentation=documentation if isinstance(documentation, str) else "",
        start=start if isinstance(start, ForkExec) else None,
        stop_signal=stop.signal
        if isinstance(stop, KillDestructor)
        else int(signal.SIGTERM),
        stop_grace=stop.grace if isinstance(stop, KillDestructor) else 5.0,
        respawn=field("respawn?") is not False and isinstance(start, ForkExec),
        one_shot=field("one-shot?") is not False,
        auto_start=field("auto-start?") is not False,
    )
