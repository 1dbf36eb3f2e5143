"""Bad input: one clean line naming the question and the rule, exit 1, nothing written."""

import subprocess

import pytest
from conftest import ROOT, copier_cli, mark_project_root, scaffold, tree
from vectra_scaffold import clock, naming, rules

VALID = {"type": "agent", "name": "bant-qualifier"}
CAMPAIGN = {
    "type": "feature",
    "name": "campaign-wizard",
    "entity": "campaign",
    "fields": "name:str budget:int? starts_at:datetime status:enum(new,done)",
}

CASES = [
    ({"type": "widget"}, "type: 'widget' is not one of feature, component, api"),
    ({"type": None}, "type: (none) is not one of feature, component"),
    ({"name": None}, "name: required"),
    ({"name": ""}, "name: required"),
    ({"name": "BantQualifier"}, "name: 'BantQualifier' is not kebab-case"),
    ({"name": "bant qualifier"}, "name: 'bant qualifier' is not kebab-case"),
    ({"name": "../x"}, "name: '../x' is not kebab-case"),
    ({"name": "a/b"}, "name: 'a/b' is not kebab-case"),
    ({"name": "1lead"}, "name: '1lead' is not kebab-case"),
    ({"name": "class"}, "name: 'class' would generate the identifier 'class', a reserved word"),
    ({"name": "default"}, "name: 'default' would generate the identifier 'default'"),
    ({"name": "x" * 61}, "name: at most 60 characters"),
    ({"date": "15/01/2026"}, "date: '15/01/2026' is not a date in the form YYYY-MM-DD"),
    ({"date": "2026-02-30"}, "date: '2026-02-30' is not a real calendar date"),
    ({"priority": "P9"}, "priority: 'P9' is not one of P0, P1, P2"),
    ({"status": "done"}, "status: 'done' is not one of in_progress, completed, blocked"),
    ({"lang": "de"}, "lang: 'de' is not one of fr, en"),
    ({"issue": "#12"}, "issue: '#12' is not a number"),
    # issue 10: answers that used to slip through the rules
    ({"name": "bant\n"}, "name: 'bant\\n' is not kebab-case"),
    ({"issue": "\uff11\uff12"}, "issue: '\uff11\uff12' is not a number"),  # full-width
    ({"objective": "ligne 1\n- [ ] ligne 2"}, "objective: one line (no line break)"),
    ({"objective": "voir <!-- unit:x -->"}, "objective: may not contain '<!--'"),
    ({"type": "api", "entity": "campaign\n"}, "entity: 'campaign\\n' must be a lowercase"),
    ({"type": "api", "entity": "news"}, "entity: 'news' has the same singular and plural"),
    (
        {"type": "component", "kind": "page", "route": "leads/[id]/[id]"},
        "route: 'leads/[id]/[id]' uses the parameter [id] twice",
    ),
    ({"type": "component", "kind": "widget"}, "kind: 'widget' is not one of component, page"),
    ({"type": "fix", "area": "both"}, "area: 'both' is not one of backend, frontend"),
    ({"type": "test", "test_kind": "smoke"}, "test_kind: 'smoke' is not one of unit-service"),
    ({"output_fields": ""}, "output_fields: an agent needs at least one field"),
    ({"input_fields": ""}, "input_fields: an agent needs at least one field"),
    (
        {"type": "api", "fields": "model_config:str"},
        "fields: 'model_config:str': 'model_config' is reserved by Pydantic's BaseModel",
    ),
    ({"type": "api", "fields": "json:str"}, "'json' is reserved by Pydantic's BaseModel"),
    (
        {"type": "api", "fields": "metadata:json"},
        "fields: 'metadata:json': 'metadata' is reserved by SQLAlchemy's declarative base",
    ),
    ({"type": "api", "fields": "registry:str"}, "'registry' is reserved by SQLAlchemy"),
    ({"type": "api", "fields": "date:date? born:date?"}, "'date' would shadow the type date"),
    ({"type": "database", "msg": 'add """x'}, "msg: one line without double quotes"),
    ({"type": "database", "msg": "m" * 73}, "msg: at most 72 characters"),
    ({"type": "fix", "target": "a" * 81}, "target: at most 80 characters"),
    ({"type": "api", "fields": "a" * 41 + ":str"}, "a field name has at most 40 characters"),
    # field lists (api, database, feature)
    (
        {"type": "api", "fields": "name:str budget:money"},
        "fields: 'budget:money' has an unknown type 'money'; allowed: str, text, int, float, "
        "decimal, bool, date, datetime, uuid, json",
    ),
    ({"type": "api", "fields": "name"}, "fields: 'name' is not name:type (e.g. budget:int?)"),
    (
        {"type": "api", "fields": "Name:str"},
        "fields: 'Name:str': the field name must be snake_case",
    ),
    ({"type": "api", "fields": "class:str"}, "fields: 'class:str': 'class' is a reserved word"),
    ({"type": "api", "fields": "id:uuid"}, "fields: 'id:uuid': 'id' is a built-in column"),
    ({"type": "api", "fields": "a:str a:int"}, "fields: 'a:int': the field 'a' is given twice"),
    ({"type": "api", "fields": ""}, "fields: the api type needs at least one field"),
    ({"type": "api", "entity": "Campaign"}, "entity: 'Campaign' must be a lowercase singular noun"),
    ({"type": "api", "entity": "import"}, "entity: 'import' is a reserved word"),
    ({"type": "api", "operations": "list,purge"}, "operations: 'purge' is not one of list, get"),
    (
        {"type": "database", "entity": "lead-score"},
        "fields: a database unit takes entity and fields together, or neither",
    ),
    (
        {"type": "agent", "output_fields": "score:number"},
        "output_fields: 'score:number' has an unknown type",
    ),
    # issue 20: strict answers
    ({"type": "api", "entity": "user"}, "entity: 'user' is the base project's own (table users)"),
    ({"type": "api", "name": "organizations-api"}, "entity: 'organization' is the base project's"),
    ({"async_task": "flase"}, "async_task: 'flase' is not a yes/no answer"),
    ({"async_task": "maybe"}, "async_task: 'maybe' is not a yes/no answer"),
    ({"async_task": "2"}, "async_task: '2' is not a yes/no answer"),
    ({"type": "database", "revision": "../../evil"}, "revision: '../../evil' is not a revision id"),
    (
        {"type": "database", "down_revision": "../x"},
        "down_revision: '../x' is not a revision id",
    ),
    (
        {"type": "component", "kind": "page", "route": "a" * 300},
        "route: at most 120 characters (got 300)",
    ),
    (
        {"type": "component", "kind": "page", "route": "reports/" + "a" * 41},
        "route: a segment has at most 40 characters (got 41)",
    ),
    ({"objective": "o" * 201}, "objective: at most 200 characters (got 201)"),
    ({"issue": "1" * 10}, "issue: '1111111111' is not a number"),
    ({"feilds": "name:str"}, "feilds: not a question of the scaffold; did you mean 'fields'?"),
    (
        {"type": "feature", "entity": "campaign", "backend": False, "frontend": False},
        "frontend: a feature writes at least one side: backend, frontend or both",
    ),
]

