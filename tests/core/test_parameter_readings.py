"""Every REST operation reads its parameters as connexion does, first time and remembered.

The reference is connexion's own request path: a ``ConnexionRequest`` with the operation's
URI parser (``query_params``, ``path_params``), the parameter validator's ``validate_request``
and connexion's ``get_arguments``. For random query strings, headers and path parameters on
every operation of the REST channels, the thin dispatch's reader must resolve the same query,
refuse with the same problem, and give the handler the same arguments; asked again, from what
it remembered, the same again.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from connexion.decorators.parameter import CONTEXT_NAME, get_arguments
from connexion.lifecycle import ConnexionRequest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.datastructures import Headers

from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.protocols import rest_dispatch, rest_parameters
from simulators.core.protocols.rest_app import build_rest_app
from simulators.core.protocols.rest_dispatch import RestDispatch
from simulators.core.protocols.rest_operations import CompiledOperation, pythonic
from simulators.core.registry import channel_entry
from tests.core.one_operation import compiled

CHANNELS = ("backmarket", "bluepark", "wsm")

VALUES = st.sampled_from(
    [
        "", "1", "0", "-3", "51", "10", "1.5", "abc", "true", "null", "None", "export",
        "shipnotify", "2026-03-10T12:00:00Z", "2026-03-10 12:00:00", "03/10/2026 12:00",
        "fr-fr", "en-us", "xx-yy", "paid", "1,2", "a|b", "é", "%", "+", " 7 ",
    ]
)  # fmt: skip
EXTRA_KEYS = st.sampled_from(["unknown", "page[size]", "filter[a][b]", "PAGE", ""])


def _operations(channel: str) -> dict[str, CompiledOperation]:
    ctx = SimContext(channel_entry(channel), clock=Clock("2026-03-10T12:00:00Z"), seed=0)
    app = build_rest_app(ctx)
    assert isinstance(app, RestDispatch)
    return dict(app.operations)


OPERATIONS = [(name, op) for channel in CHANNELS for name, op in _operations(channel).items()]


def _query(op: CompiledOperation) -> st.SearchStrategy[str]:
    keys = st.one_of(st.sampled_from(sorted(op.reader.definitions) or ["none"]), EXTRA_KEYS)
    pair = st.tuples(keys, VALUES, st.booleans())
    return st.lists(pair, max_size=8).map(
        lambda pairs: "&".join(
            f"{quote(k) if encode else k}={quote(v) if encode else v}" for k, v, encode in pairs
        )
    )


def _scope(query: str, headers: list[tuple[str, str]], path_params: dict[str, Any]) -> Any:
    return {
        "type": "http",
        "method": "GET",
        "path": "/",
        "query_string": query.encode("latin-1", "replace"),
        "headers": [(k.encode(), v.encode("latin-1", "replace")) for k, v in headers],
        "path_params": path_params,
    }


HEADERS = st.lists(
    st.tuples(
        st.sampled_from(["accept-language", "user-agent", "content-type", "cookie", "x-other"]),
        st.sampled_from(["fr-fr", "en-us", "zz", "", "ShipStation", "a=b", "application/json"]),
    ),
    max_size=4,
)


def _outcome(work: Any) -> Any:
    try:
        return ("ok", work())
    except Exception as refused:  # noqa: BLE001 - the refusal is what is compared
        return (type(refused), str(refused), getattr(refused, "field", None))


def _connexion(op: CompiledOperation, scope: Any) -> tuple[Any, Any]:
    """Connexion's reading: the resolved query, then the validation and the arguments."""
    request = ConnexionRequest(scope, uri_parser=op.uri_parser)

    def arguments() -> dict[str, Any]:
        op.reader.validator.validate_request(request)
        query = request.query_params
        if op.has_kwargs:
            query = {k: v for k, v in query.items() if k in op.reader.definitions}
        found = get_arguments(
            op.operation,
            path_params=request.path_params,
            query_params=query,
            body=None,
            files={},
            arguments=op.arguments,
            has_kwargs=op.has_kwargs,
            sanitize=pythonic,
            content_type=request.mimetype,
        )
        found = {pythonic(k): v for k, v in found.items()}
        if CONTEXT_NAME in op.arguments:
            found[CONTEXT_NAME] = {}
        return found

    return _outcome(lambda: request.query_params), _outcome(arguments)


def _reader(op: CompiledOperation, scope: Any) -> tuple[Any, Any]:
    """The thin dispatch's reading of the same request."""
    query_string = scope["query_string"].decode("latin-1")
    resolved = _outcome(lambda: op.reader.resolve_query(query_string))

    def arguments() -> dict[str, Any]:
        query = op.reader.resolve_query(query_string)
        headers = Headers(scope=scope)
        path = op.reader.validate(query, scope["path_params"], headers)
        content_type = headers.get("content-type", "application/octet-stream")
        return op.kwargs(query, path, None, {}, rest_dispatch._mimetype(content_type))

    return resolved, _outcome(arguments)


