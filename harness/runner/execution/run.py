"""Run scenarios: set up, take the steps, check, and collect results for the reporters."""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from harness.engines.interface import EngineFactory, EngineFailure
from harness.engines.reference import factory as reference_factory
from harness.runner.execution.context import ChecksFailed, RunContext, StepError
from harness.runner.execution.evaluate import evaluate
from harness.runner.execution.journal_view import slice_lines
from harness.runner.execution.results import (
    ERROR,
    FAILED,
    SKIPPED,
    Failure,
    RunResult,
    ScenarioResult,
    StepResult,
)
from harness.runner.execution.setup import connect_store, prepare_channel
from harness.runner.execution.strict import StrictChecks
from harness.runner.files.loader import discover, load_scenario
from harness.runner.files.problems import ScenarioError, display
from harness.runner.files.scenario import Scenario
from harness.runner.files.yaml_lines import YamlProblem
from harness.runner.files.yaml_lines import load as yaml_load
from harness.runner.steps import load as load_steps
from harness.runner.worlds.control import ControlError
from harness.runner.worlds.remote import RemoteWorld
from harness.runner.worlds.world import InProcessWorld, World

#: Told about each scenario as it finishes (the console reporter's progress).
Progress = Callable[[ScenarioResult], None]


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def run_scenario(
    scenario: Scenario,
    world: World,
    engine_factory: EngineFactory = reference_factory,
    strict: StrictChecks | None = None,
) -> ScenarioResult:
    """Run one scenario against the world's simulators (reset first), with a fresh engine
    from ``engine_factory``, skipped when the engine lacks what the scenario requires; with
    ``strict``, every request the engine sent must keep its channel's contract."""
    started = time.perf_counter()
    result = ScenarioResult(scenario.id, scenario.name, scenario.file, scenario.seed)
    try:
        engine = engine_factory(world.time)
    except EngineFailure as exc:
        result.status = ERROR
        result.failures.append(Failure("engine", 1, str(exc)))
        return result
    missing = [need for need in scenario.requires if need not in engine.capabilities]
    if missing:
        engine.close()
        result.status = SKIPPED
        result.reason = (
            f"requires {', '.join(missing)}, which the engine under test does not declare"
        )
        return result
    sims = {name: world.controls[name] for name in scenario.channels}
    ctx = RunContext(scenario, engine, sims, world.move_clock, world.time)
    try:
        world.move_clock(scenario.clock, None)
        for name, setup in scenario.channels.items():
            lines = prepare_channel(scenario, setup, sims[name])
            ctx.fault_lines.update({(name, rule): line for rule, line in lines.items()})
            ctx.credentials[name] = connect_store(engine, scenario, setup, sims[name])
            ctx.journal_start[name] = sims[name].journal()["last_seq"]
        if _steps(ctx, result):
            ctx.step_started(len(scenario.steps), 0)
            checks = {c.name: c.args for c in scenario.expect}
            result.failures += evaluate(ctx, checks, ("expect",))
            result.failures += _after_the_steps(ctx, strict)
            if result.failures:
                result.status = FAILED
        elif strict is not None:  # a wrong request is often why a step failed: say so
            result.failures += _journal_checks(lambda: strict.failures(ctx))
    except ScenarioError as exc:
        result.status = ERROR
        result.failures += [Failure("setup", p.line, p.message) for p in exc.problems]
    except ControlError as exc:
        result.status = ERROR
        result.failures.append(
            Failure("setup" if not ctx.line else "step", ctx.line or 1, str(exc))
        )
    except EngineFailure as exc:
        result.status = ERROR
        result.failures.append(Failure("engine", ctx.line or 1, str(exc)))
    except Exception as exc:  # noqa: BLE001 - one scenario's crash must not end the run
        result.status = ERROR
        where = f"line {ctx.line}" if ctx.line else "setup"
        result.failures.append(
            Failure(
                "internal",
                ctx.line or 1,
                f"chansim failed at {where}: {type(exc).__name__}: {exc} — please report it "
                "with this scenario",
            )
        )
    finally:
        engine.close()
    result.duration_ms = _ms(started)
    return result


def _steps(ctx: RunContext, result: ScenarioResult) -> bool:
    """Take the steps in order; False when one failed or could not run (the rest are skipped)."""
    steps = load_steps()
    for index, call in enumerate(ctx.scenario.steps):
        ctx.step_started(index, call.line)
        started = time.perf_counter()
        try:
            detail = steps.get(call.name).fn(ctx, call.args) or ""
        except ChecksFailed as failed:
            result.steps.append(StepResult(call.line, call.name, FAILED, str(failed), _ms(started)))
            result.failures += failed.failures
            result.status = FAILED
            return False
        except (StepError, ControlError, EngineFailure) as exc:
            result.steps.append(StepResult(call.line, call.name, ERROR, str(exc), _ms(started)))
            check = "engine" if isinstance(exc, EngineFailure) else call.name
            result.failures.append(Failure(check, call.line, str(exc)))
            result.status = ERROR
            return False
        result.steps.append(StepResult(call.line, call.name, "passed", detail, _ms(started)))
    return True


