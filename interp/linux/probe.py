"""Start a minimal container running one program: ``python -m oscdsl.linux.probe``.

The container sees the host's /usr read-only, with the usual /bin, /lib and
/lib64 links; it exists to measure start-up latency and to try the runtime
by hand.  Usage: ``python -m oscdsl.linux.probe [PROGRAM ARGS...]`` (default
``/bin/true``); the exit status is the program's.
"""

from __future__ import annotations

import os
import sys

from .container import call_with_container
from .filesystems import bind_spec

USR_LINKS = {
    "bin": "usr/bin",
    "lib": "usr/lib",
    "lib64": "usr/lib64",
    "sbin": "usr/sbin",
}


def populate() -> None:
    """Create the links that make /usr's programs runnable from the new root."""
    for name, target in USR_LINKS.items():
        if os.path.exists(os.path.join("/", target)):
            os.symlink(target, os.path.join("/", name))


def run_program(argv: list[str]) -> int:
    """Run ARGV in a new container with /usr bound read-only; return its status."""

    def payload() -> int:
        try:
            os.execve(argv[0], argv, {"PATH": "/bin"})
        except OSError as error:
            print(f"probe: cannot run {argv[0]}: {error.strerror}", file=sys.stderr)
        return 127

    return call_with_container(
        [bind_spec("/usr", read_only=True)],
        payload,
        populate_file_system=populate,
        lock_mounts=False,
    )


def main() -> None:
    """Run the program named on the command line in a container; exit with its code."""
    argv = sys.argv[1:] or ["/bin/true"]
    try:
        status = run_program(argv)
    except OSError as error:
        print(f"probe: {error}", file=sys.stderr)
        status = 125
    except Exception as error:
        print(f"probe: {getattr(error, 'message', error)}", file=sys.stderr)
        status = 125
    sys.exit(status)


if __name__ == "__main__":
    main()
