"""The thin dispatch of a REST channel: one call from the shell to the handler and back.

For a request the contract routed (the shell put its operation in the scope), the steps are
those of connexion's middlewares, in their order, on operations compiled at start-up
(``rest_operations.py``): security (GateVerdict's rule), parameters, media type, body, the
handler with pythonic arguments, the reply serialised once (orjson; a page's orders arrive
already serialised, ``wire_forms.py``), and, when asked, the response validated by connexion's
own validator. The shell takes the reply in one call (``reply``, the ``ReplyingApp`` of
``protocol.py``); the ASGI ``__call__`` is the same path for any other caller. A JSON body is
parsed once, from the bytes the shell read. A request no operation matches (unknown path,
wrong method, a Custom Store action that names none) goes to the full connexion app, which
refuses it in the channel's shape as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import orjson
from connexion import context as connexion_context
from connexion.datastructures import NoContent
from connexion.decorators.response import BaseResponseDecorator
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware.response_validation import ResponseValidationOperation
from connexion.utils import is_json_mimetype, split_content_type
from python_multipart.multipart import parse_options_header
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from simulators.core.channel import SimServices
from simulators.core.errors import ChannelError
from simulators.core.protocol import ASGIApp, Message, Receive, Scope, Send
from simulators.core.protocols.rest import RestChannel
from simulators.core.protocols.rest_operations import CompiledOperation
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.validation import FieldJSONBodyValidator, FieldProblem

_log = logging.getLogger("chansim")


def _unpack(result: Any) -> tuple[Any, int | None, dict[str, str]]:
    data, status, headers = BaseResponseDecorator._unpack_handler_response(result)
    return data, status, dict(headers or {})


class RestDispatch:
    """The protocol app of a REST channel (see the module docstring)."""

    def __init__(
        self,
        operations: Mapping[str, CompiledOperation],
        fallback: Callable[[], ASGIApp],
        *,
        channel: RestChannel,
        ctx: SimServices,
        body_validators: Mapping[str, Any],
        strict_validation: bool,
        response_validators: Mapping[str, Any] | None,
    ) -> None:
        self.operations = operations
        self._fallback_factory = fallback
        self._fallback: ASGIApp | None = None
        self.channel = channel
        self.ctx = ctx
        self.body_validators = body_validators
        self.strict = strict_validation
        self.response_validators = response_validators

    async def reply(self, scope: Scope, receive: Receive, request: RequestInfo) -> HttpReply | None:
        """The reply to a request the contract routed to an operation; None for any other
        (the full connexion app refuses it, as ASGI)."""
        compiled = self.operations.get(request.operation) if request.operation else None
        if compiled is None or scope["type"] != "http":
            return None
        # the path the contract routed: without a namespace's prefix (the root path)
        path_params = compiled.path_params(request.path)
        if path_params is None:
            return None
        principal = scope["extensions"]["chansim"].get("principal")
        scope = {**scope, "path_params": path_params}
        return await self._dispatch(compiled, scope, receive, request, principal)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chansim = (scope.get("extensions") or {}).get("chansim") or {}
        info: RequestInfo | None = chansim.get("request")
        reply = await self.reply(scope, receive, info) if info is not None else None
        if reply is None:
            if self._fallback is None:
                self._fallback = self._fallback_factory()
            await self._fallback(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers],
            }
        )
        await send({"type": "http.response.body", "body": reply.body})

    async def _dispatch(
        self,
        compiled: CompiledOperation,
        scope: Scope,
        receive: Receive,
        info: RequestInfo | None,
        principal: Mapping[str, Any] | None,
    ) -> HttpReply:
        try:
            reply = await self._answer(compiled, scope, receive, principal, info)
            if self.response_validators is not None:
                await self._validate_response(compiled, scope, reply)
            return reply
        except ChannelError as error:
            return self.channel.error_reply(self.ctx, info, error)
        except HTTPException as exc:
            field = exc.field if isinstance(exc, FieldProblem) else None
            refusal = self.channel.problem_error(exc.status_code, str(exc.detail), field)
            return self.channel.error_reply(self.ctx, info, refusal)
        except Exception:  # noqa: BLE001 - a crash gets the channel's 500 shape
            _log.exception("simulator %s crashed on %s", self.ctx.name, scope.get("path"))
            return self.channel.render_error(self.channel.error_for_status(500))

    async def _answer(
        self,
        compiled: CompiledOperation,
        scope: Scope,
        receive: Receive,
        principal: Mapping[str, Any] | None,
        info: RequestInfo | None,
    ) -> HttpReply:
        context = compiled.security_context(principal)
        scope["extensions"] = {**scope.get("extensions", {}), "connexion_context": context}
        headers = Headers(scope=scope)
        query_string = info.query if info is not None else scope["query_string"].decode("latin-1")
        query = compiled.reader.resolve_query(query_string)
        path = compiled.reader.validate(query, scope.get("path_params") or {}, headers)
        raw = info.body if info is not None else b""
        sent_type = headers.get("content-type")
        mime_type, encoding = split_content_type(sent_type)
        if mime_type is None:
            consumes = compiled.operation.consumes
            mime_type = consumes[0] if consumes else "application/octet-stream"
        compiled.check_mime_type(mime_type)
        validator = compiled.body_validator(
            mime_type, encoding or "utf-8", self.body_validators, self.strict
        )
        body, parsed = None, False
        if isinstance(validator, FieldJSONBodyValidator) and raw and is_json_mimetype(mime_type):
            body, parsed = validator.check(raw), True  # JSON read once, not twice
        elif validator is not None:
            receive, scope = await validator.wrap_receive(receive, scope=scope)
        connexion_context._scope.set(scope)
        connexion_context._receive.set(receive)
        connexion_context._operation.set(compiled.operation)
        connexion_context._context.set(context)
        # as connexion's request has it (an empty header stays empty)
        content_type = "application/octet-stream" if sent_type is None else sent_type
        if not parsed and compiled.takes_body(content_type):
            # the validator may have put the default body in: read it from its receive
            body = await ConnexionRequest(scope, receive).get_body()
        arguments = compiled.kwargs(query, path, body, context, _mimetype(content_type))
        result = await compiled.handler(**arguments)
        return self._reply(compiled, result)

    def _reply(self, compiled: CompiledOperation, result: Any) -> HttpReply:
        """The handler's answer serialised once."""
        if isinstance(result, ConnexionResponse):
            headers = dict(result.headers or {})
            if result.content_type:
                headers["Content-Type"] = result.content_type
            body = result.body
            status = result.status_code
            data = body.encode() if isinstance(body, str) else (body or b"")
            return HttpReply(status, _lower(headers), data)
        data, status, headers = _unpack(result)
        content_type = compiled.reply_content_type(data, headers)
        if data is None or data is NoContent:
            payload = b""
            status = status or 204
        else:
            mime_type, _ = split_content_type(content_type) if content_type else (None, None)
            if mime_type is not None and is_json_mimetype(mime_type):
                payload = orjson.dumps(data)
            elif isinstance(data, str):
                payload = data.encode()
            else:
                payload = bytes(data)
            status = status or 200
        if content_type and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = content_type
        return HttpReply(status, _lower(headers), payload)

    async def _validate_response(
        self, compiled: CompiledOperation, scope: Scope, reply: HttpReply
    ) -> None:
        """Connexion's response validation of the operation, on the finished reply."""

        async def emit(_scope: Scope, _receive: Receive, send: Send) -> None:
            await send(
                {
                    "type": "http.response.start",
                    "status": reply.status,
                    "headers": [
                        (k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers
                    ],
                }
            )
            await send({"type": "http.response.body", "body": reply.body})

        async def sink(_message: Message) -> None:
            return None

        validating = ResponseValidationOperation(
            emit, operation=compiled.operation, validator_map=self.response_validators
        )
        await validating(scope, _nothing, sink)


def _lower(headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((k.lower(), str(v)) for k, v in headers.items())


async def _nothing() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


@lru_cache(maxsize=256)
def _mimetype(content_type: str) -> str:
    """The media type of a Content-Type, as connexion's request reads it (``mimetype``)."""
    return parse_options_header(content_type)[0].decode()
