"""Connexion's reading of an OpenAPI spec, built once per spec content and validated once.

Connexion reads a spec by checking it against the OpenAPI schema (about 25 ms a spec, most of
what a connexion app costs to build) and resolving its references. ``chansim serve`` reads
the admin spec once per channel, and every process reads the same unchanged files again, so:

- in a process, each spec's reading is made once and shared (connexion never changes it as
  long as no ``base_path`` is forced on it, and chansim forces none);
- across processes, a spec connexion has validated is remembered by a digest of its content,
  of the OpenAPI schema it was checked against and of the code that checked it (connexion's
  and jsonschema's validator modules): an empty marker file named by that digest, in
  ``$CHANSIM_CACHE_DIR`` (default ``$XDG_CACHE_HOME/chansim`` or ``~/.cache/chansim``). A
  later process reading the same content with the same libraries skips the validation; any
  change to any of them gives another digest, so it is validated again. A spec that fails
  validation is never marked and fails the same way every time. An unwritable cache is
  not an error: every process then validates, as connexion alone does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import orjson
from connexion.spec import OpenAPISpecification, Specification

#: The modules whose code decides whether a spec is valid (their source is in the digest).
_VALIDATOR_MODULES = ("connexion.spec", "connexion.json_schema", "jsonschema.validators",
                      "jsonschema._keywords", "jsonschema._legacy_keywords",
                      "jsonschema._types", "jsonschema._utils", "jsonschema._format",
                      "referencing._core")  # fmt: skip


class _Validated(OpenAPISpecification):  # type: ignore[misc]
    """A reading of content connexion validated before (the marker says so): the same
    reading, without checking it against the OpenAPI schema again."""

    @classmethod
    def _validate_spec(cls, spec: Any) -> None:
        return None


def cache_dir() -> Path | None:
    """Where chansim keeps what it derives from files that do not change while it runs
    (None when there is no home folder to hold it)."""
    given = os.environ.get("CHANSIM_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no HOME and no password entry (a bare container)
            return None
    return Path(base) / "chansim"


@cache
def _checker_digest() -> bytes:
    """The OpenAPI schema and the source of the validating code, as one digest."""
    import importlib.util

    digest = hashlib.sha256(b"chansim validated spec v1\0")
    digest.update(orjson.dumps(OpenAPISpecification.openapi_schema, option=orjson.OPT_SORT_KEYS))
    for name in _VALIDATOR_MODULES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(name.encode() + b"\0" + (Path(origin).read_bytes() if origin else b"?"))
    return digest.digest()


def _string_keys(node: Any) -> Any:
    """Mapping keys as text, as connexion's ``Specification.from_dict`` makes them (YAML
    reads ``200:`` as a number)."""
    if isinstance(node, dict):
        return {str(k): _string_keys(v) for k, v in node.items()}
    return node


class _Content:
    """A spec keyed by its content, in order (its dict is not hashable)."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.key = orjson.dumps(spec, option=orjson.OPT_NON_STR_KEYS, default=str)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Content) and other.key == self.key


def _marker(content: _Content) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(_checker_digest() + content.key).hexdigest()
    return folder / "validated-specs" / digest


def _present(marker: Path) -> bool:
    """Whether the marker is there (a cache folder that cannot be read: not there)."""
    try:
        return marker.is_file()
    except OSError:
        return False


def _remember(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only or missing home: validate again next time


@lru_cache(maxsize=32)
def _read(content: _Content) -> Specification:
    spec = _string_keys(dict(content.spec))
    if Specification._get_spec_version(spec) < (3, 0, 0):
        return Specification.from_dict(spec)  # Swagger 2: connexion's own way, every time
    marker = _marker(content)
    if marker is not None and _present(marker):
        return _Validated(spec)
    reading = OpenAPISpecification(spec)  # raises InvalidSpecification: nothing is marked
    _remember(marker)
    return reading


def specification(spec: Mapping[str, Any]) -> Specification:
    """Connexion's reading of ``spec`` (validated against the OpenAPI schema, references
    resolved), the same object for the same content: treat it as read-only."""
    return _read(_Content(spec))


@lru_cache(maxsize=8)
def _file_reading(text: bytes) -> Specification:
    from simulators.core.openapi import parse_spec

    return specification(parse_spec(text))


def specification_file(path: Path) -> Specification:
    """:func:`specification` of a YAML file, parsed once per content."""
    return _file_reading(path.read_bytes())
