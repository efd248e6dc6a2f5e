"""Back Market's error shapes (see the description of specs/backmarket/openapi.yaml).

- ``{"error": {"code", "message"}, "data"?: {"fields": {...}}, "requestId"?}`` for API errors;
- ``{"errors": [{"code": "bot-need-challenge", ...}]}`` with a ``cf-ray`` header for the WAF.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import orjson

from simulators.core.errors import ChannelError
from simulators.core.request import HttpReply

BOT_CHALLENGE = "bot-need-challenge"
_JSON = "application/json"
_DEFAULT_CODES = MappingProxyType(
    {
        400: ("E009", "Validation error"),
        401: ("invalid-token", "Authentication credentials were not provided or are invalid"),
        403: ("forbidden", "Forbidden"),
        404: ("not-found", "Not found"),
        405: ("method-not-allowed", "Method not allowed"),
        409: ("conflict", "Conflict"),
        415: ("unsupported-media-type", "Unsupported media type, send application/json"),
        422: ("unprocessable-entity", "Unprocessable entity"),
        429: ("too-many-requests", "Too many requests"),
        500: ("server-error", "Internal server error"),
        502: ("bad-gateway", "Bad gateway"),
        503: ("service-unavailable", "Webservices unavailable"),
        504: ("gateway-timeout", "Gateway timeout"),
    }
)


def for_status(status: int, message: str | None = None) -> ChannelError:
    """The error Back Market answers with this status."""
    code, default = _DEFAULT_CODES.get(status, ("error", "Error"))
    return ChannelError(status, code, message or default)


def validation(fields: Mapping[str, list[str]]) -> ChannelError:
    """400 E009 with the offending fields, as Back Market's validation errors."""
    return ChannelError(400, "E009", "Validation error", data={"fields": dict(fields)})


def missing_token() -> ChannelError:
    """401: no Authorization header."""
    return ChannelError(401, "missing-token", "Authentication credentials were not provided.")


def invalid_token(detail: str = "Invalid token.") -> ChannelError:
    """401: a token this API does not know, or a malformed Authorization header."""
    return ChannelError(401, "invalid-token", detail)


def token_expired() -> ChannelError:
    """401: a token past its expiry (e.g. the 2023 token standard change)."""
    return ChannelError(
        401,
        "token-expired",
        "Token expired. Create a new token in the back office (Options > Integrations).",
    )


def token_revoked() -> ChannelError:
    """401: a token deleted in the back office."""
    return ChannelError(401, "token-revoked", "Token revoked.")


def bot_challenge(ray: str) -> ChannelError:
    """403 from the WAF / bot management (e.g. a request without User-Agent)."""
    return ChannelError(403, BOT_CHALLENGE, "Forbidden", headers={"cf-ray": ray})


def not_found(message: str) -> ChannelError:
    """404 naming what does not exist."""
    return ChannelError(404, "not-found", message)


def invalid_transition(line_id: int, current: int, wanted: int) -> ChannelError:
    """400: an orderline state change the state machine does not allow."""
    return ChannelError(
        400,
        "invalid-transition",
        f"Orderline {line_id} cannot go from state {current} to state {wanted}.",
    )


def imei_refused(message: str) -> ChannelError:
    """400 on the ship call: the IMEI or serial number cannot be registered."""
    return ChannelError(400, "imei-refused", message)


def unprocessable(message: str) -> ChannelError:
    """422 on the orderline update."""
    return ChannelError(422, "unprocessable-entity", message)


def too_many_requests(retry_after: int, request_id: str) -> ChannelError:
    """429 from Cloudflare with Retry-After."""
    return ChannelError(
        429,
        "too-many-requests",
        "Too many requests, retry later.",
        headers={"Retry-After": str(retry_after)},
        data={"requestId": request_id},
    )


def render(error: ChannelError) -> HttpReply:
    """The wire form of an error."""
    if error.code == BOT_CHALLENGE:
        body: dict[str, object] = {
            "errors": [
                {
                    "code": BOT_CHALLENGE,
                    "message": error.message,
                    "challengePath": "/cdn-cgi/challenge",
                }
            ]
        }
    else:
        body = {"error": {"code": error.code, "message": error.message}}
        data = dict(error.data or {})
        request_id = data.pop("requestId", None)
        if data:
            body["data"] = data
        if request_id is not None:
            body["requestId"] = request_id
    return HttpReply.of(error.status, orjson.dumps(body), _JSON, error.headers)
