"""Stopping the simulators: a response under way is finished, then every port is closed; the
``date`` header uvicorn's loop keeps is still sent."""

from __future__ import annotations

import http.client
import socket
import threading

import pytest

from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup


def _group() -> SimulatorGroup:
    options = {"backmarket": ChannelOptions(port=0, state="empty")}
    return SimulatorGroup([channel_entry("backmarket")], clock=Clock(frozen=True), options=options)


def test_stop_closes_the_port_and_idle_keep_alive_connections():
    group = _group().start()
    port = group.channels["backmarket"].port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/__sim/state")
    reply = conn.getresponse()
    reply.read()
    assert reply.status == 200
    assert reply.getheader("date")
    group.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    with pytest.raises((http.client.HTTPException, OSError)):
        conn.request("GET", "/__sim/state")  # the server closed the kept-alive connection
        conn.getresponse().read()
    conn.close()


def test_a_response_under_way_is_finished_before_the_stop_returns():
    group = _group().start()
    port = group.channels["backmarket"].port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    rule = b'{"path": "/ws/orders", "kind": "delay", "delay_ms": 400}'
    conn.request("POST", "/__sim/faults", rule, {"Content-Type": "application/json"})
    assert conn.getresponse().read()
    conn.close()
    answers: list[int] = []

    def call() -> None:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        client.request("GET", "/ws/orders")
        answers.append(client.getresponse().status)
        client.close()

    caller = threading.Thread(target=call)
    caller.start()
    server = group._servers[0][0]
    for _ in range(500):  # until the request waits out its delay in the shell
        if server.server_state.tasks:
            break
        threading.Event().wait(0.01)
    assert server.server_state.tasks, "the request never reached the server"
    group.stop()
    # a stop that closed the connection before the response was sent leaves the caller
    # with a dropped connection and no answer (the caller may read it after stop returns)
    caller.join(5)
    assert len(answers) == 1, "the stop returned before the response under way was sent"
    assert answers[0] == 403  # the gate refused it (no credential): an answer all the same
