"""``oscdsl container FILE`` and ``oscdsl explain FILE``.

Both evaluate FILE in a module where ``(gnu)`` is imported, as ``guix
system`` does, and containerize the operating system it returns with the
procedures of ``(gnu system linux-container)``; ``explain`` reports, rule by
rule, what containerization removed, changed and added.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..datums import Keyword, Pair, Symbol, make_list


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of the container or explain subcommand NAME."""
    parser.add_argument("file", help="a file whose last form is an operating-system")
    parser.add_argument(
        "--share",
        action="append",
        default=[],
        metavar="SRC[=DST]",
        help="bind-mount host directory SRC, writable, at DST (default SRC)",
    )
    parser.add_argument(
        "--expose",
        action="append",
        default=[],
        metavar="SRC[=DST]",
        help="bind-mount host directory SRC, read-only, at DST (default SRC)",
    )
    parser.add_argument(
        "-N",
        "--network",
        action="store_true",
        help="share the host's network instead of a private one",
    )
    if name == "container":
        from .build import add_store_arguments

        parser.add_argument(
            "-r",
            "--root",
            metavar="FILE",
            help="make FILE a symlink to the result, as a garbage-collector root",
        )
        parser.add_argument(
            "--run",
            action="store_true",
            help="run the container once it is built (as root: 65,536 ids mapped)",
        )
        add_store_arguments(parser)
        parser.epilog = (parser.epilog or "") + (
            "\nrunning containers:\n"
            "  oscdsl container exec PID -- COMMAND...   run COMMAND inside\n"
            "  oscdsl container status PID               list its services\n"
            "  oscdsl container stop PID                 stop it cleanly\n"
        )


def run_command(name: str, options: argparse.Namespace) -> int:
    """Run the subcommand NAME with OPTIONS; return the exit status."""
    from ..runtime.deep import run_deep
    from .report import guarded

    action = explain if name == "explain" else containerize
    # The evaluation, the store and the build share one thread (see
    # cli/build.py); running the container happens after, on this one.
    status = guarded(lambda: run_deep(action, options), options.debug)
    script = getattr(options, "script", None)
    if status == 0 and script and getattr(options, "run", False):
        sys.stdout.flush()
        os.execv(script, [script])
    return status


# ---------------------------------------------------------------------------
# Evaluation


class OSModel:
    """The procedures of the OS modules, looked up once in an interpreter."""

    def __init__(self, interpreter: Any) -> None:
        self.system = interpreter.system

    def ref(self, module: str, name: str) -> Any:
        """Return the value of NAME in the module written as MODULE ("gnu system")."""
        found = self.system.resolve(tuple(module.split())).lookup(Symbol(name))
        return found.value

    def call(self, module: str, name: str, *args: Any) -> Any:
        """Call the procedure NAME of MODULE with ARGS."""
        from ..runtime.procedures import call

        return call(self.ref(module, name), *args)


def evaluate_os(options: argparse.Namespace) -> tuple[Any, OSModel]:
    """Return the operating system FILE evaluates to, and the OS procedures."""
    from ..api import Interpreter
    from ..errors import scheme_error
    from .run import checked_path

    interpreter = Interpreter(options.load_path)
    interpreter.eval_string("(use-modules (gnu))", "<oscdsl>")
    path = checked_path(options.file)
    value = interpreter.eval_file(path)
    model = OSModel(interpreter)
    if not model.call("gnu system", "operating-system?", value):
        from ..printer import write_string

        text = "nothing (the file is empty)" if value is None else write_string(value)
        raise scheme_error(
            "wrong-type-arg",
            f"{options.file} does not return an operating system: {text[:200]}",
            hint="the value of a configuration file is that of its last form",
        )
    return value, model


def mapping(model: OSModel, spec: str, writable: bool) -> Any:
    """Return the file-system-mapping of the command-line SPEC, "SRC[=DST]"."""
    from ..linux.errors import ContainerError

    source, _, target = spec.partition("=")
    option = "--share" if writable else "--expose"
    if not source or not Path(source).exists():
        raise ContainerError(
            f"{option} {spec}: {source or 'the source'} does not exist"
        )
    if target and not target.startswith("/"):
        raise ContainerError(f"{option} {spec}: the target {target} is not absolute")
    source = str(Path(source).resolve())
    return model.call(
        "gnu system file-systems",
        "make-file-system-mapping",
        source,
        target or source,
        writable,
    )