# issue 25: labels in the project's language
LABEL_CASES = [
    (
        {**CAMPAIGN, "labels": "campaign=Campagne"},
        "labels: campaign: the entity's label is singular/plural "
        "(e.g. campaign=Campagne/Campagnes)",
    ),
    (
        {**CAMPAIGN, "labels": "campaign=Campagne/"},
        "labels: campaign: the entity's label is singular/plural",
    ),
    (
        {**CAMPAIGN, "labels": "starts=Début"},
        "labels: starts: names nothing of this unit (its entity and fields: campaign, name, "
        "budget, starts_at, status)",
    ),
    ({**CAMPAIGN, "labels": "name= budget=Budget"}, "labels: name: the label is empty"),
    ({**CAMPAIGN, "labels": "name=" + "x" * 61}, "labels: name: a label has at most 60 characters"),
    ({**CAMPAIGN, "labels": "name=Nom\nlong"}, "labels: name: a label is one line"),
    ({**CAMPAIGN, "labels": "name=Nom name=Titre"}, "labels: name: given twice"),
    ({**CAMPAIGN, "labels": "Nom"}, "labels: 'Nom' is not key=label (e.g. starts_at="),
    ({**CAMPAIGN, "labels": 'name="Nom'}, "labels: name: the label's opening double quote"),
    (
        {**CAMPAIGN, "labels": "status.old=Ancien"},
        "labels: status.old: 'old' is not a value of status (new, done)",
    ),
    (
        {**CAMPAIGN, "labels": "budget.high=Haut"},
        "labels: budget.high: 'budget' is not an enum field of the entity",
    ),
    ({**CAMPAIGN, "labels": "x=" * 1001}, "labels: at most 2000 characters (got 2002)"),
]
CLI_CASES = CASES[::6] + CASES[-11:] + LABEL_CASES[::4]
CASES = CASES + LABEL_CASES


def copy_cli(destination, *answers: str):
    """`copier copy --trust --defaults` of this checkout, answers as `key=value`."""
    data = [arg for answer in answers for arg in ("--data", answer)]
    return copier_cli(
        "copy", "--trust", "--defaults", "-r", "HEAD", str(ROOT), str(destination), *data
    )


