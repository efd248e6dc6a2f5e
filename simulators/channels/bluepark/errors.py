"""Bluepark's error shapes (our design; see the description of specs/bluepark/openapi.yaml).

- API errors: ``{"code": <HTTP status>, "error": "<machine code>", "message": "…"}`` with a
  ``field`` naming the parameter or body field at fault, when there is one;
- ``401`` adds ``WWW-Authenticate: Basic realm="Bluepark API"`` (documented: failed
  authentication answers ``401 Unauthorized``);
- a path outside ``/api/v1`` is the shop's storefront, whose missing page is HTML.
"""

from __future__ import annotations

from types import MappingProxyType

import orjson

from simulators.core.errors import ChannelError
from simulators.core.request import HttpReply

STOREFRONT = "storefront-not-found"
_JSON = "application/json"
_CODES = MappingProxyType(
    {
        400: ("bad_request", "The request is not valid."),
        401: ("unauthorized", "Invalid API username or API key."),
        403: ("forbidden", "This API user may not use this resource."),
        404: ("not_found", "Resource not found."),
        405: ("method_not_allowed", "Method not allowed."),
        413: ("payload_too_large", "Request body too large."),
        415: ("unsupported_media_type", "Send JSON (Content-Type: application/json)."),
        422: ("invalid_status", "The order cannot take that status."),
        429: ("too_many_requests", "Too many requests, slow down."),
        500: ("server_error", "An unexpected error occurred."),
        502: ("bad_gateway", "Bad gateway."),
        503: ("service_unavailable", "The API is temporarily unavailable."),
        504: ("gateway_timeout", "Gateway timeout."),
    }
)
_STOREFRONT_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
    b"<title>Page not found</title></head>\n<body><h1>Sorry, we can't find that page</h1>"
    b"<p>The page you were looking for has moved or no longer exists.</p>"
    b'<p><a href="/">Continue shopping</a></p></body></html>\n'
)


def for_status(status: int, message: str | None = None) -> ChannelError:
    """The error Bluepark answers with this status."""
    code, default = _CODES.get(status, ("error", "Error."))
    return ChannelError(status, code, message or default)


def bad_field(field: str, message: str) -> ChannelError:
    """400 naming the parameter or body field at fault."""
    return ChannelError(400, "bad_request", message, data={"field": field})


def unauthorized(message: str = "Invalid API username or API key.") -> ChannelError:
    """401 with Basic's challenge."""
    return ChannelError(
        401, "unauthorized", message, headers={"WWW-Authenticate": 'Basic realm="Bluepark API"'}
    )


def not_found(message: str) -> ChannelError:
    """404 naming what does not exist."""
    return ChannelError(404, "not_found", message)


def invalid_status(order_id: int, current: str, wanted: str) -> ChannelError:
    """422: a status change the shop does not allow."""
    return ChannelError(
        422,
        "invalid_status",
        f"Order {order_id} is {current}; it cannot become {wanted}.",
        data={"field": "status"},
    )


def storefront_not_found() -> ChannelError:
    """404 from the shop's website: the URL is not the API access URL."""
    return ChannelError(404, STOREFRONT, "Page not found")


def too_many_requests(retry_after: int) -> ChannelError:
    """429 with Retry-After."""
    return ChannelError(
        429, "too_many_requests", "Too many requests, slow down.",
        headers={"Retry-After": str(retry_after)},
    )  # fmt: skip


def render(error: ChannelError) -> HttpReply:
    """The wire form of an error."""
    if error.code == STOREFRONT:
        return HttpReply.of(error.status, _STOREFRONT_PAGE, "text/html; charset=utf-8")
    body: dict[str, object] = {"code": error.status, "error": error.code, "message": error.message}
    field = (error.data or {}).get("field")
    if field:
        body["field"] = field
    return HttpReply.of(error.status, orjson.dumps(body), _JSON, error.headers)
