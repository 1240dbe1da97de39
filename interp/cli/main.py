"""The ``oscdsl`` command: parse the command line and dispatch to a subcommand.

Each subcommand lives in its own module and is imported only when chosen, so
``oscdsl run`` never pays for the REPL or the store.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import EXIT_BUILD, EXIT_EVAL, EXIT_READ, EXIT_USAGE

EPILOG = f"""\
exit status:
  0   success (or the status the program passed to exit)
  {EXIT_USAGE}   bad command-line usage
  {EXIT_READ}   read error: the source is not well-formed
  {EXIT_EVAL}   evaluation error: an uncaught Scheme error
  {EXIT_BUILD}   build or run error: a derivation or container failed
  70  internal error: a bug of oscdsl's (please report it, with --debug output)

environment:
  OSCDSL_LOAD_PATH   colon-separated directories searched for modules before stdlib
  OSCDSL_CACHE_DIR   where read source files are cached (default ~/.cache/oscdsl)
  OSCDSL_STORE       the store directory (default /var/lib/oscdsl/store for root,
                     ~/.local/share/oscdsl/store otherwise); OSCDSL_STATE_DIR its
                     metadata (default: 'state' beside it)
  OSCDSL_BUILD_SANDBOX=0   run builders without the namespace sandbox
"""

COMMANDS = {
    "run": ("oscdsl.cli.run", "run a Scheme program, as `guile -s` does"),
    "eval": ("oscdsl.cli.run", "evaluate a file or expression and print its value"),
    "repl": ("oscdsl.cli.repl", "start an interactive session"),
    "build": ("oscdsl.cli.build", "build what a file evaluates to; print store paths"),
    "container": (
        "oscdsl.cli.container",
        "build (and run) an operating system as a container",
    ),
    "explain": ("oscdsl.cli.container", "show how containerization changed a system"),
    "gc": ("oscdsl.cli.gc", "list or delete dead store items"),
}


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the whole command line, subcommands included."""
    parser = argparse.ArgumentParser(
        prog="oscdsl",
        description="Describe an operating system in a Guix-style Scheme and run it "
        "as a Linux container.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"oscdsl {__version__}")
    parser.add_argument(
        "-L",
        "--load-path",
        action="append",
        default=[],
        metavar="DIR",
        help="add DIR to the front of the module search path",
    )
    parser.add_argument(
        "--debug", action="store_true", help="log details and show Python tracebacks"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = __import__(module_name, fromlist=["add_arguments"])
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "-L",
            "--load-path",
            action="append",
            default=[],
            metavar="DIR",
            dest="sub_load_path",
            help="add DIR to the module search path",
        )
        sub.add_argument(
            "--debug",
            action="store_true",
            dest="sub_debug",
            help="log details and show Python tracebacks",
        )
        module.add_arguments(name, sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ARGV and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["container"] and argv[1:2] in (["exec"], ["status"], ["stop"]):
        return container_operation(argv[1:])
    parser = build_parser()
    options = parser.parse_args(argv)
    options.load_path = options.load_path + (
        getattr(options, "sub_load_path", None) or []
    )
    options.debug = options.debug or getattr(options, "sub_debug", False)
    logging.addLevelName(logging.WARNING, "warning")
    logging.addLevelName(logging.ERROR, "error")
    logging.basicConfig(
        level=logging.DEBUG if options.debug else logging.WARNING,
        format="%(name)s: %(message)s"
        if options.debug
        else "%(levelname)s: %(message)s",
    )
    if options.command is None:
        parser.print_help()
        return EXIT_USAGE
    module_name = COMMANDS[options.command][0]
    module = __import__(module_name, fromlist=["run_command"])
    return module.run_command(options.command, options)


def container_operation(argv: list[str]) -> int:
    """Run ``oscdsl container exec|status|stop ...`` on a running container."""
    from .container_ops import add_arguments, run_command

    parser = argparse.ArgumentParser(prog="oscdsl container")
    add_arguments(parser.add_subparsers(dest="action", required=True))
    return run_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
