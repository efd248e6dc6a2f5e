"""The connexion app of a REST channel (imported only when one is served)."""

from __future__ import annotations

import logging
from typing import Any

from connexion.exceptions import OAuthProblem, ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.security import AbstractSecurityHandler
from starlette.exceptions import HTTPException

from simulators.core.channel import SimServices
from simulators.core.connexion_app import add_api, api_options, bind, new_app, response
from simulators.core.errors import ChannelError
from simulators.core.openapi import OpenApiContract
from simulators.core.protocol import ASGIApp
from simulators.core.protocols.rest import RestChannel
from simulators.core.protocols.rest_dispatch import RestDispatch
from simulators.core.protocols.rest_operations import compile_operations
from simulators.core.specification import specification
from simulators.core.validation import FieldProblem

_log = logging.getLogger("chansim")


class GateVerdict(AbstractSecurityHandler):  # type: ignore[misc]
    """Connexion's security step: accepts what the channel gate authenticated, nothing else.

    The gate (in front of connexion) knows the channel's real refusals (expired token, WAF);
    this keeps connexion from serving a secured operation that somehow bypassed it.
    """

    def get_fn(self, security_scheme: object, required_scopes: object) -> object:
        def verify(request: ConnexionRequest) -> dict[str, object]:
            chansim = (request.scope.get("extensions") or {}).get("chansim") or {}
            principal = chansim.get("principal")
            if principal is None:
                raise OAuthProblem(detail="No authorization token provided")
            return {"sub": principal.get("id"), **principal}

        return verify


def build_rest_app(ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
    """The app answering a REST channel's operations in its own shapes: a thin dispatch on
    operations compiled once from connexion's reading of the spec, and connexion's full app
    (built on first use) for requests no operation matches."""
    channel, contract = ctx.channel, ctx.contract
    if not isinstance(channel, RestChannel) or not isinstance(contract, OpenApiContract):
        raise TypeError(f"{ctx.name}: the rest protocol serves a RestChannel from an OpenAPI spec")
    options = api_options(validate_responses=validate_responses)
    handlers = channel.handlers(ctx)
    operations = compile_operations(
        contract.spec,
        bind(handlers),
        options["validator_map"]["parameter"],
        strict_validation=channel.strict_query,
    )
    return RestDispatch(
        operations,
        lambda: _connexion_app(ctx, channel, contract, handlers, options),
        channel=channel,
        ctx=ctx,
        body_validators=options["validator_map"]["body"],
        strict_validation=channel.strict_query,
        response_validators=options["validator_map"] if validate_responses else None,
    )


def _connexion_app(
    ctx: SimServices,
    channel: RestChannel,
    contract: OpenApiContract,
    handlers: object,
    options: dict[str, Any],
) -> ASGIApp:
    """The full connexion app: answers (refuses) what no operation of the contract matches."""
    app = new_app(f"chansim.{ctx.name}")
    add_api(
        app,
        specification(contract.spec),
        resolver=bind(handlers),
        security_map={"apiKey": GateVerdict, "basic": GateVerdict, "bearer": GateVerdict},
        strict_validation=channel.strict_query,
        **options,
    )

    def refused(request: ConnexionRequest, error: ChannelError) -> ConnexionResponse:
        chansim = (request.scope.get("extensions") or {}).get("chansim") or {}
        return response(channel.error_reply(ctx, chansim.get("request"), error))

    def on_channel_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, ChannelError)
        return refused(request, exc)

    def on_http_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        field = exc.field if isinstance(exc, FieldProblem) else None
        return refused(request, channel.problem_error(exc.status_code, str(exc.detail), field))

    def on_crash(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        _log.exception("simulator %s crashed on %s", ctx.name, request.url, exc_info=exc)
        return response(channel.render_error(channel.error_for_status(500)))

    app.add_error_handler(ChannelError, on_channel_error)
    app.add_error_handler(HTTPException, on_http_error)
    app.add_error_handler(ProblemException, on_http_error)
    app.add_error_handler(Exception, on_crash)
    asgi: ASGIApp = app
    return asgi
