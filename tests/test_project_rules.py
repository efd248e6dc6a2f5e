"""Rules the whole code base keeps: one clock, and no state in module globals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for d in ("simulators", "harness") for p in (ROOT / d).rglob("*.py"))
#: The two places that may read wall time: the simulators' clock, and the engine's real-time
#: clock (used only against a real channel; scenarios hand the engine the virtual clock).
CLOCKS = (ROOT / "simulators" / "core" / "clock.py", ROOT / "harness" / "engine" / "clock.py")
WALL_CLOCK = re.compile(r"datetime\.(now|utcnow|today)\(|time\.time\(\)|date\.today\(")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_clock_modules_read_wall_time(path):
    if path in CLOCKS:
        return
    hits = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert not hits, "read the virtual clock instead:\n" + "\n".join(hits)


#: Real elapsed time (a namespace's idle expiry) is read through ``clock.elapsed()`` too.
REAL_TIME = re.compile(r"time\.(monotonic|perf_counter|time_ns|monotonic_ns|perf_counter_ns)\(")
SIMULATORS = [p for p in SOURCES if p.is_relative_to(ROOT / "simulators")]


@pytest.mark.parametrize("path", SIMULATORS, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_clock_module_reads_real_time_in_the_simulators(path):
    if path in CLOCKS:
        return
    hits = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REAL_TIME.search(line)
    ]
    assert not hits, "use simulators.core.clock.elapsed():\n" + "\n".join(hits)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_mutable_module_globals(path):
    """State belongs to an app instance: no module-level list, dict or set literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        mutable = isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp)
        if mutable or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in {"list", "dict", "set", "defaultdict", "deque"}
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"module-level mutable state at {found}"


#: Back Market's wire names: substrings no generic code may hold, and whole words it may not
#: look up (``body["results"]``, ``data["fields"]``).
BACK_MARKET_NAMES = (
    "orderline", "new_state", "date_modification", "date_creation", "page-size", "listing_id",
    "backcare", "expected_dispatch", "shipping_address", "billing_address", "E009",
    "bot-need-challenge", "ws-list-order", "ws-specific-order", "serial_number", "backmarket",
)  # fmt: skip
BACK_MARKET_WORDS = frozenset({"results", "fields", "imei", "listing", "shipper"})
GENERIC = sorted(p for d in ("simulators/core", "harness/runner") for p in (ROOT / d).rglob("*.py"))


def _code_names(tree: ast.AST) -> list[tuple[int, str, bool]]:
    """String constants that are not docstrings (True), and identifiers (False), with lines."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                found.append((node.lineno, node.value, True))
        elif isinstance(node, ast.Name):
            found.append((node.lineno, node.id, False))
        elif isinstance(node, ast.Attribute):
            found.append((node.lineno, node.attr, False))
    return found


@pytest.mark.parametrize("path", GENERIC, ids=lambda p: str(p.relative_to(ROOT)))
def test_generic_code_holds_no_back_market_field_names(path):
    """The core and the runner name no channel's shapes: those live behind the channel's
    definition (simulator side) or its adapter (platform side)."""
    hits = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for line, text, constant in _code_names(ast.parse(path.read_text(encoding="utf-8")))
        if (constant and text in BACK_MARKET_WORDS) or any(n in text for n in BACK_MARKET_NAMES)
    ]
    assert not hits, "Back Market names in generic code:\n" + "\n".join(hits)
