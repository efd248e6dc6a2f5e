"""Namespaces over real HTTP: one deployment, several independent sets of simulators.

A namespace's channels are reached under ``/__ns/<id>`` on the deployment's ports and its
control plane needs its own key; the deployment's ``/__sim`` needs the control token.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from simulators.core.clock import Clock
from simulators.core.namespaces import NamespaceLimits
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.core.test_admin_http import assert_problem

TOKEN = "deployment-token"
CHANNELS = ("backmarket", "bluepark", "ultracart", "wsm", "spark")
T0 = "2026-03-10T12:00:00+00:00"
DEPLOY = {"Authorization": f"Bearer {TOKEN}"}


def _group(limits: NamespaceLimits, names: tuple[str, ...] = CHANNELS) -> SimulatorGroup:
    return SimulatorGroup(
        [channel_entry(n) for n in names],
        clock=Clock(T0, frozen=True),
        options={n: ChannelOptions(port=0) for n in names},
        limits=limits,
        control_token=TOKEN,
    )


@pytest.fixture(scope="module")
def deployment() -> Iterator[SimulatorGroup]:
    with _group(NamespaceLimits(max_namespaces=2, max_orders=30)) as group:
        yield group


class Ns:
    """A namespace as its creator sees it: its key, prefix and channels' settings."""

    def __init__(self, group: SimulatorGroup, created: dict[str, Any]) -> None:
        self.group = group
        self.created = created
        self.key: str = created["key"]
        self.prefix: str = created["prefix"]
        self.config: dict[str, Any] = created["config"]

    def root(self, channel: str) -> str:
        return self.group.channels[channel].base_url + self.prefix

    def sim(self, method: str, path: str, channel: str = "backmarket", **kw: Any) -> Any:
        kw.setdefault("headers", {"Authorization": f"Bearer {self.key}"})
        return requests.request(method, f"{self.root(channel)}/__sim{path}", timeout=10, **kw)


@pytest.fixture
def spaces(deployment: SimulatorGroup) -> Iterator[list[Ns]]:
    """Namespaces a test creates (with ``create``), deleted after it."""
    made: list[Ns] = []
    yield made
    for ns in made:
        ns.sim("DELETE", "/namespace")


def create(group: SimulatorGroup, made: list[Ns], label: str = "ci") -> Ns:
    url = group.channels["backmarket"].base_url
    reply = requests.post(f"{url}/__sim/namespaces", json={"label": label}, headers=DEPLOY)
    assert reply.status_code == 201, reply.text
    ns = Ns(group, reply.json())
    made.append(ns)
    return ns


def root_sim(group: SimulatorGroup, method: str, path: str, channel: str = "backmarket", **kw: Any):
    kw.setdefault("headers", DEPLOY)
    url = group.channels[channel].base_url
    return requests.request(method, f"{url}/__sim{path}", timeout=10, **kw)


def bm_orders(base: str, token: str) -> requests.Response:
    headers = {"Authorization": f"Basic {token}", "User-Agent": "t", "Accept-Language": "fr-fr"}
    return requests.get(f"{base}/ws/orders", params={"page_size": 2}, headers=headers, timeout=10)


def test_a_namespace_hands_out_each_channels_url_under_its_prefix(deployment, spaces):
    ns = create(deployment, spaces)

    for name in CHANNELS:
        port = deployment.channels[name].port
        assert ns.config[name]["url"].startswith(f"http://127.0.0.1:{port}{ns.prefix}")
        assert ns.sim("GET", "/credentials", channel=name).json() == ns.config[name]
    assert ns.config["bluepark"]["url"].endswith(f"{ns.prefix}/api/v1")
    assert ns.config["wsm"]["url"].endswith(f"{ns.prefix}/api/shipstation")


