"""Pages of a listing and the links between them."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import URL

from simulators.core.pagination import (
    PageOutOfRange,
    page_link,
    page_links,
    paginate,
    request_url,
)


def test_paginate_first_middle_and_last_page() -> None:
    items = list(range(25))
    first = paginate(items, 1, 10)
    assert list(first.items) == list(range(10))
    assert (first.count, first.number, first.next_number, first.previous_number) == (
        25,
        1,
        2,
        None,
    )
    middle = paginate(items, 2, 10)
    assert list(middle.items) == list(range(10, 20))
    assert (middle.next_number, middle.previous_number) == (3, 1)
    last = paginate(items, 3, 10)
    assert list(last.items) == [20, 21, 22, 23, 24]
    assert (last.next_number, last.previous_number) == (None, 2)


def test_paginate_exact_multiple_has_no_empty_trailing_page() -> None:
    items = list(range(20))
    assert paginate(items, 2, 10).next_number is None
    with pytest.raises(PageOutOfRange):
        paginate(items, 3, 10)


def test_paginate_single_page() -> None:
    page = paginate(["a", "b"], 1, 10)
    assert list(page.items) == ["a", "b"]
    assert (page.next_number, page.previous_number) == (None, None)


def test_paginate_empty_first_page() -> None:
    nothing: list[int] = []
    page = paginate(nothing, 1, 10)
    assert list(page.items) == []
    assert page.count == 0
    assert (page.next_number, page.previous_number) == (None, None)


@pytest.mark.parametrize(
    ("count", "page"),
    [(25, 4), (25, 0), (25, -1), (0, 2), (10, 2)],
)
def test_paginate_out_of_range_raises(count: int, page: int) -> None:
    with pytest.raises(PageOutOfRange) as caught:
        paginate(list(range(count)), page, 10)
    assert str(page) in str(caught.value)


def test_page_out_of_range_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        paginate([1], 2, 1)


def test_page_link_sets_the_page_and_keeps_other_params() -> None:
    link = page_link("http://h:8080/ws/orders?state=1&page=2&page_size=5", "page", 3)
    assert link is not None
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "h:8080", "/ws/orders")
    assert parse_qs(parts.query) == {"state": ["1"], "page": ["3"], "page_size": ["5"]}


def test_page_link_adds_the_page_when_absent() -> None:
    assert page_link("http://h/ws/orders", "page", 2) == "http://h/ws/orders?page=2"


def test_page_link_keeps_blank_and_encoded_params() -> None:
    link = page_link("http://h/ws/orders?date_creation=2026-03-10T12%3A00%3A00Z&x=", "page", 2)
    assert link is not None
    assert parse_qs(urlsplit(link).query, keep_blank_values=True) == {
        "date_creation": ["2026-03-10T12:00:00Z"],
        "x": [""],
        "page": ["2"],
    }


def test_page_link_of_no_page_is_none() -> None:
    assert page_link("http://h/ws/orders?page=1", "page", None) is None


QUERY_PIECES = st.sampled_from(
    ["page", "=", "&", "+", "%20", "%zz", "%", "x", "2026-03-10T12:00:00Z", "é", "page-size", "#"]
)


@given(
    url=st.tuples(
        st.sampled_from(
            ["http://h:8080/ws/orders", "https://h/a/b?x=1&page=3", "http://h/p?page=&y=%20&y=2",
             "http://[::1]:9/q?a=b#frag", "http://h/ns/abc/ws/orders?date=2026-03-10T12%3A00%3A00Z"]
        ),
        st.lists(QUERY_PIECES, max_size=10).map("".join),
    ).map(lambda parts: f"{parts[0]}{'&' if '?' in parts[0] else '?'}{parts[1]}"),
    numbers=st.lists(st.one_of(st.none(), st.integers(1, 300)), min_size=1, max_size=3),
)  # fmt: skip
def test_page_links_are_page_link_for_each_number(url: str, numbers: list[int | None]) -> None:
    def one_by_one(number: int | None) -> str | None:  # the link as built before page_links
        if number is None:
            return None
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
        query.append(("page", str(number)))
        return urlunsplit(parts._replace(query=urlencode(query)))

    assert page_links(url, "page", *numbers) == [one_by_one(n) for n in numbers]


@given(
    scheme=st.sampled_from(["http", "https"]),
    server=st.sampled_from(
        [("127.0.0.1", 80), ("127.0.0.1", 8080), ("::1", 443), None, ["testserver", 80]]
    ),
    path=st.sampled_from(["/ws/orders", "/ns/x/ws/orders", "/a?b", "//twice", "/"]),
    host=st.sampled_from([None, b"h:8080", b"example.com", b"bad host", b"[::1]:9"]),
    query=st.sampled_from([b"", b"page=2", b"a=%20&b=", b"x=\xc3\xa9"]),
)
def test_request_url_is_starlettes(
    scheme: str, server: Any, path: str, host: bytes | None, query: bytes
) -> None:
    headers = [(b"host", host)] if host is not None else []
    scope = {"scheme": scheme, "server": server, "path": path, "headers": headers}
    scope["query_string"] = query
    for _ in range(2):  # the second time from what was remembered
        assert request_url(scope) == str(URL(scope=scope))
