"""Scenario files are read by libyaml when PyYAML has it: the same data and lines as PyYAML's
own parser, and a document with a problem is explained in PyYAML's words, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from harness.runner.files import yaml_lines
from harness.runner.files.yaml_lines import YamlProblem, load

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").rglob("*.yaml"))

pytestmark = pytest.mark.skipif(
    yaml_lines._FAST_LOADER is None, reason="PyYAML without libyaml: one parser only"
)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_read_every_scenario_alike(path):
    text = path.read_text(encoding="utf-8")
    assert yaml_lines._FAST_LOADER is not None
    fast = yaml_lines._load(text, yaml_lines._FAST_LOADER)
    own = yaml_lines._load(text, yaml.SafeLoader)
    assert fast == own


@pytest.mark.parametrize(
    "text",
    [
        "name: x\nsteps:\n  - import: backmarket\n    - advance_clock: PT1H\n",  # indentation
        "name: x\nsteps: [{import: backmarket}\n",  # a list not closed
        "name: x\n\tsteps: []\n",  # a tab
        "name: x\nname: y\n",  # a key twice
    ],
)
def test_a_problem_is_worded_and_placed_as_pyyamls_own_parser_says(monkeypatch, text):
    with pytest.raises(YamlProblem) as fast:
        load(text)
    monkeypatch.setattr(yaml_lines, "_FAST_LOADER", None)
    with pytest.raises(YamlProblem) as own:
        load(text)
    assert (fast.value.line, fast.value.message) == (own.value.line, own.value.message)
