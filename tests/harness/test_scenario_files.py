"""Scenario files as a QA author writes them: every mistake is reported on its own line with
what was expected, every shipped scenario is valid, and the generated docs (schema.json, the
README's vocabulary, each step's and check's example) agree with the registries.

Line numbers in the YAML below are marked ``# N`` where a test asserts them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from harness.cli import main as chansim
from harness.runner import vocabulary as scenario_vocabulary
from harness.runner.checks import load as load_checks
from harness.runner.files import schema as scenario_schema
from harness.runner.files.loader import discover, known_channels, load_scenario, problems_in
from harness.runner.files.problems import Problem, ScenarioError
from harness.runner.files.scenario import DEFAULT_CLOCK, Call
from harness.runner.files.yaml_lines import Lines, YamlProblem, load
from harness.runner.steps import load as load_steps
from simulators.core import vocabulary as shared_vocabulary
from tests.harness.conftest import line_of, validate_file, write_file

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
STEPS = load_steps()
CHECKS = load_checks()
CHANNELS = list(known_channels())
SCENARIO_FILES = discover([SCENARIOS])


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    """``text`` (dedented) as a scenario file under ``tmp_path``."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(path: Path) -> list[tuple[int, str]]:
    """(line, message) of every problem of ``path``, in the order reported."""
    problems, _, _ = problems_in(path)
    return [(p.line, p.message) for p in problems]


def lines_of(path: Path) -> list[int]:
    return [line for line, _ in found(path)]


def messages_on(path: Path, line: int) -> list[str]:
    return [message for at, message in found(path) if at == line]


# --- chansim validate, end to end -------------------------------------------------------------

THREE_MISTAKES = """\
name: three mistakes
seed: seven                 # 2
channels:
  backmarket: {}
steps:
  - improt: backmarket      # 6
  - ship:                   # 7
      channel: backmarket
      order: 1001
      tracking: 1Z999AA10123456784
    carrier: UPS            # 11: dedented, so it is a second key of the step
"""

UNPARSEABLE = """\
name: unparseable
channels:
  backmarket: {}
steps:
  - ship:
      channel: backmarket
     order: 1001            # 7: one space short
"""

CLEAN = """\
name: clean
channels:
  backmarket: {}
steps:
  - import: backmarket
"""


