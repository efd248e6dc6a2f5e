"""The mutation table in the README is in step with bench/mutant_list.py, and every mutant
still changes a line that exists (so a change of the engine shows up here, not silently)."""

from __future__ import annotations

import re
from pathlib import Path

from bench.mutant_list import MUTANTS
from bench.mutants import END, START, mutate, row_head

ROOT = Path(__file__).resolve().parents[2]


def _rows() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), text, re.DOTALL)
    assert found, "README.md has no mutants block"
    return [row for row in found.group(1).splitlines() if row.startswith("| `")]


def test_each_mutant_has_its_row_in_the_readme_in_order() -> None:
    rows = _rows()
    assert len(rows) == len(MUTANTS), "re-run: python bench/mutants.py --write README.md"
    for mutant, row in zip(MUTANTS, rows, strict=True):
        assert row.startswith(row_head(mutant) + " "), mutant.ident


def test_each_mutant_changes_one_existing_line() -> None:
    assert len({m.ident for m in MUTANTS}) == len(MUTANTS)
    for mutant in MUTANTS:
        original = (ROOT / mutant.file).read_text(encoding="utf-8")
        changed = mutate(original, mutant)
        diff = [
            (a, b)
            for a, b in zip(original.splitlines(), changed.splitlines(), strict=True)
            if a != b
        ]
        assert len(diff) == 1, mutant.ident


def test_a_surviving_mutant_is_explained_and_a_killed_one_names_its_scenario() -> None:
    for mutant, row in zip(MUTANTS, _rows(), strict=True):
        verdict = row[len(row_head(mutant)) :]
        if "**survives**" in verdict:
            assert mutant.survives and mutant.survives in verdict, mutant.ident
        else:
            assert re.match(r" `[a-z_]+\.[a-z0-9_]+`", verdict), (mutant.ident, verdict)
