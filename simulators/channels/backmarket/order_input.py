"""Checks of what the control plane is asked to create or edit, before anything is drawn.

Every check runs before the seeded sources are touched, so a refused request changes nothing:
not the orders, not the ids or the random sequence the next request will get. Each function
returns the input normalised (dates parsed, prices as Decimal) or raises Back Market's E009
naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from simulators.channels.backmarket import errors
from simulators.channels.backmarket.placing import CATALOGUE
from simulators.channels.backmarket.platforms import platform_of
from simulators.channels.backmarket.transitions import LINE_STATE_FOR_ORDER, LINE_STATES
from simulators.core.clock import ClockError, parse_instant
from simulators.core.errors import ChannelError

ADDRESS_FIELDS = frozenset(
    {
        "first_name", "last_name", "gender", "company", "street", "street2", "postal_code",
        "city", "state", "country", "phone", "email", "customer_id_number",
    }
)  # fmt: skip
ORDER_FIELDS = frozenset(
    {
        "order_id", "state", "date_creation", "date_payment", "shipping_address", "ship_to",
        "billing_address", "country_code", "currency", "payment_method", "lines",
        "single_unit", "category", "tracking_number", "shipper",
    }
)  # fmt: skip
LINE_FIELDS = frozenset(
    {"sku", "product", "quantity", "price", "category", "brand", "imei", "serial_number", "state"}
)
GENERATE_OPTIONS = frozenset({"state", "ship_to", "single_unit", "category", "lines"})
EDIT_FIELDS = frozenset({"state", "shipping_address", "date_creation", "orderlines"})
#: Back Market's ReturnReason codes (0 stock mistake, 1 14-day withdrawal, 11-13 delivery,
#: 21-25 faults and other).
RETURN_REASONS = (0, 1, 11, 12, 13, 21, 22, 23, 24, 25)
LINE_EDIT_FIELDS = frozenset({"id", "sku", "state", "return_reason", "return_message"})
_TEXT_FIELDS = ("currency", "payment_method", "tracking_number", "shipper")


def bad(field: str, message: str) -> ChannelError:
    """Back Market's validation error for one field."""
    return errors.validation({field: [message]})


def _unknown(data: Mapping[str, Any], known: frozenset[str], what: str, prefix: str = "") -> None:
    extra = sorted(set(data) - known)
    if extra:
        raise bad(f"{prefix}{extra[0]}", f"unknown {what}; known: {', '.join(sorted(known))}")


