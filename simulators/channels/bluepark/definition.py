"""The Bluepark simulator as the shared machinery sees it: edge rules, errors, credentials."""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any

from simulators.channels.bluepark import errors, quirks
from simulators.channels.bluepark.backend import BlueparkBackend
from simulators.channels.bluepark.starting_states import STATES
from simulators.core.channel import SimServices
from simulators.core.errors import WHOLE_BODY, ChannelError
from simulators.core.protocols.rest import RestChannel
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.tokens import TokenStatus

if TYPE_CHECKING:
    from simulators.channels.bluepark.handlers import BlueparkHandlers

_EXTRA_QUERY = re.compile(r"^Extra query parameter\(s\) (?P<names>.+) not in spec$")
_UNEXPECTED = re.compile(r"\('(?P<name>[^']+)' was unexpected\)")
#: The API's base path: everything else on the host is the shop's website.
API_BASE = "/api/v1"


def basic_pair(request: RequestInfo) -> tuple[str, str] | None:
    """The (API username, API key) of an ``Authorization: Basic`` header, if well formed."""
    scheme, _, encoded = (request.header("authorization") or "").partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, key = decoded.partition(":")
    return (user, key) if colon and user and key else None


class BlueparkChannel(RestChannel):
    """Bluepark REST API v1 (JSON, HTTP Basic with API username and API key)."""

    name = "bluepark"
    states = STATES
    offered_settings = quirks.SETTINGS
    #: A mistyped filter (``modifed_from``) would otherwise list every order: refused.
    strict_query = True

    def build_backend(self, ctx: SimServices) -> BlueparkBackend:
        return BlueparkBackend(ctx)

    def handlers(self, ctx: SimServices) -> BlueparkHandlers:
        from simulators.channels.bluepark.handlers import (
            BlueparkHandlers,
        )  # connexion: only to serve

        return BlueparkHandlers(ctx)

    def credential_of(self, request: RequestInfo) -> str | None:
        """The API key (fault rules and the journal name a credential by it)."""
        pair = basic_pair(request)
        return pair[1] if pair else None

    def gate(self, ctx: SimServices, request: RequestInfo) -> ChannelError | None:
        """The website outside ``/api/v1``; inside, the API username and key of a user whose
        API access is enabled (a regenerated key or disabled access: the old key is refused).
        """
        if request.path != API_BASE and not request.path.startswith(API_BASE + "/"):
            return errors.storefront_not_found()
        if not request.header("authorization"):
            return errors.unauthorized("Authentication required: send the API username and key.")
        pair = basic_pair(request)
        if pair is None:
            return errors.unauthorized("The Authorization header must be Basic username:key.")
        user, key = pair
        status, token = ctx.tokens.check(key, ctx.now())
        if status is not TokenStatus.VALID or token is None or token.label != user:
            return errors.unauthorized()
        request.principal = {"id": user, "token": key}
        return None

    def explain(self, error: ChannelError) -> str:
        """The message, and the field it names."""
        field = (error.data or {}).get("field")
        return f"{field}: {error.message}" if field else error.message

    def render_error(self, error: ChannelError) -> HttpReply:
        return errors.render(error)

    def error_for_status(self, status: int, message: str | None = None) -> ChannelError:
        if status == 401:
            return errors.unauthorized(message or "Invalid API username or API key.")
        return errors.for_status(status, message)

    def expired_token_error(self) -> ChannelError:
        return errors.unauthorized()

    def rate_limit_error(self, retry_after: int) -> ChannelError:
        return errors.too_many_requests(retry_after)

    def problem_error(self, status: int, detail: str, field: str | None = None) -> ChannelError:
        if status == 400:
            extra = _EXTRA_QUERY.match(detail)
            if extra:
                name = extra["names"].split(",")[0].strip()
                return errors.bad_field(name, f"{name} is not a parameter of this resource")
            unexpected = _UNEXPECTED.search(detail)
            if unexpected:  # name the field Bluepark does not take, not the whole body
                return errors.bad_field(
                    unexpected["name"], f"{unexpected['name']} is not a field of this resource"
                )
            name = field if field and field != WHOLE_BODY else "body"
            prefix = f"{field}: "
            return errors.bad_field(name, detail.removeprefix(prefix) if field else detail)
        if status == 401:
            return errors.unauthorized()
        return errors.for_status(status, detail if status not in (404, 405) else None)

    def credentials(self, ctx: SimServices, base_url: str) -> dict[str, Any]:
        now = ctx.now()
        token = next((t for t in ctx.tokens.all() if t.status(now) is TokenStatus.VALID), None)
        return {
            "url": base_url.rstrip("/") + API_BASE,
            "credentials": {
                "api_username": token.label if token else None,
                "api_key": token.value if token else None,
            },
        }
