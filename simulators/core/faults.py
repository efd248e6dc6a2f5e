"""Fault rules as data, and the one pure decision of which rule fires for a request.

A rule names *which* requests it watches (``operation``, or a ``path`` prefix, optionally a
``method`` and a ``credential``), *when* it fires among them (``nth`` call, after the first
``after`` calls, at most ``times`` times, with ``probability`` drawn from the seeded random
source) and *what* happens (a kind from ``fault_kinds/``). ``operation`` is the name the
channel's contract gives a request: an operationId, a SOAP operation, a Custom Store action.

The decision knows nothing of HTTP or SOAP: the shell applies the kind's effect, whatever the
channel's protocol.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from simulators.core.fault_kinds import FAULT_KINDS, FaultKind, FaultKindError
from simulators.core.request import RequestInfo

_MATCH_KEYS = ("operation", "path", "method", "credential")
_WHEN_KEYS = ("nth", "after", "times", "probability")
_COMMON_KEYS = frozenset({"id", "kind", *_MATCH_KEYS, *_WHEN_KEYS})


class FaultRuleError(ValueError):
    """A fault rule that cannot be used; the message says which field and why."""


@dataclass
class FaultRule:
    """One rule: which requests, when among them, and what happens."""

    id: str
    kind: FaultKind
    operation: str | None = None
    path: str | None = None
    method: str | None = None
    credential: str | None = None
    nth: int | None = None
    after: int = 0
    times: int | None = None
    probability: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
    matched: int = 0
    fired: int = 0

    def watches(self, request: RequestInfo) -> bool:
        """Whether this request is one the rule counts."""
        return (
            (self.operation is None or self.operation == request.operation)
            and (self.path is None or request.path.startswith(self.path))
            and (self.method is None or self.method == request.method)
            and (self.credential is None or self.credential == request.credential)
        )

    def eligible(self) -> bool:
        """Whether the call just counted may fire (before any probability draw)."""
        if self.matched <= self.after:
            return False
        if self.nth is not None and self.matched != self.nth:
            return False
        return self.times is None or self.fired < self.times

    def to_json(self) -> dict[str, Any]:
        """The rule as given, plus how often it matched and fired."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind.name}
        for key in (*_MATCH_KEYS, "nth", "times", "probability"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.after:
            data["after"] = self.after
        data.update(self.params)
        data["matched"] = self.matched
        data["fired"] = self.fired
        return data


def _int(spec: Mapping[str, Any], key: str, minimum: int) -> int | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultRuleError(f"fault rule field '{key}' must be an integer >= {minimum}")
    return value


def _check_common(spec: Mapping[str, Any]) -> None:
    for key in ("operation", "path", "method", "credential", "id"):
        if spec.get(key) is not None and not isinstance(spec[key], str):
            raise FaultRuleError(f"fault rule field '{key}' must be a string")


def parse_rule(
    spec: Mapping[str, Any], default_id: str, operations: frozenset[str] | None = None
) -> FaultRule:
    """Build a rule from its data form, refusing unknown fields and missing parameters.

    ``kind`` may be left out when ``status`` is given (429 means ``rate_limit``). With
    ``operations``, a rule naming an operationId that is not among them is refused.
    """
    if not isinstance(spec, Mapping):
        raise FaultRuleError("a fault rule must be a mapping")
    kind_name = spec.get("kind")
    if kind_name is None and "status" in spec:
        kind_name = "rate_limit" if spec["status"] == 429 else "status"
    if not isinstance(kind_name, str) or kind_name not in FAULT_KINDS:
        known = ", ".join(sorted(FAULT_KINDS))
        raise FaultRuleError(f"unknown fault kind {kind_name!r}; known kinds: {known}")
    kind = FAULT_KINDS[kind_name]
    allowed = _COMMON_KEYS | set(kind.required) | set(kind.optional)
    if kind.name == "rate_limit":
        allowed |= {"status"}
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise FaultRuleError(
            f"fault kind '{kind.name}' does not take {', '.join(unknown)}; "
            f"it takes: {', '.join(sorted(allowed - {'id', 'kind'}))}"
        )
    missing = [key for key in kind.required if key not in spec]
    if missing:
        raise FaultRuleError(f"fault kind '{kind.name}' needs {', '.join(missing)}")
    _check_common(spec)
    try:
        kind.check(spec)
    except FaultKindError as exc:
        raise FaultRuleError(str(exc)) from None
    if spec.get("operation") is None and spec.get("path") is None:
        raise FaultRuleError(
            "a fault rule needs an 'operation' (named as in the contract) or a 'path' prefix"
        )
    if operations is not None and spec.get("operation") not in (None, *operations):
        raise FaultRuleError(
            f"unknown operation {spec['operation']!r}; this channel's operations: "
            f"{', '.join(sorted(operations))}"
        )
    probability = spec.get("probability")
    if probability is not None and not (
        isinstance(probability, int | float) and 0 < probability <= 1
    ):
        raise FaultRuleError("fault rule field 'probability' must be a number in (0, 1]")
    params = {k: spec[k] for k in (*kind.required, *kind.optional) if k in spec}
    method = spec.get("method")
    return FaultRule(
        id=str(spec.get("id") or default_id),
        kind=kind,
        operation=spec.get("operation"),
        path=spec.get("path"),
        method=method.upper() if isinstance(method, str) else None,
        credential=spec.get("credential"),
        nth=_int(spec, "nth", 1),
        after=_int(spec, "after", 0) or 0,
        times=_int(spec, "times", 1),
        probability=float(probability) if probability is not None else None,
        params=params,
    )


class FaultBook:
    """The rules of one simulator and their counters; decisions draw from a seeded source."""

    def __init__(self, seed: int, operations: frozenset[str] | None = None) -> None:
        self.operations = operations
        self._rules: list[FaultRule] = []
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._next_id = 1

    def add(self, spec: Mapping[str, Any]) -> FaultRule:
        """Parse and append a rule; rules are consulted in the order they were added."""
        with self._lock:
            rule = parse_rule(spec, f"fault-{self._next_id}", self.operations)
            if any(r.id == rule.id for r in self._rules):
                raise FaultRuleError(f"a fault rule with id {rule.id!r} already exists")
            self._next_id += 1
            self._rules.append(rule)
        return rule

    def remove(self, rule_id: str) -> bool:
        """Remove a rule by id; False when there is none."""
        with self._lock:
            before = len(self._rules)
            self._rules = [r for r in self._rules if r.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[FaultRule]:
        """The rules in order."""
        with self._lock:
            return list(self._rules)

    def decide(self, request: RequestInfo) -> FaultRule | None:
        """Count the request against every rule watching it; return the first that fires."""
        if not self._rules:
            return None
        chosen: FaultRule | None = None
        with self._lock:
            for rule in self._rules:
                if not rule.watches(request):
                    continue
                rule.matched += 1
                if chosen is not None or not rule.eligible():
                    continue
                if rule.probability is not None and self._random.random() >= rule.probability:
                    continue
                rule.fired += 1
                chosen = rule
        return chosen
