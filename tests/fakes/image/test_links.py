"""The cloud's `images` link as the fake Glance provides it: what Nova and Cinder read and
ask of Glance, with Glance's visibility and refusals."""

from __future__ import annotations

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.image.links import SNAPSHOT_SIZE, GlanceImages
from stackdouble.fakes.links import (
    ImageFilters,
    LinkForbidden,
    LinkNotFound,
    LinkRefused,
    SnapshotRequest,
)
from tests.fakes.image.conftest import CIRROS


@pytest.fixture
def demo(cloud: FakeCloud) -> Caller:
    """A caller in the demo project."""
    return cloud.image.caller_for(cloud.project_id("demo"))


def test_the_image_service_provides_the_images_link(cloud: FakeCloud, demo: Caller) -> None:
    link = cloud.links.images
    assert isinstance(link, GlanceImages)
    cirros = link.get(demo, CIRROS)
    assert cirros is not None
    assert (cirros.name, cirros.disk_format, cirros.owner) == (
        "cirros-0.6.2-x86_64-disk", "qcow2", cloud.project_id("admin"))
    assert [i.id for i in link.named(demo, "cirros-0.6.2-x86_64-disk")] == [CIRROS]


def test_the_link_sees_what_the_caller_sees(cloud: FakeCloud, demo: Caller) -> None:
    admin = cloud.image.caller_for(cloud.project_id("admin"), is_admin=True)
    private = cloud.image.create_image(admin, name="secret", visibility="private")
    assert cloud.links.images.get(demo, private.id) is None
    assert cloud.links.images.get(admin, private.id) is not None


def test_list_images_filters_and_pages_as_glance(cloud: FakeCloud, demo: Caller) -> None:
    link = cloud.links.images
    made = []
    for n in range(3):
        made.append(cloud.image.create_image(demo, name="snap", min_ram=n,
                                             properties={"image_type": "snapshot"}))
        cloud.clock.advance(1)
    wanted = ImageFilters(image_type="snapshot", min_ram=1)
    first = link.list_images(demo, wanted, limit=1, marker=None)
    rest = link.list_images(demo, wanted, limit=5, marker=first[0].id)
    assert [i.id for i in first + rest] == [made[2].id, made[1].id]
    with pytest.raises(LinkRefused, match="No image found with ID nope"):
        link.list_images(demo, ImageFilters(), limit=1, marker="nope")


def test_a_snapshot_is_queued_until_its_upload_time(cloud: FakeCloud, demo: Caller) -> None:
    link = cloud.links.images
    request = SnapshotRequest(name="snap", owner=demo.project_id,
                              properties={"image_type": "snapshot"}, min_disk=1,
                              virtual_size=1 << 30, ready_at=cloud.clock.time() + 10)
    made = link.create_snapshot(demo, request)
    assert (made.status, made.size) == ("queued", None)
    assert cloud.image.images[made.id].visibility == "private"
    cloud.clock.advance(10)
    ready = link.get(demo, made.id)
    assert ready is not None
    assert (ready.status, ready.size, ready.checksum is not None) == ("active", SNAPSHOT_SIZE,
                                                                     True)
    assert cloud.image.images[made.id].virtual_size == 1 << 30


def test_a_snapshot_for_another_project_is_refused(cloud: FakeCloud, demo: Caller) -> None:
    request = SnapshotRequest(name="snap", owner=cloud.project_id("admin"), properties={})
    with pytest.raises(LinkForbidden, match="create images owned by"):
        cloud.links.images.create_snapshot(demo, request)


def test_delete_now_or_later_with_glances_refusals(cloud: FakeCloud, demo: Caller) -> None:
    link = cloud.links.images
    now = cloud.image.create_image(demo, name="now")
    later = cloud.image.create_image(demo, name="later")
    link.delete(demo, now.id)
    link.delete(demo, later.id, at=cloud.clock.time() + 5)
    assert link.get(demo, now.id) is None
    assert link.get(demo, later.id) is not None
    cloud.clock.advance(5)
    assert link.get(demo, later.id) is None
    with pytest.raises(LinkNotFound):
        link.delete(demo, now.id)
    with pytest.raises(LinkForbidden, match="delete_image"):
        link.delete(demo, CIRROS)