def test_a_namespace_channel_answers_with_links_and_wsdl_address_under_its_prefix(
    deployment, spaces
):
    ns = create(deployment, spaces)
    bm = ns.config["backmarket"]

    page = bm_orders(bm["url"], bm["credentials"]["token"])
    wsdl = requests.get(ns.config["ultracart"]["url"] + "?wsdl", timeout=10)

    assert page.status_code == 200, page.text
    assert page.json()["next"].startswith(f"{bm['url']}/ws/orders?")
    assert f'location="{ns.config["ultracart"]["url"]}"' in wsdl.text
    journal = ns.sim("GET", "/journal").json()["entries"]
    assert [e["path"] for e in journal] == ["/ws/orders"]  # the channel's path, no prefix


@pytest.mark.parametrize("store", ["wsm", "spark"])
def test_a_namespace_custom_store_endpoint_answers_at_its_prefixed_url(deployment, spaces, store):
    ns = create(deployment, spaces)
    settings = ns.config[store]
    window = {"action": "export", "start_date": "01/01/2026 00:00", "end_date": "03/10/2026 12:00"}

    reply = requests.get(
        settings["url"], params=window, auth=tuple(settings["credentials"].values()), timeout=10
    )

    assert reply.status_code == 200, reply.text
    assert reply.text.lstrip().startswith("<?xml") and "<Orders" in reply.text
    journal = ns.sim("GET", "/journal", channel=store).json()["entries"]
    assert [(e["operation"], e["path"]) for e in journal] == [("export", "/api/shipstation")]


def test_what_happens_in_a_namespace_stays_in_it(deployment, spaces):
    a, b = create(deployment, spaces, "a"), create(deployment, spaces, "b")
    default_journal = root_sim(deployment, "GET", "/journal").json()["last_seq"]
    before = {ns.prefix: len(ns.sim("GET", "/orders").json()) for ns in (a, b)}
    default_orders = len(root_sim(deployment, "GET", "/orders").json())

    assert a.sim("POST", "/orders", json={"generate": 3}).status_code == 201
    a.sim("POST", "/clock", json={"set": "2030-01-01T00:00:00Z", "freeze": True})
    fault = {"kind": "status", "status": 503, "operation": "get-ws-list-order"}
    a.sim("POST", "/faults", json=fault)
    bm = a.config["backmarket"]
    assert bm_orders(bm["url"], bm["credentials"]["token"]).status_code == 503

    assert len(a.sim("GET", "/orders").json()) == before[a.prefix] + 3
    assert len(b.sim("GET", "/orders").json()) == before[b.prefix]
    assert len(root_sim(deployment, "GET", "/orders").json()) == default_orders
    assert b.sim("GET", "/clock").json()["now"] != "2030-01-01T00:00:00+00:00"
    assert root_sim(deployment, "GET", "/clock").json()["now"] == T0
    assert b.sim("GET", "/faults").json() == []
    other = b.config["backmarket"]
    assert bm_orders(other["url"], other["credentials"]["token"]).status_code == 200
    assert len(a.sim("GET", "/journal").json()["entries"]) == 1
    assert len(b.sim("GET", "/journal").json()["entries"]) == 1
    assert root_sim(deployment, "GET", "/journal").json()["last_seq"] == default_journal


def test_a_reset_resets_only_its_own_namespace(deployment, spaces):
    a, b = create(deployment, spaces, "a"), create(deployment, spaces, "b")
    b.sim("POST", "/orders", json={"generate": 2})
    held = len(b.sim("GET", "/orders").json())

    assert a.sim("POST", "/reset", json={"state": "empty"}).status_code == 200

    assert a.sim("GET", "/orders").json() == []
    assert len(b.sim("GET", "/orders").json()) == held


def test_the_control_token_guards_the_deployments_control_plane_and_a_refusal_changes_nothing(
    deployment, spaces
):
    state = root_sim(deployment, "GET", "/state").json()

    missing = root_sim(deployment, "POST", "/reset", json={"state": "empty"}, headers={})
    wrong = root_sim(
        deployment, "POST", "/namespaces", json={}, headers={"Authorization": "Bearer nope"}
    )

    assert_problem(missing, 401, "control token")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert_problem(wrong, 403, "control token")
    assert root_sim(deployment, "GET", "/state").json()["backend"] == state["backend"]
    assert root_sim(deployment, "GET", "/namespaces").json()["namespaces"] == []


