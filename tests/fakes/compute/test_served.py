"""The fake Nova served over HTTP: the client walks pages whose next links route back."""

from __future__ import annotations

from stackdouble.client.openstack import auth_options_from_env, authenticated_client, new_compute_v2
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.fakes import FakeCloud


def test_the_client_pages_through_the_served_fake() -> None:
    cloud = FakeCloud(seed=11)
    demo = cloud.project_id("demo")
    cloud.compute.create_servers(demo, 5)
    with cloud.serve() as served:
        provider = authenticated_client(auth_options_from_env(cloud.os_environ()))
        compute = new_compute_v2(provider)
        assert compute.endpoint == served.url + "/compute/v2.1/"
        pager = servers.list(compute, servers.ListOpts(limit=2))
        names = [s.name for s in pager.items()]
    assert names == [f"server-{n}" for n in range(5, 0, -1)]


def test_stackdouble_serve_can_start_with_servers() -> None:
    import io
    import threading

    from stackdouble import cli

    assert cli.build_parser().parse_args(["serve", "--servers", "3"]).servers == 3
    stop = threading.Event()
    stop.set()
    out = io.StringIO()
    assert cli.serve(port=0, seed=1, servers=3, out=out, stop_event=stop) == 0
    assert "fake cloud serving at" in out.getvalue()
