"""A run killed half-way leaves no half-written unit: the unit is not
"existing" until its answers, log and STATUS entry are all there, and the
same command run again completes it."""

import subprocess
import sys
import textwrap

import pytest
from conftest import DATE, ROOT, commit_all, copier_cli, git
from vectra_scaffold import data
from vectra_scaffold import unit as unit_model

FEATURE = {
    "type": "feature",
    "name": "campaign-wizard",
    "entity": "campaign",
    "fields": "name:str budget:int?",
    "date": DATE,
}
FILES_OF_A_FEATURE = len(unit_model.build_unit({**FEATURE, "revision": "r"}).files)

# Runs copier in-process and stops the process dead (os._exit, as a kill would)
# after LIMIT files, or before the tasks when LIMIT is "tasks".
DRIVER = textwrap.dedent(
    """
    import os, sys
    import copier
    from copier import _main

    limit, src, dst, answers = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    written = 0
    render_file = _main.Worker._render_file

    def counting(self, *args, **kwargs):
        global written
        if limit != "tasks" and written >= int(limit):
            os._exit(137)
        written += 1
        return render_file(self, *args, **kwargs)

    def tasks(self, *args, **kwargs):
        os._exit(137)

    _main.Worker._render_file = counting
    if limit == "tasks":
        _main.Worker._execute_tasks = tasks
    data = dict(answer.split("=", 1) for answer in answers)
    copier.run_copy(src, dst, data=data, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    """
)


def interrupted_copy(project, limit):
    answers = [f"{key}={value}" for key, value in FEATURE.items()]
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(limit), str(ROOT), str(project), *answers],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 137, result.stderr[-2000:]


def rerun(project):
    answers = [arg for key, value in FEATURE.items() for arg in ("--data", f"{key}={value}")]
    return copier_cli(
        "copy", "--trust", "--defaults", "-r", "HEAD", *answers, str(ROOT), str(project)
    )


@pytest.mark.parametrize("limit", [1, 12, FILES_OF_A_FEATURE - 1, "tasks"])
def test_the_same_command_completes_an_interrupted_unit(project, limit):
    interrupted_copy(project, limit)
    status = (project / data.STATUS_DOC).read_text(encoding="utf-8")
    assert "<!-- unit:feature-campaign-wizard -->" not in status

    result = rerun(project)

    assert result.returncode == 0, result.stderr[-2000:]
    log = project / data.log_path("feature", DATE, "campaign-wizard")
    listed = [
        line.strip("- `")
        for line in log.read_text(encoding="utf-8").splitlines()
        if line.startswith("- `")
    ]
    assert len([path for path in listed if not path.startswith("docs/")]) >= 20
    for path in listed:
        assert (project / path).is_file(), path
    status = (project / data.STATUS_DOC).read_text(encoding="utf-8")
    assert status.count("<!-- unit:feature-campaign-wizard -->") == 1
    answers = (project / ".copier-answers/feature-campaign-wizard.yml").read_text()
    assert "down_revision: 0001_initial" in answers  # not chained onto its own migration


def test_a_complete_unit_is_refused_as_existing(project):
    interrupted_copy(project, "tasks")
    assert rerun(project).returncode == 0
    commit_all(project, "feature")

    result = rerun(project)

    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert git(project, "status", "--porcelain") == ""