@pytest.mark.parametrize(("name", "op"), OPERATIONS, ids=[name for name, _ in OPERATIONS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), headers=HEADERS, path_value=st.sampled_from([1, 7, 123456]))
def test_the_reader_reads_as_connexion_does(
    name: str, op: CompiledOperation, data: st.DataObject, headers: Any, path_value: int
) -> None:
    query = data.draw(_query(op))
    path_params = {p["name"]: path_value for p in op.operation.parameters if p["in"] == "path"}
    scope = _scope(query, headers, path_params)
    expected = _connexion(op, scope)
    assert _reader(op, scope) == expected, query
    assert _reader(op, scope) == expected, f"remembered: {query}"


def test_remembered_readings_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rest_parameters, "READINGS_KEPT", 8)
    # a reader of its own: the shared ones already hold what the property tests read
    op = _operations("backmarket")["get-ws-list-order"]
    for page in range(1, 60):
        query = op.reader.resolve_query(f"page={page}&page-size=10")
        assert query["page"] == page
        assert op.reader.query_arguments(query)["page"] == page
        assert len(op.reader._resolved) <= 8
        assert len(op.reader._arguments) <= 8


def test_a_list_answer_is_not_shared_between_requests() -> None:
    op = dict(OPERATIONS)["get-ws-list-order"]
    first = op.reader.resolve_query("unknown=a&unknown=b")
    first["unknown"].append("changed by a handler")
    assert op.reader.resolve_query("unknown=a&unknown=b")["unknown"] == ["a", "b"]


async def _listing(ids: Any = None, filter: Any = None, n: int = 5) -> None:
    return None


def _compound_operation() -> CompiledOperation:
    parameters = [
        {"name": "ids", "in": "query", "style": "form", "explode": False,
         "schema": {"type": "array", "items": {"type": "integer"}}},
        {"name": "filter", "in": "query", "style": "deepObject",
         "schema": {"type": "object", "properties": {"a": {"type": "integer"}}}},
        {"name": "n", "in": "query", "schema": {"type": "integer", "default": 5}},
    ]  # fmt: skip
    operation = {"parameters": parameters, "responses": {"200": {"description": "ok"}}}
    return compiled(operation, _listing, strict_validation=True)


COMPOUND = _compound_operation()


@settings(max_examples=150, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["ids", "filter[a]", "filter[b]", "n", "other", "ids[]"]),
            st.sampled_from(["1", "1,2", "x", "", "3|4", "7"]),
        ),
        max_size=6,
    )
)
def test_array_and_deep_object_parameters_read_as_connexion_does(pairs: Any) -> None:
    assert not COMPOUND.reader.simple
    scope = _scope("&".join(f"{k}={v}" for k, v in pairs), [], {})
    assert _reader(COMPOUND, scope) == _connexion(COMPOUND, scope)


async def _scalars(x: float = 0.5, s: str | None = None, b: bool = False, sid: str = "") -> None:
    return None


def _scalar_operation() -> CompiledOperation:
    parameters = [
        {"name": "x", "in": "query", "schema": {"type": "number", "minimum": -5, "default": 0.5}},
        {"name": "s", "in": "query", "schema": {"type": "string", "nullable": True,
                                                "default": "d"}},
        {"name": "b", "in": "query", "schema": {"type": "boolean"}},
        {"name": "sid", "in": "cookie", "required": True, "schema": {"type": "string"}},
        {"name": "X-Trace", "in": "header", "schema": {"type": "string", "nullable": True}},
    ]  # fmt: skip
    operation = {"parameters": parameters, "responses": {"200": {"description": "ok"}}}
    return compiled(operation, _scalars)


SCALARS_OPERATION = _scalar_operation()


@settings(max_examples=200, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["x", "s", "b", "other"]),
            st.sampled_from(["-0", "0", "-0.0", "0.0", "1e2", "inf", "-inf", "+3", "%2B3", "-6",
                             "null", "None", "", "true", "false", "d", "0.5"]),
        ),
        max_size=5,
    ),
    cookies=st.lists(st.sampled_from(["sid=abc", "a=1", "sid=", "a=1; sid=z"]), max_size=3),
    trace=st.sampled_from([None, "null", "", "t-1"]),
)  # fmt: skip
def test_numbers_nullables_cookies_and_headers_read_as_connexion_does(
    pairs: Any, cookies: list[str], trace: str | None
) -> None:
    op = SCALARS_OPERATION
    assert op.reader.simple
    headers = [("cookie", c) for c in cookies] + ([("x-trace", trace)] if trace is not None else [])
    scope = _scope("&".join(f"{k}={v}" for k, v in pairs), headers, {})
    expected = _connexion(op, scope)
    for _ in range(2):  # the second time from remembered answers
        got = _reader(op, scope)
        assert got == expected
        if got[1][0] == "ok" and "x" in got[1][1]:  # -0.0 == 0.0: the sign must match too
            assert str(got[1][1]["x"]) == str(expected[1][1]["x"])
