"""The Linux core seen from Scheme: ``(gnu build linux-container)``.

``call-with-container``, ``run-container``, ``container-excursion`` and
``container-excursion*`` take Guix's keyword arguments and pass them to
:mod:`oscdsl.linux.container`.  Mounts may be ``file-system`` records or the
lists ``file-system->spec`` makes of them.  Nothing here is imported unless a
program uses the module.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from ..builtins.registry import define_value, primitive
from ..datums import NIL, Keyword, Pair, Symbol, list_to_python, make_list
from ..errors import scheme_error

MODULE = ("gnu", "build", "linux-container")

KNOWN_KEYWORDS = {
    "namespaces",
    "host-uids",
    "guest-uid",
    "guest-gid",
    "relayed-signals",
    "child-is-pid1?",
    "populate-file-system",
    "loopback-network?",
    "writable-root?",
    "lock-mounts?",
    "process-spawned-hook",
    "host-name",
}


def keyword_arguments(who: str, args: tuple) -> dict[str, Any]:
    """Return the ``#:name value`` pairs of ARGS as a dict, refusing unknown ones."""
    options: dict[str, Any] = {}
    if len(args) % 2:
        raise scheme_error(
            "keyword-argument-error", "odd number of keyword arguments", who=who
        )
    for keyword, value in zip(args[::2], args[1::2], strict=True):
        if type(keyword) is not Keyword or keyword.name not in KNOWN_KEYWORDS:
            raise scheme_error(
                "keyword-argument-error", "Unrecognized keyword", keyword, who=who
            )
        options[keyword.name] = value
    return options


def file_system_spec(value: Any) -> Any:
    """Return the FileSystemSpec of a file-system record or of its spec list."""
    from .filesystems import FileSystemSpec

    if isinstance(value, Pair):
        items = list_to_python(value)
        device, mount_point, fs_type = items[0], items[1], items[2]
        flags = items[3] if len(items) > 3 else NIL
        options = items[4] if len(items) > 4 else False
        may_fail = items[5] if len(items) > 5 else False
    else:
        from ..os.records import info_of

        if info_of(value) is None:
            raise scheme_error(
                "wrong-type-arg", "not a file system", value, who="call-with-container"
            )
        field = record_reader(value)
        device, mount_point, fs_type = (
            field("device"),
            field("mount-point"),
            field("type"),
        )
        flags, options, may_fail = (
            field("flags"),
            field("options"),
            field("mount-may-fail?"),
        )
    if not isinstance(device, str):
        raise scheme_error(
            "wrong-type-arg",
            "only file systems with a device path can be mounted",
            value,
        )
    try:
        return FileSystemSpec(
            device,
            mount_point,
            fs_type,
            frozenset(symbol.name for symbol in list_to_python(flags)),
            options if isinstance(options, str) else None,
            may_fail is not False,
        )
    except ValueError as error:
        raise scheme_error(
            "wrong-type-arg", str(error), who="call-with-container"
        ) from None


def record_reader(record: Any):
    """Return a function reading RECORD's fields by name, as their accessors do."""
    from ..os.records import field_value, info_of

    info = info_of(record)
    return lambda name: field_value(record, info.by_name[Symbol(name)])


def container_options(options: dict[str, Any]) -> dict[str, Any]:
    """Translate Guix's keyword arguments into container.py's."""
    from ..runtime.procedures import call

    translated: dict[str, Any] = {}
    if "namespaces" in options:
        translated["namespaces"] = tuple(
            s.name for s in list_to_python(options["namespaces"])
        )
    for scheme, python in (
        ("host-uids", "host_uids"),
        ("guest-uid", "guest_uid"),
        ("guest-gid", "guest_gid"),
    ):
        if scheme in options:
            translated[python] = options[scheme]
    for scheme, python in (
        ("child-is-pid1?", "child_is_pid1"),
        ("loopback-network?", "loopback_network"),
        ("writable-root?", "writable_root"),
        ("lock-mounts?", "lock_mounts"),
    ):
        if scheme in options:
            translated[python] = options[scheme] is not False
    if "relayed-signals" in options:
        translated["relayed_signals"] = tuple(
            list_to_python(options["relayed-signals"])
        )
    if "populate-file-system" in options:
        populate = options["populate-file-system"]
        translated["populate_file_system"] = lambda: call(populate)
    if "process-spawned-hook" in options:
        hook = options["process-spawned-hook"]
        translated["process_spawned_hook"] = lambda pid: call(hook, pid)
    if isinstance(options.get("host-name"), str):
        translated["hostname"] = options["host-name"]
    return translated


