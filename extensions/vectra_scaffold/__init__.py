"""The VECTRA scaffold's logic, one module a concern.

- `data`: the per-type table (`work_types.yml`) and what is read from it;
- `naming`: every form of a name, plurals from the `inflection` library;
- `fields`: the field-list grammar and the names it refuses;
- `rules`: the rule each answer must follow, as one-line errors;
- `probes`: what the destination already holds (migrations, models, units);
- `unit`: the typed unit model, one class per work type, and its file map;
- `steps`: the log's steps, ticked when the scaffold did them;
- `layout`: lines laid out as ruff and prettier lay them out;
- `collisions`: files of other units a new unit would overwrite;
- `compiled`: compiled templates and modules kept in the user's cache folder;
- `extension`: what copier and Jinja are given (filters, functions, the context hook).

`extensions/vectra.py` imports the package and hands copier `extension`'s classes.
"""
