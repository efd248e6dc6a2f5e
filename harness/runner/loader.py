"""Read scenario files: YAML with line numbers, the schema, then what the schema cannot say.

Every mistake is reported, each with its file and line and what was expected; nothing runs
until a file is free of them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from harness.runner import schema as scenario_schema
from harness.runner.problems import Problem, ScenarioError, display
from harness.runner.scenario import DEFAULT_CLOCK, Call, ChannelSetup, Scenario
from harness.runner.timeparse import ClockError, instant, seconds
from harness.runner.yaml_lines import Lines, YamlProblem, load

SUFFIXES = (".yaml", ".yml")


@cache
def _validator(channels: tuple[str, ...]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(scenario_schema.build(list(channels)))


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


def _where(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _message(error: ValidationError) -> tuple[tuple[Any, ...], bool, str]:
    """(path, whether the line is the key's, message) for one schema error."""
    path = tuple(error.absolute_path)
    where = _where(path)
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.schema_path:
        # jsonschema reports the key itself as the instance, at the mapping's path.
        allowed = error.validator_value if error.validator == "enum" else []
        names = [str(n) for n in allowed] if isinstance(allowed, list) else []
        kind = str(schema.get("description", "key")).removeprefix("a ")
        close = difflib.get_close_matches(str(value), names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        known = f"; known: {', '.join(names)}" if names else ""
        return (*path, value), True, f"{where}: unknown {kind} {value!r}{hint}{known}"
    if error.validator == "maxProperties" and isinstance(value, dict):
        first, *rest = list(value)
        return (
            (*path, rest[0]),
            True,
            (
                f"{where}: a step is one `name: arguments` pair, this one has {len(value)} keys "
                f"({', '.join(map(str, value))}); indent {', '.join(map(repr, rest))} under "
                f"{first!r}, or start a new step with '- '"
            ),
        )
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = list(schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        key = extra[0] if extra else ""
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return (
            (*path, key),
            True,
            (f"{where}: unknown key {key!r}{hint}; expected one of {', '.join(allowed)}"),
        )
    if error.validator == "required":
        return (
            path,
            False,
            f"{where}: {error.message.replace(' is a required property', '')}" + " is required",
        )
    if error.validator == "type":
        wanted = schema.get("type")
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        hint = ""
        if wanted == "string" and isinstance(value, int | float) and not isinstance(value, bool):
            hint = f' (quote it: "{value}")'
        return path, False, f"{where}: expected {wanted}, got {_yaml_type(value)} {value!r}{hint}"
    if error.validator in ("oneOf", "anyOf") and error.context:
        return _message(best_match(error.context))
    return path, False, f"{where}: {error.message}"


def _yaml_type(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    return "null" if value is None else names.get(type(value), "mapping")


def _semantic(data: dict[str, Any], lines: Lines, file: str) -> list[Problem]:
    """What the schema cannot say: instants, durations, channels the steps name."""
    problems = []

    def bad(path: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(file, lines.of(path), message))

    if "clock" in data:
        try:
            instant(data["clock"])
        except ClockError as exc:
            bad(("clock",), f"clock: {exc}")
    declared = set(data.get("channels") or {})
    for name, setup in (data.get("channels") or {}).items():
        for key in ("connection", "simulator"):
            for field in ("overlap", "first_import", "skew"):
                value = (setup.get(key) or {}).get(field)
                if value is not None:
                    try:
                        seconds(value)
                    except ClockError as exc:
                        bad(("channels", name, key, field), f"channels.{name}.{key}.{field}: {exc}")
    for i, step in enumerate(data.get("steps") or []):
        for step_name, args in step.items():
            channel = args if isinstance(args, str) and step_name not in _CLOCK_STEPS else None
            if isinstance(args, dict):
                channel = args.get("channel")
            if channel is not None and channel not in declared:
                bad(
                    ("steps", i, step_name),
                    f"steps[{i}].{step_name}: channel {channel!r} is not declared under "
                    f"channels: ({', '.join(sorted(declared)) or 'none'})",
                )
            if step_name in _CLOCK_STEPS:
                try:
                    (instant if step_name == "set_clock" else seconds)(args)
                except ClockError as exc:
                    bad(("steps", i, step_name), f"steps[{i}].{step_name}: {exc}")
    return problems


_CLOCK_STEPS = frozenset({"advance_clock", "set_clock"})


def problems_in(path: Path) -> tuple[list[Problem], Any, Lines]:
    """Every mistake in one file, and its data when it parsed."""
    file = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(file, 1, f"cannot read the file: {exc}")], None, Lines()
    try:
        data, lines = load(text)
    except YamlProblem as exc:
        return [Problem(file, exc.line, exc.message)], None, Lines()
    if not isinstance(data, dict):
        return (
            [Problem(file, 1, "a scenario is a mapping with name, channels and steps")],
            None,
            lines,
        )
    errors = list(_validator(known_channels()).iter_errors(data))
    # A step with several keys is an indentation slip: say that once, not every consequence.
    crowded = [tuple(e.absolute_path) for e in errors if e.validator == "maxProperties"]
    found = []
    for error in errors:
        at = tuple(error.absolute_path)
        if error.validator != "maxProperties" and any(at[: len(c)] == c for c in crowded):
            continue
        where, on_key, message = _message(error)
        found.append(Problem(file, lines.of(where, key=on_key), message))
    if not found:
        found = _semantic(data, lines, file)
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
    )