def test_validate_command_prints_each_mistake_with_its_line_and_exits_1(tmp_path: Path) -> None:
    write(tmp_path, THREE_MISTAKES, "scenario.yaml")
    write(tmp_path, UNPARSEABLE, "unparseable.yaml")
    write(tmp_path, CLEAN, "clean.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "validate", "."],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout.splitlines()
    mistakes = [line for line in out if line.startswith("scenario.yaml:")]
    assert [int(line.split(":")[1]) for line in mistakes] == [2, 6, 11], out
    seed, typo, indent = mistakes
    assert seed == "scenario.yaml:2: seed: expected an integer, got a string 'seven'"
    assert typo.startswith("scenario.yaml:6: steps[0]: unknown step")
    assert "'improt' (did you mean 'import'?)" in typo
    assert indent.startswith("scenario.yaml:11: steps[1]: a step is one `name: arguments` pair")
    assert "(ship, carrier)" in indent
    [unparseable] = [line for line in out if line.startswith("unparseable.yaml:")]
    assert unparseable.startswith("unparseable.yaml:7: not valid YAML: ")
    assert not any(line.startswith("clean.yaml") for line in out)
    assert out[-1] == "3 file(s) checked, 2 with problems"


def test_validate_command_reports_a_missing_path_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert chansim(["validate", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{missing}: no such file\n"
    assert captured.out == "1 file(s) checked, 1 with problems\n"


def test_validate_command_exits_0_on_every_shipped_scenario() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "validate", "scenarios"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == f"{len(SCENARIO_FILES)} file(s) checked, 0 with problems\n"


# --- step names, arguments and types ----------------------------------------------------------


def test_step_name_typo_is_reported_on_the_step_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: typo
        channels:
          backmarket: {}
        steps:
          - import: backmarket
          - improt: backmarket    # 6
        """,
    )
    [(line, message)] = found(path)
    assert line == 6
    assert message.startswith("steps[1]: ")
    assert "'improt'" in message


def test_step_name_typo_message_suggests_the_closest_step_and_lists_known_steps(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        """\
        name: typo
        channels:
          backmarket: {}
        steps:
          - improt: backmarket    # 5
        """,
    )
    [(line, message)] = found(path)
    assert line == 5
    assert message.startswith("steps[0]: unknown step")
    assert "'improt' (did you mean 'import'?)" in message
    assert "known: " + ", ".join(STEPS.names()) in message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(
            """\
            name: wrong type
            seed: seven             # 2
            channels:
              backmarket: {}
            steps:
              - import: backmarket
            """,
            2,
            "seed: expected an integer, got a string 'seven'",
            id="seed-not-an-integer",
        ),
        pytest.param(
            """\
            name: wrong type
            channels:
              backmarket: {}
            steps:
              - ship:
                  channel: backmarket
                  order: 1001
                  carrier: UPS
                  tracking: 123     # 9
            """,
            9,
            'steps[0].ship.tracking: expected a string, got an integer 123 (quote it: "123")',
            id="tracking-not-a-string",
        ),
        pytest.param(
            """\
            name: wrong type
            clock: 12               # 2
            channels:
              backmarket: {}
            steps:
              - import: backmarket
            """,
            2,
            'clock: expected a string, got an integer 12 (quote it: "12")',
            id="clock-not-a-string",
        ),
        pytest.param(
            """\
            name: wrong type
            channels:
              backmarket: {}
            steps:
              - import              # 5
            """,
            5,
            "steps[0]: expected a mapping, got a string 'import'",
            id="step-not-a-mapping",
        ),
    ],
)
def test_wrong_type_names_expected_and_given_type_on_the_value_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    assert found(write(tmp_path, text)) == [(line, message)]


def test_dedented_step_arguments_are_reported_as_an_indentation_mistake(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: dedented
        channels:
          backmarket: {}
        steps:
        - ship:                     # 5
            channel: backmarket
            order: 1001
            tracking: 1Z999AA10123456784
          carrier: UPS              # 9
        """,
    )
    [(line, message)] = found(path)
    assert line == 9, "reported once, on the dedented key's line"
    assert message.startswith(
        "steps[0]: a step is one `name: arguments` pair, this one has 2 keys (ship, carrier)"
    )
    assert "indent 'carrier' under 'ship'" in message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            """\
            name: bad indentation
            channels:
              backmarket: {}
            steps:
              - ship:
                  channel: backmarket
                 order: 1001        # 7
            """,
            7,
            id="argument-one-space-short",
        ),
        pytest.param(
            """\
            name: bad indentation
            channels:
              backmarket: {}
            steps:
              - import: backmarket
             - import: backmarket   # 6
            """,
            6,
            id="list-item-one-space-short",
        ),
        pytest.param(
            """\
            name: bad indentation
            channels:
              backmarket: {}
             steps:                 # 4
              - import: backmarket
            """,
            4,
            id="top-level-key-indented",
        ),
        pytest.param(
            "name: tab\nchannels:\n\tbackmarket: {}\n",
            3,
            id="tab-indentation",
        ),
    ],
)
def test_unparseable_yaml_is_one_problem_on_the_offending_line(
    tmp_path: Path, text: str, line: int
) -> None:
    [(at, message)] = found(write(tmp_path, text))
    assert at == line
    assert message.startswith("not valid YAML: ")


def test_unknown_argument_key_is_named_with_a_suggestion_on_its_own_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: unknown argument
        channels:
          backmarket: {}
        steps:
          - ship:
              channel: backmarket     # 6
              order: 1001
              carrier: UPS
              trackin: 1Z999          # 9
        """,
    )
    assert found(path) == [
        (6, "steps[0].ship: 'tracking' is required"),
        (
            9,
            (
                "steps[0].ship: unknown key 'trackin' (did you mean 'tracking'?); expected one of "
                "channel, order, carrier, tracking, service, carrier_fee, notes_to_buyer, "
                "ship_date, items"
            ),
        ),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(
            """\
            name: unknown argument
            channels:
              backmarket: {}
            steps:
              - renew_token:
                  channel: backmarket
                  expire_in: P60D     # 7
            """,
            7,
            (
                "steps[0].renew_token: unknown key 'expire_in' (did you mean 'expires_in'?); "
                "expected one of channel, expires_in"
            ),
            id="renew_token",
        ),
        pytest.param(
            """\
            name: unknown argument
            channels:
              backmarket: {}
            steps:
              - reconnect:
                  channel: backmarket
                  credentails: {token: abc}   # 7
            """,
            7,
            (
                "steps[0].reconnect: unknown key 'credentails' (did you mean 'credentials'?); "
                "expected one of channel, credentials"
            ),
            id="reconnect",
        ),
        pytest.param(
            """\
            name: unknown argument
            channels:
              backmarket: {}
            steps:
              - import: backmarket
            expect:
              imported:
                backmarket:
                  cuont: 3            # 9
            """,
            9,
            (
                "expect.imported.backmarket: unknown key 'cuont' (did you mean 'count'?); "
                "expected one of count, includes, excludes"
            ),
            id="imported-check",
        ),
    ],
)
def test_unknown_key_in_a_name_or_mapping_argument_is_named(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    assert found(write(tmp_path, text)) == [(line, message)]


def test_missing_required_argument_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: missing argument
        channels:
          backmarket: {}
        steps:
          - ship: {channel: backmarket, order: 1001, carrier: UPS}    # 5
        """,
    )
    assert found(path) == [(5, "steps[0].ship: 'tracking' is required")]


