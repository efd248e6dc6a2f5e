"""End to end: ``chansim serve`` as a user runs it, in its own process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

CHANSIM = [sys.executable, "-m", "harness.cli"]


def _wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            settings: dict[str, Any] = json.loads(path.read_text())
            return settings
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.05)
    raise AssertionError("chansim serve did not write its config in time")


def _list_orders(settings: dict[str, Any], query: str, **extra: str) -> requests.Response:
    """GET /ws/orders with the connection settings chansim serve wrote."""
    headers = {
        "Authorization": f"Basic {settings['credentials']['token']}",
        "User-Agent": "BM-Chansim-Tests;qa@example.com",
        "Accept-Language": "fr-fr",
        **extra,
    }
    return requests.get(f"{settings['url']}/ws/orders{query}", headers=headers, timeout=10)


def test_serve_prints_and_writes_credentials_then_stops_on_ctrl_c(tmp_path):
    config = tmp_path / "channels.json"
    proc = subprocess.Popen(
        [*CHANSIM, "serve", "--only", "backmarket", "--random-ports", "--config-out", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        settings = _wait_for(config, proc)
        bm = settings["backmarket"]
        assert set(bm) == {"url", "credentials"}
        assert bm["url"].startswith("http://127.0.0.1:")
        token = bm["credentials"]["token"]
        reply = _list_orders(bm, "")
        assert reply.status_code == 200
        assert reply.json()["count"] > 0, "serve preloads seeded demo data"
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert f"backmarket   {bm['url']}" in out
    assert f"token={token}" in out
    assert "Traceback" not in err
    assert out.rstrip().endswith("stopped")


def test_serve_refuses_an_unknown_channel_with_the_known_ones():
    result = subprocess.run(
        [*CHANSIM, "serve", "--only", "bluebird"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown channel 'bluebird'; known: backmarket" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_reports_a_busy_port_without_a_traceback():
    with socket_on_free_port() as port:
        result = subprocess.run(
            [*CHANSIM, "serve", "--only", "backmarket", "--port-offset", str(port - 8101)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert f"backmarket: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


class socket_on_free_port:  # a context manager, named like one
    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        port: int = self.sock.getsockname()[1]
        return port

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def _first_page(clock: str, tmp_path: Path, name: str) -> bytes:
    config = tmp_path / f"{name}.json"
    proc = subprocess.Popen(
        [
            *(*CHANSIM, "serve", "--only", "backmarket", "--random-ports", "--seed", "7"),
            *("--clock", clock, "--config-out", str(config)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        bm = _wait_for(config, proc)["backmarket"]
        reply = _list_orders(bm, "?page-size=50", Host="backmarket.test")
        assert reply.status_code == 200
        return reply.content
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)


def test_same_seed_and_clock_serve_byte_identical_pages_across_processes(tmp_path):
    first = _first_page("2026-03-10T12:00:00Z", tmp_path, "first")
    second = _first_page("2026-03-10T12:00:00Z", tmp_path, "second")
    assert first == second
    assert _first_page("2026-03-11T12:00:00Z", tmp_path, "later") != first


def test_serve_beyond_loopback_guards_its_control_plane_with_a_printed_token(tmp_path):
    config = tmp_path / "channels.json"
    proc = subprocess.Popen(
        [*CHANSIM, "serve", "--host", "0.0.0.0", "--only", "backmarket", "--random-ports",
         "--config-out", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "CHANSIM_CONTROL_TOKEN"},
    )  # fmt: skip
    try:
        settings = _wait_for(config, proc)["backmarket"]
        assert proc.stdout is not None
        printed = proc.stdout.readline()  # the first line, before the channels
        assert printed.startswith("control token"), printed
        token = printed.rsplit(": ", 1)[1].strip()
        port = settings["url"].rsplit(":", 1)[1]
        control = f"http://127.0.0.1:{port}/__sim/state"
        refused = requests.get(control, timeout=10)
        wrong = requests.get(control, headers={"Authorization": "Bearer x"}, timeout=10)
        opened = requests.get(control, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert refused.status_code == 401 and wrong.status_code == 403
        assert refused.headers["content-type"] == "application/problem+json"
        assert opened.status_code == 200
        assert _list_orders(settings, "").status_code == 200  # the channel API is not guarded
        assert token not in config.read_text()  # the connection settings never carry it
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err


def test_serve_refuses_namespace_limits_that_make_no_sense(capsys):
    from harness.cli import main

    assert main(["serve", "--namespace-idle", "0"]) == 2
    assert main(["serve", "--max-namespaces", "-1"]) == 2
    assert "--namespace-idle above 0" in capsys.readouterr().err


def test_serve_applies_settings_given_on_the_command_line(tmp_path):
    config = tmp_path / "channels.json"
    proc = subprocess.Popen(
        [*CHANSIM, "serve", "--only", "bluepark", "--random-ports", "--config-out", str(config),
         "--setting", "bluepark.beta_quirks=[wrong_count, null_fields]"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        url = _wait_for(config, proc)["bluepark"]["url"].removesuffix("/api/v1")
        state = requests.get(f"{url}/__sim/state", timeout=10).json()
        assert state["settings"] == {"beta_quirks": ["null_fields", "wrong_count"]}
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)


def test_serve_refuses_a_setting_the_channel_does_not_offer_and_says_why():
    for given, message in (
        ("bluepark.beta_quirk=true", "bluepark has no setting 'beta_quirk'; its settings: beta_"),
        ("bluepark.beta_quirks=[late]", "'late' is not one of null_fields"),
        ("backmarket.error_bodies=descriptive", "'backmarket' is not served (serving bluepark)"),
        ("beta_quirks=true", "expected CHANNEL.NAME=VALUE"),
    ):
        result = subprocess.run(
            [*CHANSIM, "serve", "--only", "bluepark", "--random-ports", "--setting", given],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 2, given
        assert message in result.stderr, (given, result.stderr)
        assert "Traceback" not in result.stderr
