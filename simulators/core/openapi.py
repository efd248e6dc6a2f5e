"""OpenAPI contracts: which operation of the spec a request is for (before connexion runs).

The shell needs the operationId early: fault rules, the journal, quotas and the reply cache all
key on it, and they run in front of connexion's own routing. Reading the spec needs only YAML,
so ``chansim validate`` can list a channel's operations without loading connexion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from simulators.core.protocol import Contract, Operation
from simulators.core.request import RequestInfo

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class RoutedOperation:
    """An operation of the spec and the request headers it declares as parameters."""

    operation_id: str
    method: str
    template: str
    header_params: tuple[str, ...]


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_spec(path: Path) -> dict[str, Any]:
    """Parse an OpenAPI YAML file (with libyaml when available: ~20x faster at start-up)."""
    return parse_spec(path.read_text(encoding="utf-8"))


def parse_spec(text: str | bytes) -> dict[str, Any]:
    """Parse an OpenAPI YAML document (bytes are read as UTF-8, as YAML says)."""
    spec: dict[str, Any] = yaml.load(text, Loader=_Loader)
    return spec


def base_path_of(spec: Mapping[str, Any]) -> str:
    """The path part of the first server URL (``""`` when the API sits at the root)."""
    servers = spec.get("servers") or [{"url": "/"}]
    return str(urlparse(str(servers[0]["url"])).path).rstrip("/")


def _resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    target: Any = spec
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    resolved: Mapping[str, Any] = target
    return resolved


class SpecRouter:
    """Matches ``(method, path)`` to the spec's operations."""

    def __init__(self, spec: Mapping[str, Any], base_path: str = "") -> None:
        routes: list[tuple[int, re.Pattern[str], RoutedOperation]] = []
        for template, item in (spec.get("paths") or {}).items():
            shared = item.get("parameters", [])
            pattern = re.compile(
                "^"
                + re.escape(base_path)
                + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
                + "$"
            )
            for method in _METHODS:
                op = item.get(method)
                if not op or "operationId" not in op:
                    continue
                params = [_resolve(spec, p) for p in [*shared, *op.get("parameters", [])]]
                headers = tuple(p["name"].lower() for p in params if p.get("in") == "header")
                routed = RoutedOperation(op["operationId"], method.upper(), template, headers)
                routes.append((template.count("{"), pattern, routed))
        routes.sort(key=lambda r: r[0])
        self._routes = [(pattern, op) for _, pattern, op in routes]

    def match(self, method: str, path: str) -> RoutedOperation | None:
        """The operation for this request, or None (unknown path or method)."""
        for pattern, op in self._routes:
            if op.method == method and pattern.match(path):
                return op
        return None

    def operations(self) -> list[RoutedOperation]:
        """Every routed operation, static paths first."""
        return [op for _, op in self._routes]


class OpenApiContract(Contract):
    """An OpenAPI spec as a contract: an operation is its operationId, found by method and
    path; a GET is read-only and varies with the headers the operation declares."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.router = SpecRouter(spec, base_path_of(spec))
        self._operations = {
            op: Operation(op.operation_id, op.method == "GET", op.header_params)
            for op in self.router.operations()
        }

    def operations(self) -> frozenset[str]:
        return frozenset(op.name for op in self._operations.values())

    def identify(self, request: RequestInfo) -> Operation | None:
        routed = self.router.match(request.method, request.path)
        return self._operations[routed] if routed is not None else None