def _after_the_steps(ctx: RunContext, strict: StrictChecks | None) -> list[Failure]:
    """Faults that never fired, requests no operation matched and (strict) requests their
    contract refuses; a journal that cannot tell (it dropped calls) is said so, not raised."""
    return _journal_checks(
        lambda: (
            _unfired_faults(ctx)
            + _stray_calls(ctx)
            + (strict.failures(ctx) if strict is not None else [])
        )
    )


def _journal_checks(checks: Callable[[], list[Failure]]) -> list[Failure]:
    try:
        return checks()
    except StepError as exc:
        return [Failure("journal", 1, str(exc))]


def _unfired_faults(ctx: RunContext) -> list[Failure]:
    """A fault the scenario declared that never fired tests nothing: report it."""
    failures = []
    for channel, sim in ctx.sims.items():
        for rule in sim.faults():
            line = ctx.fault_lines.get((channel, rule["id"]))
            if line is not None and rule["fired"] == 0:
                failures.append(
                    Failure(
                        "faults_fired",
                        line,
                        f"{channel}: the fault declared here ({_rule_text(rule)}) never fired; "
                        f"the scenario does not exercise it (it watched {rule['matched']} "
                        "call(s))",
                    )
                )
    return failures


def _rule_text(rule: dict[str, Any]) -> str:
    shown = {k: v for k, v in rule.items() if k not in ("id", "matched", "fired")}
    return ", ".join(f"{k}: {v}" for k, v in shown.items())


def _stray_calls(ctx: RunContext) -> list[Failure]:
    """A request the channel's spec does not describe is a contract failure of the engine,
    unless the scenario's connection types another ``url`` on purpose (a wrong API URL)."""
    failures = []
    for channel in ctx.sims:
        setup = ctx.scenario.channels.get(channel)
        if setup is not None and "url" in setup.connection:
            continue
        stray = [c for c in ctx.calls(channel) if not c.get("operation")]
        if stray:
            shown = ", ".join(f"{c['method']} {c['path']}" for c in stray[:3])
            failures.append(
                Failure(
                    "contract",
                    1,
                    f"{channel}: {len(stray)} request(s) the channel's spec does not describe "
                    f"(no operation matched): {shown}",
                    journal=[
                        f"{channel}: {line}"
                        for line in slice_lines(
                            stray,
                            ctx.journal_start[channel],
                            summarize=ctx.adapter(channel).summarize_body,
                        )
                    ],
                )
            )
    return failures


def select(paths: Iterable[str | Path], pattern: str | None) -> list[Path]:
    """Scenario files under ``paths`` whose path contains ``-k pattern``, or matches it as a
    glob anywhere in the path (``imei``, ``happy_*.yaml``, ``backmarket/token*``)."""
    files = discover(paths)
    if not pattern:
        return files
    return [f for f in files if fnmatch.fnmatchcase(f.as_posix(), f"*{pattern}*")]


def _name_of(path: Path) -> str:
    """The ``name:`` of a file that does not load, when it can be read; else its stem."""
    try:
        data, _ = yaml_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return path.stem
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else path.stem


def run_files(
    files: list[Path],
    *,
    seed: int | None = None,
    progress: Progress | None = None,
    target: Path | None = None,
    engine_factory: EngineFactory = reference_factory,
    strict: bool = True,
    namespace: bool = True,
) -> RunResult:
    """Load every file, start the simulators they need once, run each scenario in turn.

    With ``target`` (a file of simulator URLs, as ``chansim serve --config-out`` writes),
    the scenarios run against those simulators instead of in-process ones; each scenario
    drives a fresh engine from ``engine_factory`` (default: the reference engine). A file that
    does not load is reported as an errored scenario with each of its problems. The run takes
    a namespace of its own on that deployment unless ``namespace`` is False. ``strict``: a
    request the channel's contract refuses fails its scenario.
    """
    started = time.perf_counter()
    run = RunResult()
    loaded: list[Scenario | ScenarioResult] = []
    for path in files:
        try:
            loaded.append(load_scenario(path, seed=seed))
        except ScenarioError as exc:
            ident = f"{path.parent.name}.{path.stem}"
            broken = ScenarioResult(ident, _name_of(path), display(path), seed or 0, status=ERROR)
            broken.failures = [Failure("load", p.line, p.message) for p in exc.problems]
            loaded.append(broken)
    channels = {c for s in loaded if isinstance(s, Scenario) for c in s.channels}
    checks = StrictChecks() if strict else None
    world: InProcessWorld | RemoteWorld | None = None
    if channels:
        world = (
            RemoteWorld(target, channels, namespace=namespace)
            if target
            else InProcessWorld(channels)
        )
        world.start()
    try:
        for item in loaded:
            result = item if isinstance(item, ScenarioResult) else None
            if result is None:
                assert world is not None and isinstance(item, Scenario)
                result = run_scenario(item, world, engine_factory, checks)
            run.scenarios.append(result)
            if progress is not None:
                progress(result)
    finally:
        if world is not None:
            world.stop()
    run.duration_ms = _ms(started)
    return run
