"""`vectra-scaffold` (issues 15, 20): one command that lists the work types of
its version, plans a unit in a scratch worktree, creates it, and runs update,
remove, check and docs-sync.

It runs as a developer runs it: the project's backend/.venv/bin/vectra-scaffold
(installed by `make install`), in a project whose `template_source` is a
committed copy of this template (units rendered from a dirty checkout record a
`_commit` nothing can render again).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, commit_all, git, project_sharing_installs, use_template_source

pytestmark = pytest.mark.slow

# The questions copier.yml includes.
COPIER_YML = yaml.safe_load(
    (ROOT / "extensions/vectra_scaffold/questions.yml").read_text(encoding="utf-8")
)

# Every unit type, with the answers it needs; pages and components both.
UNITS = [
    ("agent", "bant-qualifier", []),
    ("api", "leads-endpoints", ["fields=email:str company:str?"]),
    ("component", "lead-card", ["reusable=true"]),
    ("component", "weekly-report", ["kind=page", "route=reports/weekly"]),
    ("feature", "campaign-wizard", ["entity=campaign", "fields=name:str budget:int?"]),
    ("database", "add-lead-score", []),
    ("fix", "broken-score", ["target=lead"]),
    ("test", "scoring-service", ["target=scoring"]),
]


@pytest.fixture(scope="module")
def project(installed_project, committed_template, tmp_path_factory):
    project = project_sharing_installs(
        installed_project, tmp_path_factory.mktemp("scaffold-cmd") / "vectra"
    )
    # The project's scripts/ hold its own test scripts, no scaffold tooling: the tool is
    # the installed package.
    tooling = {"scaffold.py", "scaffold_update.py", "scaffold_remove.py", "workflow_check.py"}
    tooling |= {"sync_docs.py", "merge_docs.py", "doc_blocks.py", "format_files.py"}
    scripts = {path.name for path in (project / "scripts").iterdir()}
    assert "contract_test.py" in scripts and not scripts & (tooling | {"unit_written.py"})
    use_template_source(project, committed_template)
    return project


def scaffold_cmd(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(project / "backend/.venv/bin/vectra-scaffold"), *args],
        cwd=project,
        capture_output=True,
        text=True,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def assert_untouched(project: Path) -> None:
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert len(git(project, "worktree", "list", "--porcelain").split("worktree ")) == 2


def data_args(answers: list[str]) -> list[str]:
    return [arg for answer in answers for arg in ("--data", answer)]


# --- list ---------------------------------------------------------------------


def test_list_json_is_copier_yml_and_the_unit_model(project):
    listed = json.loads(ok(scaffold_cmd(project, "list", "--json")).stdout)
    choices = COPIER_YML["type"]["choices"]
    assert [entry["type"] for entry in listed["types"]] == list(choices.values())
    by_type = {entry["type"]: entry for entry in listed["types"]}
    for entry in listed["types"]:
        for question in entry["questions"]:
            spec = COPIER_YML[question["name"]]
            assert question["help"] == spec["help"], question["name"]
            assert question["default"] == spec.get("default"), question["name"]
            expected = spec.get("choices")
            if isinstance(expected, dict):
                expected = list(expected.values())
            assert question["choices"] == expected, question["name"]
            assert spec.get("ask", True) is not False
    names = {type_: [q["name"] for q in entry["questions"]] for type_, entry in by_type.items()}
    assert names["agent"][-3:] == ["input_fields", "output_fields", "async_task"]
    assert "lang" in names["agent"] and "template_source" not in names["agent"]
    assert names["project"] == ["name", "lang", "template_source"]
    lang = next(q for q in by_type["api"]["questions"] if q["name"] == "lang")
    assert lang["choices"] == ["fr", "en"] and lang["default"] == "fr"
    component = {q["name"]: q for q in by_type["component"]["questions"]}
    assert component["route"]["when"] == "asked for kind=page"
    assert component["reusable"]["when"] == "asked for kind=component"
    assert component["kind"]["when"] is None
    feature = {q["name"]: q for q in by_type["feature"]["questions"]}
    assert feature["with_model"]["when"] == "asked for backend=true"
    # The per-type table comes from work_types.yml.
    assert by_type["agent"]["log_folder"] == "agents"
    assert by_type["agent"]["command"] == "/create-agent"
    assert by_type["agent"]["reference"] == "docs/tech/DOC-TECH-004_AGENT_PROMPTS.md"
    assert by_type["feature"]["coverage"] == {"backend": 80, "frontend": 70}
    assert listed["template"]["commit"]
    assert_untouched(project)


def test_new_and_plan_help_list_the_types_and_their_questions(project):
    for command in ("new", "plan"):
        result = ok(scaffold_cmd(project, command, "--help"))
        assert "agent: an AI agent with its prompt and Celery task" in result.stdout
        assert "--data route=..." in result.stdout and "asked for kind=page" in result.stdout


# --- plan, then new -----------------------------------------------------------


@pytest.mark.parametrize(("type_", "name", "answers"), UNITS, ids=[u[1] for u in UNITS])
def test_plan_shows_byte_for_byte_what_new_writes(project, type_, name, answers):
    args = [type_, name, *data_args(answers)]
    planned = json.loads(ok(scaffold_cmd(project, "plan", *args, "--json")).stdout)
    assert_untouched(project)
    assert planned, "plan found nothing to create"

    created = json.loads(ok(scaffold_cmd(project, "new", *args, "--json")).stdout)
    assert created["unit"] == f"{type_}-{name}"
    assert created["files"] == sorted(e["path"] for e in planned if e["status"] == "created")
    assert created["documents"] == sorted(e["path"] for e in planned if e["status"] == "modified")
    assert f".copier-answers/{type_}-{name}.yml" in created["files"]
    if type_ in ("fix", "test"):
        assert created["log"] is None or created["log"] in created["files"]
    else:
        assert created["log"] in created["files"]
        assert created["log"].startswith("docs/workflow/logs/")

    for entry in planned:
        path = project / entry["path"]
        if entry["status"] == "created":
            ending = "" if entry.get("no_newline_at_end") else "\n"
            expected = ("\n".join(entry["added"]) + ending).encode("utf-8")
            assert path.read_bytes() == expected, entry["path"]
        else:
            assert entry["status"] == "modified"
            diff = git(project, "diff", "-U0", "--", entry["path"])
            added = [
                line[1:]
                for line in diff.splitlines()
                if line.startswith("+") and not line.startswith("+++ ")
            ]
            assert added == entry["added"], entry["path"]
    commit_all(project, f"{type_}-{name}")


def test_plan_prints_a_unified_diff(project):
    result = ok(scaffold_cmd(project, "plan", "agent", "lead-scorer"))
    assert "+++ b/backend/app/agents/lead_scorer.py" in result.stdout
    assert "new file mode" in result.stdout
    assert "--- a/docs/workflow/STATUS.md" in result.stdout
    assert_untouched(project)


@pytest.mark.parametrize(
    "args",
    [
        ["agent", "Bad_Name"],
        ["api", "leads-again", "--data", "fields=email:nosuchtype"],
        ["agent", "an-agent", "--data", "lang=de"],
        ["component", "a-page", "--data", "kind=page", "--data", "route=Not A Route"],
    ],
)
def test_a_refusal_is_the_same_line_for_plan_and_new(project, args):
    planned = scaffold_cmd(project, "plan", *args)
    assert_untouched(project)
    created = scaffold_cmd(project, "new", *args)
    assert_untouched(project)
    assert planned.returncode == created.returncode == 1
    assert planned.stdout == created.stdout == ""
    assert planned.stderr == created.stderr
    assert len(created.stderr.strip().splitlines()) == 1, created.stderr


# --- delegations and usage ----------------------------------------------------


def test_check_json_is_workflow_checks_report(project):
    result = scaffold_cmd(project, "check", "--json")
    reports = json.loads(result.stdout)
    assert isinstance(reports, list) and reports
    for report in reports:
        assert set(report) == {"unit", "log", "problems", "checked", "ok"}
        assert report["ok"] == (not report["problems"])
    assert result.returncode == (0 if all(report["ok"] for report in reports) else 1)
    # The units made above are there, each with its log.
    units = {report["unit"] for report in reports}
    assert "agent-bant-qualifier" in units or any("bant-qualifier" in u for u in units)
    direct = subprocess.run(
        [str(project / "backend/.venv/bin/vectra-scaffold"), "check", "--json"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert (direct.returncode, direct.stdout) == (result.returncode, result.stdout)


def test_remove_and_docs_sync_delegate(project):
    refused = scaffold_cmd(project, "remove", "agent-no-such-unit", "--json")
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["removed"] is False
    assert scaffold_cmd(project, "remove", "not a unit id").returncode == 2
    removed = json.loads(ok(scaffold_cmd(project, "remove", "fix-broken-score", "--json")).stdout)
    assert removed["removed"] is True
    ok(scaffold_cmd(project, "docs-sync"))
    assert_untouched(project)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["nosuch"],
        ["new", "agent"],
        ["plan"],
        ["new", "agent", "x-y", "--data", "novalue"],
        ["new", "agent", "x-y", "--data", "name=other"],
        ["new", "project", "again"],
        ["list", "--nosuch"],
        ["remove"],
        ["check", "extra"],
    ],
)
def test_usage_errors_exit_2(project, args):
    result = scaffold_cmd(project, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "usage:" in result.stderr
    assert_untouched(project)


def test_outside_a_project_it_refuses_in_one_line(project, tmp_path):
    result = subprocess.run(
        [str(project / "backend/.venv/bin/vectra-scaffold"), "list"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "vectra-scaffold: no .copier-answers.yml here: run it from the project's root"
    ]


# --- update: some units, --check, --json, --vcs-ref --------------------------

PROMPT = "template/unit/{% if unit.writes.backend %}backend{% endif %}/{% if unit.writes.backend_app %}app{% endif %}/agents/{% if unit.writes.prompt %}prompts{% endif %}/{{ unit.module }}.md.jinja"  # noqa: E501
AGENTS = ["agent-lead-scorer", "agent-lead-router"]


@pytest.fixture(scope="module")
def template_clone(committed_template, tmp_path_factory):
    """A clone of the committed template, tagged v1, that the update tests may move on."""
    clone = tmp_path_factory.mktemp("update-template") / "template"
    git(committed_template.parent, "clone", "-q", str(committed_template), str(clone))
    git(clone, "config", "user.email", "dev@vectra.test")
    git(clone, "config", "user.name", "VECTRA dev")
    git(clone, "config", "commit.gpgsign", "false")
    git(clone, "tag", "v1")
    return clone


@pytest.fixture(scope="module")
def updating(installed_project, template_clone, tmp_path_factory):
    """A project with two agents scaffolded from the clone at v1."""
    project = project_sharing_installs(
        installed_project, tmp_path_factory.mktemp("scaffold-update") / "vectra"
    )
    use_template_source(project, template_clone)
    for unit in AGENTS:
        ok(scaffold_cmd(project, "new", "agent", unit.removeprefix("agent-")))
        commit_all(project, unit)
    return project


def update_json(project: Path, *args: str) -> tuple[int, dict]:
    result = scaffold_cmd(project, "update", *args, "--json")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.returncode, json.loads(result.stdout)


def statuses(report: dict) -> dict[str, str]:
    return {entry["unit"]: entry["status"] for entry in report["units"]}


def test_update_check_json_reports_current_units(updating):
    status, report = update_json(updating, "--check", *AGENTS)
    assert status == 0
    assert statuses(report) == dict.fromkeys(AGENTS, "current")
    assert report["stopped_at"] is None
    for entry in report["units"]:
        assert set(entry) == {"unit", "from", "to", "status", "commit"}
        assert entry["from"] == entry["to"] and entry["commit"] is None
    assert_untouched(updating)


def test_update_one_unit_that_is_behind(updating, template_clone):
    prompt = template_clone / PROMPT
    prompt.write_text(prompt.read_text(encoding="utf-8") + "\nv2 prompt note.\n", "utf-8")
    commit_all(template_clone, "v2")
    git(template_clone, "tag", "v2")

    checked = scaffold_cmd(updating, "update", "--check", *AGENTS)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    for unit in AGENTS:
        assert f".copier-answers/{unit}.yml: v1 -> v2 (behind)" in checked.stdout
    status, report = update_json(updating, "--check", *AGENTS)
    assert status == 1 and statuses(report) == dict.fromkeys(AGENTS, "behind")
    assert_untouched(updating)

    head = git(updating, "rev-parse", "HEAD").strip()
    status, report = update_json(updating, AGENTS[0])
    assert status == 0
    assert report == {
        "units": [
            {
                "unit": AGENTS[0],
                "from": "v1",
                "to": "v2",
                "status": "updated",
                "commit": git(updating, "rev-parse", "HEAD").strip(),
            }
        ],
        "stopped_at": None,
        "to": "v2",
        "commit": git(template_clone, "rev-parse", "v2^{commit}").strip(),
    }
    assert git(updating, "rev-list", f"{head}..HEAD").split() == [report["units"][0]["commit"]]
    changed = git(updating, "diff", "--name-only", head, "HEAD").split()
    assert f".copier-answers/{AGENTS[0]}.yml" in changed
    assert "backend/app/agents/prompts/lead_scorer.md" in changed
    assert not [path for path in changed if "lead_router" in path or AGENTS[1] in path]
    assert "v2 prompt note." in (updating / "backend/app/agents/prompts/lead_scorer.md").read_text(
        encoding="utf-8"
    )
    assert_untouched(updating)

    status, report = update_json(updating, "--check", *AGENTS)
    assert status == 1
    assert statuses(report) == {AGENTS[0]: "current", AGENTS[1]: "behind"}


def test_update_to_a_vcs_ref(updating):
    # agent-lead-router is still at v1 (the test above moved only the scorer).
    status, report = update_json(updating, AGENTS[1], "--check", "--vcs-ref", "v1")
    assert status == 0 and statuses(report) == {AGENTS[1]: "current"}
    status, report = update_json(updating, AGENTS[1], "--vcs-ref", "v2")
    assert status == 0
    (entry,) = report["units"]
    assert (entry["from"], entry["to"], entry["status"]) == ("v1", "v2", "updated")
    assert entry["commit"] == git(updating, "rev-parse", "HEAD").strip()
    answers = yaml.safe_load((updating / f".copier-answers/{AGENTS[1]}.yml").read_text())
    assert answers["_commit"] == "v2"
    assert_untouched(updating)
    # copier refuses a downgrade: the unit failed, the run stopped there, nothing changed.
    head = git(updating, "rev-parse", "HEAD").strip()
    result = scaffold_cmd(updating, "update", *AGENTS, "--vcs-ref", "v1", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert statuses(report) == {AGENTS[0]: "failed", AGENTS[1]: "behind"}
    assert report["stopped_at"] == AGENTS[0]
    assert len(result.stderr.strip().splitlines()) >= 1
    assert "scaffold-update: copier update failed" in result.stderr.strip().splitlines()[-1]
    assert git(updating, "rev-parse", "HEAD").strip() == head
    assert_untouched(updating)


def test_update_refuses_an_unknown_unit_in_one_line(updating):
    for args in (["agent-no-such-unit"], ["agent-no-such-unit", "--check", "--json"]):
        result = scaffold_cmd(updating, "update", AGENTS[0], *args)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            "scaffold-update: no unit agent-no-such-unit in this project"
        ]
    assert_untouched(updating)


def test_make_targets_run_the_scaffold_command(project):
    listed = subprocess.run(
        ["make", "--no-print-directory", "scaffold", "ARGS=list --json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert "agent" in {entry["type"] for entry in json.loads(listed.stdout)["types"]}
    usage = subprocess.run(["make", "scaffold"], cwd=project, capture_output=True, text=True)
    assert usage.returncode != 0
    commands = "list|new|plan|update|upgrade|remove|status|check|docs-sync|format"
    usage_line = f'usage: make scaffold ARGS="<{commands}> ..."'
    assert usage_line in usage.stderr
    unknown = subprocess.run(
        ["make", "--no-print-directory", "scaffold-update", "UNITS=agent-nobody"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert unknown.returncode != 0
    assert "no unit agent-nobody in this project" in unknown.stderr
