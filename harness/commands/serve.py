"""``chansim serve``: simulators on loopback ports until Ctrl-C, maybe in a scenario's state."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from harness.commands import resume_collection

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def _credentials(url: str, headers: dict[str, str]) -> Any:
    """A channel's connection settings, from its control plane (``/__sim/credentials``);
    the standard library's client, as ``requests`` alone costs more start-up than serving."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
    try:
        conn.request("GET", parts.path.rstrip("/") + "/__sim/credentials", headers=headers)
        reply = conn.getresponse()
        body = reply.read()
    finally:
        conn.close()
    if reply.status != 200:
        raise SystemExit(f"{url}: /__sim/credentials answered {reply.status}")
    return json.loads(body)


def control_token(args: argparse.Namespace) -> str | None:
    """The token ``/__sim`` will require: the one given, else (listening beyond loopback)
    a generated one, printed; None on loopback without one (the developer's default)."""
    from harness.runner.worlds.remote import TOKEN_ENV

    given: str | None = args.control_token or os.environ.get(TOKEN_ENV) or None
    if given or args.host in _LOOPBACK or args.host.startswith("127."):
        return given
    token = secrets.token_urlsafe(24)
    print(
        f"control token (listening on {args.host}; /__sim needs "
        f"'Authorization: Bearer <token>'): {token}",
        flush=True,
    )
    return token


def _hold(urls: dict[str, str], config_out: str | None, token: str | None) -> None:
    """Print each channel's URL and credentials, write the config file, wait for Ctrl-C."""
    stop = threading.Event()
    # Before the config file appears: a supervisor may send SIGTERM as soon as it sees it.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    config: dict[str, Any] = {}
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for name, url in urls.items():
        config[name] = _credentials(url, headers)
    for name, entry in config.items():
        creds = ", ".join(f"{k}={v}" for k, v in entry["credentials"].items())
        print(f"{name:<12} {entry['url']:<28} {creds}", flush=True)
    if config_out:
        target = Path(config_out)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        partial.replace(target)  # atomic: a reader never sees half a file
        print(f"connection settings written to {config_out}", flush=True)
    print("simulators ready; Ctrl-C stops", flush=True)
    while not stop.is_set():
        time.sleep(0.2)


class SettingError(ValueError):
    """A ``--setting`` that is not ``CHANNEL.NAME=VALUE`` or names a channel not served."""


def parse_settings(given: list[str], channels: list[str]) -> dict[str, dict[str, Any]]:
    """``--setting CHANNEL.NAME=VALUE`` options by channel; VALUE is read as YAML (``true``,
    ``[null_fields, wrong_count]``, ``descriptive``). The simulator checks names and values."""
    settings: dict[str, dict[str, Any]] = {}
    for text in given:
        target, equals, raw = text.partition("=")
        channel, dot, name = target.partition(".")
        if not equals or not dot or not channel or not name:
            raise SettingError(f"--setting {text!r}: expected CHANNEL.NAME=VALUE")
        if channel not in channels:
            raise SettingError(
                f"--setting {text!r}: {channel!r} is not served (serving {', '.join(channels)})"
            )
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            value = raw
        settings.setdefault(channel, {})[name] = value
    return settings


def serve(args: argparse.Namespace) -> int:
    """Entry of ``chansim serve``."""
    if args.scenario:
        return _serve_scenario(args)
    from simulators.core.clock import Clock, ClockError, parse_instant
    from simulators.core.namespaces import NamespaceLimits
    from simulators.core.registry import RegistryError, channel_entry, load_registry
    from simulators.core.server import ChannelOptions, ServerError, SimulatorGroup

    if args.max_namespaces < 0 or args.namespace_idle <= 0:
        print(
            "chansim serve: --max-namespaces must be 0 or more and --namespace-idle above 0",
            file=sys.stderr,
        )
        return 2
    token = control_token(args)
    try:
        names = list(dict.fromkeys(args.only)) if args.only else list(load_registry())
        entries = [channel_entry(name) for name in names]
        settings = parse_settings(args.setting, names)
        clock = Clock(args.clock, frozen=args.freeze)
        # With --clock, data is generated relative to that instant: same seed, same data.
        epoch = parse_instant(args.clock) if args.clock else None
        options = {
            e.name: ChannelOptions(
                seed=args.seed if args.seed is not None else 0,
                state=args.state,
                epoch=epoch,
                port=(e.port + args.port_offset) if not args.random_ports else 0,
                settings=settings.get(e.name, {}),
            )
            for e in entries
        }
        limits = NamespaceLimits(
            max_namespaces=args.max_namespaces, idle_seconds=args.namespace_idle
        )
        group = SimulatorGroup(
            entries,
            clock=clock,
            host=args.host,
            options=options,
            limits=limits,
            control_token=token,
        ).start()
    except (RegistryError, ClockError, ServerError, KeyError, ValueError) as exc:
        print(f"chansim serve: {str(exc).strip(chr(39))}", file=sys.stderr)
        return 2
    resume_collection(serving=True)
    try:
        _hold({name: ch.base_url for name, ch in group.channels.items()}, args.config_out, token)
    except KeyboardInterrupt:
        pass
    finally:
        group.stop()
    print("stopped", flush=True)
    return 0


def _serve_scenario(args: argparse.Namespace) -> int:
    clashing = [
        flag
        for flag, given in (("--only", args.only), ("--clock", args.clock),
                            ("--state", args.state != "demo"), ("--setting", args.setting))
        if given
    ]  # fmt: skip
    if clashing:
        print(
            f"chansim serve: --scenario sets the channels, clock, starting state and settings; "
            f"drop {', '.join(clashing)}",
            file=sys.stderr,
        )
        return 2
    from harness.runner.execution.setup import prepare_channel
    from harness.runner.files.loader import load_scenario
    from harness.runner.files.problems import ScenarioError
    from harness.runner.worlds.world import InProcessWorld
    from simulators.core.registry import channel_entry
    from simulators.core.server import ServerError

    try:
        scenario = load_scenario(Path(args.scenario), seed=args.seed)
        names = list(scenario.channels)
        ports = {
            n: 0 if args.random_ports else channel_entry(n).port + args.port_offset for n in names
        }
        token = control_token(args)
        world = InProcessWorld(names, host=args.host, ports=ports, control_token=token).start()
        resume_collection(serving=True)
    except ScenarioError as exc:
        print(f"chansim serve: {exc}", file=sys.stderr)
        return 2
    except ServerError as exc:
        print(f"chansim serve: {exc}", file=sys.stderr)
        return 2
    try:
        world.move_clock(scenario.clock, None)
        for name, setup in scenario.channels.items():
            prepare_channel(scenario, setup, world.controls[name])
        if not args.freeze:
            world.clock.unfreeze()
        print(
            f"{scenario.file}: {scenario.name}\n"
            f"channels are in the scenario's starting state at {scenario.clock} "
            f"(clock {'frozen' if args.freeze else 'running'}); its steps are yours to play",
            flush=True,
        )
        _hold({n: c.base_url for n, c in world.controls.items()}, args.config_out, token)
    except ScenarioError as exc:
        print(f"chansim serve: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        world.stop()
    print("stopped", flush=True)
    return 0
