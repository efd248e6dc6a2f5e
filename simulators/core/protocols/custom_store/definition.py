"""A Custom Store channel as the shared machinery sees it, for any flavour."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from simulators.core.channel import SimServices, StateBook
from simulators.core.errors import ChannelError
from simulators.core.protocols.custom_store import errors
from simulators.core.protocols.custom_store.backend import CustomStoreBackend
from simulators.core.protocols.custom_store.flavour import Flavour
from simulators.core.protocols.rest import RestChannel
from simulators.core.registry import SPECS_DIR
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.tokens import TokenStatus

if TYPE_CHECKING:
    from simulators.core.protocols.custom_store.handlers import CustomStoreHandlers

SHIPNOTICE_SCHEMA = SPECS_DIR / "customstore" / "shipnotice.xsd"


def user_and_password(request: RequestInfo) -> tuple[str, str] | None:
    """HTTP Basic, else ``SS-UserName`` / ``SS-Password`` in the query."""
    scheme, _, encoded = (request.header("authorization") or "").partition(" ")
    if scheme.lower() == "basic" and encoded:
        try:
            user, sep, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return (user, password) if sep else None
    query = parse_qs(request.query)
    if "SS-UserName" in query and "SS-Password" in query:
        return query["SS-UserName"][0], query["SS-Password"][0]
    return None


class CustomStoreChannel(RestChannel):
    """One channel on the Custom Store protocol; the flavour says which."""

    #: ``SS-Password`` in the query is masked in the journal (Basic is, as a header).
    secret_fields = frozenset({"SS-Password"})

    def __init__(self, flavour: Flavour, states: StateBook) -> None:
        self.flavour = flavour
        self.name = flavour.name
        self.states = states

    def build_backend(self, ctx: SimServices) -> CustomStoreBackend:
        return CustomStoreBackend(ctx, self.flavour)

    def handlers(self, ctx: SimServices) -> CustomStoreHandlers:
        # imports connexion: only when the channel is served
        from simulators.core.protocols.custom_store.handlers import CustomStoreHandlers

        return CustomStoreHandlers(ctx, SHIPNOTICE_SCHEMA)

    def credential_of(self, request: RequestInfo) -> str | None:
        found = user_and_password(request)
        return found[0] if found else None

    def gate(self, ctx: SimServices, request: RequestInfo) -> ChannelError | None:
        """The store user's name and password, from Basic or the ``SS-*`` query."""
        found = user_and_password(request)
        realm = self.flavour.title
        if found is None:
            return errors.unauthorized(realm, "Authentication required")
        user, password = found
        status, token = ctx.tokens.check(password, ctx.now())
        if status is not TokenStatus.VALID or token is None or token.label != user:
            return errors.unauthorized(realm)
        request.principal = {"id": user}
        return None

    def render_error(self, error: ChannelError) -> HttpReply:
        return errors.render(error)

    def error_for_status(self, status: int, message: str | None = None) -> ChannelError:
        if status == 401:
            return errors.unauthorized(
                self.flavour.title, message or "Invalid username or password"
            )
        return errors.for_status(status, message)

    def expired_token_error(self) -> ChannelError:
        return errors.unauthorized(self.flavour.title, "Password expired")

    def rate_limit_error(self, retry_after: int) -> ChannelError:
        error = errors.for_status(429)
        error.headers["Retry-After"] = str(retry_after)
        return error

    def problem_error(self, status: int, detail: str, field: str | None = None) -> ChannelError:
        if status == 400:
            name, _, message = detail.partition(": ") if field else ("request", "", detail)
            return errors.bad_request(field or name, message or detail)
        if status == 401:
            return errors.unauthorized(self.flavour.title, "Authentication required")
        return errors.for_status(status, detail if status not in (404, 405) else None)

    def credentials(self, ctx: SimServices, base_url: str) -> dict[str, Any]:
        now = ctx.now()
        user = next((t for t in ctx.tokens.all() if t.status(now) is TokenStatus.VALID), None)
        return {
            "url": base_url.rstrip("/") + self.flavour.endpoint,
            "credentials": {
                "username": user.label if user else None,
                "password": user.value if user else None,
            },
        }
