"""The thin REST dispatch infers a reply's content type as connexion does, every time."""

from __future__ import annotations

import pytest
from connexion.exceptions import NonConformingResponseHeaders

from simulators.core.protocols.rest_operations import CompiledOperation
from tests.core.one_operation import compiled


async def _handler() -> None:
    return None


def _operation(*produces: str) -> CompiledOperation:
    content = {media: {"schema": {"type": "object"}} for media in produces}
    return compiled({"responses": {"200": {"description": "ok", "content": content}}}, _handler)


def test_one_produced_type_is_the_type_of_an_unnamed_reply() -> None:
    op = _operation("application/json")
    for _ in range(2):
        assert op.reply_content_type({"a": 1}, {}) == "application/json"


def test_a_named_type_the_operation_produces_is_kept() -> None:
    op = _operation("application/json", "text/plain")
    for _ in range(2):
        assert op.reply_content_type("", {"content-type": "text/plain"}) == "text/plain"


def test_a_type_the_operation_does_not_produce_is_refused_every_time() -> None:
    op = _operation("application/json")
    for _ in range(2):
        with pytest.raises(NonConformingResponseHeaders):
            op.reply_content_type({}, {"Content-Type": "text/html"})


def test_text_among_several_types_picks_text_plain_and_other_data_is_refused() -> None:
    op = _operation("application/json", "text/plain")
    assert op.reply_content_type("words", {}) == "text/plain"
    for _ in range(2):
        with pytest.raises(NonConformingResponseHeaders):
            op.reply_content_type({"a": 1}, {})
