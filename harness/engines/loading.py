"""Find the engine a run drives: ``--engine package.module:factory`` or ``--engine-url URL``."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from harness.engines.interface import EngineFactory


class EngineLoadError(Exception):
    """The engine named on the command line cannot be loaded; the message says why."""


def load_factory(spec: str) -> EngineFactory:
    """The factory named ``package.module:factory`` (importable from the current folder too,
    as ``examples.engines.naive:factory`` is from the repository's root)."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise EngineLoadError(
            f"--engine {spec!r}: expected package.module:factory (e.g. "
            "examples.engines.naive:factory)"
        )
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise EngineLoadError(f"--engine {spec!r}: cannot import {module_name}: {exc}") from None
    factory = getattr(module, attribute, None)
    if not callable(factory):
        raise EngineLoadError(f"--engine {spec!r}: {module_name} has no callable {attribute!r}")
    return factory  # type: ignore[no-any-return]


def url_factory(url: str) -> EngineFactory:
    """A factory of clients of the engine service at ``url`` (checked once, now)."""
    from harness.engines.http_client import HttpEngine, describe

    info = describe(url)
    return lambda clock: HttpEngine(url, clock, info)
