"""Copier's prompts, driven as a person types them (pexpect): select menus,
a wrong answer asked again, only the type's questions, nothing asked that the
scaffold computes."""

import re
import sys

import pexpect
import yaml
from conftest import ROOT

DOWN, ENTER = "\x1b[B", "\r"
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(project):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "copier", "copy", "--trust", "-r", "HEAD", str(ROOT), "."],
        cwd=project,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=60,
        env={"PYTHONWARNINGS": "ignore", "PATH": "/usr/bin:/bin", "TERM": "xterm"},
    )
    child.screen = []
    child.logfile_read = Screen(child.screen)
    return child


class Screen:
    """What the terminal showed, escape sequences removed."""

    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.append(ESCAPES.sub("", text))

    def flush(self):
        pass


# The questions every unit answers after its name, by their help texts.
COMMON = [
    "Language",
    "Date of the unit",
    "Priority",
    "Status of the unit",
    "What this unit",
    "Issue or ticket",
    "Pull request",
]


def answer(child, prompts):
    """Take each prompt's default with Enter."""
    for prompt in prompts:
        child.expect(prompt)
        child.send(ENTER)


def test_an_agent_typed_at_the_prompt(project):
    child = spawn(project)
    child.expect("Work type")
    child.expect("project: bootstrap")  # the whole menu is drawn
    child.send(DOWN * 3 + ENTER)  # feature, component, api, agent
    child.expect("Name of the unit")
    child.sendline("Bad Name")
    child.expect("is not kebab-case")
    child.send("\x08" * 10)
    child.sendline("bant-qualifier")
    answer(child, [*COMMON, "Typed input", "Typed output", "Celery task"])
    child.expect(pexpect.EOF)
    child.close()
    shown = "".join(child.screen)

    assert child.exitstatus == 0, shown[-2000:]
    answers = yaml.safe_load((project / ".copier-answers/agent-bant-qualifier.yml").read_text())
    assert (answers["type"], answers["name"], answers["lang"]) == ("agent", "bant-qualifier", "fr")
    # The project's name is not offered as the unit's; no question of another type.
    assert "vectra" not in shown.split("Name of the unit")[1].split("\n")[0]
    assert "Resource entity" not in shown
    assert "docs/workflow/logs/agents/" in shown.split("Celery task")[-1]


def test_a_database_unit_records_its_revision_without_asking(project):
    child = spawn(project)
    child.expect("Work type")
    child.expect("project: bootstrap")
    child.send(DOWN * 4 + ENTER)  # ... agent, database
    child.expect("Name of the unit")
    child.sendline("add-lead-enrichment")
    answer(child, [*COMMON, "Resource entity", "Fields of the entity", "Migration message"])
    child.expect(pexpect.EOF)
    child.close()
    shown = "".join(child.screen)

    assert child.exitstatus == 0, shown[-2000:]
    answers = yaml.safe_load(
        (project / ".copier-answers/database-add-lead-enrichment.yml").read_text()
    )
    assert len(answers["revision"]) == 12
    assert answers["down_revision"] == "0001_initial"
    assert "Alembic revision" not in shown
    assert "Revision the migration follows" not in shown


def test_a_migration_message_that_breaks_its_rule_is_asked_again(project):
    child = spawn(project)
    child.expect("Work type")
    child.expect("project: bootstrap")
    child.send(DOWN * 4 + ENTER)  # ... agent, database
    child.expect("Name of the unit")
    child.sendline("add-lead-enrichment")
    answer(child, [*COMMON, "Resource entity", "Fields of the entity"])
    child.expect("Migration message")
    child.send('"' + ENTER)  # the default, with a double quote typed after it
    child.expect("msg: one line without double quotes or backslashes")
    child.send("\x08" + ENTER)
    child.expect(pexpect.EOF)
    child.close()
    shown = "".join(child.screen)

    assert child.exitstatus == 0, shown[-2000:]
    answers = yaml.safe_load(
        (project / ".copier-answers/database-add-lead-enrichment.yml").read_text()
    )
    assert answers["msg"] == "add lead enrichment"
