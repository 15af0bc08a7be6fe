"""Server tags (2.26) and instance actions of the fake Nova, against
`nova/api/openstack/compute/server_tags.py`, `instance_actions.py` and
`doc/api_samples/os-instance-actions/`."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud

from .conftest import Nova


def test_tags_crud_limits_and_filters(nova: Nova) -> None:
    nova.version = "2.26"
    a, b = nova.create("a"), nova.create("b")
    assert nova.call("PUT", f"/servers/{a}/tags/red").status_code == 201
    assert nova.call("PUT", f"/servers/{a}/tags/red").status_code == 204
    assert nova.get(f"/servers/{a}/tags/red").status_code == 204
    missing = nova.get(f"/servers/{a}/tags/blue")
    assert missing.json()["itemNotFound"]["message"] == f"Server {a} has no tag 'blue'"
    replaced = nova.call("PUT", f"/servers/{b}/tags", json={"tags": ["red", "blue"]})
    assert replaced.json() == {"tags": ["red", "blue"]}
    assert nova.call("PUT", f"/servers/{a}/tags/x,y").status_code == 400
    assert nova.call("PUT", f"/servers/{a}/tags/" + "x" * 61).status_code == 400
    too_many = nova.call("PUT", f"/servers/{a}/tags", json={"tags": [str(i) for i in range(51)]})
    assert too_many.status_code == 400
    def names(query: str) -> set[str]:
        return {s["name"] for s in nova.get(f"/servers?{query}").json()["servers"]}

    assert names("tags=red,blue") == {"b"}
    assert names("tags-any=red") == {"a", "b"}
    assert names("not-tags-any=blue") == {"a"}
    assert nova.call("DELETE", f"/servers/{b}/tags/blue").status_code == 204
    assert nova.call("DELETE", f"/servers/{b}/tags").status_code == 204
    assert nova.get(f"/servers/{b}/tags").json() == {"tags": []}
    assert nova.get(f"/servers/{a}/tags", version="2.25").status_code == 404


def test_tags_need_a_changeable_state(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create("a")
    cloud.compute.force_error(server)
    resp = nova.call("PUT", f"/servers/{server}/tags/red", version="2.26")
    assert resp.status_code == 409
    assert resp.json()["conflictingRequest"]["message"] == (
        f"Cannot 'update tag' instance {server} while it is in vm_state error")


def test_actions_record_request_ids_and_events(nova: Nova, admin_nova: Nova,
                                               cloud: FakeCloud) -> None:
    server = nova.create("a")
    stop = nova.action(server, {"os-stop": None})
    actions = nova.get(f"/servers/{server}/os-instance-actions").json()["instanceActions"]
    assert [a["action"] for a in actions] == ["stop", "create"]
    assert actions[0]["request_id"] == stop.headers["x-openstack-request-id"]
    assert actions[0]["message"] is None
    assert "updated_at" not in actions[0]
    rid = actions[0]["request_id"]
    mine = nova.get(f"/servers/{server}/os-instance-actions/{rid}").json()["instanceAction"]
    assert "events" not in mine
    member = nova.get(f"/servers/{server}/os-instance-actions/{rid}",
                      version="2.51").json()["instanceAction"]
    assert member["events"][0]["event"] == "compute_stop_instance"
    assert "traceback" not in member["events"][0]
    admin = admin_nova.get(f"/servers/{server}/os-instance-actions/{rid}",
                           version="2.62").json()["instanceAction"]
    event = admin["events"][0]
    assert (event["result"], event["traceback"], event["host"]) == (
        "Success", None, "stackdouble-compute")
    missing = nova.get(f"/servers/{server}/os-instance-actions/req-nope")
    assert missing.json()["itemNotFound"]["message"] == "Action req-nope not found"


def test_events_finish_on_the_fake_clock(nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.set_action_time(30)
    server = nova.create("a")
    nova.action(server, {"reboot": {"type": "SOFT"}})
    rid = nova.get(f"/servers/{server}/os-instance-actions").json()["instanceActions"][0][
        "request_id"]
    def shown() -> dict[str, object]:
        event: dict[str, object] = nova.get(f"/servers/{server}/os-instance-actions/{rid}",
                                            version="2.51").json()["instanceAction"]["events"][0]
        return event

    assert (shown()["finish_time"], shown()["result"]) == (None, None)
    cloud.clock.advance(30)
    assert shown()["result"] == "Success"


def test_paging_and_changes_since(nova: Nova, cloud: FakeCloud) -> None:
    nova.version = "2.66"
    server = nova.create("a", networks="none")
    cloud.clock.advance(10)
    for body in ({"lock": None}, {"unlock": None}, {"os-stop": None}):
        nova.action(server, body)
        cloud.clock.advance(10)
    page = nova.get(f"/servers/{server}/os-instance-actions?limit=2").json()
    assert [a["action"] for a in page["instanceActions"]] == ["stop", "unlock"]
    nxt = page["links"][0]["href"]
    assert "marker=" in nxt
    assert "limit=2" in nxt
    rest = nova.http.get(nxt, headers=nova.headers()).json()["instanceActions"]
    assert [a["action"] for a in rest] == ["lock", "create"]
    created = rest[1]["updated_at"]
    recent = nova.get(f"/servers/{server}/os-instance-actions",
                      params={"changes-since": rest[0]["start_time"]}).json()
    assert [a["action"] for a in recent["instanceActions"]] == ["stop", "unlock", "lock"]
    old = nova.get(f"/servers/{server}/os-instance-actions",
                   params={"changes-before": created}).json()["instanceActions"]
    assert [a["action"] for a in old] == ["create"]
    bad = nova.get(f"/servers/{server}/os-instance-actions?marker=req-x")
    assert bad.status_code == 400
    assert nova.get(f"/servers/{server}/os-instance-actions?foo=1").status_code == 400


def test_deleted_servers_actions_from_221(nova: Nova) -> None:
    server = nova.create("a")
    nova.call("DELETE", f"/servers/{server}")
    assert nova.get(f"/servers/{server}/os-instance-actions").status_code == 404
    later = nova.get(f"/servers/{server}/os-instance-actions", version="2.21").json()
    assert [a["action"] for a in later["instanceActions"]] == ["delete", "create"]
