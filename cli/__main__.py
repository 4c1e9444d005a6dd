"""``python -m cli ARGS`` runs the `newsgraph` command."""
import sys

from cli.main import main

sys.exit(main())
