"""Each operation of a REST spec compiled once at start-up, from connexion's reading of it.

Connexion's middlewares rebuild a URI parser, a parameter validator and a body validator on
every request, then cross a dozen layers to reach the handler. Here connexion still reads the
spec (``Specification`` resolves it, ``OpenAPIOperation`` holds each operation's parameters,
bodies, security and responses, its own functions turn parameters into pythonic arguments);
what it builds per request is built once per operation instead, and called directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import GeneratorType, MappingProxyType
from typing import Any

from connexion import context as connexion_context
from connexion.datastructures import MediaTypeDict
from connexion.decorators import parameter as connexion_parameters
from connexion.decorators.parameter import CONTEXT_NAME, unwrap_decorators
from connexion.decorators.response import BaseResponseDecorator
from connexion.exceptions import OAuthProblem, UnsupportedMediaTypeProblem
from connexion.frameworks.starlette import FloatConverter, IntegerConverter, starlettify_path
from connexion.operations import OpenAPIOperation
from connexion.resolver import Resolver
from connexion.utils import inspect_function_arguments, is_nullable
from starlette.convertors import register_url_convertor
from starlette.routing import compile_path

from simulators.core.openapi import base_path_of
from simulators.core.protocols.rest_parameters import ParameterReader
from simulators.core.specification import specification


@lru_cache(maxsize=1024)
def pythonic(name: str) -> str:
    """Connexion's pythonic parameter name (``page-size`` → ``page_size``), remembered: the
    spec's names are few and connexion recomputes them with regexes on every request."""
    return connexion_parameters.pythonic(name)  # type: ignore[no-any-return]


_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _route(base_path: str, op: OpenAPIOperation) -> tuple[re.Pattern[str], dict[str, Any]]:
    """The route connexion's router would build for the operation: starlette's path regex
    with connexion's converters (an integer path parameter only matches digits)."""
    path = starlettify_path(base_path + op.path, op.get_path_parameter_types())
    pattern, _, convertors = compile_path(path)
    return pattern, convertors


@dataclass
class CompiledOperation:
    """One operation: its handler, arguments, security and validators, built once."""

    operation: OpenAPIOperation
    handler: Callable[..., Any]
    pattern: re.Pattern[str]
    convertors: dict[str, Any]
    arguments: list[str]
    has_kwargs: bool
    secured: bool
    optional_security: bool
    uri_parser: Any
    #: The parameters read, validated (by connexion's validator) and mapped to arguments.
    reader: ParameterReader
    consumes: MediaTypeDict | None
    body_validators: dict[tuple[str, str], Any] = field(default_factory=dict)
    _content_types: dict[tuple[str | None, str], str | Exception | None] = field(
        default_factory=dict
    )

    def path_params(self, path: str) -> dict[str, Any] | None:
        """The path parameters, converted as starlette's router does; None when the path
        does not match the route (connexion's router would not route it here either)."""
        match = self.pattern.match(path)
        if match is None:
            return None
        return {k: self.convertors[k].convert(v) for k, v in match.groupdict().items()}

    def security_context(self, principal: Mapping[str, Any] | None) -> dict[str, Any]:
        """What connexion's security step puts in the request context (GateVerdict's rule:
        the shell's gate authenticated the request, or the operation refuses it)."""
        if not self.secured:
            return {}
        if principal is None:
            if self.optional_security:
                return {}
            raise OAuthProblem(detail="No authorization token provided")
        token_info = {"sub": principal.get("id"), **principal}
        return {"user": token_info.get("sub"), "token_info": token_info}

    def check_mime_type(self, mime_type: str) -> None:
        """Refuse a body of a media type the operation does not consume."""
        if self.consumes is not None and mime_type.lower() not in self.consumes:
            raise UnsupportedMediaTypeProblem(
                detail=f"Invalid Content-type ({mime_type}), expected {self.operation.consumes}"
            )

    def body_validator(
        self, mime_type: str, encoding: str, validators: Mapping[str, Any], strict: bool
    ) -> Any:
        """The body validator for this media type (None: nothing to validate), cached."""
        key = (mime_type, encoding)
        if key in self.body_validators:
            return self.body_validators[key]
        op = self.operation
        schema = op.body_schema(mime_type)
        validator = None
        if schema:
            try:
                cls = validators[mime_type]
            except KeyError:
                cls = None
            if cls is not None:
                validator = cls(
                    schema=schema,
                    required=op.request_body.get("required", False),
                    nullable=is_nullable(op.body_definition(mime_type)),
                    encoding=encoding,
                    strict_validation=strict,
                    uri_parser=self.uri_parser,
                )
        if len(self.body_validators) < _VALIDATORS_KEPT:  # the charset is the client's word
            self.body_validators[key] = validator
        return validator

    def reply_content_type(self, data: Any, headers: Mapping[str, str]) -> str | None:
        """The content type of the handler's reply, as connexion's response decorator infers
        it (from the headers given, the kind of data and what the operation produces; its
        refusal of a type the operation does not produce too), worked out once per case."""
        named = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        case = (named, _kind(data))
        if case not in self._content_types:
            token = connexion_context._operation.set(self.operation)
            try:
                sample = _KIND_SAMPLES[case[1]]
                self._content_types[case] = BaseResponseDecorator._infer_content_type(
                    sample, {"Content-Type": named} if named is not None else {}
                )
            except Exception as refused:  # noqa: BLE001 - the same refusal every time
                self._content_types[case] = refused
            finally:
                connexion_context._operation.reset(token)
        found = self._content_types[case]
        if isinstance(found, Exception):
            raise found.with_traceback(None)  # the same refusal, without the last one's frames
        return found

    def takes_body(self, content_type: str) -> bool:
        """Whether the body is read and given to the handler: when the handler takes it and
        the operation defines one. (Connexion would also parse the body of an operation that
        defines none, then give the handler nothing: a GET export carrying a form body or
        a multipart Content-Type without boundary got a 400 or a 500 for it, where a store's
        script never reads a GET's body.)"""
        if not self.operation.is_request_body_defined:
            return False
        name = pythonic(self.operation.body_name(content_type))
        return self.has_kwargs or name in self.arguments

    def kwargs(
        self,
        query: dict[str, Any],
        path: dict[str, Any],
        body: Any,
        context: Mapping[str, Any],
        mimetype: str,
    ) -> dict[str, Any]:
        """The handler's keyword arguments, exactly as connexion's parameter decorator
        builds them (pythonic names, types, defaults, the body, the security context) from
        the resolved query and path parameters."""
        op = self.operation
        kwargs = connexion_parameters._get_path_arguments(path, operation=op, sanitize=pythonic)
        kwargs.update(self.reader.query_arguments(query))
        if op.method.upper() != "TRACE":  # connexion gives a TRACE no body
            kwargs.update(
                connexion_parameters._get_body_argument(
                    body,
                    operation=op,
                    arguments=self.arguments,
                    has_kwargs=self.has_kwargs,
                    sanitize=pythonic,
                    content_type=mimetype,
                )
            )
        kwargs = {pythonic(k): v for k, v in kwargs.items()}
        for key, value in context.items():
            if self.has_kwargs or key in self.arguments:
                kwargs[key] = value
        if CONTEXT_NAME in self.arguments:
            kwargs[CONTEXT_NAME] = dict(context)
        return kwargs


