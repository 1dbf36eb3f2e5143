"""`python -m vectra_scaffold`: the `vectra-scaffold` command."""

import sys

from .cli import main

sys.exit(main())
