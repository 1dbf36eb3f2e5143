"""Every module of this package is imported, so that Base.metadata (used by
Alembic and by the tests) knows every table: a new model needs no edit here."""

import importlib
import pkgutil

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    importlib.import_module(f"{__name__}.{_module.name}")
