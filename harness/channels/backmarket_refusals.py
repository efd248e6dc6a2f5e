"""Back Market's refusals in the merchant's terms, and what a refused update means.

Back Market documents its refusals of the order calls as a bare status (400, 404) with an
empty body, so the adapter relies on nothing in them: after a refused update it reads the
order back, and the state it sees decides (:func:`already_done`, :func:`refusal`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harness.channels.backmarket_orders import (
    CLOSED_LINES,
    LINE_ACCEPTED,
    LINE_SHIPPED,
    ORDER_SHIPPED,
)
from harness.channels.http import HttpFailure
from harness.engine.errors import ChannelProblem

#: Statuses of a refused update (documented with empty bodies: the order says why).
REFUSALS = frozenset({400, 404, 422})


def explain(failure: HttpFailure, action: str) -> ChannelProblem:
    """A failure of ``action`` in the merchant's terms, with what to do about it."""
    status = failure.status
    body = failure.json()
    error = body.get("error") if isinstance(body, dict) else None
    code = str(error.get("code")) if isinstance(error, dict) else ""
    message = str(error.get("message")) if isinstance(error, dict) else ""
    if isinstance(body, dict) and isinstance(body.get("data"), dict):
        fields = body["data"].get("fields") or {}
        message += "".join(f" {k}: {' '.join(map(str, v))}" for k, v in fields.items())
    tries = f" after {failure.attempts} attempts" if failure.attempts > 1 else ""
    if status == 401 and code == "token-expired":
        return ChannelProblem(
            "token_expired",
            "Back Market token expired — issue a new token in the back office "
            "(Options > Integrations) and reconnect the store",
            status=status,
        )
    if status == 401 and code == "token-revoked":
        return ChannelProblem(
            "token_revoked",
            "Back Market token was revoked — add the ShipStation integration again in the "
            "back office (Options > Integrations) and reconnect with the new token",
            status=status,
        )
    if status == 401:
        return ChannelProblem(
            "unauthorized",
            "Back Market refused the API token — check that it was copied whole and that "
            "the region matches the account, then reconnect",
            status=status,
        )
    if status == 403:
        ray = failure.headers.get("cf-ray", "")
        return ChannelProblem(
            "forbidden",
            f"Back Market's firewall refused the request{f' (cf-ray {ray})' if ray else ''}"
            " — send a User-Agent naming the integration; if it persists, contact Back "
            "Market support with the cf-ray",
            status=status,
        )
    if status == 429:
        return ChannelProblem(
            "rate_limited",
            f"Back Market rate limit still reached{tries} — the next import retries",
            status=status,
        )
    if failure.kind != "status" or (status is not None and status >= 500):
        return failure.unusable("Back Market", tries)
    detail = f"{message.strip() or bare_body(failure.body)} (HTTP {status})"
    if action == "import" and status == 404:
        # Back Market's documented 404 on GET /ws/orders is "Webservices unavailable".
        return ChannelProblem(
            "unavailable",
            f"Back Market's order listing is unavailable ({detail}) — the next import retries",
            status=status,
        )
    code = code.replace("-", "_").lower() or "rejected"
    if action == "notify":
        advice = "correct the order (e.g. its internal notes) and the next refresh resends it"
        return ChannelProblem(code, f"Back Market refused the shipment: {detail} — {advice}",
                              status=status)  # fmt: skip
    if action == "accept":
        return ChannelProblem(
            code,
            f"Back Market refused to accept the order's lines: {detail} — the next import "
            "tries again",
            status=status,
        )
    return ChannelProblem(
        "rejected",
        f"Back Market refused the {action} request: {detail} — the request does not match "
        "the API; report it with this message",
        status=status,
    )


def bare_body(body: str) -> str:
    """A refusal without Back Market's JSON envelope, in words."""
    text = body.strip()
    if not text:
        return "no detail given (empty body, as documented)"
    return "an HTML page" if text.startswith("<") else text[:200]


def refusal(
    order: Mapping[str, Any], body: Mapping[str, Any], problem: ChannelProblem
) -> ChannelProblem:
    """Why Back Market refused ``body``, told from the order as it is now."""
    order_id, status = order.get("order_id"), problem.status
    lines = order.get("orderlines") or []
    live = [line for line in lines if line.get("state") not in CLOSED_LINES]
    said = f" ({problem.message})" if problem.code != "rejected" else ""
    if body["new_state"] != LINE_SHIPPED:
        return problem
    if not live:
        return ChannelProblem(
            "no_line_to_ship",
            f"Back Market has no line of order {order_id} left to ship (cancelled or refunded "
            "on Back Market); this shipment was not sent",
            status=status,
            final=True,
        )
    if order.get("state") == ORDER_SHIPPED:
        return ChannelProblem(
            "already_shipped",
            f"Back Market has order {order_id} shipped already, with other tracking "
            "(shipped from its back office?); this shipment was not sent",
            status=status,
            final=True,
        )
    if any(line.get("state") != LINE_ACCEPTED for line in live):
        states = ", ".join(str(line.get("state")) for line in live)
        return ChannelProblem(
            "not_accepted",
            f"Back Market refused the shipment of order {order_id}{said}: its lines are not "
            f"all accepted (states {states}) — the next import accepts them and the refresh "
            "resends it",
            status=status,
        )
    identifier = body.get("imei") or body.get("serial_number")
    if identifier:
        return ChannelProblem(
            "imei_refused",
            f"Back Market refused the identifier {identifier!r} sent with the shipment (the "
            f"order was ready to ship){said} — an IMEI needs 15 digits with a correct check "
            "digit (Luhn), and only an order of one line of quantity 1 takes one; correct "
            "the internal notes and the next refresh resends it",
            status=status,
        )
    return problem


def already_done(order: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """Whether the order already shows what the update asked for."""
    if body["new_state"] == LINE_SHIPPED:
        shipped = order.get("state") == ORDER_SHIPPED
        return bool(shipped and order.get("tracking_number") == body["tracking_number"])
    lines = order.get("orderlines") or []
    same_sku = [line for line in lines if line.get("listing") == body.get("sku")]
    return bool(same_sku) and all(line.get("state") == body["new_state"] for line in same_sku)
