"""Checks of what the control plane is asked to create or edit, before anything is drawn.

Every check runs before the seeded sources are touched, so a refused request changes nothing.
Each function returns the input normalised (dates parsed, amounts as Decimal) or raises
Bluepark's 400 naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulators.channels.bluepark import errors
from simulators.channels.bluepark.statuses import PENDING, STATUSES
from simulators.core.field_checks import FieldChecks

CHECK = FieldChecks(errors.bad_field)
ADDRESS_FIELDS = frozenset(
    {
        "first_name", "last_name", "company", "address_line_1", "address_line_2", "town",
        "county", "postcode", "country", "telephone",
    }
)  # fmt: skip
ORDER_FIELDS = frozenset(
    {
        "id", "status", "date_created", "date_paid", "delivery_date", "delivery_method",
        "payment_method", "shipping_address", "ship_to", "billing_address", "coupons", "items",
        "customer_comments", "admin_comments", "gift", "gift_message", "tracking_number",
        "courier",
    }
)  # fmt: skip
ITEM_FIELDS = frozenset(
    {"sku", "name", "quantity", "unit_price", "weight", "image_url", "options", "stock_location"}
)
GENERATE_OPTIONS = frozenset({"status", "ship_to", "lines", "coupons", "delivery_date"})
EDIT_FIELDS = frozenset({"status", "shipping_address", "delivery_date", "admin_comments"})
_TEXTS = (
    "delivery_method", "payment_method", "customer_comments", "admin_comments", "gift_message",
    "tracking_number", "courier",
)  # fmt: skip


def status(value: Any, field: str = "status") -> str:
    """A Bluepark order status."""
    return CHECK.choice(value, field, STATUSES)


def address(value: Any, field: str) -> dict[str, str] | None:
    """Address fields (merged over the factory's address) or None."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise errors.bad_field(field, f"{field} must be an address object or null")
    CHECK.unknown(value, ADDRESS_FIELDS, "address field", f"{field}.")
    return {k: CHECK.text(v, f"{field}.{k}") for k, v in value.items()}


def generate_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """Options of ``{"generate": N, ...}``: status, ship_to, lines, coupons, delivery_date."""
    CHECK.unknown(options, GENERATE_OPTIONS, "option")
    return {
        "status": status(options.get("status", PENDING)),
        "ship_to": CHECK.boolean(options.get("ship_to", True), "ship_to"),
        "lines": CHECK.integer(options["lines"], "lines", 1, 4) if "lines" in options else None,
        "coupons": CHECK.boolean(options["coupons"], "coupons") if "coupons" in options else None,
        "delivery_date": (
            CHECK.boolean(options["delivery_date"], "delivery_date")
            if "delivery_date" in options
            else None
        ),
    }


def _item(spec: Any, index: int) -> dict[str, Any]:
    field = f"items.{index}"
    if not isinstance(spec, Mapping):
        raise errors.bad_field(field, "each item must be an object")
    CHECK.unknown(spec, ITEM_FIELDS, "item field", f"{field}.")
    item: dict[str, Any] = {
        k: CHECK.text(spec[k], f"{field}.{k}")
        for k in ("sku", "name", "image_url", "stock_location")
        if k in spec
    }
    if "quantity" in spec:
        item["quantity"] = CHECK.integer(spec["quantity"], f"{field}.quantity", 1, 10_000)
    if "unit_price" in spec:
        item["unit_price"] = CHECK.amount(spec["unit_price"], f"{field}.unit_price")
    if "weight" in spec:
        item["weight"] = CHECK.amount(spec["weight"], f"{field}.weight", places=3)
    if "options" in spec:
        options = spec["options"]
        if not isinstance(options, Mapping):
            raise errors.bad_field(f"{field}.options", "must be an object of name: value")
        item["options"] = [
            {"name": str(k), "value": CHECK.text(v, f"{field}.options.{k}")}
            for k, v in options.items()
        ]
    return item


def _coupons(value: Any) -> list[tuple[str, Any]]:
    if not isinstance(value, list):
        raise errors.bad_field("coupons", "must be a list of {code, amount}")
    out = []
    for i, coupon in enumerate(value):
        if not isinstance(coupon, Mapping) or set(coupon) != {"code", "amount"}:
            raise errors.bad_field(f"coupons.{i}", "each coupon is {code, amount}")
        out.append(
            (CHECK.text(coupon["code"], f"coupons.{i}.code"),
             CHECK.amount(coupon["amount"], f"coupons.{i}.amount"))
        )  # fmt: skip
    return out


def order(data: Mapping[str, Any]) -> dict[str, Any]:
    """One explicit order (see ``ORDER_FIELDS``); what is not given comes from the factory."""
    CHECK.unknown(data, ORDER_FIELDS, "order field")
    checked: dict[str, Any] = {"status": status(data.get("status", PENDING))}
    if "id" in data:
        checked["id"] = CHECK.integer(data["id"], "id", 1, 2**31 - 1)
    for key in ("date_created", "date_paid"):
        if key in data:
            checked[key] = CHECK.instant(data[key], key)
    if "delivery_date" in data:
        given = data["delivery_date"]
        checked["delivery_date"] = None if given is None else CHECK.day(given, "delivery_date")
    for key in ("shipping_address", "ship_to"):
        if key in data:
            checked["shipping_address"] = address(data[key], key)
    if "billing_address" in data:
        if data["billing_address"] is None:
            raise errors.bad_field("billing_address", "billing_address must be an address object")
        checked["billing_address"] = address(data["billing_address"], "billing_address")
    for key in _TEXTS:
        if key in data:
            checked[key] = CHECK.text(data[key], key)
    if "gift" in data:
        checked["gift"] = CHECK.boolean(data["gift"], "gift")
    if "coupons" in data:
        checked["coupons"] = _coupons(data["coupons"])
    if "items" in data:
        items = data["items"]
        if not isinstance(items, list) or not 1 <= len(items) <= 4:
            raise errors.bad_field("items", "must be a list of 1 to 4 items")
        checked["items"] = [_item(spec, i) for i, spec in enumerate(items)]
    return checked


def edit(patch: Mapping[str, Any]) -> dict[str, Any]:
    """A back-office edit: status, shipping_address, delivery_date, admin_comments."""
    CHECK.unknown(patch, EDIT_FIELDS, "editable field")
    checked: dict[str, Any] = {}
    if "status" in patch:
        checked["status"] = status(patch["status"])
    if "shipping_address" in patch:
        checked["shipping_address"] = address(patch["shipping_address"], "shipping_address")
    if "delivery_date" in patch:
        given = patch["delivery_date"]
        checked["delivery_date"] = None if given is None else CHECK.day(given, "delivery_date")
    if "admin_comments" in patch:
        checked["admin_comments"] = CHECK.text(patch["admin_comments"], "admin_comments")
    return checked
