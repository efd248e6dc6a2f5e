"""Aliases and merge keys in scenario files: a recursive or exploding alias is one problem,
a merged key may be overridden but a key written twice may not."""

from __future__ import annotations

from pathlib import Path

from harness.runner.files.loader import problems_in


def _problems(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return [(p.line, p.message) for p in problems_in(path)[0]]


BASE = "name: x\nchannels: {backmarket: {}}\nsteps: [{import: backmarket}]\n"


def test_a_recursive_alias_is_one_problem_on_its_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, "tags: &a [*a]\n" + BASE) == [
        (1, "an alias refers to the value containing it")
    ]


def test_aliases_that_explode_are_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (problem,) = _problems(tmp_path, "\n".join(lines) + "\n" + BASE)
    assert "expands to more than 100000 values" in problem[1]


def test_a_merge_key_may_be_overridden_but_a_key_written_twice_may_not(tmp_path: Path) -> None:
    text = (
        "name: m\n"
        "channels: {backmarket: {}}\n"
        "steps:\n"
        '  - ship: &s {channel: backmarket, order: 1001, carrier: UPS, tracking: "1"}\n'
        "  - ship: {<<: *s, order: 1002}\n"
        '  - ship: {channel: backmarket, order: 1, order: 2, carrier: UPS, tracking: "1"}\n'
    )
    assert _problems(tmp_path, text) == [
        (6, "key 'order' appears twice in the same mapping (first on line 6)")
    ]
