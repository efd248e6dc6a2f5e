"""An operation's parameters read as connexion reads them, each distinct value worked out once.

Per request, connexion builds a starlette request, parses the query string, resolves every
parameter with its URI parser (duplicates, arrays, types), validates each against its schema,
then turns them into the handler's arguments (defaults, types, pythonic names). A parameter's
reading is a pure function of its definition and its raw values, and clients send the same
values again and again (a page size, a date, a language): :class:`ParameterReader` has
connexion's own functions work out each (parameter, raw values) once, and a request only looks
the answers up. Validation is connexion's ``validate_request``, in its order, on the values so
resolved. An operation with an array, object or deepObject query parameter takes connexion's
whole path instead.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from connexion.decorators import parameter as connexion_parameters
from starlette.datastructures import Headers
from starlette.requests import cookie_parser

#: How many readings of single values a reader remembers per kind (then it starts again).
READINGS_KEPT = 4096
_SCALAR_TYPES = frozenset({"string", "integer", "number", "boolean"})
_IMMUTABLE = (str, int, float, bool, type(None))

T = TypeVar("T")


def _remembered(memo: dict[Hashable, Any], key: Hashable, work: Callable[..., T], *args: Any) -> T:
    """``memo[key]``, worked out as ``work(*args)`` the first time (at most READINGS_KEPT
    kept; only immutable answers, which no user can change)."""
    try:
        found: T = memo[key]
        return found
    except KeyError:
        pass
    value = work(*args)
    if isinstance(value, _IMMUTABLE):
        if len(memo) >= READINGS_KEPT:
            memo.clear()
        memo[key] = value
    return value


def query_lists(query_string: str) -> dict[str, list[str]]:
    """The query string as connexion hands it to its URI parser: every value of each key, keys
    in the order they first appear (starlette's ``QueryParams``, ``getlist`` per key)."""
    lists: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        lists.setdefault(key, []).append(value)
    return lists


class RequestView:
    """What connexion's ``ParameterValidator.validate_request`` reads of a request: the
    resolved query and path parameters, the headers and the cookies (parsed if asked for)."""

    __slots__ = ("_cookies", "headers", "path_params", "query_params")

    def __init__(
        self, query_params: dict[str, Any], path_params: dict[str, Any], headers: Headers
    ) -> None:
        self.query_params = query_params
        self.path_params = path_params
        self.headers = headers
        self._cookies: dict[str, str] | None = None

    @property
    def cookies(self) -> dict[str, str]:
        if self._cookies is None:  # every Cookie header, as starlette's request reads them
            self._cookies = {}
            for header in self.headers.getlist("cookie"):
                self._cookies.update(cookie_parser(header))
        return self._cookies


class ParameterReader:
    """One operation's query, path, header and cookie parameters: resolved, validated and
    turned into handler arguments exactly as connexion does, from remembered answers."""

    def __init__(
        self,
        operation: Any,
        uri_parser: Any,
        validator: Any,
        arguments: list[str],
        has_kwargs: bool,
        sanitize: Callable[[str], str],
    ) -> None:
        self.operation = operation
        self.uri_parser = uri_parser
        self.validator = validator
        self.arguments = arguments
        self.has_kwargs = has_kwargs
        self.sanitize = sanitize
        self.definitions = {p["name"]: p for p in operation.parameters if p["in"] == "query"}
        #: Every query parameter is a scalar, none a deepObject: each key's reading stands
        #: alone (connexion merges ``name[...]`` keys only into a deepObject parameter).
        self.simple = all(
            p.get("schema", p).get("type") in _SCALAR_TYPES and p.get("style") != "deepObject"
            for p in self.definitions.values()
        )
        self.defaults: dict[str, Any] = connexion_parameters._get_query_defaults(self.definitions)
        #: The parameters connexion's URI parser resolves (query and path, by name).
        self._parsed: dict[str, Any] = uri_parser.param_defns
        self._resolved: dict[Hashable, Any] = {}
        self._arguments: dict[Hashable, Any] = {}

    def resolve_query(self, query_string: str) -> dict[str, Any]:
        """The query parameters as connexion's request has them (``query_params``)."""
        lists = query_lists(query_string)
        if not self.simple:
            resolved: dict[str, Any] = self.uri_parser.resolve_query(lists)
            return resolved
        defined = self._parsed
        return {
            key: _remembered(self._resolved, (key, *values), self._resolve_one, key, values)
            if key in defined
            else values  # connexion leaves the values of a key it does not define as they are
            for key, values in lists.items()
        }

    def _resolve_one(self, key: str, values: list[str]) -> Any:
        """One key's values resolved by connexion's URI parser, alone (see ``simple``)."""
        return self.uri_parser.resolve_query({key: values})[key]

    def validate(
        self, query: dict[str, Any], path_params: dict[str, Any], headers: Headers
    ) -> dict[str, Any]:
        """Connexion's validation of the request's parameters (its refusal, raised, when one
        is wrong); the path parameters as connexion resolves them."""
        path = self.uri_parser.resolve_path(path_params) if path_params else {}
        self.validator.validate_request(RequestView(query, path, headers))
        return path

    def query_arguments(self, query: dict[str, Any]) -> dict[str, Any]:
        """The handler's query arguments (connexion's ``_get_query_arguments``: defaults,
        then the values sent, typed, under pythonic names). A key the spec does not define
        gives no argument (connexion skips it, logging an error when the handler takes
        ``**kwargs``), so it is left out first."""
        defined = self.definitions
        if not query.keys() <= defined.keys():
            query = {k: v for k, v in query.items() if k in defined}
        if not self.simple:
            found: dict[str, Any] = connexion_parameters._get_query_arguments(
                query,
                operation=self.operation,
                arguments=self.arguments,
                has_kwargs=self.has_kwargs,
                sanitize=self.sanitize,
            )
            return found
        merged = {**self.defaults, **query}
        arguments: dict[str, Any] = {}
        for key, value in merged.items():
            name = self.sanitize(key)
            if not (self.has_kwargs or name in self.arguments):
                continue
            definition = defined[key]
            if type(value) is float:  # -0.0 == 0.0: a memo would hand out the first one
                arguments[name] = connexion_parameters._get_val_from_param(value, definition)
                continue
            arguments[name] = _remembered(
                self._arguments,
                (key, type(value), value),
                connexion_parameters._get_val_from_param,
                value,
                definition,
            )
        return arguments
