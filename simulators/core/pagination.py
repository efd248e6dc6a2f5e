"""Page-number pagination and the links between pages, for any channel that pages this way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.datastructures import URL

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
    return page_links(url, param, number)[0]


def page_links(url: str, param: str, *numbers: int | None) -> list[str | None]:
    """:func:`page_link` for each of ``numbers``, the url read once."""
    if all(number is None for number in numbers):
        return [None] * len(numbers)
    parts = urlsplit(url)
    pairs = (_pair(raw) for raw in parts.query.split("&"))
    others = "&".join(pair[1] for pair in pairs if pair is not None and pair[0] != param)
    head = urlunsplit(parts._replace(query="", fragment="")) + "?"
    lead = f"{others}&" if others else ""
    tail = f"#{parts.fragment}" if parts.fragment else ""
    return [
        None if number is None else f"{head}{lead}{urlencode([(param, str(number))])}{tail}"
        for number in numbers
    ]


@lru_cache(maxsize=4096)
def _pair(raw: str) -> tuple[str, str] | None:
    """One ``&``-separated piece of a query: its name and the piece as ``urlencode`` writes
    it back after ``parse_qsl`` (None when ``parse_qsl`` keeps nothing of it); remembered,
    as clients send the same pieces again and again."""
    found = parse_qsl(raw, keep_blank_values=True)
    if not found:
        return None
    return found[0][0], urlencode(found)


def request_url(scope: Mapping[str, Any]) -> str:
    """The URL of the request in ``scope``, as starlette's ``request.url`` writes it.

    Starlette builds it from the scheme, the Host header (or the server), the path and the
    query string, and joins the query last (``urlunsplit``): the part before the query is
    worked out once per scheme, host, server and path.
    """
    host = next((value for key, value in scope["headers"] if key == b"host"), None)
    query = scope.get("query_string", b"").decode()
    server = scope.get("server")
    server = tuple(server) if server is not None else None  # ASGI allows a list
    base = _url_base(scope.get("scheme", "http"), server, scope["path"], host)
    return f"{base}?{query}" if query else base


@lru_cache(maxsize=1024)
def _url_base(scheme: str, server: Any, path: str, host: bytes | None) -> str:
    headers = [(b"host", host)] if host is not None else []
    scope = {"scheme": scheme, "server": server, "path": path, "headers": headers}
    return str(URL(scope=scope))
