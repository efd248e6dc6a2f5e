"""Errors that a channel answers with, independent of how the channel shapes them.

Backends raise :class:`ChannelError` (or a channel's subclass); the channel's own ``errors``
module turns it into the real wire shape (a JSON envelope, a SOAP fault, an XML body).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The field name used when a problem is about the whole body (Django REST framework's name).
WHOLE_BODY = "non_field_errors"


class ChannelError(Exception):
    """A refusal the channel's real API would give: HTTP status, machine code, message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.data = dict(data) if data is not None else None


class AdminError(Exception):
    """A refused control-plane (``/__sim``) request; answered as RFC 7807 problem JSON."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
