"""Fault rules as data (parse_rule) and the decision of which rule fires (FaultBook.decide)."""

from __future__ import annotations

from typing import Any

import pytest

from simulators.core.fault_kinds import FAULT_KINDS
from simulators.core.faults import FaultBook, FaultRuleError, parse_rule
from simulators.core.request import RequestInfo

LIST = "get-ws-list-order"
GET_ONE = "get-ws-specific-order"


def request(
    operation: str | None = LIST,
    *,
    method: str = "GET",
    path: str = "/ws/orders",
    credential: str | None = "tok-a",
) -> RequestInfo:
    return RequestInfo(
        method=method,
        path=path,
        query="",
        headers={},
        raw_headers=[],
        body=b"",
        operation=operation,
        credential=credential,
    )


def pattern(book: FaultBook, calls: int, make=request) -> list[str | None]:
    """Which rule fired (its id) on each of ``calls`` identical requests."""
    out: list[str | None] = []
    for _ in range(calls):
        rule = book.decide(make())
        out.append(rule.id if rule else None)
    return out


def book_with(*specs: dict[str, Any], seed: int = 0) -> FaultBook:
    book = FaultBook(seed)
    for spec in specs:
        book.add(spec)
    return book


# -- parse_rule ---------------------------------------------------------------------------


def test_kind_is_inferred_from_status_429_as_rate_limit() -> None:
    rule = parse_rule({"operation": LIST, "status": 429}, "r")
    assert rule.kind.name == "rate_limit"


def test_kind_is_inferred_from_other_statuses_as_status() -> None:
    rule = parse_rule({"operation": LIST, "status": 503}, "r")
    assert rule.kind.name == "status"
    assert rule.params == {"status": 503}


def test_rate_limit_inferred_keeps_its_parameters() -> None:
    rule = parse_rule({"operation": LIST, "status": 429, "retry_after": 30}, "r")
    assert rule.kind.name == "rate_limit"
    assert rule.params["retry_after"] == 30


def test_explicit_kind_wins_over_inference() -> None:
    rule = parse_rule({"kind": "status", "operation": LIST, "status": 429}, "r")
    assert rule.kind.name == "status"


def test_parsed_rule_keeps_its_fields() -> None:
    rule = parse_rule(
        {
            "id": "slow-list",
            "kind": "delay",
            "delay_ms": 250,
            "path": "/ws/orders",
            "method": "get",
            "credential": "tok-a",
            "after": 2,
            "times": 3,
            "probability": 0.5,
        },
        "default",
    )
    assert rule.id == "slow-list"
    assert rule.kind is FAULT_KINDS["delay"]
    assert rule.path == "/ws/orders"
    assert rule.operation is None
    assert rule.method == "GET"
    assert rule.credential == "tok-a"
    assert (rule.after, rule.times, rule.nth, rule.probability) == (2, 3, None, 0.5)
    assert rule.params == {"delay_ms": 250}


def test_default_id_is_used_when_none_given() -> None:
    assert parse_rule({"kind": "drop", "operation": LIST}, "fault-7").id == "fault-7"


def test_unknown_kind_lists_the_known_kinds() -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "explode", "operation": LIST}, "r")
    message = str(caught.value)
    assert "explode" in message
    for name in FAULT_KINDS:
        assert name in message


def test_missing_kind_without_status_is_refused() -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"operation": LIST}, "r")
    assert "rate_limit" in str(caught.value)  # the known kinds are listed


def test_unknown_field_is_named_with_the_accepted_ones() -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "delay", "delay_ms": 5, "operation": LIST, "colour": "red"}, "r")
    message = str(caught.value)
    assert "colour" in message
    for accepted in ("delay_ms", "operation", "path", "method", "credential", "nth", "times"):
        assert accepted in message


def test_a_parameter_of_another_kind_is_an_unknown_field() -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "drop", "operation": LIST, "retry_after": 3}, "r")
    assert "retry_after" in str(caught.value)


@pytest.mark.parametrize(
    ("spec", "missing"),
    [
        ({"kind": "delay", "operation": LIST}, "delay_ms"),
        ({"kind": "status", "operation": LIST}, "status"),
    ],
)
def test_missing_required_parameter_is_named(spec: dict[str, Any], missing: str) -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule(spec, "r")
    assert missing in str(caught.value)


def test_operation_or_path_is_required() -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "drop", "method": "GET"}, "r")
    message = str(caught.value)
    assert "operation" in message
    assert "path" in message


@pytest.mark.parametrize("value", [0, -0.1, 1.5, "half"])
def test_bad_probability_is_refused(value: Any) -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "drop", "operation": LIST, "probability": value}, "r")
    assert "probability" in str(caught.value)


def test_probability_null_means_always() -> None:
    rule = parse_rule({"kind": "drop", "operation": LIST, "probability": None}, "r")
    assert rule.probability is None