def test_missing_and_misspelt_top_level_keys_are_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: top-level typo
        chanels:                  # 2
          backmarket: {}
        steps:
          - import: backmarket
        """,
    )
    assert found(path) == [
        (1, "the file: 'channels' is required"),
        (
            2,
            (
                "the file: unknown key 'chanels' (did you mean 'channels'?); expected one of "
                "name, description, tags, requires, seed, clock, channels, steps, expect"
            ),
        ),
        (
            5,
            "steps[0].import: channel 'backmarket' is not declared under channels: (none declared)",
        ),
    ]


def test_empty_steps_is_reported_on_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: no steps
        channels:
          backmarket: {}
        steps:                    # 4
        """,
    )
    assert found(path) == [(4, "steps: expected a list, got nothing")]


def test_empty_name_channels_and_steps_are_each_reported_as_empty(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: ""                  # 1
        channels: {}              # 2
        steps: []                 # 3
        """,
    )
    assert found(path) == [
        (1, "name: must not be empty"),
        (2, "channels: must not be empty"),
        (3, "steps: must not be empty"),
    ]


def test_empty_channels_also_reports_each_channel_a_step_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: no channels
        channels: {}              # 2
        steps:
          - import: backmarket    # 4
        """,
    )
    assert found(path) == [
        (2, "channels: must not be empty"),
        (
            4,
            "steps[0].import: channel 'backmarket' is not declared under channels: (none declared)",
        ),
    ]


CARRIER_FEES = """\
name: Carrier fees as typed
channels:
  backmarket: {}
steps:
  - import: backmarket
  - ship: {channel: backmarket, order: 1001, carrier: UPS, tracking: "1Z1", carrier_fee: "4,50"}
  - ship: {channel: backmarket, order: 1002, carrier: UPS, tracking: "1Z2", carrier_fee: "4.50"}
  - ship: {channel: backmarket, order: 1003, carrier: UPS, tracking: "1Z3", carrier_fee: 4.5}
"""


def test_validate_refuses_a_carrier_fee_with_a_decimal_comma_and_takes_a_point_or_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(tmp_path, "fees.yaml", CARRIER_FEES)

    code, problems, err = validate_file(path, capsys)

    assert code == 1
    (problem,) = problems  # "4.50" and 4.5 are fine
    assert problem.startswith(f"{path}:{line_of(CARRIER_FEES, '4,50')}: "), problem
    assert "carrier_fee" in problem and "4,50" in problem
    assert "Traceback" not in err


# --- checks and channels ----------------------------------------------------------------------

UNKNOWN_CHECK = """\
name: unknown check
channels:
  backmarket: {}
steps:
  - import: backmarket
expect:
  imported: {backmarket: [1001]}    # 7
  improted: {backmarket: [1001]}    # 8
"""


def test_unknown_check_is_reported_on_its_line_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, UNKNOWN_CHECK)
    [message] = messages_on(path, 8)
    assert message == (
        "expect: unknown check name 'improted' (did you mean 'imported'?); known: "
        + ", ".join(CHECKS.names())
    )


def test_unknown_check_in_an_expect_step_is_reported_on_the_step_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: unknown check in a step
        channels:
          backmarket: {}
        steps:
          - expect: {improted: {backmarket: [1001]}}    # 5
        """,
    )
    assert found(path) == [
        (
            5,
            "steps[0].expect: unknown check name 'improted' (did you mean 'imported'?); known: "
            + ", ".join(CHECKS.names()),
        )
    ]


def test_unknown_check_is_one_problem_on_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, UNKNOWN_CHECK)
    assert lines_of(path) == [8], found(path)


def test_unknown_channel_under_channels_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: unknown channel
        channels:
          backmarkt: {}             # 3
        steps:
          - import: backmarkt
        """,
    )
    assert found(path) == [
        (
            3,
            "channels: unknown channel name 'backmarkt' (did you mean 'backmarket'?); known: "
            + ", ".join(CHANNELS),
        )
    ]


