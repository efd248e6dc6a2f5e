"""Each command imports only what it uses: libraries cost start-up time (connexion ~0.4 s,
Faker ~0.1 s, Spyne and zeep ~0.1 s each), so a command that does not serve a channel or
generate data does not load them. Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("connexion", "starlette", "uvicorn", "faker", "spyne", "zeep", "requests")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"import json, sys\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_the_command_line_parser_loads_no_library():
    assert _loaded_after("from harness.cli import build_parser; build_parser()") == []


def test_validate_loads_no_web_framework_data_generator_or_soap_library():
    code = "from harness.cli import main; assert main(['validate', 'scenarios']) == 0"
    # requests is the platform-side channel clients' (the checks' vocabulary names them)
    assert [m for m in _loaded_after(code) if m != "requests"] == []


def test_a_channel_definition_loads_no_web_framework():
    code = (
        "from simulators.core.context import load_channel\n"
        "from simulators.core.registry import load_registry\n"
        "for entry in load_registry().values():\n"
        "    load_channel(entry).check_settings({})"
    )
    assert _loaded_after(code) == []
