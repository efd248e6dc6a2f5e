"""Checks of the orders the control plane is asked to place or edit, before anything is drawn.

Each function returns the input normalised (dates parsed, prices as Decimal) or raises a 400
naming the field, so a refused request changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from simulators.core.clock import ClockError, parse_instant
from simulators.core.errors import ChannelError
from simulators.core.protocols.custom_store import errors
from simulators.core.protocols.custom_store.flavour import Flavour
from simulators.core.xml_chars import unwritable

ADDRESS_FIELDS = frozenset(
    {"name", "company", "street1", "street2", "city", "state", "postal_code", "country",
     "phone", "email"}
)  # fmt: skip
_TEXT = ("number", "customer_notes", "internal_notes", "gift_message", "payment_method",
         "shipping_method", "coupon", "requested_warehouse", "source")  # fmt: skip
ORDER_FIELDS = frozenset(
    {
        *_TEXT,
        "status",
        "order_date",
        "modified",
        "ship_to",
        "bill_to",
        "lines",
        "gift",
        "shipping_amount",
    }
)
LINE_FIELDS = frozenset(
    {"line_id", "sku", "name", "quantity", "unit_price", "vendor", "location", "image_url",
     "weight_oz", "options", "upc"}
)  # fmt: skip
EDIT_FIELDS = frozenset({"status", "internal_notes", "ship_to"})
GENERATE_OPTIONS = frozenset({"status", "lines"})


def bad(field: str, message: str) -> ChannelError:
    """A 400 naming the field."""
    return errors.bad_request(field, message)


def _unknown(data: Mapping[str, Any], known: frozenset[str], what: str, prefix: str = "") -> None:
    extra = sorted(set(data) - known)
    if extra:
        raise bad(f"{prefix}{extra[0]}", f"unknown {what}; known: {', '.join(sorted(known))}")


def _writable(data: Mapping[str, Any]) -> None:
    """Refuse text the export could not write (``xml_chars.py``)."""
    problem = unwritable(data)
    if problem is not None:
        raise bad(*problem)


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise bad(field, "must be a string")
    return value


def _instant(value: Any, field: str) -> datetime:
    try:
        return parse_instant(_text(value, field))
    except ClockError as exc:
        raise bad(field, str(exc)) from exc


def status(value: Any, flavour: Flavour, field: str = "status") -> str:
    """One of the flavour's status texts (exactly, case included)."""
    if value not in flavour.statuses:
        raise bad(field, f"{value!r} is not a status; use one of {', '.join(flavour.statuses)}")
    return str(value)


def address(value: Any, field: str) -> dict[str, str]:
    """An address override (fields of ``ADDRESS_FIELDS``)."""
    if not isinstance(value, Mapping):
        raise bad(field, "must be an address object")
    _unknown(value, ADDRESS_FIELDS, "address field", f"{field}.")
    return {k: _text(v, f"{field}.{k}") for k, v in value.items()}


def _decimal(value: Any, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise bad(field, "must be a decimal amount") from None


def _line(spec: Any, index: int, flavour: Flavour) -> dict[str, Any]:
    field = f"lines.{index}"
    if not isinstance(spec, Mapping):
        raise bad(field, "each line must be an object")
    _unknown(spec, LINE_FIELDS, "line field", f"{field}.")
    line: dict[str, Any] = {
        k: _text(spec[k], f"{field}.{k}")
        for k in ("line_id", "sku", "name", "location", "image_url", "upc")
        if k in spec
    }
    if "vendor" in spec:
        if spec["vendor"] not in flavour.vendors:
            known = ", ".join(flavour.vendors) or "none: this store routes no line"
            raise bad(f"{field}.vendor", f"{spec['vendor']!r} is not a vendor; use {known}")
        line["vendor"] = spec["vendor"]
    if "quantity" in spec:
        quantity = spec["quantity"]
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise bad(f"{field}.quantity", "must be an integer >= 1")
        line["quantity"] = quantity
    for key in ("unit_price", "weight_oz"):
        if key in spec:
            line[key] = _decimal(spec[key], f"{field}.{key}")
    if "options" in spec:
        options = spec["options"]
        if not isinstance(options, Mapping):
            raise bad(f"{field}.options", "must be an object of option names to values")
        line["options"] = tuple((str(k), _text(v, f"{field}.options.{k}")) for k, v in
                                options.items())  # fmt: skip
    return line


def order(data: Any, flavour: Flavour) -> dict[str, Any]:
    """One explicit order; what is not given comes from the factory."""
    if not isinstance(data, Mapping):
        raise bad("orders", "each order must be an object")
    _unknown(data, ORDER_FIELDS, "order field")
    _writable(data)
    checked: dict[str, Any] = {"status": status(data.get("status", flavour.paid), flavour)}
    for key in _TEXT:
        if key in data:
            checked[key] = _text(data[key], key)
    for key in ("order_date", "modified"):
        if key in data:
            checked[key] = _instant(data[key], key)
    for key in ("ship_to", "bill_to"):
        if key in data and not (key == "ship_to" and data[key] is None):
            checked[key] = address(data[key], key)
    if data.get("ship_to", {}) is None:
        checked["ship_to"] = None  # no shipping address (a counter pickup, a bad checkout)
    if "shipping_amount" in data:
        checked["shipping_amount"] = _decimal(data["shipping_amount"], "shipping_amount")
    if "gift" in data:
        if not isinstance(data["gift"], bool):
            raise bad("gift", "must be true or false")
        checked["gift"] = data["gift"]
    if "lines" in data:
        lines = data["lines"]
        if not isinstance(lines, list) or not 1 <= len(lines) <= 20:
            raise bad("lines", "must be a list of 1 to 20 lines")
        checked["lines"] = [_line(spec, i, flavour) for i, spec in enumerate(lines)]
    return checked


def generate_options(options: Mapping[str, Any], flavour: Flavour) -> dict[str, Any]:
    """Options of ``{"generate": N, ...}``: ``status``, ``lines`` (1 to 6)."""
    _unknown(options, GENERATE_OPTIONS, "option")
    checked: dict[str, Any] = {"status": status(options.get("status", flavour.paid), flavour)}
    lines = options.get("lines")
    if lines is not None and (isinstance(lines, bool) or lines not in range(1, 5)):
        raise bad("lines", "must be an integer from 1 to 4")
    checked["lines"] = lines
    return checked


def edit(patch: Mapping[str, Any], flavour: Flavour) -> dict[str, Any]:
    """A back-office edit: ``status``, ``internal_notes``, ``ship_to``."""
    _unknown(patch, EDIT_FIELDS, "editable field")
    _writable(patch)
    checked: dict[str, Any] = {}
    if "status" in patch:
        checked["status"] = status(patch["status"], flavour)
    if "internal_notes" in patch:
        checked["internal_notes"] = _text(patch["internal_notes"], "internal_notes")
    if "ship_to" in patch:
        checked["ship_to"] = address(patch["ship_to"], "ship_to")
    return checked
