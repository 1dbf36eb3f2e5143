"""Every form of a name: snake, kebab, Pascal, camel, human; plurals from
`inflection`, a port of Rails' ActiveSupport::Inflector."""

from __future__ import annotations

import re
from collections.abc import Callable

import inflection


def words(text: str) -> list[str]:
    """Split kebab, snake, camel or Pascal case into lowercase words
    (`LeadWithACard` -> lead, with, a, card)."""
    return [word for word in re.split(r"[^a-z0-9]+", inflection.underscore(str(text))) if word]


def snake(text: str) -> str:
    return "_".join(words(text))


def kebab(text: str) -> str:
    return "-".join(words(text))


def pascal(text: str) -> str:
    return "".join(word.capitalize() for word in words(text))


def camel(text: str) -> str:
    pascal_form = pascal(text)
    return pascal_form[:1].lower() + pascal_form[1:]


def human(text: str) -> str:
    """`starts_at` -> `Starts at`: a label for people."""
    return " ".join(words(text)).capitalize()


def _on_last_word(text: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the last word, keeping the separators of `text`."""
    match = re.search(r"[A-Za-z0-9]+$", str(text))
    if not match:
        return str(text)
    return text[: match.start()] + change(match.group())


def plural(text: str) -> str:
    return _on_last_word(text, inflection.pluralize)


def singular(text: str) -> str:
    return _on_last_word(text, inflection.singularize)


def entity_names(entity: str) -> dict[str, str]:
    """Every form of an entity's name the generated code uses."""
    plural_kebab = plural(kebab(entity))
    return {
        "snake": snake(entity),
        "kebab": kebab(entity),
        "pascal": pascal(entity),
        "camel": camel(entity),
        "plural": snake(plural_kebab),
        "plural_kebab": plural_kebab,
        "plural_pascal": pascal(plural_kebab),
        "plural_camel": camel(plural_kebab),
        "table": snake(plural_kebab),
        "label": " ".join(words(entity)),
        "plural_label": " ".join(words(plural_kebab)),
        # What people read; a unit's `labels` answer replaces them (labels.py).
        "human": human(entity),
        "plural_human": human(plural_kebab),
    }


ENTITY_SUFFIXES = ("endpoints", "endpoint", "api", "apis", "crud", "routes", "resource")


def default_entity(name: str) -> str:
    """`campaigns-endpoints` -> `campaign`: the name without its suffix, singular."""
    parts = words(name)
    while len(parts) > 1 and parts[-1] in ENTITY_SUFFIXES:
        parts.pop()
    return kebab(singular("-".join(parts)))


def class_name(name: str, suffix: str) -> str:
    """`bant-qualifier`, `Agent` -> `BantQualifierAgent`; `lead-agent` keeps one `Agent`."""
    base = pascal(name)
    return base if base.endswith(suffix) else base + suffix