def test_unknown_channel_is_reported_on_its_own_line_with_a_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: unknown channel
        channels:
          backmarket: {}            # 3
          backmarkt: {}             # 4
        steps:
          - import: backmarket
        """,
    )
    assert found(path) == [
        (
            4,
            "channels: unknown channel name 'backmarkt' (did you mean 'backmarket'?); known: "
            + ", ".join(CHANNELS),
        )
    ]


def test_step_naming_an_undeclared_channel_is_reported_on_the_step_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: undeclared channels
        channels:
          backmarket: {}
        steps:
          - import: backmarkt                                                     # 5
          - ship: {channel: shopify, order: 1, carrier: UPS, tracking: 1Z999}     # 6
          - advance_clock: PT1H
        """,
    )
    assert found(path) == [
        (5, "steps[0].import: channel 'backmarkt' is not declared under channels: (backmarket)"),
        (
            6,
            "steps[1].ship.channel: channel 'shopify' is not declared under channels: (backmarket)",
        ),
    ]


def test_undeclared_channel_in_block_arguments_is_reported_on_the_channel_line(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        """\
        name: undeclared channel
        channels:
          backmarket: {}
        steps:
          - import: backmarket
          - add_fault:            # 6
              status: 503         # 7
              times: 1
              channel: amazon     # 9
        """,
    )
    assert found(path) == [
        (
            9,
            (
                "steps[1].add_fault.channel: channel 'amazon' is not declared under channels: "
                "(backmarket)"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("check", "line", "message"),
    [
        pytest.param(
            "  store_status:          # 7\n    backmarkt: connected    # 8\n",
            8,
            "expect.store_status.backmarkt: channel 'backmarkt' is not declared under channels: "
            "(backmarket)",
            id="per-channel-check",
        ),
        pytest.param(
            "  channel_order:         # 7\n    order: 1001\n    channel: backmarkt      # 9\n",
            9,
            "expect.channel_order.channel: channel 'backmarkt' is not declared under channels: "
            "(backmarket)",
            id="channel-key",
        ),
        pytest.param(
            "  channel_order: {channel: backmarkt, order: 1001}    # 7\n",
            7,
            "expect.channel_order.channel: channel 'backmarkt' is not declared under channels: "
            "(backmarket)",
            id="channel-key-flow",
        ),
    ],
)
def test_check_naming_an_undeclared_channel_is_reported(
    tmp_path: Path, check: str, line: int, message: str
) -> None:
    head = "name: undeclared channel in a check\nchannels:\n  backmarket: {}\nsteps:\n"
    path = write(tmp_path, head + "  - import: backmarket\nexpect:\n" + check)
    assert found(path) == [(line, message)]


# --- duplicate keys, clock values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(
            """\
            name: two expects
            channels:
              backmarket: {}
            steps:
              - import: backmarket
            expect:                     # 6
              imported: {backmarket: []}
            expect:                     # 8
              skipped: {backmarket: []}
            """,
            8,
            "key 'expect' appears twice in the same mapping (first on line 6)",
            id="top-level",
        ),
        pytest.param(
            """\
            name: order twice
            channels:
              backmarket: {}
            steps:
              - ship:
                  channel: backmarket
                  order: 1001         # 7
                  carrier: UPS
                  tracking: 1Z999
                  order: 1002         # 10
            """,
            10,
            "key 'order' appears twice in the same mapping (first on line 7)",
            id="step-arguments",
        ),
        pytest.param(
            """\
            name: channel twice
            channels:
              backmarket: {}          # 3
              backmarket: {}          # 4
            steps:
              - import: backmarket
            """,
            4,
            "key 'backmarket' appears twice in the same mapping (first on line 3)",
            id="channels",
        ),
    ],
)
def test_duplicate_key_is_reported_with_both_lines(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    assert found(write(tmp_path, text)) == [(line, message)]


def test_invalid_instants_and_durations_are_reported_on_their_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: clock mistakes
        clock: yesterday            # 2
        channels:
          backmarket:
            connection: {overlap: 5 minutes}    # 5
        steps:
          - advance_clock: 2 hours  # 7
          - set_clock: noon         # 8
          - advance_clock: -PT30M
          - advance_clock: 90
          - set_clock: 2026-03-11T08:00:00+01:00
        """,
    )
    assert found(path) == [
        (2, "clock: not an ISO 8601 instant: 'yesterday' (e.g. 2026-03-10T23:30:00-05:00)"),
        (
            5,
            (
                "channels.backmarket.connection.overlap: not an ISO 8601 duration: '5 minutes' "
                "(expected e.g. PT2H, P1D, -PT30M)"
            ),
        ),
        (
            7,
            (
                "steps[0].advance_clock: not an ISO 8601 duration: '2 hours' "
                "(expected e.g. PT2H, P1D, -PT30M)"
            ),
        ),
        (8, "steps[1].set_clock: not an ISO 8601 instant: 'noon' (e.g. 2026-03-10T23:30:00-05:00)"),
    ]


INSTANT_HINT = "(e.g. 2026-03-10T23:30:00-05:00)"
DURATION_HINT = "(expected e.g. PT2H, P1D, -PT30M)"


@pytest.mark.parametrize(
    ("tail", "line", "message"),
    [
        pytest.param(
            "expect:\n  clock: noon\n",
            7,
            f"expect.clock: not an ISO 8601 instant: 'noon' {INSTANT_HINT}",
            id="clock-check",
        ),
        pytest.param(
            "  - expect: {clock: noon}\n",
            6,
            f"steps[1].expect.clock: not an ISO 8601 instant: 'noon' {INSTANT_HINT}",
            id="clock-check-in-a-step",
        ),
        pytest.param(
            "  - ship: {channel: backmarket, order: 1, carrier: UPS, tracking: X, "
            "ship_date: tomorrow}\n",
            6,
            f"steps[1].ship.ship_date: not an ISO 8601 instant: 'tomorrow' {INSTANT_HINT}",
            id="ship_date",
        ),
        pytest.param(
            "  - renew_token:\n      channel: backmarket\n      expires_in: 60 days\n",
            8,
            f"steps[1].renew_token.expires_in: not an ISO 8601 duration: '60 days' {DURATION_HINT}",
            id="expires_in",
        ),
    ],
)
def test_every_instant_and_duration_is_checked_before_the_run(
    tmp_path: Path, tail: str, line: int, message: str
) -> None:
    head = "name: instants\nchannels:\n  backmarket: {}\nsteps:\n  - import: backmarket\n"
    assert found(write(tmp_path, head + tail)) == [(line, message)]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(
            "connection: {first_import: 3 days}",
            "channels.backmarket.connection.first_import: not an ISO 8601 duration: '3 days' "
            + DURATION_HINT,
            id="first_import",
        ),
        pytest.param(
            "simulator: {skew: a bit}",
            "channels.backmarket.simulator.skew: not an ISO 8601 duration: 'a bit' "
            + DURATION_HINT,
            id="skew",
        ),
    ],
)
def test_every_channel_duration_is_checked_before_the_run(
    tmp_path: Path, setup: str, message: str
) -> None:
    text = (
        f"name: durations\nchannels:\n  backmarket:\n    {setup}\nsteps:\n  - import: backmarket\n"
    )
    assert found(write(tmp_path, text)) == [(4, message)]


def _timed_scenario(clock: str, first_import: str, advance: str) -> str:
    return f"""\
name: Odd instants and durations
clock: {clock}
channels:
  backmarket:
    connection: {{first_import: {first_import}}}
steps:
  - import: backmarket
  - advance_clock: {advance}
"""


@pytest.mark.parametrize(
    ("clock", "first_import", "advance", "fragment", "says"),
    [
        (
            "9999-03-10T00:00:00Z",
            "P30D",
            "PT1H",
            "clock: 9999",
            "clock: 9999-03-10T00:00:00Z is outside the virtual clock's range (1970-2200)",
        ),
        ("2026-03-10T12:00:00Z", "P30D", ".inf", "advance_clock:", "not a usable duration"),
        ("2026-03-10T12:00:00Z", "P30D", ".nan", "advance_clock:", "not a usable duration"),
        (
            "2026-03-10T12:00:00Z",
            "P30D",
            "100000000000000",
            "advance_clock:",
            "not a usable duration",
        ),
        (
            "2026-03-10T12:00:00Z",
            "P800000D",
            "PT1H",
            "first_import:",
            "first_import: 'P800000D' is longer than 100 years",
        ),
    ],
    ids=["clock-9999", "advance-inf", "advance-nan", "advance-1e14-s", "first-import-P800000D"],
)
def test_validate_reports_instants_and_durations_out_of_range_at_their_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    clock: str,
    first_import: str,
    advance: str,
    fragment: str,
    says: str,
) -> None:
    text = _timed_scenario(clock, first_import, advance)
    path = write_file(tmp_path, "timed.yaml", text)

    code, problems, err = validate_file(path, capsys)

    assert code == 1
    (problem,) = problems
    assert problem.startswith(f"{path}:{line_of(text, fragment)}: "), problem
    assert says in problem
    assert "Traceback" not in err


# --- files that are not scenarios -------------------------------------------------------------


NOT_A_MAPPING = "a scenario is a mapping with name, channels and steps"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("- import: backmarket\n", NOT_A_MAPPING, id="a-list"),
        pytest.param("just some words\n", NOT_A_MAPPING, id="a-string"),
        pytest.param("", f"the file is empty; {NOT_A_MAPPING}", id="empty"),
        pytest.param(
            "# only a comment\n\n", f"the file is empty; {NOT_A_MAPPING}", id="only-comments"
        ),
    ],
)
def test_a_file_that_is_not_a_mapping_is_one_problem_on_line_1(
    tmp_path: Path, text: str, message: str
) -> None:
    assert found(write(tmp_path, text)) == [(1, message)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("name: Café\n", 1, id="line-1"),
        pytest.param("name: latin-1\ndescription: Café\n", 2, id="line-2"),
    ],
)
def test_a_file_that_is_not_utf8_is_one_problem_on_the_line_of_the_bad_byte(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(text.encode("latin-1"))
    assert found(path) == [(line, "not UTF-8 (byte 0xe9); save the file as UTF-8")]


def test_a_missing_file_is_one_problem_on_line_1(tmp_path: Path) -> None:
    problems, data, lines = problems_in(tmp_path / "missing.yaml")
    assert data is None
    assert lines == Lines()
    [problem] = problems
    assert problem.line == 1
    assert problem.message.startswith("cannot read the file: ")
    assert "No such file" in problem.message


# --- several mistakes -------------------------------------------------------------------------


def test_several_mistakes_in_one_file_are_all_reported_sorted_by_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        name: many mistakes
        seed: seven                 # 2
        channels:
          backmarket: {}
        steps:
          - improt: backmarket      # 6
          - ship: {channel: backmarket, order: 1, carrier: UPS}   # 7
          - ship:
              channel: backmarket
              order: 1
              carrier: UPS
              tracking: 1Z999
              sevice: Express       # 13
        expect:
          imported: {backmarket: [1]}
          improted: {backmarket: [1]}   # 16
        """,
    )
    problems = found(path)
    assert [line for line, _ in problems] == [2, 6, 7, 13, 16], problems
    assert (2, "seed: expected an integer, got a string 'seven'") in problems
    assert any(line == 6 and "'improt' (did you mean 'import'?)" in m for line, m in problems)
    assert (7, "steps[1].ship: 'tracking' is required") in problems
    assert any(line == 13 and "'sevice' (did you mean 'service'?)" in m for line, m in problems)
    assert any(line == 16 and "'improted' (did you mean 'imported'?)" in m for line, m in problems)


def test_mistakes_the_schema_cannot_see_are_reported_beside_schema_mistakes(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        """\
        name: mixed mistakes
        clock: yesterday            # 2
        channels:
          backmarket: {}
        steps:
          - advance_clock: 2 hours  # 6
          - improt: backmarket      # 7
          - import: shopify         # 8
        """,
    )
    problems = found(path)
    assert [line for line, _ in problems] == [2, 6, 7, 8], problems
    assert problems[0] == (2, f"clock: not an ISO 8601 instant: 'yesterday' {INSTANT_HINT}")
    assert problems[1] == (
        6,
        f"steps[0].advance_clock: not an ISO 8601 duration: '2 hours' {DURATION_HINT}",
    )
    assert problems[2][1].startswith(
        "steps[1]: unknown step name 'improt' (did you mean 'import'?)"
    )
    assert problems[3] == (
        8,
        "steps[2].import: channel 'shopify' is not declared under channels: (backmarket)",
    )


def test_problems_are_sorted_and_printed_as_file_line_message(tmp_path: Path) -> None:
    later = Problem("a.yaml", 10, "z")
    earlier = Problem("a.yaml", 9, "z")
    error = ScenarioError([later, earlier, Problem("a.yaml", 9, "a")])
    assert error.problems == [Problem("a.yaml", 9, "a"), earlier, later]
    assert str(error) == "a.yaml:9: a\na.yaml:9: z\na.yaml:10: z"


# --- shipped scenarios, load_scenario ---------------------------------------------------------


def test_there_are_shipped_scenarios() -> None:
    assert SCENARIO_FILES
    assert all(path.suffix in (".yaml", ".yml") for path in SCENARIO_FILES)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_shipped_scenario_loads_with_each_step_and_check_on_its_line(path: Path) -> None:
    problems, _, _ = problems_in(path)
    assert not problems, "\n".join(map(str, problems))
    scenario = load_scenario(path)
    text = path.read_text(encoding="utf-8").splitlines()
    for call in scenario.steps:
        assert f"- {call.name}:" in text[call.line - 1], (call.name, call.line)
    for call in scenario.expect:
        assert text[call.line - 1].lstrip().startswith(f"{call.name}:"), (call.name, call.line)


LOADABLE = """\
name: loadable
description: two steps and two checks
tags: [smoke]
seed: 5
clock: 2026-03-11T08:00:00+01:00
channels:
  backmarket:                          # 7
    connection: {overlap: PT5M}
    orders:
      - {order_id: 1001}               # 10
      - order_id: 1002                 # 11
        state: 1
steps:
  - import: backmarket                 # 14
  - ship:                              # 15
      channel: backmarket
      order: 1001
      carrier: UPS
      tracking: 1Z999AA10123456784
  - advance_clock: PT1H                # 20
expect:
  imported: {backmarket: [1001, 1002]} # 22
  clock: 2026-03-11T08:00:00Z          # 23
"""