def test_a_namespace_control_plane_needs_its_own_key_not_the_token_nor_anothers(deployment, spaces):
    a, b = create(deployment, spaces, "a"), create(deployment, spaces, "b")
    held = a.sim("GET", "/orders").json()

    for headers, status in (({}, 401), (DEPLOY, 403), ({"Authorization": f"Bearer {b.key}"}, 403)):
        refused = a.sim("POST", "/reset", json={"state": "empty"}, headers=headers)
        assert_problem(refused, status, "key")
        assert_problem(a.sim("GET", "/journal", headers=headers), status, "key")
    assert a.sim("GET", "/orders").json() == held


def test_namespaces_are_listed_without_their_keys_or_ids_and_capped_in_number(deployment, spaces):
    a = create(deployment, spaces, "pipeline-a")
    create(deployment, spaces, "pipeline-b")

    listed = root_sim(deployment, "GET", "/namespaces").json()
    full = root_sim(deployment, "POST", "/namespaces", json={"label": "third"})

    assert [n["label"] for n in listed["namespaces"]] == ["pipeline-a", "pipeline-b"]
    assert a.key not in str(listed) and a.created["id"] not in str(listed)
    assert listed["limits"]["max_namespaces"] == 2
    assert_problem(full, 429, "maximum of 2 namespaces")
    assert len(root_sim(deployment, "GET", "/namespaces").json()["namespaces"]) == 2


def test_a_namespace_refuses_orders_beyond_its_cap_and_places_none(deployment, spaces):
    ns = create(deployment, spaces)
    held = len(ns.sim("GET", "/orders").json())

    refused = ns.sim("POST", "/orders", json={"generate": 31 - held})

    assert_problem(refused, 413, "at most 30 orders")
    assert len(ns.sim("GET", "/orders").json()) == held
    assert ns.sim("POST", "/orders", json={"generate": 30 - held}).status_code == 201


def test_a_deleted_namespace_is_gone_from_every_channel(deployment, spaces):
    ns = create(deployment, spaces)
    bp = ns.config["bluepark"]

    assert ns.sim("DELETE", "/namespace").status_code == 204

    assert_problem(ns.sim("GET", "/state", channel="bluepark"), 404, "no namespace")
    gone = requests.get(f"{bp['url']}/orders", auth=tuple(bp["credentials"].values()), timeout=10)
    assert gone.status_code == 404
    assert gone.headers["content-type"].startswith("application/json")  # Bluepark's shape
    assert root_sim(deployment, "GET", "/namespaces").json()["namespaces"] == []


def test_the_default_namespace_cannot_be_deleted_and_namespaces_do_not_nest(deployment, spaces):
    ns = create(deployment, spaces)

    assert_problem(root_sim(deployment, "DELETE", "/namespace"), 409, "default namespace")
    assert_problem(ns.sim("POST", "/namespaces", json={}), 404, "deployment's root")
    assert root_sim(deployment, "GET", "/namespace").json()["id"] == "default"


def test_an_idle_namespace_expires_after_the_idle_time_in_real_time():
    with _group(NamespaceLimits(idle_seconds=1), names=("backmarket",)) as group:
        made: list[Ns] = []
        idle, kept = create(group, made, "idle"), create(group, made, "kept")
        for _ in range(4):
            time.sleep(0.4)
            assert kept.sim("GET", "/clock").status_code == 200  # each request restarts it

        assert_problem(idle.sim("GET", "/clock"), 404, "expired after 1 s")
        assert kept.sim("GET", "/clock").status_code == 200
        assert [n["label"] for n in root_sim(group, "GET", "/namespaces").json()["namespaces"]] == [
            "kept"
        ]
