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


def load(text: str) -> tuple[Any, Lines]:
    """The document's data and the lines of its parts."""
    loader = yaml.SafeLoader(text)
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


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, lines: Lines) -> Any:
    lines.values[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise YamlProblem(key_node.start_mark.line + 1, "a mapping key must be a scalar")
            if key in out:
                first = lines.keys[(*path, key)]
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f"key {key!r} appears twice in the same mapping (first on line {first})",
                )
            lines.keys[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, (*path, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
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
