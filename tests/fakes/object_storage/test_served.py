"""The fake Swift over a real socket (`cloud.serve()`), driven by the client."""

from __future__ import annotations

from stackdouble.client import Unauthorized
from stackdouble.client.openstack import authenticated_client, new_object_storage_v1
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.fakes import FakeCloud


def test_the_served_fake_stores_lists_and_serves_objects() -> None:
    cloud = FakeCloud(seed=5)
    with cloud.serve() as served:
        storage = new_object_storage_v1(authenticated_client(cloud.auth_options()))
        assert storage.resource_base_url().startswith(served.url + "/object-store/v1/AUTH_")
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
