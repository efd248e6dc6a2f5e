"""The IMEI or serial number a merchant types in a Back Market order's internal notes.

Back Market takes one with the ship call for an order of one line of quantity 1 (the seller
API's update description); ShipStation's help article says merchants type it in the order's
Internal Notes, in no documented format, so the reading is forgiving.
"""

from __future__ import annotations

import re

from harness.engine.model import Order

#: "IMEI: 356…", "serial number 4B7…", "S/N=…"; or a note that is one bare identifier.
#: "IMEI: 356938035643809", "IMEI 35-693803-564380-9", "imei 3569 3803 5643 809".
_IMEI = re.compile(
    r"(?i)\bimei(?:\s*(?:number|no\.?|[12]))?(?![A-Za-z])\s*[:#=-]?\s*"
    r"((?:\d[ -]?){7,20}\d)(?!\d)"
)
#: "Serial number: F2LXK0A1HG7F", "S/N=...", "SN F2LX...": a token with at least one digit.
_SERIAL = re.compile(
    r"(?i)\b(?:serial(?:\s*(?:number|no\.?))?|s/?n)(?![A-Za-z])\s*[:#=]?\s*"
    r"((?=[A-Za-z-]*\d)[A-Za-z0-9-]{4,50})(?![A-Za-z0-9-])"
)
#: A note that is nothing but one identifier (with at least one digit; not a date).
_BARE = re.compile(r"^\s*(?!\d{4}-\d{2}-\d{2}\s*$)((?=[A-Za-z-]*\d)[A-Za-z0-9-]{4,50})\s*$")


def identifier_from_notes(notes: str | None) -> tuple[str, str]:
    """The (imei, serial_number) to send, read from the order's internal notes.

    The first labelled identifier wins and goes as its label says: ``IMEI`` followed by
    digits (spaces or dashes between them dropped; Back Market checks them, so a mistyped
    IMEI is refused and reported rather than sent as something else), or ``Serial number`` /
    ``S/N`` / ``SN`` followed by a token with a digit in it. Else a note that is nothing but
    one such token goes as ``imei`` when it has 15 characters and as ``serial_number``
    otherwise, as Back Market's own clients do. A label followed by words ("IMEI unknown")
    is no identifier. Nothing found gives two empty strings.
    """
    if not notes:
        return "", ""
    found = [m for m in (_IMEI.search(notes), _SERIAL.search(notes)) if m is not None]
    if found:
        first = min(found, key=lambda m: m.start())
        if first.re is _IMEI:
            return first.group(1).replace(" ", "").replace("-", ""), ""
        return "", first.group(1)
    bare = _BARE.match(notes)
    if bare is None:
        return "", ""
    value = bare.group(1)
    return (value, "") if len(value) == 15 else ("", value)


def single_unit(order: Order) -> bool:
    """Back Market takes an IMEI or serial number for an order of one line of quantity 1."""
    return len(order.items) == 1 and order.items[0].quantity == 1
