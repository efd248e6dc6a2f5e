"""The ``action`` that names a Custom Store operation is read as ``parse_qs`` reads it."""

from __future__ import annotations

from urllib.parse import parse_qs

from hypothesis import given
from hypothesis import strategies as st

from simulators.core.protocols.custom_store.contract import first_value

PIECES = st.sampled_from(
    ["action", "%61ction", "act+ion", "action ", "export", "shipnotify", "=", "&", "+", "%20",
     "%", "%zz", "é", "start_date", "03%2F10%2F2026+12%3A00", ";", ""]
)  # fmt: skip


@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_first_action_is_parse_qs_s(query: str) -> None:
    actions = parse_qs(query).get("action")
    assert first_value(query, "action") == (actions[0] if actions else None)


def test_a_blank_action_gives_way_to_a_later_one() -> None:
    assert first_value("action=&page=2&action=export", "action") == "export"
    assert first_value("page=2", "action") is None