def _int(value: Any, field: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise bad(field, f"must be an integer >= {low}")
    if high is not None and value > high:
        raise bad(field, f"must be an integer from {low} to {high}")
    return value


def _bool(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise bad(field, "must be true or false")
    return value


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise bad(field, "must be a string")
    return value


def _instant(value: Any, field: str) -> datetime:
    try:
        return parse_instant(_text(value, field))
    except ClockError as exc:
        raise bad(field, str(exc)) from exc


def order_state(value: Any, field: str = "state") -> int:
    """A Back Market order state."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in LINE_STATE_FOR_ORDER:
        raise bad(field, f"{value!r} is not an order state; use one of 0, 10, 1, 3, 8, 9")
    state: int = value
    return state


def line_state(value: Any, field: str) -> int:
    """A Back Market orderline state."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in LINE_STATES:
        known = ", ".join(map(str, LINE_STATES))
        raise bad(field, f"{value!r} is not an orderline state; use one of {known}")
    state: int = value
    return state


def category(value: Any, field: str = "category") -> str:
    """A product category of Back Market's catalogue."""
    categories = CATALOGUE.trade.categories
    if not isinstance(value, str) or value not in categories:
        raise bad(field, f"{value!r} is not a category; use one of {', '.join(categories)}")
    chosen: str = value
    return chosen


def address(value: Any, field: str) -> dict[str, Any] | None:
    """An address (a mapping of address fields) or None."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise bad(field, "must be an address object or null")
    _unknown(value, ADDRESS_FIELDS, "address field", f"{field}.")
    return {k: v if k == "gender" else _text(v, f"{field}.{k}") for k, v in value.items()}


def generate_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """Options of ``{"generate": N, ...}``: state, ship_to, single_unit, category, lines."""
    _unknown(options, GENERATE_OPTIONS, "option")
    checked: dict[str, Any] = {"state": order_state(options.get("state", 1))}
    checked["ship_to"] = _bool(options.get("ship_to", True), "ship_to")
    checked["single_unit"] = _bool(options.get("single_unit", False), "single_unit")
    checked["category"] = category(options["category"]) if "category" in options else None
    checked["lines"] = _int(options["lines"], "lines", 1, 4) if "lines" in options else None
    if checked["single_unit"] and checked["lines"] not in (None, 1):
        raise bad("lines", "single_unit orders have exactly one line")
    return checked


def _line(spec: Any, index: int) -> dict[str, Any]:
    field = f"lines.{index}"
    if not isinstance(spec, Mapping):
        raise bad(field, "each line must be an object")
    _unknown(spec, LINE_FIELDS, "line field", f"{field}.")
    line: dict[str, Any] = {
        k: _text(spec[k], f"{field}.{k}")
        for k in ("sku", "product", "brand", "imei", "serial_number")
        if k in spec
    }
    if "category" in spec:
        line["category"] = category(spec["category"], f"{field}.category")
    if "quantity" in spec:
        line["quantity"] = _int(spec["quantity"], f"{field}.quantity", 1)
    if "state" in spec:
        line["state"] = line_state(spec["state"], f"{field}.state")
    if "price" in spec:
        try:
            price = Decimal(str(spec["price"])).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise bad(f"{field}.price", "must be a decimal amount") from None
        if price < 0:
            raise bad(f"{field}.price", "must not be negative")
        line["price"] = price
    return line


def order(data: Mapping[str, Any]) -> dict[str, Any]:
    """One explicit order (see ``ORDER_FIELDS``); what is not given comes from the factory."""
    _unknown(data, ORDER_FIELDS, "order field")
    checked: dict[str, Any] = {"state": order_state(data.get("state", 1))}
    if "order_id" in data:
        # JSON clients read integers exactly up to 2**53 - 1; larger ids cannot round-trip
        checked["order_id"] = _int(data["order_id"], "order_id", 1, 2**53 - 1)
    for key in ("date_creation", "date_payment"):
        if key in data:
            checked[key] = _instant(data[key], key)
    for key in ("shipping_address", "ship_to"):
        if key in data:
            checked["shipping_address"] = address(data[key], key)
    if "billing_address" in data:
        if data["billing_address"] is None:
            raise bad("billing_address", "must be an address object")
        checked["billing_address"] = address(data["billing_address"], "billing_address")
    if "country_code" in data:
        code = _text(data["country_code"], "country_code")
        if platform_of(code) is None:
            raise bad("country_code", f"{code!r} is not a country code of Back Market's")
        checked["country_code"] = code
    for key in _TEXT_FIELDS:
        if key in data:
            checked[key] = _text(data[key], key)
    checked["single_unit"] = _bool(data.get("single_unit", False), "single_unit")
    checked["category"] = category(data["category"]) if "category" in data else None
    if "lines" in data:
        lines = data["lines"]
        if not isinstance(lines, list) or not 1 <= len(lines) <= 4:
            raise bad("lines", "must be a list of 1 to 4 lines")
        if checked["single_unit"] and len(lines) != 1:
            raise bad("lines", "single_unit orders have exactly one line")
        checked["lines"] = [_line(spec, i) for i, spec in enumerate(lines)]
    return checked


def _line_edit(spec: Any, index: int) -> dict[str, Any]:
    field = f"orderlines.{index}"
    if not isinstance(spec, Mapping):
        raise bad(field, "each orderline change must be an object")
    _unknown(spec, LINE_EDIT_FIELDS, "orderline field", f"{field}.")
    if "state" not in spec:
        raise bad(f"{field}.state", "the orderline's new state is required")
    checked: dict[str, Any] = {"state": line_state(spec["state"], f"{field}.state")}
    if "id" in spec:
        checked["id"] = _int(spec["id"], f"{field}.id", 1)
    if "sku" in spec:
        checked["sku"] = _text(spec["sku"], f"{field}.sku")
    if "return_reason" in spec:
        reason = spec["return_reason"]
        if isinstance(reason, bool) or reason not in RETURN_REASONS:
            known = ", ".join(map(str, RETURN_REASONS))
            raise bad(f"{field}.return_reason", f"{reason!r} is not a return reason; use {known}")
        checked["return_reason"] = reason
    if "return_message" in spec:
        checked["return_message"] = _text(spec["return_message"], f"{field}.return_message")
    return checked


def edit(patch: Mapping[str, Any]) -> dict[str, Any]:
    """A back-office edit: ``state`` (lines follow), ``orderlines`` (one line's state,
    e.g. a refund or an automatic cancellation; the order state follows),
    ``shipping_address``, ``date_creation``."""
    _unknown(patch, EDIT_FIELDS, "editable field")
    checked: dict[str, Any] = {}
    if "state" in patch:
        checked["state"] = order_state(patch["state"])
    if "orderlines" in patch:
        if "state" in patch:
            raise bad("orderlines", "change the order's state or its orderlines, not both")
        lines = patch["orderlines"]
        if not isinstance(lines, list) or not lines:
            raise bad("orderlines", "must be a non-empty list of orderline changes")
        checked["orderlines"] = [_line_edit(spec, i) for i, spec in enumerate(lines)]
    if "shipping_address" in patch:
        checked["shipping_address"] = address(patch["shipping_address"], "shipping_address")
    if "date_creation" in patch:
        checked["date_creation"] = _instant(patch["date_creation"], "date_creation")
    return checked