def thunk_runner(thunk: Any):
    """Return a Python thunk calling the Scheme THUNK; its value is the exit status."""
    from ..builtins.control import SchemeExit
    from ..errors import OscdslError
    from ..runtime.procedures import call

    def run() -> int:
        try:
            value = call(thunk)
        except SchemeExit as request:
            return request.status
        except OscdslError as error:
            print(error.render(), file=sys.stderr)
            return 1
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    return run


def interpreter_mounts(specs: list) -> list:
    """Return read-only binds of the interpreter's files at their own paths.

    THUNK is Scheme code that the container's first process runs with this
    very interpreter, which imports modules lazily: its files must be there
    after the root changes.  Paths the user mounts already are left alone.
    """
    from ..gexp.launcher import interpreter_files
    from ..modules.system import stdlib_directory
    from .filesystems import bind_spec

    taken = {spec.mount_point for spec in specs}
    paths = set(interpreter_files())
    grammar = stdlib_directory().parent / "grammar"
    if grammar.is_dir():
        paths.add(str(grammar))
    chosen = []
    for path in sorted(paths):
        if path in taken or any(path.startswith(other + "/") for other in chosen):
            continue
        chosen.append(path)
    return [bind_spec(path, read_only=True) for path in chosen]


@primitive("call-with-container", module=MODULE)
def call_with_container(mounts: Any, thunk: Any, *args: Any) -> int:
    """Run THUNK in a new container with MOUNTS; return its raw wait status."""
    from ..runtime.deep import run_on_main_thread
    from . import container
    from .errors import ContainerError

    options = container_options(keyword_arguments("call-with-container", args))
    specs = [file_system_spec(item) for item in list_to_python(mounts)]
    specs += interpreter_mounts(specs)
    try:
        status = run_on_main_thread(
            container.call_with_container, specs, thunk_runner(thunk), **options
        )
    except ContainerError:
        raise
    except OSError as error:
        raise scheme_error(
            "system-error", str(error), who="call-with-container"
        ) from None
    # Guix returns the raw status of waitpid; keep the conventional encoding.
    return status << 8 if status < 128 else status - 128


@primitive("container-excursion", module=MODULE)
def container_excursion(pid: int, thunk: Any) -> int:
    """Run THUNK in the namespaces of the process PID; return its exit status."""
    from ..runtime.deep import run_on_main_thread
    from . import container

    return run_on_main_thread(container.container_excursion, pid, thunk_runner(thunk))


@primitive("container-excursion*", module=MODULE)
def container_excursion_star(pid: int, thunk: Any) -> Any:
    """Run THUNK in the namespaces of PID and return the value it returns (or #f)."""
    from ..runtime.deep import run_on_main_thread
    from ..runtime.procedures import call
    from . import container

    value = run_on_main_thread(
        container.container_excursion_star, pid, lambda: call(thunk)
    )
    return False if value is None else value


@primitive("user-namespace-supported?", module=MODULE)
def user_namespace_supported() -> bool:
    return os.path.exists("/proc/self/ns/user")


@primitive("unprivileged-user-namespace-supported?", module=MODULE)
def unprivileged_user_namespace_supported() -> bool:
    """Return whether unprivileged users may create user namespaces here."""
    knob = "/proc/sys/kernel/unprivileged_userns_clone"
    if os.path.exists(knob):
        with open(knob) as stream:
            return stream.read(1) == "1"
    # Without the Debian knob, fall back on the kernel's support at all.
    return user_namespace_supported()


@primitive("setgroups-supported?", module=MODULE)
def setgroups_supported() -> bool:
    return os.path.exists("/proc/self/setgroups")


@primitive("status:exit-val", module=MODULE)
def status_exit_value(status: int) -> Any:
    return False if status & 0x7F else (status >> 8) & 0xFF


define_value(
    "%namespaces",
    make_list(
        Symbol(name) for name in ("cgroup", "mnt", "pid", "ipc", "uts", "user", "net")
    ),
    MODULE,
)
