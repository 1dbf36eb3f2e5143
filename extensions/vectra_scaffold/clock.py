"""Today's date: the one clock read of the tool.

VECTRA_TODAY=YYYY-MM-DD fixes it, so that a run of many commands (a test
suite that crosses midnight, a plan then its unit) dates everything alike."""

from __future__ import annotations

import os
from datetime import date

from .rules import date_error

OVERRIDE = "VECTRA_TODAY"


def today() -> str:
    """YYYY-MM-DD; ValueError naming VECTRA_TODAY when it is not a date."""
    given = os.environ.get(OVERRIDE)
    if not given:
        return date.today().isoformat()
    if problem := date_error(given):
        raise ValueError(f"{OVERRIDE}: {problem.removeprefix('date: ')}")
    return given
