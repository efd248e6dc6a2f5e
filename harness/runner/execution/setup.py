"""Put each channel of a scenario in its starting state and connect a store to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urljoin

from harness.channels.base import adapter_class
from harness.engines.interface import ConnectionForm, EngineRefused, PlatformEngine
from harness.runner.files.problems import Problem, ScenarioError
from harness.runner.files.scenario import ChannelSetup, Scenario
from harness.runner.files.timeparse import seconds
from harness.runner.worlds.control import ChannelControl, ControlError


def prepare_channel(scenario: Scenario, setup: ChannelSetup, sim: ChannelControl) -> dict[str, int]:
    """Reset the simulator to the scenario's state, orders and faults.

    Returns the fault rule ids it added, with the line that declared each. A refusal is a
    :class:`ScenarioError` naming the file and the line of the entry refused.
    """

    def refused(line: int, exc: ControlError) -> ScenarioError:
        return ScenarioError([Problem(scenario.file, line, str(exc))])

    simulator = setup.simulator
    try:
        sim.reset(
            seed=scenario.seed,
            state=simulator.get("state", "empty"),
            params=simulator.get("params") or {},
            settings=simulator.get("settings") or {},
        )
        clock = {k: simulator[k] for k in ("timezone", "skew") if k in simulator}
        if clock:
            sim.set_clock(**clock)
    except ControlError as exc:
        raise refused(setup.line, exc) from None
    _place(sim, setup.orders, refused)
    faults = {}
    for rule, line in setup.faults:
        try:
            faults[sim.add_fault(rule)["id"]] = line
        except ControlError as exc:
            raise refused(line, exc) from None
    return faults


def _place(
    sim: ChannelControl,
    orders: tuple[tuple[dict[str, Any], int], ...],
    refused: Callable[[int, ControlError], ScenarioError],
) -> None:
    """Place the orders, explicit ones in batches (one request each run of them).

    A batch is all or nothing on the simulator, so when one is refused nothing was placed and
    its orders are placed one by one to find the line of the order refused.
    """
    batch: list[tuple[dict[str, Any], int]] = []

    def flush() -> None:
        if not batch:
            return
        try:
            sim.place({"orders": [order for order, _ in batch]})
        except ControlError as exc:
            for order, line in batch:
                try:
                    sim.place({"orders": [order]})
                except ControlError as single:
                    raise refused(line, single) from None
            raise refused(batch[0][1], exc) from None
        batch.clear()

    for order, line in orders:
        if "generate" in order:
            flush()
            try:
                sim.place(order)
            except ControlError as exc:
                raise refused(line, exc) from None
        else:
            batch.append((order, line))
    flush()


def _form_url(typed: str | None, issued: str, sim: ChannelControl) -> str:
    """The URL the merchant typed: ``/path`` is on the simulator's own root (a namespace's
    ``…/__ns/<id>`` on a shared deployment), anything else relative to the URL issued."""
    if typed is None:
        return issued
    if typed.startswith("/"):
        return sim.base_url + typed
    return urljoin(issued, typed)


def connect_store(
    engine: PlatformEngine, scenario: Scenario, setup: ChannelSetup, sim: ChannelControl
) -> dict[str, str]:
    """Fill in the platform's connection form with what the simulator hands out; the
    credentials typed in it."""
    form: Mapping[str, Any] = setup.connection
    issued = sim.credentials()
    adapter = adapter_class(setup.name)
    credentials = {
        k: str(v) for k, v in issued["credentials"].items() if k in adapter.credential_fields
    }
    credentials.update({k: str(v) for k, v in (form.get("credentials") or {}).items()})
    durations = {f"{k}_seconds": seconds(form[k]) for k in ("overlap", "first_import") if k in form}
    connection = ConnectionForm(
        channel=setup.name,
        url=_form_url(form.get("url"), issued["url"], sim),
        credentials=credentials,
        region=form.get("region", issued["credentials"].get("region")),
        timezone=form.get("timezone", "UTC"),
        status_map=form.get("status_map"),
        options=form.get("options") or {},
        **durations,
    )
    try:
        engine.connect(setup.name, connection)
    except EngineRefused as exc:
        line = scenario.lines.of(("channels", setup.name, "connection"), key=True)
        raise ScenarioError([Problem(scenario.file, line, f"connection: {exc}")]) from None
    return credentials
