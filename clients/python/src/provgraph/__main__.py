"""``python -m provgraph``: the command line (provgraph.cli)."""

import sys

from .cli import main

sys.exit(main())
