"""Orders kept in the order a listing shows them, so a page costs O(log n + page size).

A backend puts an order back after every change that may move it (its sort date, or whether
it is listed at all) and bisects on the leading sort field for a window's bounds. Filters the
index does not order by are applied to the window by a :class:`FilterMemo`, computed once per
state version and reused by the pages that follow (a client walking pages changes nothing).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
R = TypeVar("R")
Key = tuple[Any, ...]


def _lead(key: Key) -> Any:
    return key[0]


class SortedIndex(Generic[T]):
    """Items sorted by ``key(item)``, a tuple whose last field tells items apart (their id)."""

    def __init__(self, key: Callable[[T], Key], *, reverse: bool = False) -> None:
        self._key = key
        self._reverse = reverse
        self._keys: list[Key] = []
        self._items: list[T] = []
        self._where: dict[Hashable, Key] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def put(self, item: T) -> None:
        """Add ``item``, or move it to where its key now sorts it."""
        key = self._key(item)
        old = self._where.get(key[-1])
        if old == key:
            return
        if old is not None:
            self._drop(old)
        at = bisect_left(self._keys, key)
        self._keys.insert(at, key)
        self._items.insert(at, item)
        self._where[key[-1]] = key

    def discard(self, ident: Hashable) -> None:
        """Forget the item with that id (nothing when it is not indexed)."""
        old = self._where.pop(ident, None)
        if old is not None:
            self._drop(old)

    def _drop(self, key: Key) -> None:
        at = bisect_left(self._keys, key)
        del self._keys[at]
        del self._items[at]

    def clear(self) -> None:
        """Forget every item."""
        self._keys.clear()
        self._items.clear()
        self._where.clear()

    # -- reading, in listing order (newest first when ``reverse``) ------------------------
    def bounds(self, low: Any | None = None, high: Any | None = None) -> tuple[int, int]:
        """The span of items whose leading key field is in ``[low, high]`` (None: open)."""
        lo = 0 if low is None else bisect_left(self._keys, low, key=_lead)
        hi = len(self._keys) if high is None else bisect_right(self._keys, high, key=_lead)
        return lo, max(lo, hi)

    def page(self, span: tuple[int, int], start: int, size: int) -> list[T]:
        """Items ``start`` to ``start + size`` of the span, in listing order."""
        lo, hi = span
        start = max(start, 0)
        if self._reverse:
            return self._items[max(lo, hi - start - size) : max(lo, hi - start)][::-1]
        return self._items[min(lo + start, hi) : min(lo + start + size, hi)]

    def view(self, span: tuple[int, int]) -> IndexView[T]:
        """The span as a sequence in listing order; slicing it costs the slice only."""
        return IndexView(self, span)

    def matching(self, span: tuple[int, int], keep: Callable[[T], bool]) -> list[T]:
        """Every item of the span that ``keep`` accepts, in listing order (one pass)."""
        lo, hi = span
        found = [item for item in self._items[lo:hi] if keep(item)]
        if self._reverse:
            found.reverse()
        return found


class IndexView(Sequence[T]):
    """A span of a :class:`SortedIndex` in listing order (valid until the index changes)."""

    def __init__(self, index: SortedIndex[T], span: tuple[int, int]) -> None:
        self._index = index
        self._span = span

    def __len__(self) -> int:
        return self._span[1] - self._span[0]

    @overload
    def __getitem__(self, at: int) -> T: ...

    @overload
    def __getitem__(self, at: slice) -> list[T]: ...

    def __getitem__(self, at: int | slice) -> T | list[T]:
        if isinstance(at, slice):
            start, stop, step = at.indices(len(self))
            if step != 1:
                raise ValueError("an index view slices with step 1 only")
            return self._index.page(self._span, start, stop - start)
        if not -len(self) <= at < len(self):
            raise IndexError(at)
        return self._index.page(self._span, at % len(self), 1)[0]


class FilterMemo(Generic[R]):
    """Results of recent filters, forgotten when the state version moves (at most ``size``)."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._version = -1
        self._found: dict[Hashable, R] = {}

    def get(self, version: int, query: Hashable, compute: Callable[[], R]) -> R:
        """The result for ``query`` at ``version``, computed when not known."""
        if version != self._version:
            self._found.clear()
            self._version = version
        found = self._found.get(query)
        if found is None:
            if len(self._found) >= self._size:
                self._found.pop(next(iter(self._found)))
            found = self._found[query] = compute()
        return found