def cli_args(answers: dict) -> list[str]:
    return [f"{key}={value}" for key, value in answers.items() if value is not None]


def first_error(answers: dict) -> str:
    """What the context hook refuses first, in process (extension.refuse_bad_answers)."""
    return (
        rules.unknown_answer_error(answers)
        or rules.first_answer_error(answers)
        or rules.shape_error(answers)
    )


@pytest.mark.parametrize(("override", "message"), CASES, ids=[str(c[0]) for c in CASES])
def test_the_rules_refuse_each_bad_answer_with_its_message(override, message):
    answers = {key: "" if value is None else value for key, value in {**VALID, **override}.items()}
    # What copier's defaults add before the hook sees the answers.
    if answers["type"] in ("api", "feature"):
        answers.setdefault("entity", naming.default_entity(answers["name"]))
    if answers["type"] == "database" and "entity" in answers:
        answers.setdefault("fields", "")
    error = first_error(answers)
    assert message in error
    assert "\n" not in error


# copier itself, end to end, on a sample of the table: one line, exit 1, nothing written.


@pytest.mark.parametrize(("override", "message"), CLI_CASES, ids=[str(c[0]) for c in CLI_CASES])
def test_bad_answer_is_refused_with_one_line(tmp_path, override, message):
    destination = tmp_path / "dst"
    mark_project_root(destination)
    (destination / "keep.md").write_text("already here\n")
    before = tree(destination)

    answers = {**VALID, **override}
    result = copy_cli(destination, *cli_args(answers))

    assert result.returncode == 1
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 1, result.stderr
    assert message in error_lines[0]
    assert "Traceback" not in result.stderr
    assert tree(destination) == before


def test_a_forged_vectra_today_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv(clock.OVERRIDE, "2026-02-30")
    mark_project_root(tmp_path)
    before = tree(tmp_path)

    result = copy_cli(tmp_path, "type=agent", "name=bant-qualifier")

    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        "VECTRA_TODAY: '2026-02-30' is not a real calendar date (YYYY-MM-DD)"
    ]
    assert tree(tmp_path) == before


def test_bad_answer_into_a_new_directory_creates_nothing(tmp_path):
    destination = tmp_path / "new"
    result = copy_cli(destination, "type=agent", "name=Bad")
    assert result.returncode == 1
    assert not destination.exists()


def test_existing_unit_is_refused_and_points_to_update(tmp_path):
    scaffold(tmp_path, type="agent", name="bant-qualifier")
    before = tree(tmp_path)

    result = copy_cli(tmp_path, "type=agent", "name=bant-qualifier")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "name: the unit agent-bant-qualifier already exists "
        "(.copier-answers/agent-bant-qualifier.yml); update it with: "
        "copier update --trust -a .copier-answers/agent-bant-qualifier.yml"
    ]
    assert tree(tmp_path) == before


def test_same_name_of_another_type_is_a_new_unit(tmp_path):
    scaffold(tmp_path, type="agent", name="bant-qualifier")
    scaffold(tmp_path, type="test", name="bant-qualifier")
    assert (tmp_path / ".copier-answers/test-bant-qualifier.yml").is_file()


def test_second_project_in_the_same_directory_is_refused(tmp_path):
    scaffold(tmp_path, type="project", name="vectra")
    before = tree(tmp_path)
    result = copy_cli(tmp_path, "type=project", "name=vectra")
    assert result.returncode == 1
    assert "already holds a VECTRA project" in result.stderr
    assert tree(tmp_path) == before


def test_without_trust_copier_refuses_with_exit_4(tmp_path):
    result = copier_cli(
        "copy",
        "--defaults",
        "-r",
        "HEAD",
        str(ROOT),
        str(tmp_path / "dst"),
        "--data",
        "type=agent",
        "--data",
        "name=bant-qualifier",
    )
    assert result.returncode == 4
    assert not (tmp_path / "dst").exists()


def test_page_route_conflicting_with_a_dynamic_segment_is_refused(tmp_path):
    scaffold(tmp_path, type="component", name="lead-detail", kind="page", route="leads/[id]")
    before = tree(tmp_path)

    result = copy_cli(
        tmp_path, "type=component", "name=lead-edit", "kind=page", "route=leads/[leadId]/edit"
    )

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "route: 'leads/[leadId]/edit' conflicts with the existing route 'leads/[id]'; "
        "Next.js needs one name per dynamic segment"
    )
    assert tree(tmp_path) == before


# --- where a unit may be written (issue 11) ----------------------------------


