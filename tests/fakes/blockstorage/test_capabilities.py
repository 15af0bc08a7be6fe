"""The fake Cinder's backend capabilities and extension list, as Cinder 29 answers them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.blockstorage.conftest import Cinder, fault

_STANDARD = {
    "thin_provisioning": {"title": "Thin Provisioning", "description": "Sets thin provisioning.",
                          "type": "boolean"},
    "compression": {"title": "Compression", "description": "Enables compression.",
                    "type": "boolean"},
    "qos": {"title": "QoS", "description": "Enables QoS.", "type": "boolean"},
    "replication_enabled": {"title": "Replication", "description": "Enables replication.",
                            "type": "boolean"},
}


@pytest.mark.parametrize("host", ["stackdouble@lvmdriver-1", "stackdouble",
                                  "stackdouble%40lvmdriver-1"])
def test_the_volume_backend_answers_as_devstacks_lvm(admin_cinder: Cinder, host: str) -> None:
    resp = admin_cinder.get(f"/capabilities/{host}")
    assert resp.status_code == 200
    assert resp.json() == {
        "namespace": "OS::Storage::Capabilities::stackdouble@lvmdriver-1",
        "vendor_name": "Open Source", "volume_backend_name": "lvmdriver-1",
        "pool_name": None, "driver_version": "3.0.0", "storage_protocol": "iSCSI",
        "display_name": None, "description": None, "visibility": None,
        "replication_targets": [], "properties": _STANDARD}


@pytest.mark.parametrize("host", ["nosuch@host", "stackdouble@", "stack",
                                  "stackdouble@lvmdriver-1%23lvmdriver-1"])
def test_a_host_without_a_volume_service_is_404(admin_cinder: Cinder, host: str) -> None:
    resp = admin_cinder.get(f"/capabilities/{host}")
    shown = host.replace("%23", "#")
    assert resp.json() == fault("itemNotFound", 404, f"Can't find service: {shown}")


def test_a_member_is_refused_before_the_host_is_looked_up(cinder: Cinder) -> None:
    for host in ("stackdouble@lvmdriver-1", "nosuch"):
        assert cinder.get(f"/capabilities/{host}").json() == fault(
            "forbidden", 403,
            "Policy doesn't allow volume_extension:capabilities to be performed.")


def test_any_user_lists_the_32_extensions_cinder_29_loads(cinder: Cinder) -> None:
    recorded = Path(__file__).parents[3] / "stackdouble/fakes/blockstorage/data/extensions.json"
    resp = cinder.get("/extensions", version="3.71")
    assert resp.status_code == 200
    assert resp.json()["extensions"] == json.loads(recorded.read_text())["extensions"]
    assert len(resp.json()["extensions"]) == 32


def test_one_extension_by_alias(cinder: Cinder) -> None:
    assert cinder.get("/extensions/capabilities").json() == {"extension": {
        "name": "Capabilities", "alias": "capabilities", "description": "Capabilities support.",
        "updated": "2015-08-31T00:00:00+00:00", "links": []}}


def test_an_unknown_alias_is_the_bare_404(cinder: Cinder) -> None:
    assert cinder.get("/extensions/nosuch").json() == fault(
        "itemNotFound", 404, "The resource could not be found.")
