"""Each order's written wire form, kept until that order changes.

A form is the bytes of one order's element as a reply carries it. It depends on the order and
on a *variant* (the distribution center it is written for, the server's timezone, the element
name and prefix): a form is found only under the variant it was written for, so a change of
timezone is never served a stale date. The backend forgets an order's forms whenever it
changes the order (:meth:`UltraCartBackend.changed`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

#: Variants kept per order before they are dropped (a DC or two, a timezone or two).
MAX_VARIANTS = 4


class OrderForms:
    """Written forms by order id and variant; one instance per backend."""

    def __init__(self) -> None:
        self._forms: dict[str, dict[Hashable, bytes | None]] = {}

    def get(
        self, order_id: str, variant: Hashable, write: Callable[[], bytes | None]
    ) -> bytes | None:
        """The order's form for ``variant``, written by ``write`` the first time it is asked
        for since the order last changed (None, kept too, when it cannot be written ahead)."""
        forms = self._forms.get(order_id)
        if forms is None:
            forms = self._forms[order_id] = {}
        elif variant in forms:
            return forms[variant]
        elif len(forms) >= MAX_VARIANTS:
            forms.clear()
        form = forms[variant] = write()
        return form

    def forget(self, order_id: str) -> None:
        """Drop every form of the order (it changed)."""
        self._forms.pop(order_id, None)

    def __len__(self) -> int:
        return len(self._forms)
