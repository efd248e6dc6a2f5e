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
    """Entries of one kind (``step`` or ``check``), listed in a fixed order: by the rank of
    their module in ``modules``, then as written in it (whatever order modules were imported
    in, the docs and "known: ..." lists read the same)."""

    def __init__(self, kind: str, modules: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.modules = modules
        self._entries: dict[str, Entry[F]] = {}

    def _rank(self, entry: Entry[F]) -> tuple[int, int]:
        module = getattr(entry.fn, "__module__", "").rsplit(".", 1)[-1]
        rank = self.modules.index(module) if module in self.modules else len(self.modules)
        code = getattr(entry.fn, "__code__", None)
        return rank, code.co_firstlineno if code is not None else 0

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
        close = difflib.get_close_matches(name, self.names(), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown {self.kind} {name!r}{hint}; known: {', '.join(self.names())}"

    def names(self) -> list[str]:
        """Registered names, in order."""
        return [entry.name for entry in self]

    def __iter__(self) -> Iterator[Entry[F]]:
        return iter(sorted(self._entries.values(), key=self._rank))

    def __contains__(self, name: object) -> bool:
        return name in self._entries
