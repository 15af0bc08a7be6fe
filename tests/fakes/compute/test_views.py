"""The fake's JSON has the keys and shapes of Nova's own (real and api-ref samples)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.fakes.compute.conftest import CIRROS, Nova

SAMPLES = Path(__file__).parents[2] / "client" / "compute" / "samples"


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / f"{name}.json").read_text())


def _shape(value: Any) -> Any:
    """Keys and value types, recursively (lists by their first item)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_flavor_detail_matches_the_real_nova_sample(nova: Nova) -> None:
    [real] = _sample("flavors-detail-real")["flavors"]
    [ours] = [f for f in nova.get("/flavors/detail").json()["flavors"] if f["id"] == "1"]
    assert _shape(ours) == _shape(real)
    assert {k: ours[k] for k in ("name", "ram", "disk", "swap", "vcpus", "rxtx_factor")} == {
        k: real[k] for k in ("name", "ram", "disk", "swap", "vcpus", "rxtx_factor")}


def test_server_at_2_73_has_the_sample_keys(nova: Nova, admin_nova: Nova) -> None:
    server_id = nova.create()  # on demo's `private`, as the sample's server
    ours = admin_nova.get(f"/servers/{server_id}", version="2.73").json()["server"]
    real = _sample("server-get-2.73")["server"]
    assert sorted(ours) == sorted(real)
    for key in ("flavor", "image", "links", "security_groups"):
        assert _shape(ours[key]) == _shape(real[key])
    assert _shape(ours["addresses"]["private"][0]) == _shape(real["addresses"]["private"][0])


def test_server_at_2_1_has_the_sample_keys(nova: Nova) -> None:
    ours = nova.get(f"/servers/{nova.create()}").json()["server"]
    real = _sample("server-get-2.1")["server"]
    assert set(real) <= set(ours)
    assert _shape(ours["flavor"]) == _shape(real["flavor"])


def test_create_image_and_keypair_answers_match_the_samples(nova: Nova) -> None:
    created = nova.post("/servers", {"server": {"name": "x", "flavorRef": "1",
                                                "imageRef": CIRROS}}).json()
    assert sorted(created["server"]) == sorted(_sample("server-create")["server"])
    keypair = nova.post("/os-keypairs", {"keypair": {"name": "k"}}, version="2.2").json()
    assert sorted(keypair["keypair"]) == sorted(_sample("keypair-create")["keypair"])
    shown = nova.get("/os-keypairs/k", version="2.2").json()
    assert sorted(shown["keypair"]) == sorted(_sample("keypair-get-2.2")["keypair"])
    listed = nova.get("/os-keypairs", version="2.2").json()
    assert _shape(listed) == _shape(_sample("keypairs-list-2.2"))
    image = nova.get(f"/images/{CIRROS}").json()["image"]
    assert set(_sample("image-get")["image"]) - set(image) == {"OS-DCF:diskConfig"}