def test_probability_of_one_is_accepted() -> None:
    assert parse_rule({"kind": "drop", "operation": LIST, "probability": 1}, "r").probability == 1


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("times", 0),
        ("times", -1),
        ("times", "2"),
        ("times", 1.5),
        ("times", True),
        ("nth", 0),
        ("nth", "3"),
        ("after", -1),
        ("after", 2.0),
    ],
)
def test_bad_counters_are_refused_naming_the_field(key: str, value: Any) -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "drop", "operation": LIST, key: value}, "r")
    assert key in str(caught.value)


@pytest.mark.parametrize("value", [200, 302, 600, "503", 99])
def test_bad_status_is_refused(value: Any) -> None:
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"kind": "status", "operation": LIST, "status": value}, "r")
    assert "status" in str(caught.value)


def test_a_rule_must_be_a_mapping() -> None:
    with pytest.raises(FaultRuleError):
        parse_rule(["drop"], "r")  # type: ignore[arg-type]


def test_to_json_shows_the_rule_and_its_counters() -> None:
    book = book_with({"id": "x", "operation": LIST, "status": 503, "times": 1})
    book.decide(request())
    book.decide(request())
    assert book.rules()[0].to_json() == {
        "id": "x",
        "kind": "status",
        "operation": LIST,
        "times": 1,
        "status": 503,
        "matched": 2,
        "fired": 1,
    }


# -- FaultBook ----------------------------------------------------------------------------


def test_add_gives_sequential_default_ids_and_refuses_duplicates() -> None:
    book = FaultBook(0)
    first = book.add({"kind": "drop", "operation": LIST})
    second = book.add({"kind": "drop", "operation": LIST})
    assert (first.id, second.id) == ("fault-1", "fault-2")
    book.add({"id": "mine", "kind": "drop", "operation": LIST})
    with pytest.raises(FaultRuleError) as caught:
        book.add({"id": "mine", "kind": "empty", "operation": LIST})
    assert "mine" in str(caught.value)
    assert [r.id for r in book.rules()] == ["fault-1", "fault-2", "mine"]


def test_add_of_an_invalid_rule_adds_nothing() -> None:
    book = FaultBook(0)
    with pytest.raises(FaultRuleError):
        book.add({"kind": "delay", "operation": LIST})
    assert book.rules() == []


def test_no_rules_no_fault() -> None:
    assert FaultBook(0).decide(request()) is None


def test_rule_without_conditions_fires_every_time() -> None:
    book = book_with({"id": "r", "kind": "empty", "operation": LIST})
    assert pattern(book, 4) == ["r"] * 4


def test_times_fires_exactly_n_times_then_never() -> None:
    book = book_with({"id": "r", "operation": LIST, "status": 503, "times": 2})
    assert pattern(book, 8) == ["r", "r", None, None, None, None, None, None]
    rule = book.rules()[0]
    assert (rule.matched, rule.fired) == (8, 2)


def test_nth_fires_only_on_the_nth_matching_call() -> None:
    book = book_with({"id": "r", "kind": "expired_token", "operation": LIST, "nth": 3})
    assert pattern(book, 7) == [None, None, "r", None, None, None, None]


def test_nth_counts_only_matching_calls() -> None:
    book = book_with({"id": "r", "kind": "drop", "operation": LIST, "nth": 2})
    assert book.decide(request(GET_ONE, path="/ws/orders/1")) is None
    assert book.decide(request()) is None
    assert book.decide(request(GET_ONE, path="/ws/orders/1")) is None
    fired = book.decide(request())
    assert fired is not None
    assert fired.id == "r"


def test_after_skips_the_first_n_calls() -> None:
    book = book_with({"id": "r", "kind": "empty", "operation": LIST, "after": 2})
    assert pattern(book, 5) == [None, None, "r", "r", "r"]


def test_after_with_times() -> None:
    book = book_with({"id": "r", "kind": "empty", "operation": LIST, "after": 1, "times": 2})
    assert pattern(book, 6) == [None, "r", "r", None, None, None]


def test_operation_matching() -> None:
    book = book_with({"id": "r", "kind": "drop", "operation": GET_ONE})
    assert book.decide(request(LIST)) is None
    assert book.decide(request(None, path="/nowhere")) is None
    hit = book.decide(request(GET_ONE, path="/ws/orders/5"))
    assert hit is not None
    assert book.rules()[0].matched == 1


def test_path_prefix_matching() -> None:
    book = book_with({"id": "r", "kind": "drop", "path": "/ws/orders"})
    assert book.decide(request(LIST, path="/ws/orders")) is not None
    assert book.decide(request(GET_ONE, path="/ws/orders/40000001")) is not None
    assert book.decide(request(None, path="/ws/orderlines/9", method="PATCH")) is None
    assert book.decide(request(None, path="/api/ws/orders")) is None
    assert book.rules()[0].matched == 2


