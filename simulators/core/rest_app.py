"""Build a REST channel simulator: a connexion app from the channel's spec, plus the admin API.

Connexion routes each request to the handler named by its ``operationId`` and validates it
against the spec; the handlers are methods of a per-app object, so no state is global. The
channel's error shapes replace connexion's problem documents everywhere but under ``/__sim``.
"""

from __future__ import annotations

import logging
from typing import Any

import connexion
import orjson
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import OAuthProblem, ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware.context import ContextMiddleware
from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.security import SecurityMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.security import AbstractSecurityHandler
from connexion.validators import VALIDATOR_MAP
from starlette.exceptions import HTTPException

from simulators.core.admin import AdminHandlers
from simulators.core.context import SimContext
from simulators.core.errors import AdminError, ChannelError
from simulators.core.middleware import ADMIN_PREFIX, ChannelShell
from simulators.core.registry import SPECS_DIR
from simulators.core.request import HttpReply
from simulators.core.routing import load_spec
from simulators.core.validation import (
    FieldJSONBodyValidator,
    FieldParameterValidator,
    FieldProblem,
)

ADMIN_SPEC = SPECS_DIR / "admin" / "openapi.yaml"
_log = logging.getLogger("chansim")
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


class GateVerdict(AbstractSecurityHandler):  # type: ignore[misc]
    """Connexion's security step: accepts what the channel gate authenticated, nothing else.

    The gate (in front of connexion) knows the channel's real refusals (expired token, WAF);
    this keeps connexion from serving a secured operation that somehow bypassed it.
    """

    def get_fn(self, security_scheme: Any, required_scopes: Any) -> Any:
        def verify(request: ConnexionRequest) -> dict[str, Any]:
            chansim = (request.scope.get("extensions") or {}).get("chansim") or {}
            principal = chansim.get("principal")
            if principal is None:
                raise OAuthProblem(detail="No authorization token provided")
            return {"sub": principal.get("id"), **principal}

        return verify


def _bind(target: object) -> Resolver:
    """Resolve an operationId to the method of ``target`` with that name (``-`` → ``_``)."""

    def resolve(operation_id: str) -> Any:
        name = operation_id.replace("-", "_")
        try:
            return getattr(target, name)
        except AttributeError as exc:
            raise AttributeError(f"{type(target).__name__} has no handler {name!r}") from exc

    return Resolver(function_resolver=resolve)


def _response(reply: HttpReply) -> ConnexionResponse:
    headers = dict(reply.headers)
    content_type = headers.pop("content-type", None)  # passed once, not twice
    return ConnexionResponse(
        status_code=reply.status, body=reply.body, headers=headers, content_type=content_type
    )


def _problem(status: int, detail: str) -> ConnexionResponse:
    body = orjson.dumps({"type": "about:blank", "status": status, "detail": detail})
    return ConnexionResponse(status_code=status, body=body, content_type="application/problem+json")


def _install_error_handlers(app: connexion.AsyncApp, ctx: SimContext) -> None:
    channel = ctx.channel

    def is_admin(request: ConnexionRequest) -> bool:
        return str(request.url.path).startswith(ADMIN_PREFIX)

    def on_channel_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, ChannelError)
        if is_admin(request):
            return _problem(exc.status, exc.message)
        return _response(channel.render_error(exc))

    def on_admin_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, AdminError)
        return _problem(exc.status, exc.detail)

    def on_http_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        detail = str(exc.detail)
        if is_admin(request):
            return _problem(exc.status_code, detail)
        field = exc.field if isinstance(exc, FieldProblem) else None
        error = channel.problem_error(exc.status_code, detail, field)
        return _response(channel.render_error(error))

    def on_crash(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        _log.exception("simulator %s crashed on %s", ctx.name, request.url, exc_info=exc)
        if is_admin(request):
            return _problem(500, f"{type(exc).__name__}: {exc}")
        return _response(channel.render_error(channel.error_for_status(500)))

    app.add_error_handler(ChannelError, on_channel_error)
    app.add_error_handler(AdminError, on_admin_error)
    app.add_error_handler(HTTPException, on_http_error)
    app.add_error_handler(ProblemException, on_http_error)
    app.add_error_handler(Exception, on_crash)


def build_rest_app(ctx: SimContext, *, validate_responses: bool = False) -> ChannelShell:
    """The ASGI app of one REST channel simulator, ready for any ASGI server."""
    options: dict[str, Any] = {
        "pythonic_params": True,
        "validate_responses": validate_responses,
        "swagger_ui_options": SwaggerUIOptions(swagger_ui=False, serve_spec=False),
        "validator_map": {
            **VALIDATOR_MAP,
            "parameter": FieldParameterValidator,
            "body": MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": FieldJSONBodyValidator}),
        },
    }
    app = connexion.AsyncApp(
        f"chansim.{ctx.name}",
        middlewares=list(_MIDDLEWARES),
        jsonifier=connexion.jsonifier.Jsonifier(_Json),
    )
    app.add_api(
        ctx.spec,
        resolver=_bind(ctx.channel.handlers(ctx)),
        security_map={"apiKey": GateVerdict, "basic": GateVerdict, "bearer": GateVerdict},
        **options,
    )
    app.add_api(load_spec(ADMIN_SPEC), resolver=_bind(AdminHandlers(ctx)), **options)
    _install_error_handlers(app, ctx)
    return ChannelShell(ctx, app, ctx.router)
