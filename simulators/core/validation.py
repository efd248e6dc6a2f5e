"""Request validation against the spec that says *which field* is wrong, and says it plainly.

Connexion's own validators report a parameter error without the parameter's name and compile
a JSON Schema validator on every request. These subclasses raise :class:`FieldProblem` (field +
human message) so a channel can fill its own error shape (e.g. Back Market's ``data.fields``),
and they compile each schema once.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator
from functools import cached_property
from types import MappingProxyType
from typing import Any

from connexion.exceptions import BadRequestProblem
from connexion.json_schema import Draft4RequestValidator
from connexion.utils import is_null, is_nullable
from connexion.validators import JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError
from jsonschema.exceptions import best_match

from simulators.core.errors import WHOLE_BODY

_REQUIRED = re.compile(r"^'(?P<name>.+?)' is a required property$")
_JSON_TYPES = MappingProxyType(
    {"object": "dictionary", "array": "list", "integer": "integer", "number": "number"}
)


class FieldProblem(BadRequestProblem):  # type: ignore[misc]
    """A request refused by the spec, naming the field (parameter or body path)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(detail=f"{field}: {message}")
        self.field = field
        self.message = message


def humane(error: ValidationError, value: Any = None) -> str:
    """A short, plain-English message for a schema violation."""
    rule = error.validator
    limit: Any = error.validator_value
    instance = error.instance if value is None else value
    if rule == "type":
        expected = limit if isinstance(limit, str) else " or ".join(map(str, limit))
        return f"A valid {_JSON_TYPES.get(expected, expected)} is required, got {instance!r}."
    if rule == "maximum":
        return f"Ensure this value is less than or equal to {limit}."
    if rule == "minimum":
        return f"Ensure this value is greater than or equal to {limit}."
    if rule == "maxLength":
        return f"Ensure this field has no more than {limit} characters."
    if rule == "minLength":
        return "This field may not be blank." if limit == 1 else f"At least {limit} characters."
    if rule == "enum":
        return f"{instance!r} is not a valid choice; expected one of {limit}."
    if rule == "pattern":
        return f"{instance!r} does not match the expected format {limit}."
    if rule == "format":
        return f"{instance!r} is not a valid {limit} (RFC 3339, e.g. 2026-03-10T23:30:00Z)."
    if rule == "required":
        return "This field is required."
    if rule == "minProperties":
        return f"At least {limit} field(s) must be given."
    return str(error.message)


def _field_of(error: ValidationError) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        match = _REQUIRED.match(error.message)
        if match:
            return f"{path}.{match['name']}" if path else match["name"]
    return path or WHOLE_BODY


#: How many verdicts on single parameter values a validator remembers (then it starts again).
VERDICTS_KEPT = 4096
_SCALARS = (str, int, float, bool)


class FieldParameterValidator(ParameterValidator):  # type: ignore[misc]
    """Parameter validation that names the parameter and reuses compiled validators.

    A parameter's verdict is a pure function of its schema and its value, and clients send
    the same values again and again (a page size, a date, a language): the verdict on a
    single value is remembered (at most :data:`VERDICTS_KEPT`), so the schema is walked once
    per distinct value, not once per request.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compiled: dict[tuple[str, str], Draft4Validator] = {}
        self._verdicts: dict[tuple[str, str, type, Any], str | None] = {}

    def validate_parameter(
        self, parameter_type: str, value: Any, param: dict[str, Any], param_name: Any = None
    ) -> None:
        if is_nullable(param) and is_null(value):
            return
        name = param["name"]
        if value is None:
            if param.get("required"):
                raise FieldProblem(name, "This field is required.")
            return
        memo = (parameter_type, name, type(value), value) if type(value) in _SCALARS else None
        problem = self._verdicts.get(memo, "") if memo is not None else ""
        if problem == "":
            problem = self._verdict(parameter_type, value, param)
            if memo is not None:
                if len(self._verdicts) >= VERDICTS_KEPT:
                    self._verdicts.clear()
                self._verdicts[memo] = problem
        if problem is not None:
            raise FieldProblem(name, problem)

    def _verdict(self, parameter_type: str, value: Any, param: dict[str, Any]) -> str | None:
        """What is wrong with ``value`` (None: nothing), by the parameter's schema."""
        key = (parameter_type, param["name"])
        validator = self._compiled.get(key)
        if validator is None:
            validator = Draft4Validator(
                param.get("schema", param), format_checker=Draft4Validator.FORMAT_CHECKER
            )
            self._compiled[key] = validator
        error = best_match(validator.iter_errors(value))
        return None if error is None else humane(error, value)


class FieldJSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """JSON body validation that names the field and compiles the schema once."""

    @cached_property
    def _validator(self) -> Draft4RequestValidator:
        return Draft4RequestValidator(self._schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Any) -> Any:
        return self.parse(b"".join([message async for message in stream]))

    def parse(self, raw: bytes) -> Any:
        """The body's JSON (None when empty), or a :class:`FieldProblem` saying why not."""
        if not raw:
            return None
        try:
            return json.loads(raw.decode(self._encoding))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FieldProblem(WHOLE_BODY, f"JSON parse error - {exc}") from exc
        except LookupError as exc:  # a charset Python does not know (Content-Type's word)
            raise FieldProblem(WHOLE_BODY, f"JSON parse error - unknown charset {exc}") from exc
        except RecursionError as exc:  # hostile nesting ([[[[...]]]]) must not crash us
            raise FieldProblem(WHOLE_BODY, "JSON parse error - nested too deeply") from exc

    def check(self, raw: bytes) -> Any:
        """The body read and validated at once (a body that was sent): what
        ``wrap_receive`` then the handler's JSON reading would give, parsed once."""
        body = self.parse(raw)
        if not (body is None and self._nullable):  # connexion lets a null through so
            self._validate(body)
        return body

    def _validate(self, body: Any) -> Any:
        if body is None and not self._required:
            return None  # an optional body that was not sent
        if body is None and not self._nullable:
            raise FieldProblem(WHOLE_BODY, "No data provided (the body must be JSON).")
        if self._schema.get("type") == "object" and not isinstance(body, dict):
            raise FieldProblem(
                WHOLE_BODY,
                f"Invalid data. Expected a dictionary, but got {type(body).__name__}.",
            )
        error = best_match(self._validator.iter_errors(body))
        if error is not None:
            raise FieldProblem(_field_of(error), humane(error))
        return None
