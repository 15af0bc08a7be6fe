"""The state file round trip: load a generated state, dump it, load the dump into a fresh
cloud and dump again: the same document, whatever the state."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.statefile import to_yaml

_NAME = st.text("abcdefghij0123456789-", min_size=1, max_size=8)
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)


def _ssh_key(key: bytes) -> str:
    """An OpenSSH ed25519 public key line around `key`."""
    blob = b"".join(len(part).to_bytes(4, "big") + part for part in (b"ssh-ed25519", key))
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} someone@somewhere"


def _rules(groups: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Ingress rules: a TCP port from an address range or from one of `groups`."""
    return st.builds(
        lambda port, remote: {"direction": "ingress", "protocol": "tcp",
                              "port_range_min": port, "port_range_max": port, **remote},
        st.integers(1, 65534),
        st.one_of(st.just({"remote_ip_prefix": "10.0.0.0/8"}),
                  st.sampled_from(groups).map(lambda g: {"remote_group": g})))


def _rule_key(rule: dict[str, Any]) -> tuple[Any, ...]:
    return rule["port_range_min"], rule.get("remote_ip_prefix"), rule.get("remote_group")


def _names(prefix: str, most: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_NAME.map(lambda n: f"{prefix}{n}"), max_size=most, unique=True)


@st.composite
def states(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"version": 1}
    projects = draw(_names("p-", 4))
    doc["projects"] = [
        {"name": name, **draw(st.fixed_dictionaries({}, optional={
            "description": _TEXT, "enabled": st.booleans(),
            "tags": st.lists(_NAME, max_size=2, unique=True)}))}
        for name in projects]
    users = draw(_names("u-", 4))
    doc["users"] = [
        {"name": name, **draw(st.fixed_dictionaries({}, optional={
            "password": _TEXT.filter(bool), "enabled": st.booleans(),
            "email": st.just(f"{name}@example.com"),
            "default_project": st.sampled_from(projects or ["demo"])}))}
        for name in users]
    members = [*users, "demo"]
    doc["groups"] = [{"name": name, "members": draw(st.lists(st.sampled_from(members),
                                                             unique=True))}
                     for name in draw(_names("g-", 2))]
    actors = [("user", u) for u in members] + [("group", g["name"]) for g in doc["groups"]]
    grants = draw(st.lists(st.tuples(st.sampled_from(["member", "reader", "manager"]),
                                     st.sampled_from(actors),
                                     st.sampled_from([*projects, "demo"]), st.booleans()),
                           max_size=5, unique=True))
    doc["role_assignments"] = [{"role": role, kind: actor, "project": project,
                                **({"inherited": True} if inherited else {})}
                               for role, (kind, actor), project, inherited in grants]
    doc["flavors"] = [{"name": name, "id": f"id-{name}", "ram": draw(st.integers(1, 4096)),
                       "vcpus": draw(st.integers(1, 8)), "disk": draw(st.integers(0, 40))}
                      for name in draw(_names("f-", 3))]
    doc["keypairs"] = [{"name": name, "user": draw(st.sampled_from(members)),
                        "public_key": _ssh_key(draw(st.binary(min_size=32, max_size=32)))}
                       for name in draw(_names("k-", 3))]
    owners = [*projects, "demo"]
    doc["images"] = [{"name": name, "project": draw(st.sampled_from(owners)),
                      "disk_format": "raw", "container_format": "bare",
                      "data": draw(st.text("xyz", min_size=1, max_size=30))}
                     for name in draw(_names("i-", 2))]
    doc["networks"] = [{"name": name, "project": "demo",
                        "subnets": [{"cidr": f"10.{100 + i}.0.0/24"}]}
                       for i, name in enumerate(draw(_names("n-", 2)))]
    groups = draw(_names("sg-", 3))
    doc["security_groups"] = [
        {"name": name, "rules": draw(st.lists(_rules(["default", *groups]), max_size=3,
                                              unique_by=_rule_key))}
        for name in [*groups, *draw(st.sampled_from([[], ["default"]]))]]
    subnets = [f"{n['name']}-sub" for n in doc["networks"]]
    for network, subnet in zip(doc["networks"], subnets, strict=True):
        network["subnets"][0]["name"] = subnet
    routers = draw(_names("r-", 2))
    owner = {subnet: draw(st.sampled_from([None, *routers])) for subnet in subnets}
    doc["routers"] = [{"name": name, **draw(st.fixed_dictionaries({}, optional={
        "external_network": st.just("public"), "description": _TEXT})),
        "interfaces": [s for s in subnets if owner[s] == name]}  # a subnet has one router
        for name in routers]
    doc["volumes"] = [{"name": name, "project": draw(st.sampled_from(owners)),
                       "size": draw(st.integers(1, 3))} for name in draw(_names("v-", 3))]
    doc["snapshots"] = [{"name": f"s-{volume['name']}", "project": volume["project"],
                         "volume": volume["name"]}
                        for volume in doc["volumes"] if draw(st.booleans())]
    doc["containers"] = [
        {"name": name, "project": draw(st.sampled_from(owners)),
         "objects": [{"name": obj, "data": draw(_TEXT)} for obj in draw(_names("o-", 3))]}
        for name in draw(_names("c-", 2))]
    return {k: v for k, v in doc.items() if v}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(states(), st.integers(0, 1000))
def test_dump_load_dump_is_the_same_document(state: dict[str, Any], seed: int) -> None:
    first = FakeCloud(seed=seed)
    first.load_state(state)
    dumped = first.dump_state(include_secrets=True)
    second = FakeCloud(seed=seed + 1)
    second.load_state(dumped)
    assert second.dump_state(include_secrets=True) == dumped
    assert to_yaml(dumped) == to_yaml(second.dump_state(include_secrets=True))


def test_a_server_round_trips_with_its_network_and_image_by_name() -> None:
    cloud = FakeCloud(seed=4)
    cloud.load_state({"networks": [{"name": "apps", "subnets": [{"cidr": "10.50.0.0/24"}]}],
                      "servers": [{"name": "a", "flavor": "m1.tiny", "networks": ["apps"]},
                                  {"name": "b", "flavor": "m1.tiny", "networks": "none"},
                                  {"name": "c", "flavor": "m1.small", "networks": ["private"]}]})
    dumped = cloud.dump_state(include_secrets=True)
    assert [(s["name"], s["networks"]) for s in dumped["servers"]] == [
        ("a", ["apps"]), ("b", "none"), ("c", ["private"])]
    assert dumped["servers"][0]["image"] == "cirros-0.6.2-x86_64-disk"
    again = FakeCloud(seed=5)
    again.load_state(dumped)
    assert again.dump_state(include_secrets=True) == dumped
