"""IMEI and serial numbers: on the ship call and through PATCH /ws/orderlines/{id}."""

from __future__ import annotations

from typing import Any

import pytest

from simulators.core.clock import parse_instant
from tests.helpers import BackMarketClient

#: These tests read the codes of the descriptive error bodies; the documented empty bodies
#: (the default) are checked in test_error_bodies.py.
pytestmark = pytest.mark.sim_settings(error_bodies="descriptive")

VALID_IMEI = "490154203237518"
TRACKING = "1Z999AA10123456784"


def luhn_digit(body: str) -> str:
    """The Luhn check digit completing ``body`` (digits only)."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:  # doubled once the check digit is appended on the right
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def imei(body14: str) -> str:
    assert len(body14) == 14 and body14.isdigit()
    return body14 + luhn_digit(body14)


def wrong_check_digit(valid: str) -> str:
    return valid[:-1] + str((int(valid[-1]) + 1) % 10)


OTHER_IMEI = imei("35209900176148")
BAD_IMEIS = {
    "14 digits": VALID_IMEI[:-1],
    "letters": "49015420323751A",
    "bad Luhn digit": wrong_check_digit(VALID_IMEI),
    "spaces": "4901542 3237518",
    "full-width digits": "".join(chr(0xFF10 + int(d)) for d in VALID_IMEI),
}
#: What the orderline PATCH refuses: it does not check the Luhn digit (see PATCH_EXAMPLE).
PATCH_BAD_IMEIS = {k: v for k, v in BAD_IMEIS.items() if k != "bad Luhn digit"}


def phone_order(bm: BackMarketClient, state: int = 3) -> dict[str, Any]:
    """A single smartphone of quantity 1; ``state`` 3: accepted, ready to ship."""
    order = bm.place(single_unit=True, category="smartphone", state=state)
    assert len(order["orderlines"]) == 1
    assert order["orderlines"][0]["quantity"] == 1
    return order


def line_of(bm: BackMarketClient, order: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = bm.order(order["order_id"])["orderlines"][0]
    return line


def ship(bm: BackMarketClient, order: dict[str, Any], **extra: Any):
    return bm.update(order["order_id"], new_state=3, tracking_number=TRACKING, **extra)


def assert_imei_refused(reply: Any) -> None:
    assert reply.status_code == 400, reply.text
    body = reply.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "imei-refused"
    assert body["error"]["message"]


def assert_unprocessable(reply: Any) -> None:
    assert reply.status_code == 422, reply.text
    body = reply.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "unprocessable-entity"
    assert body["error"]["message"]


# -- on the ship call -----------------------------------------------------------------------
def test_imei_on_the_ship_call_is_registered(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    reply = ship(bm, order, imei=VALID_IMEI)
    assert reply.status_code == 200, reply.text
    assert reply.json()["orderlines"][0]["imei"] == VALID_IMEI
    line = line_of(bm, order)
    assert line["imei"] == VALID_IMEI
    assert line["state"] == 3


def test_imei_on_the_demo_smartphone_after_accepting_it(bm: BackMarketClient) -> None:
    phone = next(
        o
        for o in bm.all_orders()
        if o["state"] == 1
        and len(o["orderlines"]) == 1
        and o["orderlines"][0]["quantity"] == 1
        and o["orderlines"][0]["listing"].startswith("SP-")
    )
    sku = phone["orderlines"][0]["listing"]
    assert bm.update(phone["order_id"], new_state=2, sku=sku).status_code == 200
    reply = ship(bm, phone, imei=OTHER_IMEI)
    assert reply.status_code == 200, reply.text
    assert line_of(bm, phone)["imei"] == OTHER_IMEI


@pytest.mark.parametrize("case", sorted(BAD_IMEIS))
def test_invalid_imei_on_the_ship_call_ships_nothing(bm: BackMarketClient, case: str) -> None:
    order = phone_order(bm)
    before = bm.order(order["order_id"])
    bm.advance("PT1H")
    assert_imei_refused(ship(bm, order, imei=BAD_IMEIS[case]))
    assert bm.order(order["order_id"]) == before


def test_imei_longer_than_15_is_refused_and_ships_nothing(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    before = bm.order(order["order_id"])
    reply = ship(bm, order, imei=VALID_IMEI + "0")
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] in {"imei-refused", "E009"}
    assert bm.order(order["order_id"]) == before


@pytest.mark.parametrize(
    "lines",
    [
        [{"quantity": 1}, {"quantity": 1}],
        [{"quantity": 2}],
    ],
    ids=["two lines", "quantity 2"],
)
@pytest.mark.parametrize("identifier", ["imei", "serial_number"])
def test_identifier_needs_one_line_of_quantity_one(
    bm: BackMarketClient, lines: list[dict[str, Any]], identifier: str
) -> None:
    order = bm.place(state=3, lines=lines)
    before = bm.order(order["order_id"])
    bm.advance("PT1H")
    value = VALID_IMEI if identifier == "imei" else "SN-C02XK0ABJG5H"
    assert_imei_refused(ship(bm, order, **{identifier: value}))
    assert bm.order(order["order_id"]) == before
    # The same order ships fine without the identifier.
    assert ship(bm, order).status_code == 200


@pytest.mark.parametrize("value", [VALID_IMEI, BAD_IMEIS["bad Luhn digit"]], ids=["valid", "bad"])
@pytest.mark.parametrize("new_state", [2, 4])
def test_imei_is_ignored_unless_shipping(bm: BackMarketClient, new_state: int, value: str) -> None:
    order = phone_order(bm, state=1)
    sku = order["orderlines"][0]["listing"]
    reply = bm.update(
        order["order_id"], new_state=new_state, sku=sku, imei=value, serial_number="SN-1"
    )
    assert reply.status_code == 200, reply.text
    line = line_of(bm, order)
    assert line["state"] == new_state
    assert (line["imei"], line["serial_number"]) == ("", "")


def test_imei_is_ignored_on_a_refund_after_shipping(bm: BackMarketClient) -> None:
    order = phone_order(bm, state=9)
    sku = order["orderlines"][0]["listing"]
    reply = bm.update(order["order_id"], new_state=6, sku=sku, return_reason=11, imei=VALID_IMEI)
    assert reply.status_code == 200, reply.text
    assert line_of(bm, order)["imei"] == ""


def test_serial_number_on_the_ship_call_is_registered(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    reply = ship(bm, order, imei=VALID_IMEI, serial_number="SN-C02XK0ABJG5H")
    assert reply.status_code == 200, reply.text
    line = line_of(bm, order)
    assert (line["imei"], line["serial_number"]) == (VALID_IMEI, "SN-C02XK0ABJG5H")


def test_imei_cannot_be_changed_after_shipping(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    assert ship(bm, order, imei=VALID_IMEI).status_code == 200
    line_id = line_of(bm, order)["id"]
    before = bm.order(order["order_id"])

    reply = bm.patch(f"/ws/orderlines/{line_id}", {"imei": OTHER_IMEI})
    assert_unprocessable(reply)
    assert "corrected" in reply.json()["error"]["message"]
    assert bm.order(order["order_id"]) == before
    # Sending the registered value again is fine.
    reply = bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI})
    assert reply.status_code == 200
    assert line_of(bm, order)["imei"] == VALID_IMEI


def test_a_registered_imei_cannot_be_changed_by_the_ship_call(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    assert bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI}).status_code == 200
    before = bm.order(order["order_id"])

    reply = ship(bm, order, imei=OTHER_IMEI)
    assert_imei_refused(reply)
    assert "corrected" in reply.json()["error"]["message"]
    assert bm.order(order["order_id"]) == before
    # The same IMEI again ships.
    reply = ship(bm, order, imei=VALID_IMEI)
    assert reply.status_code == 200, reply.text
    assert line_of(bm, order)["imei"] == VALID_IMEI


def test_a_registered_serial_number_cannot_be_changed(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    assert bm.patch(f"/ws/orderlines/{line_id}", {"serial_number": "SN-A"}).status_code == 200
    before = bm.order(order["order_id"])

    on_ship = ship(bm, order, serial_number="SN-B")
    assert_imei_refused(on_ship)
    assert "corrected" in on_ship.json()["error"]["message"]
    on_patch = bm.patch(f"/ws/orderlines/{line_id}", {"serial_number": "SN-B"})
    assert_unprocessable(on_patch)
    assert "corrected" in on_patch.json()["error"]["message"]
    assert bm.order(order["order_id"]) == before
    assert ship(bm, order, serial_number="SN-A").status_code == 200
    assert line_of(bm, order)["serial_number"] == "SN-A"


# -- PATCH /ws/orderlines/{id} --------------------------------------------------------------
def test_patch_registers_an_imei(bm: BackMarketClient) -> None:
    order = phone_order(bm, state=1)
    line_id = order["orderlines"][0]["id"]
    bm.advance("PT1H")
    reply = bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI})
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"imei": VALID_IMEI, "serial_number": ""}
    after = bm.order(order["order_id"])
    assert after["orderlines"][0]["imei"] == VALID_IMEI
    assert after["orderlines"][0]["state"] == 1, "registering an IMEI ships nothing"
    assert parse_instant(after["date_modification"]) == parse_instant("2026-03-10T13:00:00Z")


def test_patch_registers_both_identifiers_at_once(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    reply = bm.patch(
        f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI, "serial_number": "SN-C02XK0ABJG5H"}
    )
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"imei": VALID_IMEI, "serial_number": "SN-C02XK0ABJG5H"}
    line = line_of(bm, order)
    assert (line["imei"], line["serial_number"]) == (VALID_IMEI, "SN-C02XK0ABJG5H")


def test_patch_is_idempotent_for_the_same_value(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    first = bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI, "serial_number": "SN-1"})
    again = bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI, "serial_number": "SN-1"})
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    # Adding the other identifier later keeps the first one.
    only_serial = bm.patch(f"/ws/orderlines/{line_id}", {"serial_number": "SN-1"})
    assert only_serial.json() == {"imei": VALID_IMEI, "serial_number": "SN-1"}


@pytest.mark.parametrize("case", sorted(PATCH_BAD_IMEIS))
def test_patch_refuses_an_invalid_imei(bm: BackMarketClient, case: str) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    before = bm.order(order["order_id"])
    bm.advance("PT1H")
    assert_unprocessable(bm.patch(f"/ws/orderlines/{line_id}", {"imei": PATCH_BAD_IMEIS[case]}))
    assert bm.order(order["order_id"]) == before


def test_patch_refuses_a_line_of_quantity_two(bm: BackMarketClient) -> None:
    order = bm.place(state=3, lines=[{"quantity": 2}])
    line_id = order["orderlines"][0]["id"]
    before = bm.order(order["order_id"])
    assert_unprocessable(bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI}))
    assert_unprocessable(bm.patch(f"/ws/orderlines/{line_id}", {"serial_number": "SN-1"}))
    assert bm.order(order["order_id"]) == before


def test_patch_refuses_a_correction(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    assert bm.patch(f"/ws/orderlines/{line_id}", {"imei": VALID_IMEI}).status_code == 200
    before = bm.order(order["order_id"])
    reply = bm.patch(f"/ws/orderlines/{line_id}", {"imei": OTHER_IMEI})
    assert_unprocessable(reply)
    assert "corrected" in reply.json()["error"]["message"]
    # A refused request registers nothing, not even the part that was acceptable.
    assert_unprocessable(
        bm.patch(f"/ws/orderlines/{line_id}", {"imei": OTHER_IMEI, "serial_number": "SN-NEW"})
    )
    assert bm.order(order["order_id"]) == before


def test_patch_refuses_everything_when_one_identifier_is_bad(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    before = bm.order(order["order_id"])
    reply = bm.patch(
        f"/ws/orderlines/{line_id}",
        {"imei": BAD_IMEIS["letters"], "serial_number": "SN-OK"},
    )
    assert_unprocessable(reply)
    assert bm.order(order["order_id"]) == before


def test_patch_unknown_orderline_is_not_found(bm: BackMarketClient) -> None:
    reply = bm.patch("/ws/orderlines/12345", {"imei": VALID_IMEI})
    assert reply.status_code == 404
    assert reply.json() == {
        "error": {"code": "not-found", "message": "The orderline 12345 doesn't exist."}
    }


def test_patch_with_an_empty_body_is_a_validation_error(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    before = bm.order(order["order_id"])
    reply = bm.patch(f"/ws/orderlines/{line_id}", {})
    assert reply.status_code == 400
    body = reply.json()
    assert set(body) == {"error", "data"}
    assert body["error"] == {"code": "E009", "message": "Validation error"}
    assert list(body["data"]["fields"]) == ["non_field_errors"]
    assert bm.order(order["order_id"]) == before


def test_patch_without_any_identifier_is_a_validation_error(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    reply = bm.patch(f"/ws/orderlines/{line_id}", {"note": "hello"})
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "E009"
    assert (line_of(bm, order)["imei"], line_of(bm, order)["serial_number"]) == ("", "")


# -- the published examples and cancelled siblings --------------------------------------------
#: The example of the orderline PATCH in Back Market's spec; its Luhn check digit is wrong.
PATCH_EXAMPLE = "153124587625348"


def test_the_patch_example_imei_is_accepted_by_the_patch(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    line_id = order["orderlines"][0]["id"]
    reply = bm.patch(f"/ws/orderlines/{line_id}", {"imei": PATCH_EXAMPLE})
    assert reply.status_code == 200, reply.text
    assert bm.order(order["order_id"])["orderlines"][0]["imei"] == PATCH_EXAMPLE


def test_the_ship_call_still_wants_a_valid_imei(bm: BackMarketClient) -> None:
    order = phone_order(bm)
    assert_imei_refused(ship(bm, order, imei=PATCH_EXAMPLE))
    assert bm.order(order["order_id"])["state"] == 3


def test_a_cancelled_sibling_line_does_not_count_against_one_line_of_quantity_one(
    bm: BackMarketClient,
) -> None:
    order = bm.place(
        state=3, lines=[{"sku": "CASE", "quantity": 1}, {"sku": "PHONE", "quantity": 1}]
    )
    oid = order["order_id"]
    assert bm.update(oid, new_state=5, sku="CASE").status_code == 200
    reply = bm.update(oid, new_state=3, tracking_number=TRACKING, imei=VALID_IMEI)
    assert reply.status_code == 200, reply.text
    lines = {line["listing"]: line for line in reply.json()["orderlines"]}
    assert (lines["PHONE"]["state"], lines["PHONE"]["imei"]) == (3, VALID_IMEI)
    assert (lines["CASE"]["state"], lines["CASE"]["imei"]) == (5, "")


def test_two_live_lines_still_refuse_an_imei(bm: BackMarketClient) -> None:
    order = bm.place(
        state=3, lines=[{"sku": "CASE", "quantity": 1}, {"sku": "PHONE", "quantity": 1}]
    )
    assert_imei_refused(ship(bm, order, imei=VALID_IMEI))
