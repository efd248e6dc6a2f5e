"""Parameter validation remembers its verdict on a value, and stays right and bounded."""

from __future__ import annotations

import pytest

from simulators.core import validation
from simulators.core.validation import FieldParameterValidator, FieldProblem

PAGE_SIZE = {"name": "page-size", "in": "query", "schema": {"type": "integer", "maximum": 50}}


def _validator() -> FieldParameterValidator:
    return FieldParameterValidator([PAGE_SIZE], uri_parser=None)


def test_the_same_value_gets_the_same_verdict_every_time() -> None:
    checker = _validator()
    for _ in range(3):
        checker.validate_parameter("query", 10, PAGE_SIZE)
        with pytest.raises(FieldProblem) as refused:
            checker.validate_parameter("query", 51, PAGE_SIZE)
        assert refused.value.field == "page-size"
        assert "less than or equal to 50" in refused.value.message


def test_equal_values_of_other_types_are_judged_apart() -> None:
    checker = _validator()
    checker.validate_parameter("query", 1, PAGE_SIZE)
    with pytest.raises(FieldProblem):  # True == 1 in Python, but it is no integer here
        checker.validate_parameter("query", True, PAGE_SIZE)
    with pytest.raises(FieldProblem):
        checker.validate_parameter("query", "1", PAGE_SIZE)


def test_the_remembered_verdicts_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "VERDICTS_KEPT", 8)
    checker = _validator()
    for value in range(100):
        checker.validate_parameter("query", value % 50, PAGE_SIZE)
        assert len(checker._verdicts) <= 8
    with pytest.raises(FieldProblem):
        checker.validate_parameter("query", 99, PAGE_SIZE)
