"""The other server actions of the fake Nova: `os-resetState`, `injectNetworkInfo`,
`resetNetwork` (`admin_actions.py`), `trigger_crash_dump` (`servers.py`), `createBackup`
(`create_backup.py`), `lock` (`lock_server.py`, `API.lock`) and the consoles
(`console_output.py`, `remote_consoles.py`)."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud

from .conftest import Nova


def test_reset_state_is_for_admins_and_records_an_action(nova: Nova, admin_nova: Nova,
                                                         cloud: FakeCloud) -> None:
    server = nova.create()
    refused = nova.action(server, {"os-resetState": {"state": "error"}})
    assert refused.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed.")
    bad = admin_nova.action(server, {"os-resetState": {"state": "stopped"}})
    assert bad.status_code == 400
    assert admin_nova.action(server, {"os-resetState": {"state": "error"}}).status_code == 202
    assert cloud.compute.server_status(server) == "ERROR"
    listed = admin_nova.get(f"/servers/{server}/os-instance-actions").json()
    latest = listed["instanceActions"][0]
    assert latest["action"] == "resetState"
    shown = admin_nova.get(f"/servers/{server}/os-instance-actions/{latest['request_id']}")
    assert shown.json()["instanceAction"]["events"] == []


def test_reset_state_drops_what_was_in_progress(nova: Nova, admin_nova: Nova,
                                                cloud: FakeCloud) -> None:
    cloud.compute.set_action_time(60)
    server = nova.create()
    cloud.clock.advance(60)
    nova.action(server, {"os-stop": None})
    assert cloud.compute.server_status(server) == "ACTIVE"  # powering-off
    admin_nova.action(server, {"os-resetState": {"state": "active"}})
    cloud.clock.advance(60)
    shown = admin_nova.get(f"/servers/{server}").json()["server"]
    assert (shown["status"], shown["OS-EXT-STS:task_state"]) == ("ACTIVE", None)


def test_inject_network_info_and_reset_network(nova: Nova, admin_nova: Nova) -> None:
    server = nova.create()
    assert nova.action(server, {"injectNetworkInfo": None}).status_code == 403
    assert admin_nova.action(server, {"injectNetworkInfo": None}).status_code == 202
    gone = admin_nova.action(server, {"resetNetwork": None})
    assert gone.status_code == 410
    assert gone.json() == {"computeFault": {
        "code": 410,
        "message": "This resource is no longer available.  No forwarding address is given."}}


def test_trigger_crash_dump_from_2_17(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create()
    assert nova.action(server, {"trigger_crash_dump": None}, version="2.16").status_code == 404
    assert nova.action(server, {"trigger_crash_dump": None}, version="2.17").status_code == 202
    nova.action(server, {"os-stop": None})
    stopped = nova.action(server, {"trigger_crash_dump": None}, version="2.17")
    assert stopped.json()["conflictingRequest"]["message"] == (
        f"Cannot 'trigger_crash_dump' instance {server} while it is in vm_state stopped")
    actions = nova.get(f"/servers/{server}/os-instance-actions").json()["instanceActions"]
    assert [a["action"] for a in actions][:2] == ["stop", "trigger_crash_dump"]


def test_create_backup_answers_by_microversion(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create()
    body = {"createBackup": {"name": "nightly", "backup_type": "daily", "rotation": 2}}
    old = nova.action(server, body)
    assert old.status_code == 202
    assert old.headers["Location"].startswith(cloud.base_url + "/compute/v2.1/images/")
    image_id = old.headers["Location"].rsplit("/", 1)[1]
    image = cloud.image.images[image_id]
    assert (image.name, image.properties["image_type"],
            image.properties["backup_type"]) == ("nightly", "backup", "daily")
    no_rotation = nova.action(server, {"createBackup": {**body["createBackup"],
                                                        "rotation": 0}})
    assert "Location" not in no_rotation.headers
    new = nova.action(server, body, version="2.45")
    assert set(new.json()) == {"image_id"}


def test_create_backup_rotation_deletes_the_oldest(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create()
    made = []
    for name in ("b1", "b2", "b3"):
        answer = nova.action(server, {"createBackup": {
            "name": name, "backup_type": "weekly", "rotation": "2"}}, version="2.45")
        made.append(answer.json()["image_id"])
    left = {i for i in made if i in cloud.image.images
            and cloud.image.images[i].status != "deleted"}
    assert left == set(made[1:])


def test_create_backup_refusals(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create()
    bad = nova.action(server, {"createBackup": {"name": "b", "backup_type": "daily",
                                                "rotation": -1}})
    assert bad.status_code == 400
    cloud.compute.force_error(server)
    error = nova.action(server, {"createBackup": {"name": "b", "backup_type": "daily",
                                                  "rotation": 1}})
    assert error.json()["conflictingRequest"]["message"] == (
        f"Cannot 'createBackup' instance {server} while it is in vm_state error")


def test_locking_a_locked_server_keeps_the_first_reason(nova: Nova) -> None:
    server = nova.create()
    nova.action(server, {"lock": {"locked_reason": "first"}}, version="2.73")
    assert nova.action(server, {"lock": {"locked_reason": "second"}},
                       version="2.73").status_code == 202
    shown = nova.get(f"/servers/{server}", version="2.73").json()["server"]
    assert (shown["locked"], shown["locked_reason"]) == (True, "first")
    actions = nova.get(f"/servers/{server}/os-instance-actions").json()["instanceActions"]
    assert [a["action"] for a in actions] == ["lock", "create"]


def test_console_output_keeps_the_last_lines(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create("web")
    whole = nova.action(server, {"os-getConsoleOutput": {}}).json()["output"]
    lines = whole.split("\n")
    assert lines[-1] == "web login: "
    assert f"iid={server}" in whole
    two = nova.action(server, {"os-getConsoleOutput": {"length": "2"}}).json()["output"]
    assert two.split("\n") == lines[-2:]
    assert nova.action(server, {"os-getConsoleOutput": {"length": 0}}).json() == {"output": ""}
    minus_one = nova.action(server, {"os-getConsoleOutput": {"length": -1}}).json()["output"]
    assert minus_one.split("\n") == lines[1:]  # `_tail_log`'s [-(-1):]
    assert nova.action(server, {"os-getConsoleOutput": {"length": -2}}).status_code == 400


def test_console_output_needs_a_host(nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.set_build_time(30)
    server = nova.create()
    building = nova.action(server, {"os-getConsoleOutput": {}})
    assert building.json()["conflictingRequest"]["message"] == f"Instance {server} is not ready"


def test_remote_console_urls_and_refusals(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create()
    path = f"/servers/{server}/remote-consoles"

    def ask(protocol: str, kind: str, version: str = "2.8") -> dict[str, object]:
        answer = nova.post(path, {"remote_console": {"protocol": protocol, "type": kind}},
                           version=version)
        return dict(answer.json())

    vnc = ask("vnc", "novnc")["remote_console"]
    assert isinstance(vnc, dict)
    assert vnc["url"].startswith(cloud.base_url + "/vnc_lite.html?path=%3Ftoken%3D")
    assert ask("spice", "spice-html5") == {"badRequest": {
        "code": 400, "message": "Unavailable console type spice-html5."}}
    assert ask("vnc", "xvpvnc") == {"badRequest": {
        "code": 400, "message": "Invalid console type xvpvnc"}}
    assert ask("rdp", "rdp-html5") == {"badRequest": {
        "code": 400, "message": "Unavailable console type rdp."}}
    assert "badRequest" in ask("mks", "webmks", version="2.7")  # mks arrived in 2.8
    cloud.compute.set_consoles({"vnc", "serial"})
    serial = ask("serial", "serial")["remote_console"]
    assert isinstance(serial, dict)
    assert serial["url"].startswith("ws://")
    assert nova.post(path, {"remote_console": {"protocol": "vnc", "type": "novnc"}},
                     version="2.5").status_code == 404


def test_legacy_console_actions_until_2_5(nova: Nova, cloud: FakeCloud) -> None:
    server = nova.create()
    vnc = nova.action(server, {"os-getVNCConsole": {"type": "novnc"}}, version="2.5")
    assert vnc.json()["console"]["type"] == "novnc"
    assert nova.action(server, {"os-getVNCConsole": {"type": "novnc"}},
                       version="2.6").status_code == 404
    assert nova.action(server, {"os-getRDPConsole": {"type": "rdp-html5"}}).status_code == 400
    spice = nova.action(server, {"os-getSPICEConsole": {"type": "spice-html5"}})
    assert spice.json()["badRequest"]["message"] == "Unavailable console type spice-html5."


def test_extensions_are_still_listed(nova: Nova) -> None:
    listed = nova.get("/extensions").json()["extensions"]
    assert len(listed) == 99  # `EXTENSION_LIST` of extension_info.py
    assert {"alias": "OS-DCF", "description": "Disk Management Extension.", "links": [],
            "name": "DiskConfig", "namespace": "http://docs.openstack.org/compute/ext/fake_xml",
            "updated": "2014-12-03T00:00:00Z"} in listed
    assert nova.get("/extensions/os-shelve").json()["extension"]["name"] == "Shelve"
    missing = nova.get("/extensions/nope")
    assert missing.json() == {"itemNotFound": {"code": 404,
                                               "message": "The resource could not be found."}}
