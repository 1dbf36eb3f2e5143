"""Hypothesis strategies for the scaffold's answers (see test_properties.py).

`unit_batches()` draws lists of units the template must accept and turn into
green code; `refused_answers()` draws one answer the template must refuse,
inside an otherwise valid unit.

The helpers here restate, independently of extensions/vectra.py, the naming
rules the README documents (kebab-case names, snake_case fields, the field
types, the reserved words): the strategies describe what a user may type, the
template is what is under test.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field

from hypothesis import assume
from hypothesis import strategies as st

NAME_MAX_LENGTH = 60
FIELD_TYPES = ("str", "text", "int", "float", "decimal", "bool", "date", "datetime", "uuid", "json")
# What `:index` may mark (not text nor json), and `:unique` (the generated tests and
# journeys make distinct values of these two).
INDEXABLE = ("str", "int", "float", "decimal", "bool", "date", "datetime", "uuid")
UNIQUE_TYPES = ("str", "int")
ENUM_VALUES = ("new", "qualified", "lost", "open", "won", "call", "mail", "draft", "v2", "a_b")
OPERATIONS = ("list", "get", "create", "update", "delete")
ENTITY_SUFFIXES = ("api", "endpoints", "crud", "routes", "resource")
TEST_KINDS = ("unit-service", "unit-agent", "integration-api", "integration-db", "component", "e2e")

TYPESCRIPT_RESERVED = frozenset(
    "await break case catch class const continue debugger default delete do else enum "
    "export extends false finally for function if implements import in instanceof "
    "interface let new null package private protected public return static super switch "
    "this throw true try typeof var void while with yield".split()
)
RESERVED = TYPESCRIPT_RESERVED | frozenset(keyword.kwlist)
BUILT_IN_COLUMNS = frozenset({"id", "tenant_id", "created_at", "updated_at"})

# Entities, singular -> plural: regular, and the irregular plurals the
# generated names must get right.
ENTITY_PLURALS = {
    "person": "people",
    "child": "children",
    "status": "statuses",
    "analysis": "analyses",
    "datum": "data",
    "company": "companies",
    "address": "addresses",
    "category": "categories",
    "box": "boxes",
    "match": "matches",
    "policy": "policies",
    "lead": "leads",
    "campaign": "campaigns",
    "contact": "contacts",
    "invoice": "invoices",
    "snapshot": "snapshots",
}
ENTITY_SINGULARS = {plural: singular for singular, plural in ENTITY_PLURALS.items()}

# Field names that are valid but easy to get wrong in generated code: names of
# types, SQL words, names that shadow a parameter or an import.
TRICKY_FIELD_NAMES = ("item", "type", "order", "user", "self_ref", "data", "date_on", "name")
# Field names the README refuses: they would shadow the generated classes' types
# or the attributes of Pydantic's BaseModel and SQLAlchemy's declarative base.
REFUSED_FIELD_NAMES = frozenset(
    "str int float bool date datetime uuid dict list metadata registry json copy schema "
    "validate construct".split()
)
NAME_WORDS = (
    "lead",
    "campaign",
    "qualifier",
    "summarizer",
    "performance",
    "snapshots",
    "enrichment",
    "score",
    "card",
    "v2",
    "import",
    "new",
    "list",
)
# Free text (objectives, migration messages): accents, quotes, backslashes,
# Jinja and Markdown syntax, all accepted as they are.
FREE_TEXTS = (
    "Qualifier les leads entrants, été comme hiver.",
    'Ajoute le champ "vip" et l\'index',
    "Chemin C:\\temp\\new et \\n littéral",
    "Triple quotes \"\"\" et ''' dans le texte",
    "{{ jinja }} {% raw %} et `code` *gras* <b>html</b>",
    "Émoji 🚀 et 中文",
)

# Migration messages: one line of at most 72 characters, no double quote or
# backslash (the first line of the migration's docstring).
MIGRATION_MESSAGES = (
    "ajoute l'index des leads, été comme hiver",
    "add lead enrichment",
    "{{ jinja }} {% raw %} et `code` *gras*",
    "Émoji 🚀 et 中文",
    "m" * 72,
)

# What the bootstrapped project already has, in the namespaces of footprint().
PROJECT_FOOTPRINT = frozenset(
    {
        "agents/base",
        "tasks/health",
        "tasks/tenancy",
        "models/identity",
        "schemas/auth",
        "endpoints/auth",
        "tests/test_auth",
        "repositories/base",
        "endpoints/health",
        "tests/test_agent_base",
        "tests/test_celery",
        "tests/test_errors",
        "tests/test_health",
        "tests/test_llm",
        "tests/test_migrations",
        "tests/test_tenancy",
        "e2e/home",
    }
)


# --- naming ---------------------------------------------------------------------


def snake(text: str) -> str:
    return text.replace("-", "_")


def kebab(text: str) -> str:
    return text.replace("_", "-")


def pascal(text: str) -> str:
    return "".join(word.capitalize() for word in kebab(text).split("-"))


def camel(text: str) -> str:
    value = pascal(text)
    return value[:1].lower() + value[1:]


def is_reserved(name: str) -> bool:
    return snake(name) in RESERVED or camel(name) in RESERVED


def entity_plural(entity: str) -> str:
    """Plural of a drawn entity (its last word is one of ENTITY_PLURALS), kebab-case."""
    *head, last = kebab(entity).split("-")
    return "-".join([*head, ENTITY_PLURALS[last]])


def derived_entity(name: str) -> str:
    """The entity an api unit named `statuses-api` must derive (`status`), in
    snake_case, or "" when the name does not end with a known plural."""
    words = name.split("-")
    while len(words) > 1 and words[-1] in ENTITY_SUFFIXES:
        words.pop()
    if words[-1] not in ENTITY_SINGULARS:
        return ""
    return "_".join([*words[:-1], ENTITY_SINGULARS[words[-1]]])


# --- basic strategies -------------------------------------------------------------

first_words = st.one_of(
    st.sampled_from(NAME_WORDS), st.from_regex(r"[a-z][a-z0-9]{0,9}", fullmatch=True)
)
later_words = st.one_of(first_words, st.from_regex(r"[0-9]{1,4}", fullmatch=True))


@st.composite
def kebab_words(draw, max_length: int = NAME_MAX_LENGTH, max_words: int = 6) -> str:
    """A kebab-case slug of at most `max_length` characters, digits likely."""
    words = [draw(first_words), *draw(st.lists(later_words, max_size=max_words - 1))]
    while len("-".join(words)) > max_length:
        words.pop()
    return "-".join(words)


@st.composite
def unit_names(draw) -> str:
    """A valid unit name; one in four is padded to 55-60 characters."""
    name = draw(kebab_words())
    if draw(st.integers(0, 3)) == 0 and len(name) <= 53:
        target = draw(st.integers(55, NAME_MAX_LENGTH))
        name = f"{name}-{'x' * (target - len(name) - 2)}9"
    if is_reserved(name):
        name += "-2"
    return name


@st.composite
def field_names(draw) -> str:
    """A snake_case field name: a tricky one, or up to 40 characters."""
    if draw(st.booleans()):
        return draw(st.sampled_from(TRICKY_FIELD_NAMES))
    name = snake(draw(kebab_words(max_length=40, max_words=5)))
    if name in RESERVED | BUILT_IN_COLUMNS | REFUSED_FIELD_NAMES or name.startswith("model_"):
        name += "_value"
    return name


@st.composite
def field_lists(draw, min_size: int = 1, max_size: int = 8) -> str:
    """A field list, `name:type` tokens with `?` for optional.

    Variants: mixed, all optional, json first, one field of every type."""
    variant = draw(st.sampled_from(["mixed", "all_optional", "json_first", "every_type"]))
    if variant == "every_type":
        types = list(draw(st.permutations(FIELD_TYPES)))
    else:
        types = draw(st.lists(st.sampled_from(FIELD_TYPES), min_size=min_size, max_size=max_size))
        if variant == "json_first":
            types[0] = "json"
    names = draw(st.lists(field_names(), min_size=len(types), max_size=len(types), unique=True))
    tokens = []
    for name, type_ in zip(names, types, strict=True):
        optional = variant == "all_optional" or draw(st.booleans())
        tokens.append(f"{name}:{type_}{'?' if optional else ''}")
    return " ".join(tokens)


@st.composite
def domain_tokens(draw, models: tuple[str, ...], taken: set[str]) -> list[str]:
    """Enums, modifiers and references to `models` (entities the project has, in
    snake_case): one reference named as its entity, maybe a second to the same
    entity under another name, an enum, a unique and an indexed field."""
    tokens = []

    def fresh(name: str) -> str:
        while name in taken or f"{name}_id" in taken:
            name += "_x"
        taken.add(name)
        return name

    if models and draw(st.booleans()):
        entity = draw(st.sampled_from(models))
        column = f"{entity}_id"
        if entity not in taken and column not in taken:
            taken |= {entity, column}
            tokens.append(f"{entity}:ref{draw(st.sampled_from(['', '?']))}")
            if draw(st.booleans()):
                name = fresh(f"other_{entity}")
                taken.add(f"{name}_id")
                tokens.append(f"{name}:ref({entity}){draw(st.sampled_from(['', '?']))}")
    if draw(st.booleans()):
        values = draw(st.lists(st.sampled_from(ENUM_VALUES), min_size=1, max_size=4, unique=True))
        suffix = draw(st.sampled_from(["", "?", ":index", "?:index"]))
        tokens.append(f"{fresh('stage')}:enum({','.join(values)}){suffix}")
    if draw(st.booleans()):
        type_ = draw(st.sampled_from(UNIQUE_TYPES))
        tokens.append(f"{fresh('code')}:{type_}{draw(st.sampled_from(['', '?']))}:unique")
    if draw(st.booleans()):
        type_ = draw(st.sampled_from(INDEXABLE))
        tokens.append(f"{fresh('rank')}:{type_}{draw(st.sampled_from(['', '?']))}:index")
    return tokens


@st.composite
def model_field_lists(draw, models: tuple[str, ...]) -> str:
    """A model's field list: plain fields, and half of the time the domain
    constructs (references to `models`, an enum, :unique, :index) in any order."""
    plain = draw(field_lists()).split()
    if not draw(st.booleans()):
        return " ".join(plain)
    taken = {token.split(":")[0] for token in plain}
    tokens = plain + draw(domain_tokens(models, taken))
    return " ".join(draw(st.permutations(tokens)))


@st.composite
def entities(draw) -> str:
    """An entity: a known noun, maybe after a prefix, kebab or snake case."""
    noun = draw(st.sampled_from(sorted(ENTITY_PLURALS)))
    prefix = draw(st.one_of(st.just(""), kebab_words(max_length=20, max_words=2)))
    if not prefix:
        return noun
    separator = draw(st.sampled_from(["-", "_"]))
    return f"{prefix.replace('-', separator)}{separator}{noun}"


@st.composite
def common_answers(draw) -> dict:
    """Answers every unit has; each left to its default half of the time."""
    answers = {}
    if draw(st.booleans()):
        answers["date"] = draw(st.dates()).isoformat()
    if draw(st.booleans()):
        answers["lang"] = draw(st.sampled_from(["fr", "en"]))
    if draw(st.booleans()):
        answers["priority"] = draw(st.sampled_from(["P0", "P1", "P2"]))
    if draw(st.booleans()):
        answers["status"] = draw(st.sampled_from(["in_progress", "completed", "blocked"]))
    if draw(st.booleans()):
        answers["objective"] = draw(st.sampled_from(FREE_TEXTS))
    if draw(st.booleans()):
        answers["issue"] = str(draw(st.integers(1, 99999)))
    if draw(st.booleans()):
        answers["pr"] = str(draw(st.integers(1, 99999)))
    return answers


# --- valid units, collision-free batches ---------------------------------------------


@dataclass
class Drawn:
    """One drawn unit, the module paths it claims, and what a test or a fix
    unit drawn later may target (by test kind, or `fix` for a frontend fix)."""

    unit: dict
    claims: frozenset
    targets: dict = field(default_factory=dict)


def entity_claims(entity: str, backend: bool = True, frontend: bool = False) -> set[str]:
    e, plural = snake(entity), snake(entity_plural(entity))
    claims = {f"entity/{e}", f"entity/{plural}", f"resources/{e}"}
    if backend:
        claims |= {
            f"models/{e}",
            f"schemas/{e}",
            f"repositories/{e}",
            f"services/{e}",
            f"endpoints/{plural}",
            f"tests/test_{e}_service",
            f"tests/test_{plural}_api",
        }
    if frontend:
        claims |= {
            f"components/{pascal(entity)}List",
            f"components/{pascal(entity)}Form",
            f"route/{kebab(plural)}",
        }
    return claims


@st.composite
def api_units(draw, models: tuple[str, ...] = ()) -> Drawn:
    fields = draw(model_field_lists(models))
    operations = draw(st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=5, unique=True))
    if draw(st.booleans()):
        # The entity derived from the name, a plural: `<prefix>-statuses-api`.
        entity = draw(entities())
        words = [*kebab(entity_plural(entity)).split("-"), draw(st.sampled_from(ENTITY_SUFFIXES))]
        unit = {"type": "api", "name": "-".join(words), "fields": fields}
    else:
        entity = draw(entities())
        unit = {"type": "api", "name": draw(unit_names()), "entity": entity, "fields": fields}
    unit["operations"] = ",".join(operations)
    targets = {"unit-service": [entity], "integration-db": [entity], "model": [snake(entity)]}
    if {"list", "get", "create", "delete"} <= set(operations):
        targets["integration-api"] = [entity]
    return Drawn(unit, frozenset(entity_claims(entity)), targets)


# Labels people may give (README: `labels`): accents, spaces, quotes, brackets, &.
LABEL_TEXTS = (
    "Nom",
    "Date de début",
    "Budget (€)",
    'Statut "métier"',
    "Taux d'ouverture",
    "Prix HT/TTC",
    "<Note> & {rang}",
    "Ünïcödé ✓",
    "C:\\dossier",
)
ENTITY_LABELS = (
    "Campagne/Campagnes",
    "Journal/Journaux",
    "Œil/Yeux",
    "Prospect « chaud »/Prospects",
)


@st.composite
def labels_answers(draw, entity: str, fields: str) -> str:
    """A `labels` answer for a unit's entity and some of its fields (and enum
    values), the field names read from the field list as the user typed it."""
    pairs = []
    if draw(st.booleans()):
        pairs.append(f"{entity}={draw(st.sampled_from(ENTITY_LABELS))}")
    for token in fields.split():
        name, _, rest = token.partition(":")
        if name == entity or not draw(st.booleans()):
            continue
        pairs.append(f"{name}={draw(st.sampled_from(LABEL_TEXTS))}")
        if rest.startswith("enum(") and draw(st.booleans()):
            value = rest[len("enum(") :].split(")")[0].split(",")[0]
            pairs.append(f"{name}.{value}={draw(st.sampled_from(LABEL_TEXTS))}")
    return " ".join(pairs)


@st.composite
def feature_units(draw, models: tuple[str, ...] = ()) -> Drawn:
    entity = draw(entities())
    sides = draw(st.sampled_from([(True, True), (True, True), (True, False), (False, True)]))
    name = draw(unit_names())
    # A frontend alone has no model: its references would name no table.
    fields = draw(model_field_lists(models if sides[0] else ()))
    unit = {"type": "feature", "name": name, "entity": entity, "fields": fields}
    if sides != (True, True):
        unit["backend"], unit["frontend"] = sides
    if sides[1] and draw(st.booleans()):
        unit["labels"] = draw(labels_answers(entity, fields))
    claims = entity_claims(entity, *sides)
    targets = {}
    if sides[0]:
        targets |= {"unit-service": [entity], "integration-api": [entity]}
        targets |= {"integration-db": [entity], "model": [snake(entity)]}
    if sides[1]:
        claims.add(f"e2e/{name}")
        components = [f"{pascal(entity)}List", f"{pascal(entity)}Form"]
        targets |= {"component": components, "fix": components}
        targets["e2e"] = [kebab(entity_plural(entity)), f"{kebab(entity_plural(entity))}/new"]
    return Drawn(unit, frozenset(claims), targets)


@st.composite
def database_units(draw) -> Drawn:
    name = draw(unit_names())
    unit = {"type": "database", "name": name}
    if draw(st.booleans()):
        unit["msg"] = draw(st.sampled_from(MIGRATION_MESSAGES))
    claims = {f"tests/test_migration_{snake(name)}"}
    targets = {}
    if draw(st.booleans()):
        entity = draw(entities())
        unit |= {"entity": entity, "fields": draw(field_lists())}
        claims |= {f"entity/{snake(entity)}", f"models/{snake(entity)}"}
        claims.add(f"entity/{snake(entity_plural(entity))}")
        targets |= {"integration-db": [entity], "model": [snake(entity)]}
    return Drawn(unit, frozenset(claims), targets)


def _agent_fields():
    return field_lists(max_size=5)


@st.composite
def agent_units(draw) -> Drawn:
    name = draw(unit_names())
    m = snake(name)
    unit = {
        "type": "agent",
        "name": name,
        "input_fields": draw(_agent_fields()),
        "output_fields": draw(_agent_fields()),
        "async_task": draw(st.booleans()),
    }
    claims = {f"agents/{m}", f"services/{m}", f"tasks/{m}", f"tests/test_{m}_agent"}
    return Drawn(unit, frozenset(claims), {"unit-agent": [name]})


@st.composite
def component_units(draw) -> Drawn:
    name = draw(unit_names())
    unit = {
        "type": "component",
        "name": name,
        "reusable": draw(st.booleans()),
        "zod_props": draw(st.booleans()),
    }
    # A test or fix may name the component in PascalCase or by its unit name.
    targets = [pascal(name), name]
    return Drawn(
        unit, frozenset({f"components/{pascal(name)}"}), {"component": targets, "fix": targets}
    )


@st.composite
def page_units(draw) -> Drawn:
    name = draw(unit_names())
    first = draw(st.one_of(st.just(name), kebab_words(max_length=30, max_words=3)))
    rest = draw(
        st.lists(
            st.sampled_from(["new", "edit", "2026", "[id]", "[leadId]", "details-v2"]),
            max_size=3,
            unique=True,
        )
    )
    route = "/".join([first, *rest])
    unit = {"type": "component", "name": name, "kind": "page", "route": route}
    claims = {f"route/{first}", f"e2e/{route}"}
    if draw(st.booleans()):
        entity = draw(entities())
        unit |= {"entity": entity, "fields": draw(field_lists())}
        claims |= {f"entity/{snake(entity)}", f"resources/{snake(entity)}"}
        claims.add(f"entity/{snake(entity_plural(entity))}")
    return Drawn(unit, frozenset(claims), {"e2e": [route]})


@st.composite
def fix_units(draw, targets: dict) -> Drawn:
    name = draw(unit_names())
    components = targets.get("fix", [])
    if components and draw(st.booleans()):
        unit = {"type": "fix", "name": name, "area": "frontend"}
        unit["target"] = draw(st.sampled_from(components))
        return Drawn(unit, frozenset())
    modules = ["app.core.celery_app", "app.main", "app.api.deps", "app.llm.client"]
    unit = {"type": "fix", "name": name, "target": draw(st.sampled_from(modules))}
    return Drawn(unit, frozenset({f"tests/test_regression_{snake(name)}"}))


@st.composite
def test_units(draw, targets: dict) -> Drawn:
    kind = draw(st.sampled_from(sorted(kind for kind in TEST_KINDS if targets.get(kind))))
    name = draw(unit_names())
    unit = {"type": "test", "name": name, "test_kind": kind}
    unit["target"] = draw(st.sampled_from(targets[kind]))
    if kind == "e2e":
        claims = {f"e2e/{name}"}
    elif kind == "component":
        claims = set()
    else:
        claims = {f"tests/test_{snake(name)}"}
    return Drawn(unit, frozenset(claims))


PRIMARY_UNITS = {
    "api": api_units,
    "feature": feature_units,
    "database": database_units(),
    "agent": agent_units(),
    "component": component_units(),
    "page": page_units(),
}


@st.composite
def unit_batches(draw, min_size: int = 4, max_size: int = 8) -> list[dict]:
    """`min_size` to `max_size` units that can live in one project: distinct
    names, and no two units writing the same module, route, component or
    entity. Test and fix units come after the units they target."""
    size = draw(st.integers(min_size, max_size))
    claimed, names, targets, units = set(PROJECT_FOOTPRINT), set(), {}, []
    for _ in range(size * 10):
        if len(units) == size:
            break
        kinds = list(PRIMARY_UNITS)
        if units:
            kinds.append("fix")
        if any(targets.get(kind) for kind in TEST_KINDS):
            kinds.append("test")
        kind = draw(st.sampled_from(kinds))
        if kind == "fix":
            drawn = draw(fix_units(targets))
        elif kind == "test":
            drawn = draw(test_units(targets))
        elif kind in ("api", "feature"):
            # References name the models drawn before: chains, two to one entity.
            drawn = draw(PRIMARY_UNITS[kind](tuple(targets.get("model", []))))
        else:
            drawn = draw(PRIMARY_UNITS[kind])
        if drawn.unit["name"] in names or drawn.claims & claimed:
            continue
        names.add(drawn.unit["name"])
        claimed |= drawn.claims
        for kind_, values in drawn.targets.items():
            targets.setdefault(kind_, []).extend(values)
        units.append(drawn.unit | draw(common_answers()))
    assume(len(units) >= min_size)
    return units


# --- answers that must be refused ---------------------------------------------------

BASE_UNITS = (
    {"type": "agent", "name": "bant-qualifier"},
    {"type": "component", "name": "lead-card"},
    {"type": "api", "name": "leads-api", "fields": "email:str"},
    {"type": "database", "name": "add-lead-enrichment"},
    {"type": "fix", "name": "celery-startup", "target": "app.core.celery_app"},
    {"type": "test", "name": "bant-service", "test_kind": "unit-agent", "target": "bant-qualifier"},
)
FIELD_UNITS = (
    {"type": "api", "name": "leads-api"},
    {"type": "feature", "name": "lead-wizard", "entity": "lead"},
    {"type": "database", "name": "lead-scores", "entity": "lead-score"},
    {"type": "component", "name": "leads-page", "kind": "page", "route": "leads", "entity": "lead"},
)
AGENT = {"type": "agent", "name": "bant-qualifier"}
# A feature `lead` with one field `name`: labels it must refuse.
BAD_LABELS = st.sampled_from(
    [
        "lead=Prospect",  # no plural
        "lead=/Prospects",
        "ghost=Fantôme",  # no such field
        "name=",
        "name=a\tb",
        "name=" + "n" * 61,
        "Nom",
        'name="Nom',
        "name=A name=B",
        "name.x=Y",  # not an enum
    ]
)
PAGE = {"type": "component", "name": "lead-detail", "kind": "page"}

BAD_NAMES = st.one_of(
    # uppercase, spaces, a path, a trailing newline, a leading digit
    unit_names()
    .flatmap(
        lambda name: st.integers(0, len(name) - 1).map(
            lambda i: name[:i] + name[i].upper() + name[i + 1 :]
        )
    )
    .filter(lambda name: name != name.lower()),
    unit_names().map(lambda name: name.replace("-", " ", 1) if "-" in name else f"{name} x"),
    st.sampled_from(["../x", "a/b", "..", "./lead", "lead/../x", "lead\\card"]),
    unit_names().flatmap(lambda name: st.sampled_from([f"{name}\n", f"{name}\r\n", f" {name}"])),
    st.tuples(st.integers(0, 9), unit_names()).map(lambda pair: f"{pair[0]}{pair[1]}"),
    # too long, but kebab-case
    st.integers(61, 90).map(lambda size: ("lead-" * 20)[: size - 1] + "x"),
    # reserved words, kebab-case otherwise
    st.sampled_from(["class", "default", "import", "return", "await", "function", "null"]),
    # malformed; "\uff4c..." is "lead" in full-width letters
    st.sampled_from(
        ["lead--card", "lead-", "-lead", "lead_card", "café", "\uff4c\uff45\uff41\uff44", ""]
    ),
)
# "\uff12\uff10..." is a date in full-width digits, which regex's \d matches.
BAD_DATES = st.sampled_from(
    [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "15/01/2026",
        "2026-1-5",
        "26-01-15",
        "2026-01-15\n",
        "\uff12\uff10\uff12\uff16-\uff10\uff11-\uff11\uff15",
        "2026-01-15T09:00",
        "today",
    ]
)
# Full-width, superscript and Arabic-Indic digits: str.isdigit() accepts them all.
BAD_NUMBERS = st.sampled_from(
    ["\uff11\uff12", "#12", "12a", "-1", "1.5", " 12", "\u00b2", "\u0661\u0662", "12\n"]
)
UNKNOWN_TYPES = st.sampled_from(["money", "string", "integer", "Int", "STR", "list", "any"])
BAD_TOKENS = st.sampled_from(
    [
        "name",
        "name:",
        ":str",
        "Name:str",
        "name:str??",
        "na-me:str",
        "name:str:int",
        "1name:str",
        "name:?",
        "_name:str",
        "nàme:str",
        "a:str a:int",
        "id:uuid",
        "class:str",
    ]
)
BAD_ROUTES = st.sampled_from(
    [
        "[id]/[id]",
        "leads/[id]/notes/[id]",
        "Leads",
        "leads//new",
        "/leads",
        "leads/",
        "leads/[]",
        "leads/[Id]",
        "leads/[id",
        "leads/(group)",
        "leads/_private",
        "../leads",
        "leads/[...slug]",
    ]
)
MODEL_ATTRIBUTE_NAMES = st.sampled_from(["model_config", "metadata", "registry"])
# Domain tokens the grammar refuses: an empty enum, a value twice, a reserved or
# malformed value, an unknown or doubled modifier, a modifier a type cannot take.
BAD_DOMAIN_TOKENS = st.sampled_from(
    [
        "stage:enum()",
        "stage:enum(new,new)",
        "stage:enum(new,,lost)",
        "stage:enum(class)",
        "stage:enum(null,new)",
        "stage:enum(New)",
        "stage:enum",
        "stage:enum(new)x",
        "email:str:uniq",
        "email:str:unique:unique",
        "notes:text:index",
        "extra:json:unique",
        "active:bool:unique",
        "owner:ref(Owner)",
        "tenant:ref",
    ]
)
# Entities no unit of a freshly bootstrapped project created.
UNKNOWN_ENTITIES = st.sampled_from(["campaign", "ghost", "lead_box", "person"])
PLAIN_FIELD_UNITS = (
    {"type": "database", "name": "lead-scores", "entity": "lead-score"},
    {"type": "component", "name": "leads-page", "kind": "page", "route": "leads", "entity": "lead"},
)


def _with(base: dict, question: str, value: str) -> tuple[str, dict]:
    return question, {**base, question: value}


@st.composite
def refused_answers(draw) -> tuple[str, dict]:
    """(the question whose answer is bad, a unit's whole answers)."""
    base = draw(st.sampled_from(BASE_UNITS))
    field_unit = draw(st.sampled_from(FIELD_UNITS))
    valid_fields = draw(field_lists(max_size=3))
    cases = [
        lambda: _with(base, "name", draw(BAD_NAMES)),
        lambda: _with(base, "date", draw(BAD_DATES)),
        lambda: _with(base, draw(st.sampled_from(["issue", "pr"])), draw(BAD_NUMBERS)),
        lambda: _with(field_unit, "fields", f"{valid_fields} extra_field:{draw(UNKNOWN_TYPES)}"),
        lambda: _with(field_unit, "fields", f"{draw(BAD_TOKENS)} {valid_fields}"),
        lambda: _with(field_unit, "fields", f"{valid_fields} {draw(MODEL_ATTRIBUTE_NAMES)}:str"),
        lambda: _with(PAGE, "route", draw(BAD_ROUTES)),
        lambda: _with(AGENT, "output_fields", draw(st.sampled_from(["", "   "]))),
        lambda: _with(AGENT, "input_fields", draw(st.sampled_from(["", "   "]))),
        lambda: _with(
            AGENT,
            draw(st.sampled_from(["input_fields", "output_fields"])),
            f"model_config:str {valid_fields}",
        ),
        lambda: _with(AGENT, "output_fields", f"score:{draw(UNKNOWN_TYPES)}"),
        lambda: _with(field_unit, "fields", f"{valid_fields} {draw(BAD_DOMAIN_TOKENS)}"),
        lambda: _with(
            draw(st.sampled_from(FIELD_UNITS[:2])),
            "fields",
            f"{valid_fields} {draw(UNKNOWN_ENTITIES)}:ref{draw(st.sampled_from(['', '?']))}",
        ),
        lambda: _with(
            draw(st.sampled_from(PLAIN_FIELD_UNITS)),
            "fields",
            f"{valid_fields} {draw(st.sampled_from(['stage:enum(new,lost)', 'code:str:unique']))}",
        ),
        lambda: _with(
            AGENT,
            draw(st.sampled_from(["input_fields", "output_fields"])),
            f"{valid_fields} stage:enum(new,lost)",
        ),
        lambda: _with(
            {**FIELD_UNITS[1], "fields": "name:str"},
            "labels",
            draw(BAD_LABELS),
        ),
    ]
    return draw(st.sampled_from(cases))()
