"""Hypothesis: any valid Nova JSON parses, whatever optional keys it lacks; options render
JSON Nova accepts."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.client.openstack.compute.v2 import flavors, keypairs, servers

text = st.text(max_size=20)
ids = st.uuids().map(str)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
)


@st.composite
def nova_times(draw: st.DrawFn) -> tuple[str, datetime]:
    """A timestamp as Nova writes it (`...Z` or naive with microseconds) and its value."""
    moment = draw(moments)
    if draw(st.booleans()):
        moment = moment.replace(microsecond=0)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ"), moment
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds"), moment


links = st.lists(st.fixed_dictionaries({"rel": st.sampled_from(["self", "bookmark"]),
                                        "href": st.just("http://nova.test/v2.1/servers/x")}),
                 max_size=2)
addresses = st.dictionaries(
    text,
    st.lists(st.fixed_dictionaries(
        {"addr": st.ip_addresses().map(str), "version": st.sampled_from([4, 6])},
        optional={"OS-EXT-IPS-MAC:mac_addr": st.just("fa:16:3e:00:00:01"),
                  "OS-EXT-IPS:type": st.sampled_from(["fixed", "floating"])}), max_size=3),
    max_size=3,
)
statuses = st.sampled_from(["ACTIVE", "BUILD", "ERROR", "SHUTOFF", "VERIFY_RESIZE", "DELETED"])


@st.composite
def nova_servers(draw: st.DrawFn) -> dict[str, Any]:
    """A server as some microversion of Nova renders it: only `id` is sure to be there."""
    created, _ = draw(nova_times())
    optional = {
        "name": text,
        "status": statuses,
        "tenant_id": ids,
        "user_id": text,
        "hostId": st.one_of(st.just(""), text),
        "created": st.just(created),
        "updated": nova_times().map(lambda t: t[0]),
        "image": st.one_of(st.just(""), st.fixed_dictionaries({"id": ids, "links": links})),
        "flavor": st.one_of(
            st.fixed_dictionaries({"id": text, "links": links}),
            st.fixed_dictionaries({"original_name": text, "vcpus": st.integers(1, 64),
                                   "ram": st.integers(64, 2**20), "disk": st.integers(0, 999),
                                   "ephemeral": st.integers(0, 99), "swap": st.integers(0, 99),
                                   "extra_specs": st.dictionaries(text, text, max_size=2)}),
        ),
        "addresses": addresses,
        "metadata": st.dictionaries(text, text, max_size=3),
        "links": links,
        "key_name": st.one_of(st.none(), text),
        "accessIPv4": st.one_of(st.just(""), st.ip_addresses(v=4).map(str)),
        "accessIPv6": st.one_of(st.just(""), st.ip_addresses(v=6).map(str)),
        "progress": st.integers(0, 100),
        "OS-EXT-AZ:availability_zone": text,
        "OS-EXT-STS:power_state": st.integers(0, 7),
        "OS-EXT-STS:task_state": st.one_of(st.none(), text),
        "OS-EXT-STS:vm_state": text,
        "OS-SRV-USG:launched_at": st.one_of(st.none(), nova_times().map(lambda t: t[0])),
        "OS-SRV-USG:terminated_at": st.none(),
        "fault": st.fixed_dictionaries({"code": st.integers(400, 599), "message": text},
                                       optional={"created": nova_times().map(lambda t: t[0]),
                                                 "details": text}),
        "security_groups": st.lists(st.fixed_dictionaries({"name": text}), max_size=3),
        "os-extended-volumes:volumes_attached": st.lists(st.fixed_dictionaries(
            {"id": ids}, optional={"delete_on_termination": st.booleans()}), max_size=3),
        "locked": st.booleans(),
        "locked_reason": st.one_of(st.none(), text),
        "tags": st.lists(text, max_size=3),
        "config_drive": st.sampled_from(["", "True"]),
        "OS-DCF:diskConfig": st.sampled_from(["AUTO", "MANUAL"]),
        "description": st.one_of(st.none(), text),
        "host_status": st.sampled_from(["UP", "DOWN", "MAINTENANCE", "UNKNOWN", ""]),
        "adminPass": ids.map(lambda u: f"pw-{u}"),
    }
    return draw(st.fixed_dictionaries({"id": ids}, optional=optional))


@settings(max_examples=150, deadline=None)
@given(raw=nova_servers())
def test_any_valid_server_json_parses(raw: dict[str, Any]) -> None:
    server = servers.Server.from_json(json.loads(json.dumps(raw)))
    assert server.id == raw["id"]
    assert server.name == raw.get("name", "")
    assert server.status == raw.get("status", "")
    assert dict(server.metadata) == raw.get("metadata", {})
    assert (server.image is None) == (not raw.get("image"))
    assert {net: len(items) for net, items in server.addresses.items()} == {
        net: len(items) for net, items in raw.get("addresses", {}).items()}
    assert server.tags == tuple(raw.get("tags", ()))
    assert (server.fault is None) == ("fault" not in raw)
    if "created" in raw:
        assert server.created is not None
        assert server.created.tzinfo is not None
    assert server.admin_pass == raw.get("adminPass")
    if "adminPass" in raw:
        assert raw["adminPass"] not in repr(server)


@settings(max_examples=50, deadline=None)
@given(moment=nova_times())
def test_nova_timestamps_parse_to_the_same_instant(moment: tuple[str, datetime]) -> None:
    raw, expected = moment
    assert servers.Server.from_json({"id": "x", "created": raw}).created == expected


@settings(max_examples=100, deadline=None)
@given(raw=st.fixed_dictionaries(
    {"id": text, "name": text, "ram": st.integers(0, 2**20), "vcpus": st.integers(1, 256),
     "disk": st.integers(0, 10**4)},
    optional={"swap": st.one_of(st.just(""), st.integers(0, 2**16)),
              "OS-FLV-EXT-DATA:ephemeral": st.integers(0, 999),
              "os-flavor-access:is_public": st.booleans(),
              "OS-FLV-DISABLED:disabled": st.booleans(),
              "rxtx_factor": st.floats(0.1, 10), "description": st.one_of(st.none(), text),
              "extra_specs": st.dictionaries(text, text, max_size=3), "links": links}))
def test_any_valid_flavor_json_parses(raw: dict[str, Any]) -> None:
    flavor = flavors.Flavor.from_json(raw)
    assert flavor.swap == (raw.get("swap") or 0)
    assert flavor.is_public == raw.get("os-flavor-access:is_public", True)


@settings(max_examples=100, deadline=None)
@given(name=text.filter(bool), user_data=st.one_of(st.binary(max_size=64), st.text(max_size=64)),
       metadata=st.dictionaries(text, text, max_size=3),
       networks=st.one_of(st.sampled_from(["auto", "none"]),
                          st.lists(st.builds(servers.Network, uuid=ids), max_size=3)))
def test_create_options_render_json_with_decodable_user_data(
    name: str, user_data: bytes | str, metadata: dict[str, str],
    networks: str | list[servers.Network],
) -> None:
    opts = servers.CreateOpts(name=name, image_ref="img", flavor_ref="1", user_data=user_data,
                              metadata=metadata, networks=networks)
    body = json.loads(json.dumps(opts.to_server_create_map()))
    raw = user_data.encode() if isinstance(user_data, str) else user_data
    assert base64.b64decode(body["server"]["user_data"]) == raw
    assert body["server"]["metadata"] == metadata


@settings(max_examples=50, deadline=None)
@given(body=st.text(min_size=1, max_size=40))
def test_a_private_key_never_reaches_the_repr(body: str) -> None:
    private_key = f"-----BEGIN PRIVATE KEY-----{body}"
    keypair = keypairs.KeyPair.from_json({"name": "k", "private_key": private_key})
    assert keypair.private_key == private_key
    assert private_key not in repr(keypair)
