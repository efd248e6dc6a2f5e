"""No channel speaks WebSocket: an upgrade request is answered as the HTTP request it is."""

from __future__ import annotations

import http.client

from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup


def test_an_upgrade_request_gets_the_channels_plain_http_answer():
    options = {"backmarket": ChannelOptions(port=0, state="empty")}
    with SimulatorGroup(
        [channel_entry("backmarket")], clock=Clock(frozen=True), options=options
    ) as group:
        port = group.channels["backmarket"].port
        headers = {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version": "13",
        }
        answers = []
        for extra in ({}, headers):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/ws/orders", headers={"User-Agent": "test", **extra})
            reply = conn.getresponse()
            answers.append((reply.status, reply.read()))
            conn.close()
        assert answers[1] == answers[0]
        assert answers[0][0] != 101
        journal = group.channels["backmarket"].ctx.journal
        assert len(journal) == 2  # both went through the shell
