"""Strict consumer checks: every request the engine sent must keep its channel's contract.

After a scenario's steps, each request recorded in a channel's journal is checked against the
channel's spec (see ``request_contract``); a request the contract refuses fails the scenario,
named with its method, path, operation and the violation. The checks of a spec are compiled
once per run, the first time a scenario uses the channel.
"""

from __future__ import annotations

from harness.runner.execution.context import RunContext
from harness.runner.execution.journal_view import call_line
from harness.runner.execution.request_contract import RequestCheck, checker
from harness.runner.execution.results import Failure
from simulators.core.registry import channel_entry

#: Violating requests reported per channel and scenario (the rest are counted).
SHOWN = 5


class StrictChecks:
    """The request checks of one run, per channel."""

    def __init__(self) -> None:
        self._checks: dict[str, RequestCheck | None] = {}

    def _check(self, channel: str) -> RequestCheck | None:
        if channel not in self._checks:
            entry = channel_entry(channel)
            self._checks[channel] = checker(entry.protocol, entry.spec)
        return self._checks[channel]

    def failures(self, ctx: RunContext) -> list[Failure]:
        """One failure per request the contract refuses (a wrong ``url`` on purpose aside)."""
        failures = []
        for channel in ctx.sims:
            setup = ctx.scenario.channels.get(channel)
            check = self._check(channel)
            if check is None or (setup is not None and "url" in setup.connection):
                continue
            refused = [(c, p) for c in ctx.calls(channel) if (p := check(c))]
            start = ctx.journal_start[channel]
            for call, problems in refused[:SHOWN]:
                target = call["path"] + (f"?{call['query']}" if call.get("query") else "")
                failures.append(
                    Failure(
                        "contract",
                        1,
                        f"{channel}: the engine sent {call['method']} {target} "
                        f"({call.get('operation')}), which the channel's contract refuses: "
                        + "; ".join(problems),
                        journal=[f"{channel}: {call_line(call, start)}"],
                    )
                )
            if len(refused) > SHOWN:
                failures.append(
                    Failure(
                        "contract",
                        1,
                        f"{channel}: {len(refused) - SHOWN} more request(s) the contract refuses",
                    )
                )
        return failures
