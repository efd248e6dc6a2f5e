"""What users run besides the library: the README's vocabulary, the compose file, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from harness.cli import build_parser
from simulators.core import vocabulary
from simulators.core.context import load_channel
from simulators.core.fault_kinds import FAULT_KINDS
from simulators.core.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]


def test_readme_vocabulary_matches_the_registries():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert vocabulary.splice(readme, vocabulary.render()) == readme, (
        "README vocabulary is stale: run `chansim vocabulary --write README.md`"
    )


def test_vocabulary_documents_every_fault_kind_and_state():
    text = vocabulary.render()
    for kind in FAULT_KINDS.values():
        assert kind.doc, f"fault kind {kind.name} has no docstring"
        assert f"| `{kind.name}` |" in text
    for entry in load_registry().values():
        for state in load_channel(entry).states.names():
            assert f"- `{state}` — " in text


def test_compose_serves_every_registered_channel_with_a_valid_command():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["simulators"]
    command = service["command"]
    assert command[0] == "chansim"
    args = build_parser().parse_args(command[1:])
    assert args.command == "serve" and args.host == "0.0.0.0"
    published = {int(p.split(":")[1].split()[0]) for p in service["ports"]}
    assert published == {e.port for e in load_registry().values()}


def _runner_argv(runner: dict[str, Any], hostname: str, tmp_path: Path) -> list[str]:
    """The chansim command line a runner replica executes: its entrypoint run by a real
    ``sh`` (after compose's ``$$`` → ``$``), with a stand-in ``chansim`` that prints it."""
    entrypoint = [str(part).replace("$$", "$") for part in runner["entrypoint"]]
    fake = tmp_path / "chansim"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
    fake.chmod(0o755)
    env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", "HOSTNAME": hostname}
    done = subprocess.run(
        [*entrypoint, *runner["command"]],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    argv: list[str] = done.stdout.splitlines()
    return argv


def test_compose_runner_runs_every_scenario_against_the_simulators_service(tmp_path):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    runner = compose["services"]["runner"]
    argv = _runner_argv(runner, "runner-1", tmp_path)
    args = build_parser().parse_args(argv)
    assert args.command == "run" and args.paths == ["scenarios/"]
    assert not args.shared_namespace  # each run takes a namespace of its own
    target = json.loads((ROOT / args.target).read_text(encoding="utf-8"))
    assert set(target) == set(load_registry())
    for name, entry in load_registry().items():
        assert target[name]["url"] == f"http://simulators:{entry.port}"
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY scenarios" in dockerfile and "COPY compose" in dockerfile


def test_compose_contract_checks_every_simulator_of_the_target_with_reports():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["contract"]
    assert service["depends_on"] == {"simulators": {"condition": "service_healthy"}}
    args = build_parser().parse_args(service["command"][1:])
    assert args.command == "contract" and args.target == "compose/target.json"
    assert args.allow_insecure  # plain HTTP to the "simulators" host of the compose network
    assert args.junit.startswith("out/") and args.json.startswith("out/")
    assert "./out:/app/out" in service["volumes"]


def test_compose_runner_scales_each_replica_with_its_own_reports_and_the_control_token(
    tmp_path,
):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    runner, simulators = compose["services"]["runner"], compose["services"]["simulators"]

    first = build_parser().parse_args(_runner_argv(runner, "runner-1", tmp_path))
    second = build_parser().parse_args(_runner_argv(runner, "runner-2", tmp_path))

    assert "container_name" not in runner and "ports" not in runner  # both would block scaling
    assert {first.json, first.junit}.isdisjoint({second.json, second.junit})
    assert first.json.startswith("out/") and first.junit.startswith("out/")
    token = simulators["environment"]["CHANSIM_CONTROL_TOKEN"]
    assert runner["environment"]["CHANSIM_CONTROL_TOKEN"] == token
    assert "CHANSIM_CONTROL_TOKEN" in " ".join(simulators["healthcheck"]["test"])


def test_readme_gives_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_an_installed_copy_finds_the_specs_through_chansim_specs(tmp_path):
    """What the container runs: the packages outside the checkout, specs in CHANSIM_SPECS."""
    for package in ("simulators", "harness"):
        shutil.copytree(ROOT / package, tmp_path / package)
    env = {k: v for k, v in os.environ.items() if k != "CHANSIM_SPECS"}
    env["PYTHONPATH"] = str(tmp_path)
    command = [sys.executable, "-m", "harness.cli", "vocabulary"]
    lost = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert lost.returncode == 2
    assert "set CHANSIM_SPECS to the specs folder" in lost.stderr
    assert "Traceback" not in lost.stderr
    env["CHANSIM_SPECS"] = str(ROOT / "specs")
    found = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert found.returncode == 0, found.stderr
    assert "**Back Market** (`backmarket`)" in found.stdout


def test_the_image_sets_chansim_specs_to_the_copied_specs():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY specs ./specs" in dockerfile
    assert "ENV CHANSIM_SPECS=/app/specs" in dockerfile
