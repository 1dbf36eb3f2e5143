"""The growing project of `scripts/benchmark.py --suites`: the issue's mix, and
every unit one the rules accept (the benchmark would otherwise stop half-way)."""

import importlib.util
import sys
from collections import Counter

from conftest import ROOT
from test_bad_input import first_error
from vectra_scaffold import naming

SCRIPT = ROOT / "scripts/suite_benchmark.py"
spec = importlib.util.spec_from_file_location("suite_benchmark", SCRIPT)
suite_benchmark = importlib.util.module_from_spec(spec)
sys.modules["suite_benchmark"] = suite_benchmark  # its dataclass looks its module up
spec.loader.exec_module(suite_benchmark)


def test_a_hundred_units_in_the_mix_of_a_teams_months():
    units = suite_benchmark.units(100)

    kinds = Counter(unit.get("kind", unit["type"]) for unit in units)
    assert kinds == {"api": 30, "agent": 20, "component": 15, "page": 5, "feature": 10,
                     "database": 10, "test": 5, "fix": 5}  # fmt: skip
    assert len({(unit["type"], unit["name"]) for unit in units}) == 100
    assert suite_benchmark.units(10) == units[:10]


def test_every_unit_of_the_mix_is_accepted_and_a_test_targets_an_earlier_agent():
    units = suite_benchmark.units(100)
    agents: list[str] = []
    for unit in units:
        answers = {"date": "2026-01-15", **unit}
        if unit["type"] in ("api", "feature"):
            answers.setdefault("entity", naming.default_entity(unit["name"]))
        assert first_error(answers) == "", unit
        if unit["type"] == "agent":
            agents.append(unit["name"])
        if unit["type"] == "test":
            assert unit["target"] in agents


def test_the_test_count_is_read_from_pytests_summary_with_the_failures():
    output = (
        "....\nFAILED tests/test_regression_x.py::t\n"
        "=== 1 failed, 2303 passed, 42 skipped in 9.7s ===\n"
    )
    assert suite_benchmark.tests_run(output) == 2304
