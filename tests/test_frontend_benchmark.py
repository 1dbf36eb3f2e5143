"""The frontend benchmark's section of docs/benchmarks.md, from its measures (the
measures themselves need a built app, Chromium and Lighthouse: scripts/benchmark.py
--frontend)."""

import importlib.util
import sys

from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "frontend_benchmark", ROOT / "scripts/frontend_benchmark.py"
)
frontend_benchmark = importlib.util.module_from_spec(spec)
sys.modules["frontend_benchmark"] = frontend_benchmark  # its dataclass looks its module up
spec.loader.exec_module(frontend_benchmark)
Page = frontend_benchmark.Page


def test_the_section_gives_each_page_its_weight_and_each_audited_page_its_scores():
    pages = [
        Page("/", 10, 597.8, 180.09),
        Page("/campaigns", 11, 610.0, 184.96, performance=96.0, lcp_ms=1834.0, tbt_ms=201.4),
    ]

    text = frontend_benchmark.section(pages, ["- measured on 2026-12-06"], runs=3)

    assert text.startswith("## Frontend first-load JavaScript\n\n- measured on 2026-12-06\n")
    # Beside the figures of the version it is compared with, named in the headers.
    assert "| page | scripts | raw (kB) | gzip (kB) | gzip at 1af0224 (kB) |" in text
    assert "| `/` | 10 | 597.8 | 180.1 | 169.8 |" in text
    assert "| `/campaigns` | 96 | 1.8 s | 201 ms | 95 | 2.2 s |" in text
    assert "median of 3 runs" in text


def test_a_page_not_measured_before_says_so():
    text = frontend_benchmark.section([Page("/new-page", 3, 1.0, 0.5)], [], runs=3)

    assert "| `/new-page` | 3 | 1.0 | 0.5 | - |" in text
