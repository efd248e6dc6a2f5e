"""A named vocabulary entry (a step or a check): its function, argument schema and docs.

The docstring is the documentation a scenario author reads: its first paragraph is the
summary, and the lines after an ``Example:`` line are a YAML example that the test suite
validates against the entry's schema, so the generated docs cannot drift from the code.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Entry(Generic[F]):
    """One registered name."""

    name: str
    fn: F
    schema: Mapping[str, Any]

    @property
    def doc(self) -> str:
        """The docstring, dedented."""
        return inspect.cleandoc(self.fn.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first paragraph on one line."""
        return " ".join(self.doc.split("\n\n")[0].split())

    @property
    def details(self) -> str:
        """The docstring between the summary and the example."""
        body = self.doc.split("\n\n", 1)[1] if "\n\n" in self.doc else ""
        return body.split("Example:")[0].strip()

    @property
    def example(self) -> str:
        """The YAML after ``Example:``, dedented."""
        _, found, after = self.doc.partition("Example:")
        return inspect.cleandoc(after) if found else ""


class Registry(Generic[F]):
    """Entries of one kind (``step`` or ``check``), in registration order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, Entry[F]] = {}

    def register(self, name: str, schema: Mapping[str, Any]) -> Callable[[F], F]:
        """Decorator: register the function under ``name`` with its argument schema."""

        def add(fn: F) -> F:
            if name in self._entries:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
            self._entries[name] = Entry(name, fn, schema)
            return fn

        return add

    def get(self, name: str) -> Entry[F]:
        """The entry; KeyError with a suggestion when the name is unknown."""
        if name not in self._entries:
            raise KeyError(self.unknown(name))
        return self._entries[name]

    def unknown(self, name: str) -> str:
        """The message for an unknown name: a close match, then every known name."""
        close = difflib.get_close_matches(name, list(self._entries), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown {self.kind} {name!r}{hint}; known: {', '.join(self._entries)}"

    def names(self) -> list[str]:
        """Registered names, in order."""
        return list(self._entries)

    def __iter__(self) -> Iterator[Entry[F]]:
        return iter(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries
