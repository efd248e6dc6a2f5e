"""``chansim`` pauses the cyclic garbage collector while a command starts, and always leaves
it running again, whatever the command did."""

from __future__ import annotations

import atexit
import gc

import pytest

from harness.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "scenarios/backmarket/happy_path.yaml"],
        ["run", "scenarios/backmarket/happy_path.yaml"],
        ["run", "no/such/scenario.yaml"],  # refused before it starts anything
        ["serve", "--namespace-idle", "0"],  # refused before it starts anything
    ],
)
def test_the_collector_runs_again_after_any_command(argv):
    assert gc.isenabled()
    main(argv)
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_command_that_raised(monkeypatch):
    def boom(args):
        raise RuntimeError("boom")

    monkeypatch.setattr("harness.commands.run.validate", boom)
    with pytest.raises(RuntimeError):
        main(["validate", "scenarios"])
    assert gc.isenabled()


def test_the_exit_freeze_is_registered_once_however_often_main_runs(monkeypatch):
    registered: list[object] = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(
        atexit, "unregister", lambda f: registered.remove(f) if f in registered else None
    )
    for _ in range(3):
        main(["validate", "scenarios/backmarket/happy_path.yaml"])
    assert registered == [gc.freeze]
