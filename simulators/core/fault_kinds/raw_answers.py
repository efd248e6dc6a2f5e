"""Fault kinds that answer with what sits in front of a channel rather than the channel itself:
an empty body, a proxy's plain-text error, a web application firewall's HTML block page."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from simulators.core.effects import Answer, Effect
from simulators.core.fault_kinds.kind import FaultKind, Stage, check_status, check_text
from simulators.core.request import HttpReply

if TYPE_CHECKING:
    from simulators.core.channel import SimServices


class Empty(FaultKind):
    """Answer 200 with an empty body (e.g. ShipStation's "Root element is missing")."""

    name = "empty"
    stage = Stage.REPLACE

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Answer(HttpReply(200, (), b""))


class EmptyError(FaultKind):
    """Answer HTTP ``status`` with an empty body and no content type, as many APIs document
    their refusals (a bare 400, 403, 404); the channel's code never runs.

    Example: ``{kind: empty_error, status: 400, times: 1}`` (with an ``operation`` or ``path``).
    """

    name = "empty_error"
    stage = Stage.REPLACE
    required = ("status",)

    def check(self, params: Mapping[str, Any]) -> None:
        check_status(params)

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Answer(HttpReply(int(params["status"]), (), b""))


class TextError(FaultKind):
    """Answer HTTP ``status`` with a ``text/plain`` body: ``text``, or the status line's
    words (``400 Bad Request``), as a proxy or a framework's default error page writes it.

    Example: ``{kind: text_error, status: 502, text: "upstream timed out"}``.
    """

    name = "text_error"
    stage = Stage.REPLACE
    required = ("status",)
    optional = ("text",)

    def check(self, params: Mapping[str, Any]) -> None:
        check_status(params)
        check_text(params, "text")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        status = int(params["status"])
        text = params.get("text", f"{status} {_phrase(status)}")
        return Answer(HttpReply.of(status, text.encode(), "text/plain; charset=utf-8"))


class WafBlock(FaultKind):
    """Answer as a web application firewall in front of the API blocks a client: HTTP
    ``status`` (default 403) with an HTML "you have been blocked" page, ``server:
    cloudflare`` and a ``cf-ray`` header naming the event (``ray``, else drawn from the
    journal's sequence), as Cloudflare does before the channel ever sees the request.

    Example: ``{kind: waf_block, times: 1}`` — the first call the rule watches is blocked.
    """

    name = "waf_block"
    stage = Stage.REPLACE
    optional = ("status", "ray")

    def check(self, params: Mapping[str, Any]) -> None:
        check_status(params)
        check_text(params, "ray")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        status = int(params.get("status", 403))
        ray = str(params.get("ray") or f"{ctx.journal.last_seq + 1:016x}-CDG")
        page = _BLOCK_PAGE.format(status=status, ray=ray).encode()
        headers = {"server": "cloudflare", "cf-ray": ray, "cache-control": "max-age=15"}
        return Answer(HttpReply.of(status, page, "text/html; charset=UTF-8", headers))


#: The block page of :class:`WafBlock` (written for chansim; the shape of such pages).
_BLOCK_PAGE = """<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>Attention Required!</title></head>
<body><h1>Sorry, you have been blocked</h1>
<p>This website is using a security service to protect itself from online attacks.</p>
<p>HTTP {status}. Ray ID: <strong>{ray}</strong></p></body></html>
"""


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