def test_load_scenario_gives_steps_and_checks_with_their_lines(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, LOADABLE, "loadable.yaml"))
    assert scenario.name == "loadable"
    assert scenario.description == "two steps and two checks"
    assert scenario.tags == ("smoke",)
    assert scenario.id == f"{tmp_path.name}.loadable"
    ship = {
        "channel": "backmarket",
        "order": 1001,
        "carrier": "UPS",
        "tracking": "1Z999AA10123456784",
    }
    assert scenario.steps == (
        Call("import", "backmarket", 14),
        Call("ship", ship, 15),
        Call("advance_clock", "PT1H", 20),
    )
    assert scenario.expect == (
        Call("imported", {"backmarket": [1001, 1002]}, 22),
        Call("clock", "2026-03-11T08:00:00Z", 23),
    )
    setup = scenario.channels["backmarket"]
    assert setup.line == 7
    assert setup.connection == {"overlap": "PT5M"}
    assert setup.orders == (
        ({"order_id": 1001}, 10),
        ({"order_id": 1002, "state": 1}, 11),
    )


def test_load_scenario_takes_the_seed_override_and_the_file_clock(tmp_path: Path) -> None:
    path = write(tmp_path, LOADABLE)
    assert load_scenario(path).seed == 5
    assert load_scenario(path, seed=42).seed == 42
    assert load_scenario(path, seed=0).seed == 0
    assert load_scenario(path).clock == "2026-03-11T08:00:00+01:00"


def test_load_scenario_defaults_seed_0_and_the_default_clock(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, CLEAN))
    assert scenario.seed == 0
    assert scenario.clock == DEFAULT_CLOCK
    assert scenario.expect == ()
    assert scenario.description == ""
    assert scenario.tags == ()
    assert load_scenario(write(tmp_path, CLEAN), seed=3).seed == 3


def test_load_scenario_raises_scenario_error_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, THREE_MISTAKES)
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    problems = raised.value.problems
    assert problems == sorted(problems)
    assert [p.line for p in problems] == [2, 6, 11]
    assert str(raised.value).splitlines() == [str(p) for p in problems]


# --- the docs generated from the registries ---------------------------------------------------


def _declared_channels() -> str:
    return "channels:\n" + "".join(f"  {name}: {{}}\n" for name in CHANNELS)


@pytest.mark.parametrize("name", STEPS.names())
def test_every_step_has_a_summary_and_an_example_that_validates(tmp_path: Path, name: str) -> None:
    entry = STEPS.get(name)
    assert entry.summary, f"step {name!r}: no docstring summary"
    assert entry.example, f"step {name!r}: no Example: in its docstring"
    parsed: Any = yaml.safe_load(entry.example)
    assert isinstance(parsed, list) and len(parsed) == 1, "the example is one `- name: args` item"
    assert list(parsed[0]) == [name], f"the example of {name!r} shows {list(parsed[0])}"
    text = (
        f"name: example of {name}\n"
        + _declared_channels()
        + "steps:\n"
        + textwrap.indent(entry.example, "  ")
        + "\n"
    )
    problems = found(write(tmp_path, text))
    assert not problems, f"the example of step {name!r} is not valid:\n{text}\n{problems}"


@pytest.mark.parametrize("name", CHECKS.names())
def test_every_check_has_a_summary_and_an_example_that_validates(tmp_path: Path, name: str) -> None:
    entry = CHECKS.get(name)
    assert entry.summary, f"check {name!r}: no docstring summary"
    assert entry.example, f"check {name!r}: no Example: in its docstring"
    parsed: Any = yaml.safe_load(entry.example)
    assert isinstance(parsed, dict) and list(parsed) == [name], "the example is `name: args`"
    text = (
        f"name: example of {name}\n"
        + _declared_channels()
        + "steps:\n"
        + "  - import: backmarket\n"
        + "expect:\n"
        + textwrap.indent(entry.example, "  ")
        + "\n"
    )
    problems = found(write(tmp_path, text))
    assert not problems, f"the example of check {name!r} is not valid:\n{text}\n{problems}"


