"""An operation keeps a bounded number of body validators, whatever charsets clients name."""

from __future__ import annotations

from typing import Any

import pytest
from connexion.resolver import Resolver

from simulators.core.protocols import rest_operations
from simulators.core.protocols.rest_operations import compile_operations
from simulators.core.validation import FieldJSONBodyValidator, FieldParameterValidator, FieldProblem


async def _handler(body: Any) -> None:
    return None


def test_every_charset_gets_a_validator_and_only_the_first_few_are_kept() -> None:
    spec: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "things",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"type": "object", "required": ["a"]}}
                        },
                    },
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    }
    resolver = Resolver(function_resolver=lambda _name: _handler)
    op = compile_operations(spec, resolver, FieldParameterValidator, strict_validation=False)[
        "things"
    ]
    validators = {"application/json": FieldJSONBodyValidator}
    for n in range(rest_operations._VALIDATORS_KEPT * 3):
        checker = op.body_validator("application/json", f"x-charset-{n}", validators, False)
        with pytest.raises(FieldProblem, match="unknown charset"):  # a 400, never a crash
            checker.check(b'{"a": 1}')
    assert len(op.body_validators) == rest_operations._VALIDATORS_KEPT
    latin = op.body_validator("application/json", "latin-1", validators, False)
    assert latin.check('{"a": "\u00e9"}'.encode("latin-1")) == {"a": "\u00e9"}
