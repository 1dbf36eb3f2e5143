"""copier's entry point to the scaffold's logic, the `vectra_scaffold` package
beside this file: imports it, then hands copier the extension and the context
hook (`vectra_scaffold.extension`). Kept small: copier_template_extensions
executes this file once per class it loads, from a new clone each run."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def _load_package() -> None:
    """Import `vectra_scaffold` from this checkout of the template, even when
    another checkout's copy was imported before in the same process (an update
    renders two template versions)."""
    here = str(Path(__file__).resolve().parent)
    stale = [
        name
        for name, module in sys.modules.items()
        if name.partition(".")[0] == "vectra_scaffold"
        and not str(getattr(module, "__file__", "")).startswith(here)
    ]
    for name in stale:
        del sys.modules[name]
    if here in sys.path:
        sys.path.remove(here)
    sys.path.insert(0, here)
    from vectra_scaffold import compiled

    # copier imports the package from a new clone of the template every run,
    # where Python's own __pycache__ never survives: its modules' code is kept
    # in the user's cache folder instead (compiled.CachedModules).
    finder = compiled.CachedModules("vectra_scaffold", Path(here) / "vectra_scaffold")
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module("vectra_scaffold.extension")
    finally:
        sys.meta_path.remove(finder)


_load_package()

from vectra_scaffold.extension import UnitContext, VectraExtension, prompt_error, today  # noqa: E402

__all__ = ["UnitContext", "VectraExtension", "prompt_error", "today"]
