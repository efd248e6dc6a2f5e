"""Checks of what the control plane is asked to place or edit, before anything is drawn.

Every check runs before the seeded sources are touched, so a refused request changes nothing.
Each function returns the input normalised (dates parsed, amounts as Decimal) or raises a
``Client.InvalidRequest`` fault naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from simulators.channels.ultracart import errors
from simulators.channels.ultracart.orders import STAGES, Address
from simulators.core.clock import ClockError, parse_instant
from simulators.core.errors import ChannelError
from simulators.core.xml_chars import unwritable

ORDER_ID = re.compile(r"^[A-Z0-9]{1,10}-\d{1,10}$")
DC_CODE = re.compile(r"^[A-Z0-9_-]{1,20}$")
ADDRESS_FIELDS = frozenset(
    {"company", "first_name", "last_name", "address1", "address2", "city", "state", "zip",
     "country"}
)  # fmt: skip
ITEM_FIELDS = frozenset(
    {"item_id", "quantity", "description", "cost", "discount", "weight_lb",
     "distribution_center_code"}
)  # fmt: skip
ORDER_FIELDS = frozenset(
    {"order_id", "current_stage", "order_date", "ship_to", "items", "subtotal_discount",
     "coupon_code", "imported", "gift", "gift_message", "merchant_notes", "special_instructions",
     "shipping_method"}
)  # fmt: skip
GENERATE_OPTIONS = frozenset({"ship_to", "lines", "current_stage", "discount", "other_dc"})
EDIT_FIELDS = frozenset(
    {"requeue", "imported", "current_stage", "ship_to", "subtotal_discount", "merchant_notes",
     "special_instructions"}
)  # fmt: skip
_TEXT = ("coupon_code", "gift_message", "merchant_notes", "special_instructions",
         "shipping_method")  # fmt: skip


def _unknown(data: Mapping[str, Any], known: frozenset[str], what: str, prefix: str = "") -> None:
    extra = sorted(set(data) - known)
    if extra:
        raise _bad(
            f"{prefix}{extra[0]}", f"unknown {what} {extra[0]!r}; known: {', '.join(sorted(known))}"
        )


def _bad(field: str, message: str) -> ChannelError:
    """A control-plane input refused: 400 (on the SOAP wire the same fault is a 500, as
    SOAP 1.1 sends every fault, but ``/__sim`` speaks plain HTTP)."""
    return errors.fault("Client.InvalidRequest", message, field=field, status=400)


def _writable(data: Mapping[str, Any]) -> None:
    """Refuse text a SOAP reply could not carry (``xml_chars.py``)."""
    problem = unwritable(data)
    if problem is not None:
        raise _bad(*problem)


def _mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(field, f"{field}: must be an object")
    return value


def _amount(value: Any, field: str) -> Decimal:
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidOperation
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _bad(field, f"{field}: must be an amount such as 12.50") from None
    if not amount.is_finite() or amount < 0 or amount > 1_000_000:
        raise _bad(field, f"{field}: must be an amount from 0 to 1000000")
    return amount.quantize(Decimal("0.01"))


def _bool(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(field, f"{field}: must be true or false")
    return value


def _stage(value: Any, field: str = "current_stage") -> str:
    if value not in STAGES:
        raise _bad(field, f"{field}: {value!r} is not one of {', '.join(STAGES)}")
    return str(value)


def _address(value: Any, field: str) -> dict[str, str] | None:
    if value is None:
        return None
    given = _mapping(value, field)
    _unknown(given, ADDRESS_FIELDS, "address field", f"{field}.")
    for key, text in given.items():
        if not isinstance(text, str):
            raise _bad(f"{field}.{key}", f"{field}.{key}: must be text")
    return dict(given)


def address(given: Mapping[str, str] | None, base: Address) -> Address | None:
    """An address from checked fields, the rest taken from ``base`` (None stays None)."""
    if given is None:
        return None
    values = {k: getattr(base, k) for k in ADDRESS_FIELDS}
    values.update(given)
    return Address(**values)


def _item(value: Any, index: int) -> dict[str, Any]:
    field = f"items[{index}]"
    given = _mapping(value, field)
    _unknown(given, ITEM_FIELDS, "item field", f"{field}.")
    item: dict[str, Any] = {}
    for key in ("item_id", "description"):
        if key in given:
            if not isinstance(given[key], str) or not given[key]:
                raise _bad(f"{field}.{key}", f"{field}.{key}: must be non-empty text")
            item[key] = given[key]
    if "distribution_center_code" in given:
        code = given["distribution_center_code"]
        if not isinstance(code, str) or not DC_CODE.match(code):
            raise _bad(
                f"{field}.distribution_center_code",
                f"{field}.distribution_center_code: must be a code such as DFLT",
            )
        item["distribution_center_code"] = code
    if "quantity" in given:
        quantity = given["quantity"]
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 999:
            raise _bad(f"{field}.quantity", f"{field}.quantity: must be 1 to 999")
        item["quantity"] = quantity
    for key in ("cost", "discount", "weight_lb"):
        if key in given:
            item[key] = _amount(given[key], f"{field}.{key}")
    return item


def order(data: Any, default_dc: str) -> dict[str, Any]:
    """Fields of an order placed through the control plane, checked."""
    given = _mapping(data, "order")
    _unknown(given, ORDER_FIELDS, "order field")
    _writable(given)
    checked: dict[str, Any] = {}
    if "order_id" in given:
        if not isinstance(given["order_id"], str) or not ORDER_ID.match(given["order_id"]):
            raise _bad("order_id", "order_id: must look like DEMO-12345")
        checked["order_id"] = given["order_id"]
    if "current_stage" in given:
        checked["current_stage"] = _stage(given["current_stage"])
    if "order_date" in given:
        try:
            checked["order_date"] = parse_instant(given["order_date"])
        except (ClockError, TypeError) as exc:
            raise _bad("order_date", f"order_date: {exc}") from None
    if "ship_to" in given:
        checked["ship_to"] = _address(given["ship_to"], "ship_to")
    if "items" in given:
        items = given["items"]
        if not isinstance(items, list) or not 1 <= len(items) <= 50:
            raise _bad("items", "items: must be a list of 1 to 50 items")
        checked["items"] = [_item(v, i) for i, v in enumerate(items)]
    if "subtotal_discount" in given:
        checked["subtotal_discount"] = _amount(given["subtotal_discount"], "subtotal_discount")
    for key in ("imported", "gift"):
        if key in given:
            checked[key] = _bool(given[key], key)
    for key in _TEXT:
        if key in given:
            if not isinstance(given[key], str):
                raise _bad(key, f"{key}: must be text")
            checked[key] = given[key]
    checked["default_dc"] = default_dc
    return checked


def generate_options(options: Mapping[str, Any], default_dc: str) -> dict[str, Any]:
    """Options of ``generate``: ``ship_to`` (default true), ``lines``, ``current_stage``,
    ``discount`` (true: every order has one), ``other_dc`` (a code: one item ships from it)."""
    _unknown(options, GENERATE_OPTIONS, "generate option")
    checked: dict[str, Any] = {
        "ship_to": _bool(options.get("ship_to", True), "ship_to"),
        "lines": options.get("lines"),
        "current_stage": _stage(options.get("current_stage", "SD")),
        "discount": _bool(options.get("discount", False), "discount"),
        "other_dc": options.get("other_dc"),
        "dc": default_dc,
    }
    lines = checked["lines"]
    if lines is not None and (isinstance(lines, bool) or not isinstance(lines, int)
                              or not 1 <= lines <= 10):  # fmt: skip
        raise _bad("lines", "lines: must be an integer from 1 to 10")
    other = checked["other_dc"]
    if other is not None and (not isinstance(other, str) or not DC_CODE.match(other)):
        raise _bad("other_dc", "other_dc: must be a code such as EAST")
    return checked


def edit(patch: Any) -> dict[str, Any]:
    """A back-office edit, checked."""
    given = _mapping(patch, "changes")
    _unknown(given, EDIT_FIELDS, "editable field")
    _writable(given)
    checked: dict[str, Any] = {}
    for key in ("requeue", "imported"):
        if key in given:
            checked[key] = _bool(given[key], key)
    if "current_stage" in given:
        checked["current_stage"] = _stage(given["current_stage"])
    if "ship_to" in given:
        checked["ship_to"] = _address(given["ship_to"], "ship_to")
    if "subtotal_discount" in given:
        checked["subtotal_discount"] = _amount(given["subtotal_discount"], "subtotal_discount")
    for key in ("merchant_notes", "special_instructions"):
        if key in given:
            if not isinstance(given[key], str):
                raise _bad(key, f"{key}: must be text")
            checked[key] = given[key]
    return checked