def test_method_matching_is_case_insensitive_in_the_rule() -> None:
    book = book_with({"id": "r", "kind": "drop", "path": "/ws/orders", "method": "post"})
    assert book.decide(request(GET_ONE, path="/ws/orders/1")) is None
    assert book.decide(request(None, path="/ws/orders/1", method="POST")) is not None
    assert book.rules()[0].matched == 1


def test_credential_matching() -> None:
    book = book_with({"id": "r", "kind": "drop", "operation": LIST, "credential": "tok-b"})
    assert book.decide(request(credential="tok-a")) is None
    assert book.decide(request(credential=None)) is None
    assert book.decide(request(credential="tok-b")) is not None
    assert book.rules()[0].matched == 1


def test_all_conditions_must_hold() -> None:
    book = book_with(
        {
            "id": "r",
            "kind": "drop",
            "operation": LIST,
            "path": "/ws/orders",
            "method": "GET",
            "credential": "tok-a",
        }
    )
    assert book.decide(request(credential="tok-z")) is None
    assert book.decide(request(method="POST")) is None
    assert book.decide(request()) is not None


def test_first_rule_wins_but_every_watching_rule_counts_the_call() -> None:
    book = book_with(
        {"id": "first", "kind": "empty", "operation": LIST, "times": 1},
        {"id": "second", "kind": "drop", "operation": LIST, "nth": 2},
        {"id": "third", "kind": "malformed", "operation": LIST},
    )
    assert pattern(book, 4) == ["first", "second", "third", "third"]
    counts = {r.id: (r.matched, r.fired) for r in book.rules()}
    assert counts == {"first": (4, 1), "second": (4, 1), "third": (4, 2)}


def test_a_rule_whose_nth_call_was_taken_by_an_earlier_rule_does_not_fire_later() -> None:
    book = book_with(
        {"id": "first", "kind": "empty", "operation": LIST, "times": 1},
        {"id": "second", "kind": "drop", "operation": LIST, "nth": 1},
    )
    assert pattern(book, 3) == ["first", None, None]
    assert book.rules()[1].matched == 3
    assert book.rules()[1].fired == 0


def test_rules_not_watching_do_not_count() -> None:
    book = book_with(
        {"id": "list", "kind": "empty", "operation": LIST, "nth": 2},
        {"id": "one", "kind": "empty", "operation": GET_ONE},
    )
    book.decide(request(GET_ONE, path="/ws/orders/1"))
    book.decide(request(GET_ONE, path="/ws/orders/1"))
    assert book.rules()[0].matched == 0
    assert book.rules()[1].matched == 2
    assert pattern(book, 2) == [None, "list"]


def _probability_pattern(seed: int, calls: int = 200) -> list[bool]:
    book = book_with({"id": "p", "kind": "empty", "operation": LIST, "probability": 0.5}, seed=seed)
    return [rule is not None for rule in (book.decide(request()) for _ in range(calls))]


def test_probability_draws_are_deterministic_for_the_same_seed() -> None:
    assert _probability_pattern(11) == _probability_pattern(11)


def test_probability_draws_differ_across_seeds() -> None:
    first, second = _probability_pattern(11), _probability_pattern(12)
    assert first != second
    assert _probability_pattern(0) != _probability_pattern(1)


def test_probability_fires_some_but_not_all_calls() -> None:
    fired = sum(_probability_pattern(5))
    assert 0 < fired < 200
    assert 50 <= fired <= 150  # a probability of one half, not 0 or 1


def test_probability_one_always_fires() -> None:
    book = book_with({"id": "p", "kind": "empty", "operation": LIST, "probability": 1.0})
    assert pattern(book, 20) == ["p"] * 20


def test_probability_with_times_stops_after_times_firings() -> None:
    book = book_with(
        {"id": "p", "kind": "empty", "operation": LIST, "probability": 0.5, "times": 3}, seed=3
    )
    fired = pattern(book, 200)
    assert fired.count("p") == 3


def test_remove_deletes_one_rule() -> None:
    book = book_with(
        {"id": "a", "kind": "empty", "operation": LIST},
        {"id": "b", "kind": "drop", "operation": LIST},
    )
    assert book.remove("a") is True
    assert book.remove("a") is False
    assert book.remove("nope") is False
    assert [r.id for r in book.rules()] == ["b"]
    hit = book.decide(request())
    assert hit is not None
    assert hit.id == "b"


def test_clear_removes_every_rule() -> None:
    book = book_with(
        {"id": "a", "kind": "empty", "operation": LIST},
        {"id": "b", "kind": "drop", "operation": LIST},
    )
    book.clear()
    assert book.rules() == []
    assert book.decide(request()) is None


def test_rules_returns_a_copy() -> None:
    book = book_with({"id": "a", "kind": "empty", "operation": LIST})
    book.rules().clear()
    assert len(book.rules()) == 1
