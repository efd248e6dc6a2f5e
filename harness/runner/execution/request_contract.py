"""What a channel's contract says about a request the engine sent: OpenAPI parameters and
bodies (REST), the SOAP envelope against the WSDL's schema (SOAP). Compiled once per spec.

Each checker takes one journal entry (method, path, query, headers, body as the journal shows
it: JSON parsed, XML as indented text) and returns the violations, in words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs

from jsonschema import Draft4Validator

from simulators.core.openapi import base_path_of, load_spec

#: A journal body cut short (over 8 KB) cannot be validated; its text ends like this.
_CUT = re.compile(r"…\[\d+ more bytes\]$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


class RequestCheck(Protocol):
    """The violations of one recorded request (an empty list when it keeps the contract)."""

    def __call__(self, call: Mapping[str, Any]) -> list[str]: ...


def _inline(spec: Mapping[str, Any], node: Any, depth: int = 0) -> Any:
    """A schema with every ``$ref`` replaced by its target and OpenAPI 3.0's ``nullable``
    spelled as JSON Schema (a null type)."""
    if depth > 40:
        return {}
    if isinstance(node, list):
        return [_inline(spec, n, depth + 1) for n in node]
    if not isinstance(node, Mapping):
        return node
    if "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target[part]
        return _inline(spec, target, depth + 1)
    out = {k: _inline(spec, v, depth + 1) for k, v in node.items() if k != "nullable"}
    if node.get("nullable") is True:
        return {"anyOf": [out, {"type": "null"}]}
    return out


def _group(name: str) -> str:
    """A regex group name for a path parameter (names may hold ``-``)."""
    return "p_" + re.sub(r"\W", lambda m: f"_{ord(m.group())}_", name)


def _groups(escaped: str, names: list[str]) -> str:
    for name in names:
        escaped = escaped.replace(re.escape("{" + name + "}"), f"(?P<{_group(name)}>[^/]+)")
    return escaped


def _coerce(value: str, schema: Mapping[str, Any]) -> Any:
    """A parameter's text as the type its schema names (left as text when it is not one)."""
    kind = schema.get("type")
    if kind in ("integer", "number") and _NUMBER.match(value):
        number = float(value)
        return (
            int(number)
            if kind == "integer" and number.is_integer() and "." not in value
            else number
        )
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def _where(error: Any) -> str:
    path = "/".join(str(p) for p in error.absolute_path)
    return f"{path}: {error.message}" if path else str(error.message)


@dataclass(frozen=True)
class _Param:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    validator: Draft4Validator


@dataclass(frozen=True)
class _Operation:
    pattern: re.Pattern[str]
    params: tuple[_Param, ...]
    body_required: bool
    body: Draft4Validator | None
    #: An XML body's schema (``x-chansim-xsd`` on the request body, beside the spec).
    xsd: Any = None


class OpenApiRequests:
    """Request validation against an OpenAPI spec: path, query and header parameters (required,
    type, pattern, enum, bounds) and the JSON request body."""

    def __init__(self, spec_file: Path) -> None:
        spec = load_spec(spec_file)
        base = re.escape(base_path_of(spec))
        self._ops: dict[str, _Operation] = {}
        for template, item in (spec.get("paths") or {}).items():
            names = re.findall(r"\{([^/]+?)\}", template)
            pattern = re.compile(base + _groups(re.escape(template), names) + "$")
            for op in item.values():
                if not isinstance(op, Mapping) or "operationId" not in op:
                    continue
                raw = [*item.get("parameters", []), *op.get("parameters", [])]
                params = []
                for p in (_inline(spec, r) for r in raw):
                    schema = p.get("schema") or {}
                    params.append(_Param(p["name"], p["in"], bool(p.get("required")), schema,
                                         Draft4Validator(schema)))  # fmt: skip
                body = _inline(spec, op.get("requestBody") or {})
                json_schema = ((body.get("content") or {}).get("application/json") or {}).get(
                    "schema"
                )
                self._ops[op["operationId"]] = _Operation(
                    pattern,
                    tuple(params),
                    bool(body.get("required")),
                    Draft4Validator(json_schema) if json_schema is not None else None,
                    _xsd(spec_file.parent / body["x-chansim-xsd"])
                    if "x-chansim-xsd" in body
                    else None,
                )

    def __call__(self, call: Mapping[str, Any]) -> list[str]:
        op = self._ops.get(call.get("operation") or "")
        if op is None:
            return []
        problems: list[str] = []
        found = op.pattern.search(call["path"])
        query = parse_qs(call.get("query") or "", keep_blank_values=True)
        headers = {k.lower(): v for k, v in (call.get("headers") or {}).items()}
        for param in op.params:
            if param.location == "path":
                given: Any = found.groupdict().get(_group(param.name)) if found else None
            elif param.location == "query":
                values = query.get(param.name)
                given = (
                    values if values is None or param.schema.get("type") == "array" else values[-1]
                )
            elif param.location == "header":
                given = headers.get(param.name.lower())
            else:
                continue
            if given is None:
                if param.required:
                    problems.append(f"{param.location} parameter {param.name} is required")
                continue
            items = param.schema.get("items") or {}
            value = (
                [_coerce(v, items) for v in given]
                if isinstance(given, list)
                else _coerce(given, param.schema)
            )
            problems += [
                f"{param.location} parameter {param.name}: {_where(e)}"
                for e in param.validator.iter_errors(value)
            ]
        problems += self._body(op, call.get("body"))
        return problems

    @staticmethod
    def _body(op: _Operation, body: Any) -> list[str]:
        if op.xsd is not None:
            return _xml_problems(op.xsd, body, "body")
        if op.body is None:
            return []
        if body is None:
            return ["the request body is required"] if op.body_required else []
        if isinstance(body, str):
            return [] if _CUT.search(body) else ["the request body is not JSON"]
        return [f"body {_where(e)}" for e in op.body.iter_errors(body)]


def _xsd(path: Path) -> Any:
    from lxml import etree

    from harness.contract.soap import PARSER

    return etree.XMLSchema(etree.parse(str(path), PARSER))


def _xml_problems(schema: Any, body: Any, what: str) -> list[str]:
    """An XML body (as the journal shows it: indented text) against an XML schema."""
    from lxml import etree

    from harness.contract.soap import PARSER

    if not isinstance(body, str) or _CUT.search(body):
        return [] if body is not None else [f"the request has no {what}"]
    try:
        document = etree.fromstring(body.encode(), PARSER)
    except etree.XMLSyntaxError as exc:
        return [f"the {what} is not XML: {exc}"]
    if schema.validate(document):
        return []
    return [f"{what}: {e.message} (line {e.line})" for e in schema.error_log][:3]


class SoapRequests:
    """The request envelope against the SOAP envelope schema and the WSDL's types."""

    def __init__(self, wsdl: Path) -> None:
        from harness.contract.soap import envelope_schema

        self._schema = envelope_schema(wsdl)

    def __call__(self, call: Mapping[str, Any]) -> list[str]:
        if call.get("method") != "POST":
            return []
        return _xml_problems(self._schema, call.get("body"), "envelope")


def checker(protocol: str, spec: Path) -> RequestCheck | None:
    """The request check of a protocol's contract (None when chansim has none for it)."""
    if protocol in ("rest", "custom-store"):
        return OpenApiRequests(spec)
    if protocol == "soap":
        return SoapRequests(spec)
    return None
