"""Run the command line: ``python -m oscdsl``."""

from .cli.main import main

raise SystemExit(main())
