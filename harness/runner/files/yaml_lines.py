"""Load YAML and remember the line of every key and value, for error messages.

Timestamps stay strings (a scenario's ``clock: 2026-03-10T12:00:00Z`` is text for the schema
and for the clock); a key given twice in one mapping is an error, not a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

KeyPath = tuple[Hashable, ...]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Lines:
    """Line numbers (1-based) by path: ``values`` for where a value starts, ``keys`` for where
    the key naming it is written."""

    values: dict[KeyPath, int] = field(default_factory=dict)
    keys: dict[KeyPath, int] = field(default_factory=dict)

    def of(self, path: KeyPath, *, key: bool = False) -> int:
        """The line of ``path``, else of its closest ancestor (1 for the document)."""
        path = tuple(path)
        while path:
            found = (self.keys.get(path) if key else None) or self.values.get(path)
            if found:
                return found
            path = path[:-1]
        return self.values.get((), 1)


class YamlProblem(ValueError):
    """Text that is not YAML, or a mapping with a key twice."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


#: libyaml's parser when PyYAML has it (about 6x faster: 67 scenario files in 45 ms, not 0.28 s).
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def load(text: str) -> tuple[Any, Lines]:
    """The document's data and the lines of its parts.

    Read by libyaml when available, else by PyYAML's own parser; a document either finds a
    problem in is read again by PyYAML's own, so every message is the one it words (and
    :data:`_PLAIN` explains), as before.
    """
    if _FAST_LOADER is not None:
        try:
            return _load(text, _FAST_LOADER)
        except (yaml.YAMLError, YamlProblem):
            pass
    return _load(text, yaml.SafeLoader)


def _load(text: str, loader_class: type[yaml.SafeLoader]) -> tuple[Any, Lines]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        lines = Lines()
        data = _build(loader, node, (), lines) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(line, f"not valid YAML: {_explain(exc, line)}") from None
    finally:
        loader.dispose()
    return data, lines


#: PyYAML's words → what a scenario author can act on.
_PLAIN = (
    ("expected <block end>, but found '<block mapping start>'",
     "this line is indented deeper than the lines above it; line it up with its siblings"),
    ("expected <block end>, but found '-'",
     "a list item ('- ') is not lined up with the items above it"),
    ("found character '\\t' that cannot start any token",
     "a tab; indent with spaces only"),
    ("mapping values are not allowed here",
     "a ':' where YAML does not expect one; check the indentation, or quote text with ': '"),
    ("expected ',' or '}'", "a '{' mapping is not closed with '}' (or a ',' is missing)"),
    ("expected ',' or ']'", "a '[' list is not closed with ']' (or a ',' is missing)"),
)  # fmt: skip


def _explain(exc: yaml.MarkedYAMLError, line: int) -> str:
    what = " ".join(p for p in (exc.context, exc.problem) if p)
    for words, plain in _PLAIN:
        if words in what:
            what = f"{plain} ({what})"
            break
    start = exc.context_mark.line + 1 if exc.context_mark else line
    return what + (f"; the block started on line {start}" if start != line else "")


#: How many values a document may expand to: aliases may not multiply it past this.
MAX_VALUES = 100_000
_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class _Budget:
    left: int = MAX_VALUES
    open: set[int] = field(default_factory=set)


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: KeyPath,
    lines: Lines,
    budget: _Budget | None = None,
) -> Any:
    budget = budget if budget is not None else _Budget()
    budget.left -= 1
    if budget.left < 0:
        raise YamlProblem(
            node.start_mark.line + 1,
            f"the document expands to more than {MAX_VALUES} values (aliases of aliases?)",
        )
    if id(node) in budget.open:
        raise YamlProblem(node.start_mark.line + 1, "an alias refers to the value containing it")
    budget.open.add(id(node))
    try:
        return _value(loader, node, path, lines, budget)
    finally:
        budget.open.discard(id(node))


def _value(
    loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, lines: Lines, budget: _Budget
) -> Any:
    lines.values[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        explicit = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE)
        loader.flatten_mapping(node)
        merged = len(node.value) - explicit  # "<<:" values come first; keys written win
        out: dict[Any, Any] = {}
        written: set[Any] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise YamlProblem(key_node.start_mark.line + 1, "a mapping key must be a scalar")
            if index >= merged:
                if key in written:
                    first = lines.keys[(*path, key)]
                    raise YamlProblem(
                        key_node.start_mark.line + 1,
                        f"key {key!r} appears twice in the same mapping (first on line {first})",
                    )
                written.add(key)
            lines.keys[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, (*path, key), lines, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, i), lines, budget) for i, item in enumerate(node.value)
        ]
    if node.tag == _TIMESTAMP:
        return node.value
    value = loader.construct_object(node, deep=True)
    if not isinstance(value, str | int | float | bool | type(None)):
        raise YamlProblem(
            node.start_mark.line + 1,
            f"a {type(value).__name__} value ({node.tag}); scenarios hold text, numbers, "
            "true/false, lists and mappings only",
        )
    return value
