"""Every line of specs/channels.yaml has all its pieces, and every piece has its line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from harness.channels.base import adapter_class
from simulators.core.channel import ChannelDefinition
from simulators.core.clock import Clock
from simulators.core.context import SimContext, load_channel
from simulators.core.openapi import SpecRouter, load_spec
from simulators.core.protocols.rest import RestChannel
from simulators.core.registry import RegistryError, load_registry

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = load_registry()


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_registry_line_has_spec_and_simulator(name):
    entry = REGISTRY[name]
    assert entry.spec.is_file(), f"{name}: spec {entry.spec} is missing"
    channel = load_channel(entry)
    assert isinstance(channel, ChannelDefinition)
    assert channel.name == name
    assert "demo" in channel.states.names(), f"{name}: every channel needs a 'demo' state"


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if e.protocol == "rest"))
def test_every_spec_operation_has_a_handler(name):
    entry = REGISTRY[name]
    ctx = SimContext(entry, clock=Clock("2026-01-01T00:00:00Z", frozen=True))
    channel = load_channel(entry)
    assert isinstance(channel, RestChannel)
    handlers = channel.handlers(ctx)
    operations = SpecRouter(load_spec(entry.spec)).operations()
    assert operations, f"{name}: the spec routes no operation"
    missing = [
        op.operation_id
        for op in operations
        if not callable(getattr(handlers, op.operation_id.replace("-", "_"), None))
    ]
    assert not missing, f"{name}: no handler for {missing}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_registry_line_has_an_adapter_that_never_imports_simulators(name):
    source = ROOT / "harness" / "channels" / f"{name}.py"
    assert source.is_file(), f"{name}: no adapter harness/channels/{name}.py"
    adapter = adapter_class(name)
    assert adapter.name == name
    assert adapter.credential_fields, f"{name}: the adapter names no credential field"
    assert adapter.secret_field in adapter.credential_fields, f"{name}: secret_field not a field"
    assert not _simulator_imports(source), f"{name}: the adapter imports simulators"


def _simulator_imports(source: Path) -> list[str]:
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    return [m for m in imported if m and m.split(".")[0] == "simulators"]


PLATFORM = sorted(p for d in ("channels", "engine") for p in (ROOT / "harness" / d).rglob("*.py"))


@pytest.mark.parametrize("source", PLATFORM, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_platform_side_never_imports_the_simulators(source):
    """Adapters (and the modules they are split into) and the engine are real clients of the
    channel: they must work against the real API, never lean on a simulator's code."""
    assert not _simulator_imports(source), f"{source.relative_to(ROOT)} imports simulators"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_registry_line_has_scenarios(name):
    assert list((ROOT / "scenarios" / name).glob("*.yaml")), f"{name}: no scenarios/{name}/*.yaml"


def test_every_simulator_package_has_a_registry_line():
    packages = {
        p.name
        for p in (ROOT / "simulators" / "channels").iterdir()
        if p.is_dir() and (p / "__init__.py").exists()
    }
    assert packages == set(REGISTRY)


def test_registry_mistakes_name_the_channel_and_field(tmp_path):
    bad = tmp_path / "channels.yaml"
    bad.write_text("channels:\n  shop: {protocol: rest, spec: x.yaml}\n")
    with pytest.raises(RegistryError, match="'shop' lacks port"):
        load_registry.__wrapped__(bad)
    bad.write_text("channels:\n  shop: {protocol: carrier-pigeon, spec: x.yaml, port: 1}\n")
    with pytest.raises(RegistryError, match="carrier-pigeon"):
        load_registry.__wrapped__(bad)
    bad.write_text(
        "channels:\n"
        "  a: {protocol: rest, spec: x, port: 1}\n"
        "  b: {protocol: rest, spec: y, port: 1}\n"
    )
    with pytest.raises(RegistryError, match="share port 1"):
        load_registry.__wrapped__(bad)