@pytest.mark.parametrize("where", ["empty", "missing", "backend"])
def test_a_unit_outside_a_project_root_is_refused(tmp_path, where):
    project = tmp_path / "vectra"
    scaffold(project, type="project", name="vectra")
    before = tree(project)
    destination = {
        "empty": tmp_path / "empty",
        "missing": tmp_path / "missing",
        "backend": project / "backend",
    }[where]
    if where == "empty":
        destination.mkdir()

    result = copy_cli(destination, "type=agent", "name=bant-qualifier")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "is not the root of a VECTRA project" in lines[0]
    if where == "backend":
        assert f"run it from {project}" in lines[0]
    assert tree(project) == before
    assert where == "backend" or not any(destination.glob("*"))


@pytest.mark.parametrize(
    ("first", "second", "owner", "path"),
    [
        (
            {"type": "agent", "name": "bant-qualifier"},
            {"type": "test", "name": "bant-qualifier-agent", "test_kind": "unit-agent"},
            "agent-bant-qualifier",
            "backend/tests/test_bant_qualifier_agent.py",
        ),
        (
            {"type": "agent", "name": "bant-qualifier"},
            {"type": "api", "name": "bant-qualifier"},
            "agent-bant-qualifier",
            "backend/app/services/bant_qualifier.py",
        ),
    ],
)
def test_a_unit_never_writes_over_another_units_file(tmp_path, first, second, owner, path):
    scaffold(tmp_path, **first)
    before = tree(tmp_path)

    answers = cli_args({"target": "bant-qualifier", **second})
    data = [arg for answer in answers for arg in ("--data", answer)]
    result = copier_cli(
        "copy",
        "--trust",
        "--defaults",
        "--overwrite",
        "-r",
        "HEAD",
        str(ROOT),
        str(tmp_path),
        *data,
    )

    # Found while rendering: after copier's "Copying from template" line.
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"name: {second['type']}-{second['name']} would write {path}, which belongs to the "
        f"unit {owner}; choose another name or entity"
    )
    assert tree(tmp_path) == before


def test_a_unit_never_writes_over_a_file_of_nobody(tmp_path):
    mark_project_root(tmp_path)
    (tmp_path / "backend/app/agents").mkdir(parents=True)
    (tmp_path / "backend/app/agents/bant_qualifier.py").write_text("# the team's own agent\n")
    before = tree(tmp_path)

    result = copy_cli(tmp_path, "type=agent", "name=bant-qualifier")

    assert result.returncode == 1
    assert "backend/app/agents/bant_qualifier.py, which exists and belongs to no unit" in (
        result.stderr
    )
    assert tree(tmp_path) == before


def test_an_api_on_an_existing_model_takes_its_fields(tmp_path):
    scaffold(tmp_path, type="database", name="leads-table", entity="lead", fields="email:str")
    before = tree(tmp_path)

    refused = copy_cli(tmp_path, "type=api", "name=leads-api", "fields=email:str company:str?")

    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "fields: backend/app/models/lead.py has the fields 'email:str', not "
        "'email:str company:str?'; take the model's fields, or add its columns with a "
        "database unit first"
    )
    assert tree(tmp_path) == before
    accepted = copy_cli(tmp_path, "type=api", "name=leads-api")
    assert accepted.returncode == 0, accepted.stderr
    answers = (tmp_path / ".copier-answers/api-leads-api.yml").read_text()
    assert "fields: email:str" in answers
    assert "with_model: false" in answers


def test_a_migration_is_refused_while_the_history_has_two_heads(tmp_path):
    scaffold(tmp_path, type="database", name="add-a")
    versions = tmp_path / "backend/alembic/versions"
    (versions / "b0_other_branch.py").write_text(
        '"""other branch"""\n\nrevision: str = "b0"\ndown_revision: str | None = None\n'
    )
    before = tree(tmp_path)

    result = copy_cli(tmp_path, "type=database", "name=add-c")

    assert result.returncode == 1
    assert result.stderr.strip().startswith("revision: the project's migrations have 2 heads (")
    assert result.stderr.strip().endswith("merge them first: make migrate-merge")
    assert tree(tmp_path) == before


def test_a_read_only_project_is_one_line(tmp_path):
    """Root writes through permissions: a read-only file system is what stops it."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)], check=False).returncode:
        pytest.skip("this machine cannot mount a file system (needs root)")
    try:
        scaffold(mount, type="project", name="vectra")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)

        result = copy_cli(mount, "type=agent", "name=bant-qualifier")

        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            f"type: {mount} is not writable (read-only folder or file system)"
        ]
    finally:
        subprocess.run(["umount", str(mount)], check=False)