def containerize_os(os_record: Any, model: OSModel, options) -> Any:
    """Return OS_RECORD containerized as ``container-script`` would do it."""
    user = [mapping(model, spec, True) for spec in options.share]
    user += [mapping(model, spec, False) for spec in options.expose]
    store = model.ref("gnu system file-systems", "%store-mapping")
    extra = model.ref("gnu system file-systems", "%container-file-systems")
    return model.call(
        "gnu system linux-container",
        "containerized-operating-system",
        os_record,
        make_list([store, *user]),
        Keyword("shared-network?"),
        bool(options.network),
        Keyword("extra-file-systems"),
        extra,
    )


def scheme_list(value: Any) -> list:
    """Return the elements of the Scheme list VALUE."""
    items = []
    while type(value) is Pair:
        items.append(value.car)
        value = value.cdr
    return items


# ---------------------------------------------------------------------------
# container


def containerize(options: argparse.Namespace) -> int:
    """Evaluate, containerize and build the system of OPTIONS.file.

    A summary goes to stderr and the run-container path alone to stdout, so
    that ``$(oscdsl container FILE)`` is the script.
    """
    os_record, model = evaluate_os(options)
    container = containerize_os(os_record, model, options)
    host_name = model.call("gnu system", "operating-system-host-name", container)
    print(f"system: {host_name}", file=sys.stderr)
    print("file systems mounted at boot:", file=sys.stderr)
    for fs in file_systems(model, container):
        needed = model.call(
            "gnu system file-systems", "file-system-needed-for-boot?", fs
        )
        mount_point = model.call(
            "gnu system file-systems", "file-system-mount-point", fs
        )
        if needed and mount_point != "/":  # the dummy root is never mounted
            print(f"  {describe_file_system(model, fs)}", file=sys.stderr)
    services = scheme_list(
        model.call("gnu system", "operating-system-services", container)
    )
    print(f"services: {len(services)}", file=sys.stderr)
    unsupported = [
        service_name(model, service)
        for service in services
        if not model.call(
            "gnu services", "service-type-runnable?", kind(model, service)
        )
    ]
    if unsupported:
        print("services oscdsl does not run yet (reported at boot):", file=sys.stderr)
        for name in sorted(set(unsupported)):
            print(f"  {name}", file=sys.stderr)
    options.script = build_run_container(os_record, model, options)
    print(options.script)
    return 0


def build_run_container(os_record: Any, model: OSModel, options) -> str:
    """Build the run-container script of OS_RECORD and return its path."""
    from .build import add_roots, build_targets, lower_targets, open_store

    store = open_store(options)
    user = [mapping(model, spec, True) for spec in options.share]
    user += [mapping(model, spec, False) for spec in options.expose]
    script = model.call(
        "gnu system linux-container",
        "container-script",
        os_record,
        Keyword("mappings"),
        make_list(user),
        Keyword("shared-network?"),
        bool(options.network),
    )
    targets = lower_targets(store, script)
    build_targets(store, targets)
    if options.root:
        add_roots(store, options.root, targets)
    path = targets[0].path
    # Read the script now, so that running it finds it in the read cache.
    from ..modules.cache import read_file_cached

    read_file_cached(Path(path))
    return path


# ---------------------------------------------------------------------------
# explain


def file_systems(model: OSModel, os_record: Any) -> list:
    """Return the file systems of OS_RECORD."""
    return scheme_list(
        model.call("gnu system", "operating-system-file-systems", os_record)
    )


def kind(model: OSModel, service: Any) -> Any:
    """Return the type of SERVICE."""
    return model.call("gnu services", "service-kind", service)


def service_name(model: OSModel, service: Any) -> str:
    """Return the name of SERVICE's type, as "openssh"."""
    name = model.call("gnu services", "service-type-name", kind(model, service))
    return name.name if isinstance(name, Symbol) else str(name)


def describe_file_system(model: OSModel, fs: Any) -> str:
    """Return "MOUNT-POINT (TYPE from DEVICE)" for the file system FS."""
    module = "gnu system file-systems"
    device = model.call(module, "file-system-device", fs)
    device_text = model.call(module, "file-system-device->string", device)
    mount_point = model.call(module, "file-system-mount-point", fs)
    fs_type = model.call(module, "file-system-type", fs)
    return f"{mount_point} ({fs_type} from {device_text})"


