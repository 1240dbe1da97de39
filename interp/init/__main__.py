"""Run the boot program as a container's PID 1: ``python -m oscdsl.init FILE``.

FILE is a boot description (see :mod:`oscdsl.init.boot`).  The program
activates the system, supervises its services and exits 0 once they are
stopped; it exits 2 when FILE cannot be read.  It logs to the console and
to /var/log/oscdsl-init.log.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("oscdsl.init")

LOG_FILE = "/var/log/oscdsl-init.log"
# Where exec sessions find the description (for PATH) from the host.
DESCRIPTION_COPY = "/run/oscdsl/description.json"


def set_up_logging() -> None:
    """Log to the console now, and to LOG_FILE as soon as /var/log exists."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO)
    console.setFormatter(logging.Formatter("oscdsl-init: %(message)s"))
    root.addHandler(console)
    try:
        os.makedirs(os.path.dirname(LOG_FILE), exist_ok=True)
        handler = logging.FileHandler(LOG_FILE)
    except OSError as error:
        log.warning("no log file %s: %s", LOG_FILE, error.strerror)
        return
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)


def keep_description(file_name: str) -> None:
    """Copy the description to DESCRIPTION_COPY, where exec sessions read it."""
    try:
        os.makedirs(os.path.dirname(DESCRIPTION_COPY), mode=0o700, exist_ok=True)
        with open(file_name, "rb") as source, open(DESCRIPTION_COPY, "wb") as copy:
            copy.write(source.read())
    except OSError as error:
        log.warning("cannot keep the description: %s", error)


def main(argv: list[str]) -> int:
    """Boot the system described in ARGV[1]; return the exit status."""
    if len(argv) != 2:
        print("usage: python -m oscdsl.init DESCRIPTION.json", file=sys.stderr)
        return 2
    set_up_logging()
    log.info("booting from %s (pid %d)", argv[1], os.getpid())
    # Imported only now, so that the console shows the boot program alive
    # before the 20-odd ms these imports cost; the interpreter's files are
    # mapped into the container, so late imports work in PID 1.
    from .activation import activate
    from .boot import BootDescriptionError, load
    from .supervisor import Supervisor

    try:
        description = load(argv[1])
    except (OSError, BootDescriptionError) as error:
        log.error("cannot read the boot description: %s", error)
        return 2
    if description.system is None:
        # The system directory holds the description, so the description
        # cannot name it; the container script passes it as Guix does.
        description.system = os.environ.get("GUIX_NEW_SYSTEM")
    os.umask(0o022)
    report = activate(description)
    if report.failures:
        log.warning("activation: %d steps failed", len(report.failures))
    keep_description(argv[1])
    if description.path:
        os.environ["PATH"] = description.path
    return Supervisor(description, report).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
