"""Read scenario files: YAML with line numbers, the schema, then what the schema cannot say.

Every mistake is reported, each with its file and line and what was expected; nothing runs
until a file is free of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from harness.runner.files import fault_rules, simulator_settings
from harness.runner.files import schema as scenario_schema
from harness.runner.files.messages import message, where
from harness.runner.files.problems import Problem, ScenarioError, display
from harness.runner.files.references import undeclared
from harness.runner.files.scenario import DEFAULT_CLOCK, Call, ChannelSetup, Scenario
from harness.runner.files.timeparse import ClockError, instant, seconds
from harness.runner.files.yaml_lines import Lines, YamlProblem, load

SUFFIXES = (".yaml", ".yml")


@cache
def _validator(channels: tuple[str, ...]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        scenario_schema.build(list(channels)), format_checker=_format_checker()
    )


def known_channels() -> tuple[str, ...]:
    """The channel names of the registry."""
    from simulators.core.registry import load_registry

    return tuple(load_registry())


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Scenario files: each file given, and every ``*.yaml`` under each folder, sorted."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _format_checker() -> jsonschema.FormatChecker:
    """Instants and durations as the clock reads them."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("chansim-instant", raises=ClockError)
    def _instant(value: object) -> bool:
        return not isinstance(value, str) or bool(instant(value))

    @checker.checks("chansim-duration", raises=ClockError)
    def _duration(value: object) -> bool:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            seconds(value)
        return True

    return checker


def problems_in(path: Path) -> tuple[list[Problem], Any, Lines]:
    """Every mistake in one file, and its data when it parsed."""
    file = display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [Problem(file, 1, f"cannot read the file: {exc.strerror or exc}")], None, Lines()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        why = f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        return [Problem(file, line, why)], None, Lines()
    try:
        data, lines = load(text)
    except YamlProblem as exc:
        return [Problem(file, exc.line, exc.message)], None, Lines()
    if not isinstance(data, dict):
        empty = "the file is empty; " if data is None else ""
        shape = f"{empty}a scenario is a mapping with name, channels and steps"
        return [Problem(file, 1, shape)], None, lines
    errors = list(_validator(known_channels()).iter_errors(data))
    # A step with several keys is an indentation slip: say that once, not every consequence.
    crowded = [tuple(e.absolute_path) for e in errors if e.validator == "maxProperties"]
    found = []
    for error in errors:
        at = tuple(error.absolute_path)
        if error.validator != "maxProperties" and any(at[: len(c)] == c for c in crowded):
            continue
        at, on_key, text = message(error)
        found.append(Problem(file, lines.of(at, key=on_key), text))

    def report(at: tuple[Any, ...], text: str) -> None:
        found.append(Problem(file, lines.of(at, key=True), f"{where(at)}: {text}"))

    undeclared(data, report)
    fault_rules.check(data, report)
    simulator_settings.check(data, report)
    return sorted(set(found)), data, lines


def load_scenario(path: Path, *, seed: int | None = None) -> Scenario:
    """A scenario ready to run; ScenarioError listing every mistake otherwise."""
    problems, data, lines = problems_in(path)
    if problems:
        raise ScenarioError(problems)
    channels = {
        name: ChannelSetup(
            name=name,
            line=lines.of(("channels", name), key=True),
            connection=dict(setup.get("connection") or {}),
            simulator=dict(setup.get("simulator") or {}),
            orders=tuple(
                (o, lines.of(("channels", name, "orders", i)))
                for i, o in enumerate(setup.get("orders") or [])
            ),
            faults=tuple(
                (f, lines.of(("channels", name, "faults", i)))
                for i, f in enumerate(setup.get("faults") or [])
            ),
        )
        for name, setup in data["channels"].items()
    }
    steps = tuple(
        Call(name, args, lines.of(("steps", i)))
        for i, step in enumerate(data["steps"])
        for name, args in step.items()
    )
    expect = tuple(
        Call(name, args, lines.of(("expect", name), key=True))
        for name, args in (data.get("expect") or {}).items()
    )
    return Scenario(
        path=path,
        file=display(path),
        name=data["name"],
        seed=data.get("seed", 0) if seed is None else seed,
        clock=str(data.get("clock", DEFAULT_CLOCK)),
        channels=channels,
        steps=steps,
        expect=expect,
        lines=lines,
        description=data.get("description", ""),
        tags=tuple(data.get("tags", ())),
        requires=tuple(data.get("requires", ())),
    )
