"""``(oscdsl run-container)``: the command line of a built run-container script.

The script that ``container-script`` writes calls ``run-container-command``
with the system's file-system specs and a thunk that boots the system; this
module parses the script's options, adds the user's shares, calls the
namespace core, reports the container's PID and exits with its status.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

from ..builtins.registry import primitive
from ..datums import list_to_python

MODULE = ("oscdsl", "run-container")

# Limitation: without a system profile (a host without dpkg), the host's
# own directories provide the programs the container runs.
HOST_DIRECTORIES = ("/bin", "/sbin", "/usr", "/lib", "/lib64")
RUNTIME_MOUNTS = ("/dev/pts", "/dev/mqueue")


def parse_options(arguments: list[str]) -> argparse.Namespace:
    """Return the run-container options in ARGUMENTS (the script's command line)."""
    parser = argparse.ArgumentParser(
        prog="run-container",
        description="Boot this operating system in a Linux container.",
        epilog="Run as root to map 65,536 user and group ids; as another user, "
        "only that user's id is mapped (to root), so accounts other than root "
        "cannot own files and services cannot switch users.",
    )
    parser.add_argument(
        "--share",
        action="append",
        default=[],
        metavar="SRC[=DST]",
        help="bind SRC writable at DST inside the container",
    )
    parser.add_argument(
        "--expose",
        action="append",
        default=[],
        metavar="SRC[=DST]",
        help="bind SRC read-only at DST inside the container",
    )
    parser.add_argument(
        "-N", "--network", action="store_true", help="share the host's network"
    )
    parser.add_argument(
        "--pid-file", metavar="FILE", help="write the container's PID to FILE"
    )
    return parser.parse_args(arguments)


def mapping_specs(options: argparse.Namespace) -> list[Any]:
    """Return the binds --share and --expose ask for; a missing source is an error."""
    from ..linux.errors import ContainerError
    from ..linux.filesystems import bind_spec

    specs = []
    for values, read_only in ((options.share, False), (options.expose, True)):
        for value in values:
            source, _, target = value.partition("=")
            kind = "--expose" if read_only else "--share"
            if not source or not os.path.exists(source):
                raise ContainerError(
                    f"{kind} {value}: {source or 'the source'} does not exist"
                )
            if target and not target.startswith("/"):
                raise ContainerError(
                    f"{kind} {value}: the target {target} is not absolute"
                )
            specs.append(
                bind_spec(os.path.abspath(source), target or None, read_only=read_only)
            )
    return specs


def system_specs(specs: Any) -> list[Any]:
    """Return the system's needed-for-boot file systems as FileSystemSpecs.

    Bind mounts whose source does not exist on this host are dropped, as
    Guix's script does (a mapping of a directory this host lacks), and so are
    /dev/pts and /dev/mqueue, of which the runtime mounts new instances.
    """
    from ..linux.scheme import file_system_spec

    result = []
    for item in list_to_python(specs):
        spec = file_system_spec(item)
        if "bind-mount" in spec.flags and not os.path.exists(spec.device):
            continue
        if spec.mount_point in RUNTIME_MOUNTS:
            continue
        result.append(spec)
    return result


def root_layout(system: str) -> tuple[list[Any], Any]:
    """Return extra mounts and the populate step giving the container its programs."""
    from ..linux.filesystems import bind_spec

    profile = os.path.join(system, "profile")
    if os.path.isdir(profile):
        from ..packages.profile import populate_root

        target = os.path.realpath(profile)
        return [], lambda: populate_root(target)
    return [
        bind_spec(path, read_only=True)
        for path in HOST_DIRECTORIES
        if os.path.isdir(path)
    ], None


@primitive("run-container-command", module=MODULE)
def run_container_command(
    arguments: Any,
    specs: Any,
    system: str,
    host_name: str,
    shared_network: Any,
    thunk: Any,
) -> Any:
    """Boot SYSTEM in a container as the run-container script's ARGUMENTS ask; exit."""
    from ..builtins.control import SchemeExit
    from ..linux import container
    from ..linux.scheme import interpreter_mounts, thunk_runner
    from ..modules.cache import read_file_cached
    from ..runtime.deep import run_on_main_thread

    options = parse_options([str(a) for a in list_to_python(arguments)[1:]])
    network = options.network or shared_network is not False
    mounts = system_specs(specs) + mapping_specs(options)
    extra, populate = root_layout(system)
    mounts += extra
    mounts += interpreter_mounts(mounts)
    # Read the boot program now: inside, the read cache is out of sight.
    read_file_cached(__import__("pathlib").Path(system, "boot"))

    store = keep_alive(system)

    def spawned(pid: int) -> None:
        # Closing the terminal stops the system cleanly, as SIGTERM does.
        signal.signal(signal.SIGHUP, lambda *_: os.kill(pid, signal.SIGTERM))
        if options.pid_file:
            try:
                with open(options.pid_file, "w") as stream:
                    stream.write(f"{pid}\n")
            except OSError as error:
                print(
                    f"warning: cannot write {options.pid_file}: {error.strerror}",
                    file=sys.stderr,
                )
        print(f"system container is running as PID {pid}", flush=True)
        print(
            f"Run 'oscdsl container exec {pid} -- /bin/sh' or "
            f"'nsenter -a -t {pid} /bin/sh' to get a shell into it.",
            flush=True,
        )

    namespaces = [n for n in container.ALL_NAMESPACES if not (network and n == "net")]
    status = run_on_main_thread(
        container.call_with_container,
        mounts,
        thunk_runner(thunk),
        namespaces=namespaces,
        host_uids=65536 if os.getuid() == 0 else 1,
        lock_mounts=False,  # locked mounts break system containers (Guix 78356)
        writable_root=True,
        hostname=host_name,
        populate_file_system=populate,
        process_spawned_hook=spawned,
    )
    sys.stdout.flush()
    if store is not None:
        store.close()
    raise SchemeExit(status)


def keep_alive(system: str) -> Any:
    """Make SYSTEM a temporary GC root for as long as this process runs.

    Return the open store holding the root, or None when there is none to
    open (the garbage collector then has nothing to collect it from either).
    """
    from ..errors import OscdslError
    from ..store import Store

    try:
        store = Store(os.path.dirname(system))
        store.add_temp_root(system)
        return store
    except OscdslError:
        return None
