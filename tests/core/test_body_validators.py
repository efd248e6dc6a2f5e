"""An operation keeps a bounded number of body validators, whatever charsets clients name."""

from __future__ import annotations

from typing import Any

import pytest

from simulators.core.protocols import rest_operations
from simulators.core.validation import FieldJSONBodyValidator, FieldProblem
from tests.core.one_operation import compiled


async def _handler(body: Any) -> None:
    return None


def test_every_charset_gets_a_validator_and_only_the_first_few_are_kept() -> None:
    body = {"schema": {"type": "object", "required": ["a"]}}
    operation = {
        "requestBody": {"required": True, "content": {"application/json": body}},
        "responses": {"204": {"description": "ok"}},
    }
    op = compiled(operation, _handler, method="post")
    validators = {"application/json": FieldJSONBodyValidator}
    for n in range(rest_operations._VALIDATORS_KEPT * 3):
        checker = op.body_validator("application/json", f"x-charset-{n}", validators, False)
        with pytest.raises(FieldProblem, match="unknown charset"):  # a 400, never a crash
            checker.check(b'{"a": 1}')
    assert len(op.body_validators) == rest_operations._VALIDATORS_KEPT
    latin = op.body_validator("application/json", "latin-1", validators, False)
    assert latin.check('{"a": "\u00e9"}'.encode("latin-1")) == {"a": "\u00e9"}