def test_schema_json_matches_the_registries() -> None:
    written = (SCENARIOS / "schema.json").read_text(encoding="utf-8")
    assert written == scenario_schema.render(CHANNELS), (
        "scenarios/schema.json is stale: run `chansim schema --write scenarios/schema.json`"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    written = json.loads((SCENARIOS / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(written)
    jsonschema.Draft202012Validator.check_schema(scenario_schema.build(CHANNELS))
    assert written["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_readme_vocabulary_matches_the_registries() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fresh = shared_vocabulary.splice(
        readme,
        scenario_vocabulary.render(),
        scenario_vocabulary.START,
        scenario_vocabulary.END,
    )
    assert readme == fresh, (
        "README.md's scenario vocabulary is stale: run `chansim vocabulary --write README.md`"
    )


# --- yaml_lines -------------------------------------------------------------------------------


def test_yaml_timestamps_stay_strings_and_other_scalars_keep_their_type() -> None:
    data, _ = load(
        "at: 2026-03-10T12:00:00Z\n"
        "day: 2026-03-10\n"
        "spaced: [2026-03-10 12:00:00]\n"
        "nested: {when: 2026-03-10T12:00:00+01:00}\n"
        "n: 1\n"
        "yes_: true\n"
        "none: null\n"
    )
    assert data == {
        "at": "2026-03-10T12:00:00Z",
        "day": "2026-03-10",
        "spaced": ["2026-03-10 12:00:00"],
        "nested": {"when": "2026-03-10T12:00:00+01:00"},
        "n": 1,
        "yes_": True,
        "none": None,
    }


def test_yaml_lines_remember_where_each_key_and_value_is() -> None:
    _, lines = load("a:\n  b:\n    c: 1\n  d: [x, {e: 2}]\n")
    assert lines.values[()] == 1
    assert lines.keys[("a",)] == 1
    assert lines.values[("a",)] == 2
    assert lines.keys[("a", "b")] == 2
    assert lines.values[("a", "b", "c")] == 3
    assert lines.values[("a", "d", 1, "e")] == 4


def test_lines_of_falls_back_to_the_closest_ancestor() -> None:
    _, lines = load("a:\n  b:\n    c: 1\nlist:\n  - x\n  - y\n")
    assert lines.of(("a", "b", "c")) == 3
    assert lines.of(("a", "b", "missing", "deeper")) == 3  # the value of a.b starts on line 3
    assert lines.of(("a", "b", "missing"), key=True) == 2  # the key b is on line 2
    assert lines.of(("list", 1)) == 6
    assert lines.of(("list", 7)) == 5
    assert lines.of(("nothing",)) == 1
    assert lines.of(("list",), key=True) == 4
    assert lines.of(("list", 0), key=True) == 5, "an item has no key line: its value line"
    assert Lines().of(("a", "b")) == 1


def test_yaml_duplicate_key_is_a_yaml_problem_naming_both_lines() -> None:
    with pytest.raises(YamlProblem) as raised:
        load("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert raised.value.line == 4
    assert raised.value.message == "key 'c' appears twice in the same mapping (first on line 3)"


def test_yaml_syntax_error_is_a_yaml_problem_on_its_line() -> None:
    with pytest.raises(YamlProblem) as raised:
        load("a: 1\nb: [1, 2\nc: 3\n")
    assert raised.value.line >= 2
    assert raised.value.message.startswith("not valid YAML: ")


def test_yaml_unsafe_tags_are_refused() -> None:
    with pytest.raises(YamlProblem) as raised:
        load("a: 1\nb: !!python/name:os.system ''\n")
    assert raised.value.line == 2
    assert "could not determine a constructor" in raised.value.message


# --- discover ---------------------------------------------------------------------------------


def test_discover_recurses_sorted_and_removes_duplicates(tmp_path: Path) -> None:
    root = tmp_path / "scenarios"
    for name in ("z.yaml", "m.yml", "b/c.yaml", "b/d/e.yml", "notes.txt", "b/README.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("name: x\n", encoding="utf-8")
    (root / "folder.yaml").mkdir()  # a folder with a scenario's suffix is not a file
    other = tmp_path / "other.yaml"
    other.write_text("name: y\n", encoding="utf-8")
    expected = [root / "b/c.yaml", root / "b/d/e.yml", root / "m.yml", root / "z.yaml"]
    assert discover([root]) == expected
    assert discover([str(root)]) == expected
    assert discover([root / "z.yaml", root, other, root, other]) == [
        root / "z.yaml",
        root / "b/c.yaml",
        root / "b/d/e.yml",
        root / "m.yml",
        other,
    ]


def test_discover_keeps_a_named_file_even_missing_or_with_another_suffix(tmp_path: Path) -> None:
    named = [tmp_path / "missing.yaml", tmp_path / "scenario.txt"]
    assert discover(named) == named
    assert discover([]) == []
