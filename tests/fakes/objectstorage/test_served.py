"""The fake Swift over a real socket (`cloud.serve()`), driven by the client."""

from __future__ import annotations

from urllib.parse import urljoin

import requests

from stackdouble.client import Unauthorized
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.fakes import FakeCloud


def test_the_served_fake_stores_lists_and_serves_objects() -> None:
    cloud = FakeCloud(seed=5)
    with cloud.serve() as served:
        opts = auth_options_from_env(cloud.os_environ())
        storage = new_object_storage_v1(authenticated_client(opts))
        assert storage.resource_base_url().startswith(served.url + "/v1/AUTH_")
        containers.create(storage, "c").extract()
        uploaded = objects.create(storage, "c", "été/1", iter([b"chunk ", b"by chunk"]))
        assert uploaded.extract().etag is not None
        for i in range(5):
            objects.create(storage, "c", f"n{i}", b"x" * i).extract()
        names = list(objects.list(storage, "c", objects.ListOpts(limit=2)).items())
        assert names == ["n0", "n1", "n2", "n3", "n4", "été/1"]
        rows = list(objects.list(storage, "c", objects.ListOpts(full=True, limit=4)).items())
        assert [r.bytes for r in rows] == [0, 1, 2, 3, 4, 14]
        assert objects.download(storage, "c", "été/1").extract_content() == b"chunk by chunk"
        storage.provider.set_token("not-a-token")
        storage.provider.reauth_func = None
        err = containers.get(storage, "c").err
        assert isinstance(err, Unauthorized)
        assert str(err.request_id).startswith("tx")


def test_swift_capabilities_at_the_proxy_root_of_the_served_fake() -> None:
    """`swift capabilities <proxy URL>` (python-swiftclient's `get_capabilities(url)`) and
    swiftclient before 3.10 GET `/info` at the root of the storage URL's host."""
    cloud = FakeCloud(seed=5)
    with cloud.serve() as served, requests.Session() as http:
        http.trust_env = False
        login = http.get(served.url + "/auth/v1.0",
                         headers={"X-Auth-User": "demo:demo", "X-Auth-Key": "demo-secret"})
        storage_url = login.headers["X-Storage-Url"]
        assert storage_url.startswith(served.url + "/v1/AUTH_")
        info_url = urljoin(storage_url, "/info")
        assert info_url == served.url + "/info"
        resp = http.get(info_url, headers={"Accept-Encoding": "gzip"})
        assert resp.status_code == 200
        assert resp.headers["Content-Type"] == "application/json; charset=UTF-8"
        assert resp.json() == http.get(served.url + "/info").json()
        assert resp.json()["swift"]["version"] == "2.38.3"
