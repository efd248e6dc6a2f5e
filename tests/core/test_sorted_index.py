"""The sorted index listings page from: order kept on every change, windows by bisection."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulators.core.pagination import paginate
from simulators.core.sorted_index import FilterMemo, SortedIndex


@dataclass
class Item:
    id: int
    day: int
    kept: bool = True


def _index(items: list[Item], *, reverse: bool = False) -> SortedIndex[Item]:
    index: SortedIndex[Item] = SortedIndex(lambda i: (i.day, i.id), reverse=reverse)
    for item in items:
        index.put(item)
    return index


def _items(count: int) -> list[Item]:
    draw = random.Random(4)
    return [Item(n, draw.randrange(30)) for n in range(count)]


def test_pages_match_a_full_sort_whatever_the_insertion_order() -> None:
    items = _items(500)
    for reverse in (False, True):
        expected = sorted(items, key=lambda i: (i.day, i.id), reverse=reverse)
        view = _index(items, reverse=reverse).view((0, len(items)))
        for page in range(1, 11):
            assert list(paginate(view, page, 50).items) == expected[(page - 1) * 50 : page * 50]


def test_bounds_are_inclusive_on_the_leading_field() -> None:
    items = _items(300)
    for reverse in (False, True):
        index = _index(items, reverse=reverse)
        view = index.view(index.bounds(10, 12))
        expected = sorted(
            (i for i in items if 10 <= i.day <= 12), key=lambda i: (i.day, i.id), reverse=reverse
        )
        assert list(view[0 : len(view)]) == expected
        assert view[0] == expected[0] and view[-1] == expected[-1]


def test_an_item_moves_when_its_key_changes_and_leaves_when_discarded() -> None:
    items = [Item(1, 5), Item(2, 6), Item(3, 7)]
    index = _index(items)
    items[0].day = 9
    index.put(items[0])
    assert [i.id for i in index.view(index.bounds())[0:3]] == [2, 3, 1]
    index.discard(2)
    index.discard(42)  # never indexed: nothing happens
    assert [i.id for i in index.view(index.bounds())[0:3]] == [3, 1]
    assert len(index) == 2


def test_matching_filters_the_span_in_listing_order() -> None:
    items = _items(200)
    for item in items[::3]:
        item.kept = False
    index = _index(items, reverse=True)
    found = index.matching(index.bounds(5), lambda i: i.kept)
    expected = sorted(
        (i for i in items if i.kept and i.day >= 5), key=lambda i: (i.day, i.id), reverse=True
    )
    assert found == expected


def test_filter_memo_recomputes_after_a_change_only() -> None:
    memo: FilterMemo[list[int]] = FilterMemo(size=2)
    calls: list[str] = []

    def compute(tag: str) -> list[int]:
        calls.append(tag)
        return [len(calls)]

    assert memo.get(1, "a", lambda: compute("a")) == [1]
    assert memo.get(1, "a", lambda: compute("a")) == [1]
    assert memo.get(2, "a", lambda: compute("a")) == [2]  # the state moved on
    memo.get(2, "b", lambda: compute("b"))
    memo.get(2, "c", lambda: compute("c"))  # at most two kept: "a" goes
    memo.get(2, "a", lambda: compute("a"))
    assert calls == ["a", "a", "b", "c", "a"]
