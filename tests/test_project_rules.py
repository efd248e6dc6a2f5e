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
