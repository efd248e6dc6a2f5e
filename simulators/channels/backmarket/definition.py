"""The Back Market simulator as the shared machinery sees it: edge rules, errors, credentials."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from simulators.channels.backmarket import errors
from simulators.channels.backmarket.backend import BackMarketBackend
from simulators.channels.backmarket.settings import SETTINGS
from simulators.channels.backmarket.starting_states import DEFAULT_QUOTA, STATES
from simulators.core.channel import SimServices
from simulators.core.errors import WHOLE_BODY, ChannelError
from simulators.core.protocols.rest import RestChannel
from simulators.core.quota import Quota
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.tokens import TokenStatus

if TYPE_CHECKING:
    from simulators.channels.backmarket.handlers import BackMarketHandlers

_USER_AGENT = re.compile(r"^BM-[^-;]+-[^;]+;\S+@\S+$")
#: Operations whose documented 400/403/404 (and the orderline's 422) have empty bodies.
_DOCUMENTED_EMPTY = frozenset(
    {
        "get-ws-list-order",
        "get-ws-specific-order",
        "update-ws-specific-order",
        "update-ws-specific-orderline",
    }
)
_EMPTY_STATUSES = frozenset({400, 403, 404, 422})
_DEFAULT_QUOTA = Quota.from_json(dict(DEFAULT_QUOTA))
_TOKEN_ERRORS = MappingProxyType(
    {
        TokenStatus.UNKNOWN: errors.invalid_token,
        TokenStatus.EXPIRED: errors.token_expired,
        TokenStatus.REVOKED: errors.token_revoked,
    }
)


class BackMarketChannel(RestChannel):
    """Back Market seller API (REST/JSON, ``Authorization: Basic <token>``)."""

    name = "backmarket"
    states = STATES
    offered_settings = SETTINGS

    def build_backend(self, ctx: SimServices) -> BackMarketBackend:
        return BackMarketBackend(ctx)

    def handlers(self, ctx: SimServices) -> BackMarketHandlers:
        from simulators.channels.backmarket.handlers import (
            BackMarketHandlers,
        )  # connexion: only to serve

        return BackMarketHandlers(ctx)

    def credential_of(self, request: RequestInfo) -> str | None:
        auth = request.header("authorization") or ""
        scheme, _, token = auth.partition(" ")
        return token.strip() or None if scheme.lower() == "basic" else None

    def gate(self, ctx: SimServices, request: RequestInfo) -> ChannelError | None:
        """WAF first (User-Agent, then the quota per client address, or per token with the
        ``rate_limit: per_token`` setting), then the token itself."""
        user_agent = (request.header("user-agent") or "").strip()
        if not user_agent:
            return errors.bot_challenge(f"{ctx.journal.last_seq + 1:016x}-CDG")
        if not _USER_AGENT.match(user_agent):
            request.notes.append(
                "User-Agent does not follow BM-{CompanyName}-{IntegrationName};{contact email}"
            )
        token_value = request.credential
        token = ctx.tokens.get(token_value) if token_value else None
        retry_after = self._quota_wait(ctx, request, token.quota if token else None)
        if retry_after is not None:
            return errors.too_many_requests(retry_after, f"{ctx.journal.last_seq + 1:08d}")
        if not request.header("authorization"):
            return errors.missing_token()
        if token_value is None:
            return errors.invalid_token("The Authorization header must be 'Basic <token>'.")
        status, token = ctx.tokens.check(token_value, ctx.now())
        if status is not TokenStatus.VALID or token is None:
            return _TOKEN_ERRORS[status]()
        request.principal = {"id": token.label or token.value[-4:], "token": token.value}
        return None

    @staticmethod
    def _quota_wait(
        ctx: SimServices, request: RequestInfo, token_quota: Mapping[str, Any] | None
    ) -> int | None:
        """Seconds the client must wait, or None. Cloudflare counts requests per client
        address (200 in 10 s); a token issued with a quota of its own is held to it too. With
        ``rate_limit: per_token`` only the token is counted (its quota, else 200 in 10 s)."""
        now = ctx.now().timestamp()
        own = Quota.from_json(dict(token_quota)) if token_quota else None
        if ctx.settings.get("rate_limit") == "per_token":
            key = request.credential or f"anonymous:{request.header('user-agent')}"
            return ctx.quotas.hit(f"token:{key}", own or _DEFAULT_QUOTA, now)
        wait = ctx.quotas.hit(f"address:{request.client}", _DEFAULT_QUOTA, now)
        if wait is None and own is not None and request.credential:
            wait = ctx.quotas.hit(f"token:{request.credential}", own, now)
        return wait

    def explain(self, error: ChannelError) -> str:
        """The message, and the fields Back Market's validation error names."""
        fields = (error.data or {}).get("fields") or {}
        detail = "; ".join(f"{name}: {' '.join(map(str, msgs))}" for name, msgs in fields.items())
        return f"{error.message}: {detail}" if detail else error.message

    def render_error(self, error: ChannelError) -> HttpReply:
        return errors.render(error)

    def error_reply(
        self, ctx: SimServices, request: RequestInfo | None, error: ChannelError
    ) -> HttpReply:
        """The order and orderline operations answer 400/403/404/422 with the empty
        ``text/plain`` body their spec documents, unless ``error_bodies: descriptive``."""
        if (
            ctx.settings.get("error_bodies") != "descriptive"
            and request is not None
            and request.operation in _DOCUMENTED_EMPTY
            and error.status in _EMPTY_STATUSES
        ):
            return HttpReply.of(error.status, b"", "text/plain", error.headers)
        return errors.render(error)

    def error_for_status(self, status: int, message: str | None = None) -> ChannelError:
        return errors.for_status(status, message)

    def expired_token_error(self) -> ChannelError:
        return errors.token_expired()

    def rate_limit_error(self, retry_after: int) -> ChannelError:
        return errors.too_many_requests(retry_after, "fault")

    def problem_error(self, status: int, detail: str, field: str | None = None) -> ChannelError:
        if status == 400:
            name, _, message = detail.partition(": ") if field else (WHOLE_BODY, "", detail)
            return errors.validation({field or name: [message or detail]})
        if status == 401:
            return errors.missing_token()
        return errors.for_status(status, detail if status != 404 else None)

    def credentials(self, ctx: SimServices, base_url: str) -> dict[str, Any]:
        now = ctx.now()
        token = next((t for t in ctx.tokens.all() if t.status(now) is TokenStatus.VALID), None)
        return {
            "url": base_url,
            "credentials": {"token": token.value if token else None, "region": "Europe"},
        }
