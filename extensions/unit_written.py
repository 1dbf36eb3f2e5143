"""What copier runs once it has written a unit (its one task), from this
checkout of the template: `vectra_scaffold.unit_written`, the very code the
project's `vectra-scaffold` command runs. Standard library only (`python -S`).

Usage (at the project root): python -S extensions/unit_written.py 'PATH
PATH ...' (one argument, a path a line)
"""

import sys

from vectra_scaffold.unit_written import main  # this file's folder is on sys.path

sys.exit(main(sys.argv[1].splitlines() if len(sys.argv) > 1 else []))
