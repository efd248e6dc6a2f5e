"""What ``chansim contract`` checks: a spec, the server's base URL and its credentials.

Targets come from ``--spec/--base-url/--credential`` (and ``CHANSIM_CREDENTIAL_<KEY>``
variables) or from the JSON ``chansim serve --config-out`` writes. Before anything is sent,
:func:`refusal` says why a target must not be checked (plain HTTP to another host), and
:func:`is_simulator` tells a chansim simulator (which may be written to) from a real server.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

import requests

from harness.channels.http import is_loopback
from simulators.core.registry import SPECS_DIR, RegistryError, channel_entry

#: The control plane's spec: not a channel, but checked like one (``--spec admin``).
ADMIN = "admin"
#: The engine protocol (``specs/engine/``): a team's engine service, checked like a channel
#: (``--spec engine --base-url URL --allow-writes``: every call of the protocol is a POST).
ENGINE = "engine"
ENV_PREFIX = "CHANSIM_CREDENTIAL_"
#: The deployment's control token (as ``chansim run --target`` reads it), for ``/__sim``.
TOKEN_ENV = "CHANSIM_CONTROL_TOKEN"


def control_headers() -> dict[str, str]:
    """What ``/__sim`` of a guarded deployment needs (nothing when no token is set)."""
    token = os.environ.get(TOKEN_ENV)
    return {"Authorization": f"Bearer {token}"} if token else {}


class TargetError(ValueError):
    """A target that cannot be checked; the message says what to change."""


@dataclass(frozen=True)
class Target:
    """One server to check against one spec."""

    spec: str
    protocol: str
    spec_file: Path
    base_url: str
    credentials: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def _spec_of(name: str) -> tuple[str, Path]:
    if name in (ADMIN, ENGINE):
        return "rest", SPECS_DIR / name / "openapi.yaml"
    try:
        entry = channel_entry(name)
    except RegistryError as exc:
        raise TargetError(
            f"{exc} (or {ADMIN!r}, the /__sim control plane, or {ENGINE!r}, an engine service)"
        ) from exc
    return entry.protocol, entry.spec


def from_options(
    spec: str, base_url: str, pairs: list[str], env: Mapping[str, str] | None = None
) -> Target:
    """A target from the command line; ``KEY=VALUE`` pairs win over the environment."""
    credentials = {
        k[len(ENV_PREFIX) :].lower(): v
        for k, v in (os.environ if env is None else env).items()
        if k.startswith(ENV_PREFIX) and v
    }
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise TargetError(f"--credential takes KEY=VALUE, not {pair.split('=')[0]!r}…")
        credentials[key.strip().lower()] = value
    protocol, spec_file = _spec_of(spec)
    return Target(spec, protocol, spec_file, base_url.rstrip("/"), MappingProxyType(credentials))


def from_file(path: Path) -> list[Target]:
    """Every channel of a ``chansim serve --config-out`` file."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TargetError(f"cannot read the target file {path}: {exc}") from exc
    if not isinstance(config, dict) or not config:
        raise TargetError(f"{path}: expected an object of channel name -> {{url, credentials}}")
    targets = []
    for name, entry in config.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise TargetError(f"{path}: channel {name!r} needs a 'url'")
        raw = entry.get("credentials") or {}
        creds = {str(k): str(v) for k, v in raw.items() if v is not None}
        protocol, spec_file = _spec_of(name)
        targets.append(
            Target(name, protocol, spec_file, entry["url"].rstrip("/"), MappingProxyType(creds))
        )
    return targets


def refusal(target: Target, *, allow_insecure: bool) -> str | None:
    """Why the target must not be checked as given (None when it may)."""
    parts = urlsplit(target.base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{target.spec}: the base URL must be http(s)://host[:port][/path]"
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not allow_insecure:
        return (
            f"{target.spec}: refusing plain HTTP to {parts.hostname} (credentials would cross the "
            "network in clear); use https, or --allow-insecure for a test network"
        )
    return None


def origin(base_url: str) -> str:
    """scheme://host:port of a URL."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def is_simulator(base_url: str) -> bool:
    """Whether a chansim control plane answers beside the API (at the server's root; with
    ``CHANSIM_CONTROL_TOKEN`` when the deployment is guarded)."""
    try:
        answer = requests.get(
            f"{origin(base_url)}/__sim/clock", headers=control_headers(), timeout=3
        )
        return answer.status_code == 200 and isinstance(answer.json(), dict)
    except (requests.RequestException, ValueError):
        return False


def completed_by_simulator(target: Target) -> Target:
    """A simulator's target with what it lacks asked of its control plane: the credentials
    (when none were given) and the API's path (when the URL is the server's root, as in
    ``compose/target.json``)."""
    given_path = urlsplit(target.base_url).path.strip("/")
    if target.credentials and given_path:
        return target
    try:
        answer = requests.get(
            f"{origin(target.base_url)}/__sim/credentials", headers=control_headers(), timeout=5
        ).json()
    except (requests.RequestException, ValueError) as exc:
        raise TargetError(f"{target.spec}: the simulator's credentials: {exc}") from exc
    path = urlsplit(str(answer.get("url") or "")).path.rstrip("/")
    creds = target.credentials or MappingProxyType(
        {str(k): str(v) for k, v in (answer.get("credentials") or {}).items() if v is not None}
    )
    base_url = target.base_url if given_path else origin(target.base_url) + path
    return replace(target, base_url=base_url, credentials=creds)
