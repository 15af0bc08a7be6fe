"""The fake Cinder served over HTTP: the client follows next links that route back to the
server, attaches a volume through the served Nova, and `stackdouble serve --volumes N`
starts with volumes."""

from __future__ import annotations

import io
import threading

from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_block_storage_v3,
    new_compute_v2,
)
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.client.openstack.compute.v2.extensions import volumeattach
from stackdouble.fakes import FakeCloud


def test_the_client_pages_and_attaches_through_the_served_fake() -> None:
    cloud = FakeCloud(seed=11)
    demo = cloud.project_id("demo")
    made = cloud.block_storage.create_volumes(demo, 5)
    server_id = cloud.compute.create_server(demo, name="app").uuid
    with cloud.serve() as served:
        provider = authenticated_client(auth_options_from_env(cloud.os_environ()))
        block_storage = new_block_storage_v3(provider)
        assert block_storage.endpoint == f"{served.url}/volume/v3/{demo}/"
        pager = volumes.list(block_storage, volumes.ListOpts(limit=2, sort="name:asc"))
        names = [v.name for v in pager.items()]
        compute = new_compute_v2(provider).with_microversion("2.79")
        attached = volumeattach.create(compute, server_id,
                                       volumeattach.CreateOpts(volume_id=made[0].id)).extract()
        volume = volumes.get(block_storage, made[0].id).extract()
    assert names == [f"volume-{n}" for n in range(1, 6)]
    assert attached.device == "/dev/vdb"
    assert (volume.status, volume.attachments[0].server_id) == ("in-use", server_id)


def test_stackdouble_serve_can_start_with_volumes() -> None:
    from stackdouble import cli

    assert cli.build_parser().parse_args(["serve", "--volumes", "3"]).volumes == 3
    assert cli.main(["serve", "--volumes", "-1"]) == 2
    stop = threading.Event()
    stop.set()
    out = io.StringIO()
    assert cli.serve(port=0, seed=1, volumes=3, out=out, stop_event=stop) == 0
    assert "fake cloud serving at" in out.getvalue()
