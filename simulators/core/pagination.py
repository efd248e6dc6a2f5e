"""Page-number pagination and the links between pages, for any channel that pages this way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

T = TypeVar("T")


class PageOutOfRange(LookupError):
    """A page number past the last page."""


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a result: its items, the total count and the neighbouring page numbers."""

    items: Sequence[T]
    count: int
    number: int
    next_number: int | None
    previous_number: int | None


def paginate(items: Sequence[T], page: int, size: int) -> Page[T]:
    """Cut page ``page`` (1-based) of ``size`` items; page 1 of nothing is an empty page."""
    count = len(items)
    last = max(1, -(-count // size))
    if page < 1 or page > last:
        raise PageOutOfRange(f"page {page} is out of range (1..{last})")
    start = (page - 1) * size
    return Page(
        items=items[start : start + size],
        count=count,
        number=page,
        next_number=page + 1 if page < last else None,
        previous_number=page - 1 if page > 1 else None,
    )


def page_link(url: str, param: str, number: int | None) -> str | None:
    """``url`` with its ``param`` query parameter set to ``number`` (None stays None)."""
    if number is None:
        return None
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
    query.append((param, str(number)))
    return urlunsplit(parts._replace(query=urlencode(query)))
