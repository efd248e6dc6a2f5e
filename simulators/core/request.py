"""What the shared machinery knows about one incoming request and one outgoing reply."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RequestInfo:
    """A request as the shell saw it, before any channel code ran."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    raw_headers: list[tuple[str, str]]
    body: bytes
    operation: str | None
    #: The credential the channel read from the request (token, user name, key), if any.
    credential: str | None = None
    #: Set by the channel gate once the request is authenticated.
    principal: dict[str, Any] | None = None
    #: The address the request came from (the TCP peer), if the server knows it.
    client: str | None = None
    notes: list[str] = field(default_factory=list)
    #: What protocol or channel code has read from the body (a parsed envelope, say), by a
    #: name of its choosing, so that each reading is done once per request.
    readings: dict[str, Any] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        """A header value by case-insensitive name."""
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class HttpReply:
    """A complete HTTP answer: status, headers (lower-case names) and body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @classmethod
    def of(
        cls, status: int, body: bytes, content_type: str, extra: Mapping[str, str] | None = None
    ) -> HttpReply:
        """Build a reply with a content type and optional extra headers."""
        headers = [("content-type", content_type)]
        headers.extend((k.lower(), v) for k, v in (extra or {}).items())
        return cls(status, tuple(headers), body)

    def with_body(self, body: bytes) -> HttpReply:
        """The same reply with another body (content-length is set when sending)."""
        return HttpReply(self.status, self.headers, body)
