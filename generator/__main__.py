"""``python -m generator <command>``: the command line (generator/cli.py)."""
from .cli import main

raise SystemExit(main())
