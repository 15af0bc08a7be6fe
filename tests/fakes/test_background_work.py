"""Background work that finishes on the fake clock shows in every service at once: a shelve
offload that is due unbinds the server's ports in Neutron, a reclaim that is due deletes
them, a build that has finished attaches its boot volume in Cinder, even when the next
request goes to Neutron or Cinder rather than to Nova."""

from __future__ import annotations

from typing import Any

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.compute.conftest import CIRROS


class _Api:
    """Raw calls as the demo user (the ports as the admin)."""

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.project_id = cloud.project_id("demo")
        self.token = cloud.identity.issue_token("demo", project="demo")
        self.admin_token = cloud.identity.issue_token("admin", project="admin")

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        resp = requests.request(method, self.cloud.base_url + path, json=body, timeout=10,
                                headers={"X-Auth-Token": self.token, **headers})
        assert resp.status_code < 300, resp.text
        return resp.json() if resp.content else None

    def boot(self, **server: Any) -> str:
        body = {"name": "web", "flavorRef": "1", "networks": "auto", **server}
        if "block_device_mapping_v2" not in server:
            body["imageRef"] = CIRROS
        made = self.call("POST", "/compute/v2.1/servers", {"server": body},
                         **{"OpenStack-API-Version": "compute 2.67"})
        server_id: str = made["server"]["id"]
        return server_id

    def ports_of(self, server_id: str) -> list[dict[str, Any]]:
        """The server's ports as an admin sees them (`binding:*` are admin-only)."""
        resp = requests.get(f"{self.cloud.base_url}/networking/v2.0/ports",
                            params={"device_id": server_id}, timeout=10,
                            headers={"X-Auth-Token": self.admin_token})
        assert resp.status_code == 200, resp.text
        found: list[dict[str, Any]] = resp.json()["ports"]
        return found

    def volume(self, volume_id: str) -> dict[str, Any]:
        found: dict[str, Any] = self.call(
            "GET", f"/volume/v3/{self.project_id}/volumes/{volume_id}")["volume"]
        return found


def test_a_shelve_offload_due_unbinds_the_port_in_neutron_first(cloud: FakeCloud) -> None:
    cloud.compute.set_shelved_offload_time(60)
    with cloud:
        api = _Api(cloud)
        server_id = api.boot()
        [bound] = api.ports_of(server_id)
        api.call("POST", f"/compute/v2.1/servers/{server_id}/action", {"shelve": None})
        cloud.clock.advance(61)
        [port] = api.ports_of(server_id)  # Nova has not been asked since the shelve
    assert bound["binding:host_id"] == "stackdouble-compute"
    assert port["binding:host_id"] == ""
    assert cloud.compute.servers[server_id].status == "SHELVED_OFFLOADED"


def test_a_reclaim_due_frees_the_ports_in_neutron_first(cloud: FakeCloud) -> None:
    cloud.compute.set_reclaim_instance_interval(600)
    with cloud:
        api = _Api(cloud)
        server_id = api.boot()
        api.call("DELETE", f"/compute/v2.1/servers/{server_id}")
        cloud.clock.advance(300)
        kept = api.ports_of(server_id)
        cloud.clock.advance(301)
        gone = api.ports_of(server_id)  # Nova has not been asked since the delete
    assert len(kept) == 1
    assert gone == []


def test_a_finished_boot_from_volume_shows_the_volume_in_use_in_cinder_first(
        cloud: FakeCloud) -> None:
    cloud.compute.set_build_time(30)
    with cloud:
        api = _Api(cloud)
        volume_id = cloud.block_storage.create_volume(
            cloud.block_storage.caller_for(api.project_id), size=1).id
        cloud.clock.advance(5)
        api.call("POST", f"/volume/v3/{api.project_id}/volumes/{volume_id}/action",
                 {"os-set_bootable": {"bootable": True}})
        server_id = api.boot(block_device_mapping_v2=[{
            "boot_index": 0, "uuid": volume_id, "source_type": "volume",
            "destination_type": "volume"}])
        assert api.volume(volume_id)["status"] in ("reserved", "attaching")
        cloud.clock.advance(31)
        volume = api.volume(volume_id)  # Nova has not been asked since
    assert volume["status"] == "in-use"
    assert [a["server_id"] for a in volume["attachments"]] == [server_id]
