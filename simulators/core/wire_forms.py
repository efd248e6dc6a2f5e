"""Each order's wire form, built once and rebuilt only when that order changes.

A listing or export page is the hot path of every channel: building and serialising 50 or 100
orders for each request would cost more than everything else a request does. A backend keeps
its orders' forms here, keyed by order, and forgets an order's forms when it changes that
order (its ``touch(order)``); a change that may reach every order (``touch()`` naming none)
forgets them all. Forms also depend on what every order is written with (the clock's
timezone): ``context`` names it, and a new value forgets every form.

Two forms are kept per order: the one ``build`` makes (a JSON object, an export view) and,
when first asked for, that form serialised (``serialise``), which a page splices in as it is
instead of serialising every order again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

import orjson

Item = TypeVar("Item")
Form = TypeVar("Form")
Serialised = TypeVar("Serialised")
T = TypeVar("T")

#: A form not kept yet (``None`` is a form: an order a vendor does not see).
_MISSING: Any = object()


def _nothing() -> None:
    return None


class WireForms(Generic[Item, Form, Serialised]):
    """Per-order caches of ``build(order)`` and of ``serialise(build(order))``."""

    def __init__(
        self,
        key: Callable[[Item], Hashable],
        build: Callable[[Item], Form],
        serialise: Callable[[Form], Serialised],
        context: Callable[[], Hashable] = _nothing,
    ) -> None:
        self._key = key
        self._build = build
        self._serialise = serialise
        self._context = context
        self._seen_context: Hashable = context()
        self._forms: dict[Hashable, Form] = {}
        self._serialised: dict[Hashable, Serialised] = {}

    def __call__(self, item: Item) -> Form:
        """The item's form, built now if the item changed since it was last built."""
        return self.all((item,))[0]

    def all(self, items: Iterable[Item]) -> list[Form]:
        """:meth:`__call__` of each item, in order (a page's worth)."""
        return self._kept(self._forms, items, self._build)

    def serialised(self, item: Item) -> Serialised:
        """The item's form serialised, built now if the item changed since."""
        return self.serialised_all((item,))[0]

    def serialised_all(self, items: Iterable[Item]) -> list[Serialised]:
        """:meth:`serialised` of each item, in order (a page's worth)."""
        return self._kept(self._serialised, items, self._serialised_form)

    def _serialised_form(self, item: Item) -> Serialised:
        return self._serialise(self(item))

    def _kept(
        self, kept: dict[Hashable, T], items: Iterable[Item], make: Callable[[Item], T]
    ) -> list[T]:
        """What ``kept`` holds for each item, made now for an item it does not hold."""
        self._check_context()
        key_of = self._key
        out = []
        for item in items:
            key = key_of(item)
            one = kept.get(key, _MISSING)
            if one is _MISSING:
                one = kept[key] = make(item)
            out.append(one)
        return out

    def forget(self, *items: Item) -> None:
        """Drop the forms of ``items`` (they changed); of every item when none is named."""
        if not items:
            self._forms.clear()
            self._serialised.clear()
            return
        for item in items:
            key = self._key(item)
            self._forms.pop(key, None)
            self._serialised.pop(key, None)

    def _check_context(self) -> None:
        current = self._context()
        if current != self._seen_context:
            self._seen_context = current
            self.forget()


def json_fragment(form: dict[str, Any]) -> orjson.Fragment:
    """A JSON object serialised once, for ``orjson.dumps`` to copy into a page as it is."""
    return orjson.Fragment(orjson.dumps(form))


#: The forms of a JSON channel: each order's object and its serialised fragment.
JsonForms = WireForms[Item, dict[str, Any], orjson.Fragment]