def compile_operations(
    spec: Mapping[str, Any],
    resolver: Resolver,
    parameter_validator: type[Any],
    *,
    strict_validation: bool,
) -> dict[str, CompiledOperation]:
    """Every operation of ``spec`` by operationId, read by connexion and compiled."""
    register_url_convertor("float", FloatConverter())  # what connexion's router registers
    register_url_convertor("int", IntegerConverter())
    reading = specification(spec)
    base_path = base_path_of(spec)
    compiled: dict[str, CompiledOperation] = {}
    for template, item in reading.raw["paths"].items():
        for method in _METHODS:
            if method not in item or "operationId" not in item[method]:
                continue
            op = OpenAPIOperation.from_spec(
                reading, path=template, method=method, resolver=resolver
            )
            handler = op.function
            pattern, convertors = _route(base_path, op)
            arguments, has_kwargs = inspect_function_arguments(unwrap_decorators(handler))
            security = op.security or []
            uri_parser = op.uri_parser_class(op.parameters, op.body_definition())
            security_query = [
                op.security_schemes[name]["name"]
                for requirement in security
                for name in requirement
                if op.security_schemes[name]["type"] == "apiKey"
                and op.security_schemes[name]["in"] == "query"
            ]
            validator = parameter_validator(
                op.parameters,
                uri_parser=uri_parser,
                strict_validation=strict_validation,
                security_query_params=security_query,
            )
            compiled[op.operation_id] = CompiledOperation(
                operation=op,
                handler=handler,
                pattern=pattern,
                convertors=convertors,
                arguments=list(arguments),
                has_kwargs=has_kwargs,
                secured=bool(security),
                optional_security=any(not requirement for requirement in security),
                uri_parser=uri_parser,
                reader=ParameterReader(
                    op, uri_parser, validator, list(arguments), has_kwargs, pythonic
                ),
                consumes=(
                    MediaTypeDict([(c.lower(), None) for c in op.consumes]) if op.consumes else None
                ),
            )
    return compiled


#: How many (media type, charset) body validators an operation keeps.
_VALIDATORS_KEPT = 32

#: One value of each kind of data connexion's content-type inference tells apart.
_KIND_SAMPLES: Mapping[str, Any] = MappingProxyType(
    {"none": None, "str": "", "bytes": b"", "stream": iter(()), "other": {}}
)


def _kind(data: Any) -> str:
    """Which of :data:`_KIND_SAMPLES` ``data`` is, as connexion tests it."""
    if data is None:
        return "none"
    if isinstance(data, str):
        return "str"
    if isinstance(data, bytes):
        return "bytes"
    if isinstance(data, (GeneratorType, Iterator)):
        return "stream"
    return "other"