def explain(options: argparse.Namespace) -> int:
    """Print how containerization changes the system of OPTIONS.file, rule by rule."""
    os_record, model = evaluate_os(options)
    container = containerize_os(os_record, model, options)
    for line in explanation(model, os_record, container, bool(options.network)):
        print(line)
    return 0


def explanation(model: OSModel, os_record: Any, container: Any, shared: bool) -> list:
    """Return the lines explaining how CONTAINER differs from OS_RECORD."""
    lines = ["File systems:"]
    module = "gnu system linux-container"
    for fs in file_systems(model, os_record):
        reason = model.call(module, "container-file-system-removal-reason", fs)
        verb = "removed" if reason is not False else "kept"
        text = f"  {verb} {describe_file_system(model, fs)}"
        if reason is not False:
            text += f": {reason}"
        elif not model.call(
            "gnu system file-systems", "file-system-needed-for-boot?", fs
        ):
            text += ": not needed for boot; a file-system service mounts it, if it can"
        lines.append(text)
    original = {id(fs) for fs in file_systems(model, os_record)}
    for fs in file_systems(model, container):
        if id(fs) not in original:
            lines.append(
                f"  added {describe_file_system(model, fs)}{added_why(model, fs)}"
            )
    swaps = scheme_list(
        model.call("gnu system", "operating-system-swap-devices", os_record)
    )
    if swaps:
        lines.append(f"  removed {len(swaps)} swap device(s): a container has no swap")

    lines.append("Services:")
    for service in scheme_list(
        model.call("gnu system", "operating-system-user-services", os_record)
    ):
        reason = model.call(
            module,
            "container-service-removal-reason",
            service,
            Keyword("shared-network?"),
            shared,
        )
        if reason is not False:
            lines.append(f"  removed {service_name(model, service)}: {reason}")
            continue
        change = model.call(module, "container-service-change", service)
        if change is not False:
            lines.append(f"  changed {service_name(model, service)}: {change.cdr}")
    provision = "(loopback networking)" if shared else "(loopback)"
    lines.append(
        f"  added dummy-networking providing {provision}: the container's "
        "network is set up before it boots"
    )

    lines.append("Essential services:")
    before = essential_names(model, os_record)
    after = essential_names(model, container)
    for name in sorted(set(before) - set(after)):
        why = ESSENTIAL_REASONS.get(name, "not needed in a container")
        lines.append(f"  removed {name}: {why}")
    lines.append("  replaced system: only the locale entry is kept")
    if before.count("file-systems") and after.count("file-systems"):
        lines.append(
            "  recomputed file-systems, fstab: from the containerized file systems"
        )
    lines.append(
        "Kernel: the host's; a dummy kernel package stands in for "
        f"{kernel_name(model, os_record)}"
    )
    return lines


ESSENTIAL_REASONS = {
    "linux-bare-metal": "it sets up kernel module loading and ptrace, the host's job",
    "firmware": "the host's kernel loads firmware",
    "hosts": "with a shared network, /etc/hosts comes from the host",
    "swap": "a container has no swap",
}


def essential_names(model: OSModel, os_record: Any) -> list[str]:
    """Return the type names of the essential services of OS_RECORD."""
    services = model.call(
        "gnu system", "operating-system-essential-services", os_record
    )
    return [service_name(model, service) for service in scheme_list(services)]


def kernel_name(model: OSModel, os_record: Any) -> str:
    """Return the full name of the kernel of OS_RECORD."""
    kernel = model.call("gnu system", "operating-system-kernel", os_record)
    return model.call("gnu packages", "package-full-name", kernel)


def added_why(model: OSModel, fs: Any) -> str:
    """Return why containerization added the file system FS."""
    module = "gnu system file-systems"
    flags = scheme_list(model.call(module, "file-system-flags", fs))
    if Symbol("bind-mount") in flags:
        access = "read-only" if Symbol("read-only") in flags else "writable"
        return f": a {access} mapping from the host"
    if model.call(module, "file-system-type", fs) == "dummy":
        return ": a root that is never mounted, for the boot parameters"
    return ": the container's own pseudo file systems"


__all__ = ["add_arguments", "explanation", "run_command"]
