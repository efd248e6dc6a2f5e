"""The naive engine against the library: exactly the scenarios in the README's table fail,
each for the reason shown, and every one of its four flaws is caught by some scenario."""

from __future__ import annotations

import re
from pathlib import Path

from examples.engines import table
from examples.engines.naive import FLAWS

README = Path(__file__).resolve().parents[2] / "README.md"


def _block() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(re.escape(table.START) + r"\n(.*?)" + re.escape(table.END), text, re.DOTALL)
    assert found, "README.md has no naive-engine block"
    return found.group(1)


def test_the_readme_table_is_what_the_library_finds_against_the_naive_engine() -> None:
    rendered = table.render()
    assert rendered == _block(), (
        "the naive engine's table drifted: python -m examples.engines.table --write README.md"
    )
    assert "every flaw is caught." in rendered
    for flaw in FLAWS:
        assert re.search(rf"^\| `[a-z_.]+` \|[^|]*\b{flaw}\b", rendered, re.MULTILINE), flaw
