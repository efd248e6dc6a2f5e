"""What every connexion app of chansim shares: its options, middlewares, JSON and resolver.

The REST protocol (``protocols/rest.py``) and the control plane (``control_app.py``) each build
a connexion ``AsyncApp`` with these: validators that name the offending field
(``validation.py``), orjson, no Swagger UI, and handlers that are methods of a per-app object,
so no state is global.
"""

from __future__ import annotations

import logging
from typing import Any

import connexion
import orjson
from connexion.datastructures import MediaTypeDict
from connexion.lifecycle import ConnexionResponse
from connexion.middleware.context import ContextMiddleware
from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.main import API
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.security import SecurityMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.spec import Specification
from connexion.validators import VALIDATOR_MAP

from simulators.core.request import HttpReply
from simulators.core.validation import FieldJSONBodyValidator, FieldParameterValidator

# Refusing bad requests is a simulator's job, not a warning: connexion logs each one otherwise.
logging.getLogger("connexion.middleware.exceptions").setLevel(logging.ERROR)
# Connexion without the Swagger UI (not installed, not wanted on a simulator).
_MIDDLEWARES = (
    ServerErrorMiddleware,
    ExceptionMiddleware,
    RoutingMiddleware,
    SecurityMiddleware,
    RequestValidationMiddleware,
    ResponseValidationMiddleware,
    LifespanMiddleware,
    ContextMiddleware,
)


class _Json:
    """orjson behind the interface connexion's Jsonifier expects."""

    @staticmethod
    def dumps(data: Any, **_: Any) -> str:
        return orjson.dumps(data).decode()

    @staticmethod
    def loads(data: str | bytes) -> Any:
        return orjson.loads(data)


def new_app(name: str) -> connexion.AsyncApp:
    """An empty ``AsyncApp`` with chansim's middlewares and JSON."""
    return connexion.AsyncApp(
        name, middlewares=list(_MIDDLEWARES), jsonifier=connexion.jsonifier.Jsonifier(_Json)
    )


def api_options(*, validate_responses: bool) -> dict[str, Any]:
    """``add_api`` options: pythonic parameters, field-naming validators, no Swagger UI."""
    return {
        "pythonic_params": True,
        "validate_responses": validate_responses,
        "swagger_ui_options": SwaggerUIOptions(swagger_ui=False, serve_spec=False),
        "validator_map": {
            **VALIDATOR_MAP,
            "parameter": FieldParameterValidator,
            "body": MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": FieldJSONBodyValidator}),
        },
    }


def add_api(app: connexion.AsyncApp, specification: Specification, **options: Any) -> None:
    """``app.add_api`` of a spec connexion has already read (``specification.py``): connexion's
    own ``add_api`` reads, and so validates, the spec again for every app. ``options`` are
    ``add_api``'s; the spec's own base path is kept (forcing one would change the shared
    reading)."""
    middleware = app.middleware
    if middleware.middleware_stack is not None:
        raise RuntimeError("Cannot add api after an application has started")
    chosen = middleware.options.replace(**options)
    middleware.apis.append(API(specification, base_path=None, name=None, **chosen.__dict__))


def bind(target: object) -> Resolver:
    """Resolve an operationId to the method of ``target`` with that name (``-`` → ``_``)."""

    def resolve(operation_id: str) -> Any:
        name = operation_id.replace("-", "_")
        try:
            return getattr(target, name)
        except AttributeError as exc:
            raise AttributeError(f"{type(target).__name__} has no handler {name!r}") from exc

    return Resolver(function_resolver=resolve)


def response(reply: HttpReply) -> ConnexionResponse:
    """A complete reply as connexion's response."""
    headers = dict(reply.headers)
    content_type = headers.pop("content-type", None)  # passed once, not twice
    return ConnexionResponse(
        status_code=reply.status, body=reply.body, headers=headers, content_type=content_type
    )


def problem(status: int, detail: str) -> ConnexionResponse:
    """An RFC 7807 problem document (the control plane's refusals)."""
    body = orjson.dumps({"type": "about:blank", "status": status, "detail": detail})
    return ConnexionResponse(status_code=status, body=body, content_type="application/problem+json")
