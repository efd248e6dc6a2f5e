"""REST channels: schemathesis sends generated valid and invalid requests to every operation
and applies its standard checks to each answer (no server error, declared status codes,
content types, headers and response schemas, invalid input refused).

Credentials become the header the spec's security scheme declares; the scheme says which
credential goes where with a chansim extension: ``x-chansim-credential: "Basic {token}"`` (an
``apiKey`` header's value) or ``x-chansim-credentials: [user, password]`` (HTTP Basic).
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from harness.contract.redact import Redactor
from harness.contract.results import OperationResult, SpecResult
from harness.contract.target import ADMIN, Target, TargetError, control_headers

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def auth_headers(spec: Mapping[str, Any], credentials: Mapping[str, str]) -> dict[str, str]:
    """The headers that carry ``credentials`` as the spec's security schemes declare."""
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    headers: dict[str, str] = {}
    for name, scheme in schemes.items():
        try:
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                template = scheme.get("x-chansim-credential")
                if template:
                    headers[scheme["name"]] = str(template).format_map(credentials)
            elif scheme.get("type") == "http" and scheme.get("scheme") == "basic":
                keys: list[str] = list(scheme.get("x-chansim-credentials") or ())
                if len(keys) == 2:
                    pair = f"{credentials[keys[0]]}:{credentials[keys[1]]}".encode()
                    headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        except KeyError as exc:
            raise TargetError(
                f"the {name} security scheme needs the credential {exc.args[0]!r} "
                f"(--credential {exc.args[0]}=… or CHANSIM_CREDENTIAL_{str(exc.args[0]).upper()})"
            ) from None
    return headers


def _checks() -> list[Callable[..., Any]]:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        negative_data_rejection,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        negative_data_rejection,
    ]


def check(
    target: Target,
    *,
    max_examples: int,
    deadline: float | None,
    writes: bool,
    redact: Redactor,
    spec: dict[str, Any] | None = None,
    base_url: str | None = None,
) -> SpecResult:
    """Every operation of the target's OpenAPI spec (or ``spec``, sent to ``base_url``),
    positive then negative examples.

    ``deadline`` (a ``time.monotonic()`` instant) stops the run between examples; operations
    not reached are reported as skipped. Without ``writes`` only read methods are sent.
    """
    import requests
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.core.result import Err

    started = time.monotonic()
    raw = spec or yaml.safe_load(target.spec_file.read_text(encoding="utf-8"))
    base_url = base_url or target.base_url
    headers = auth_headers(raw, target.credentials)
    if target.spec == ADMIN:  # the control plane of a guarded deployment needs its token
        headers.update(control_headers())
    for value in headers.values():
        redact.add(value)
        redact.add(value.partition(" ")[2])
    schema = schemathesis.openapi.from_dict(raw)
    result = SpecResult(target.spec, target.base_url, "rest")
    session = requests.Session()
    for item in schema.get_all_operations():
        if isinstance(item, Err):
            broken = OperationResult(str(getattr(item.err(), "path", None) or "spec"))
            broken.fail(redact(f"the spec does not describe this operation usably: {item.err()}"))
            result.operations.append(broken)
            continue
        operation = item.ok()
        op = OperationResult(operation.definition.raw.get("operationId") or operation.label)
        result.operations.append(op)
        if not writes and operation.method.upper() not in READ_METHODS:
            op.skipped = "writes (read-only against a real server; --allow-writes to send)"
            continue
        op_started = time.monotonic()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if deadline is not None and time.monotonic() > deadline:
                op.skipped = op.skipped or "time bound reached"
                break

            run = _runner(operation, mode, op, base_url, headers, session, deadline,
                          redact, max_examples)  # fmt: skip
            try:
                run()
            except Exception as exc:  # noqa: BLE001 - e.g. nothing negative to generate
                if mode is GenerationMode.POSITIVE:
                    op.fail(redact(f"could not generate requests: {type(exc).__name__}: {exc}"))
        op.seconds = time.monotonic() - op_started
    result.seconds = time.monotonic() - started
    return result


def _runner(
    operation: Any,
    mode: Any,
    op: OperationResult,
    base_url: str,
    headers: dict[str, str],
    session: Any,
    deadline: float | None,
    redact: Redactor,
    max_examples: int,
) -> Callable[[], None]:
    """A Hypothesis test that sends ``max_examples`` cases of one operation and records, rather
    than raises, what fails (no shrinking: the first failing example is the report)."""
    import requests
    from hypothesis import HealthCheck, Phase, given, settings

    checks = _checks()

    def send(case: Any) -> None:
        if deadline is not None and time.monotonic() > deadline:
            return
        op.examples += 1
        where = f"{case.method} {case.formatted_path}"
        try:
            response = case.call(base_url=base_url, headers=headers, session=session, timeout=30)
            case.validate_response(response, checks=checks, headers=headers)
        except (AssertionError, BaseExceptionGroup) as exc:
            found = exc.exceptions if isinstance(exc, BaseExceptionGroup) else (exc,)
            kinds = sorted({str(getattr(e, "title", type(e).__name__)) for e in found})
            op.fail(redact(f"{where}: {exc}"), "; ".join(kinds))
        except requests.RequestException as exc:
            op.fail(redact(f"{where}: {type(exc).__name__}: {exc}"), type(exc).__name__)

    run: Callable[[], None] = settings(
        max_examples=max_examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        # a negative mode that can hardly make invalid input gives up fast (it is caught)
        suppress_health_check=[h for h in HealthCheck if h is not HealthCheck.filter_too_much],
    )(given(operation.as_strategy(generation_mode=mode))(send))  # type: ignore[no-untyped-call]
    return run
