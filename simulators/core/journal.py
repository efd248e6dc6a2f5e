"""The request journal: every request a simulator served, recorded before the response is sent.

The journal is the oracle of scenarios and tests, so it must never race: an entry is appended
(under a lock) before the first byte of the response leaves, so a client that has its answer can
always read its own request back. It is bounded (oldest entries go first, and the number dropped
is counted) and queryable by operation, method, path, status and sequence number.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from simulators.core.secrets import mask_json, mask_query, mask_text, scrub_headers

#: Bodies up to ``BODY_FULL`` bytes are kept whole (single orders, errors, requests); larger
#: ones (pages of orders) as a ``BODY_PREVIEW``-byte preview, shared between entries that
#: recorded the very same cached reply. The full size is always kept.
BODY_FULL = 8 * 1024
BODY_PREVIEW = 2 * 1024


@dataclass(frozen=True)
class JournalEntry:
    """One served request and the response it got."""

    seq: int
    at: str
    channel: str
    operation: str | None
    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes
    body_size: int
    status: int | None
    response_headers: Mapping[str, str]
    response_body: bytes
    response_size: int
    fault: str | None = None
    fault_kind: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Query parameters, JSON keys and XML elements whose values are masked when shown.
    secret_fields: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        """A JSON-able view: JSON bodies parsed, XML bodies as indented text (parsed safely),
        other bodies as text; secrets masked."""
        return {
            "seq": self.seq,
            "at": self.at,
            "channel": self.channel,
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "query": mask_query(self.query, self.secret_fields),
            "headers": dict(self.headers),
            "body": _decode(self.body, self.body_size, self.secret_fields),
            "status": self.status,
            "response_headers": dict(self.response_headers),
            "response_body": _decode(self.response_body, self.response_size, self.secret_fields),
            "fault": self.fault,
            "fault_kind": self.fault_kind,
            "notes": list(self.notes),
        }


def _decode(data: bytes, size: int, secret: frozenset[str]) -> Any:
    """A body as JSON (when it is), as indented XML text (when it is safe XML), else text;
    the values of ``secret`` fields masked."""
    if not data:
        return None
    if len(data) == size:
        try:
            return mask_json(orjson.loads(data), secret) if secret else orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
        if data.lstrip()[:1] == b"<":
            from simulators.core.safe_xml import pretty  # lxml only where XML is shown

            readable = pretty(data)
            if readable is not None:
                return mask_text(readable, secret) if secret else readable
    text = data.decode("utf-8", errors="replace")
    text = mask_text(text, secret) if secret else text
    return text if len(data) == size else text + f"…[{size - len(data)} more bytes]"


class Journal:
    """A bounded, thread-safe, append-only record of requests."""

    def __init__(
        self,
        channel: str,
        maxlen: int = 5_000,
        secret_headers: frozenset[str] = frozenset({"authorization"}),
        secret_fields: frozenset[str] = frozenset(),
    ) -> None:
        self.channel = channel
        self.secret_headers = secret_headers
        self.secret_fields = secret_fields
        self._shared: tuple[bytes, bytes] = (b"", b"")
        self.maxlen = maxlen
        self._entries: deque[JournalEntry] = deque(maxlen=maxlen)
        self._lock = threading.Lock()
        self._seq = 0
        self.dropped = 0

    def record(
        self,
        *,
        at: str,
        operation: str | None,
        method: str,
        path: str,
        query: str,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        status: int | None,
        response_headers: Iterable[tuple[str, str]] = (),
        response_body: bytes = b"",
        fault: str | None = None,
        fault_kind: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> JournalEntry:
        """Append an entry and return it; the oldest entry goes when the journal is full."""
        with self._lock:
            self._seq += 1
            entry = JournalEntry(
                seq=self._seq,
                at=at,
                channel=self.channel,
                operation=operation,
                method=method,
                path=path,
                query=query,
                headers=scrub_headers(headers, self.secret_headers),
                body=self._preview(body),
                body_size=len(body),
                status=status,
                response_headers=scrub_headers(response_headers, self.secret_headers),
                response_body=self._preview(response_body),
                response_size=len(response_body),
                fault=fault,
                fault_kind=fault_kind,
                notes=notes,
                secret_fields=self.secret_fields,
            )
            if len(self._entries) == self.maxlen:
                self.dropped += 1
            self._entries.append(entry)
        return entry

    def _preview(self, data: bytes) -> bytes:
        if len(data) <= BODY_FULL:
            return data
        source, preview = self._shared
        if data is not source:
            preview = data[:BODY_PREVIEW]
            self._shared = (data, preview)
        return preview

    def query(
        self,
        *,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        since: int = 0,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """Entries in order, filtered; ``since`` keeps entries with a larger ``seq``."""
        with self._lock:
            entries = list(self._entries)
        found = [
            e
            for e in entries
            if e.seq > since
            and (operation is None or e.operation == operation)
            and (method is None or e.method == method.upper())
            and (path is None or e.path.startswith(path))
            and (status is None or e.status == status)
        ]
        return found if limit is None else found[-limit:]

    def count(self, **filters: Any) -> int:
        """How many entries match the filters of :meth:`query`."""
        return len(self.query(**filters))

    @property
    def last_seq(self) -> int:
        """The sequence number of the newest entry (0 when none was ever recorded)."""
        return self._seq

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every entry; sequence numbers go on increasing so ``since`` stays valid."""
        with self._lock:
            self._entries.clear()
            self.dropped = 0
