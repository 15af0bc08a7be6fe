"""The fake Cinder (Block Storage API v3, microversions 3.0–3.71), at `{base}/volume`.

`BlockStorageService` plugs the routes into the cloud's app; the state and the Python
control API live in `BlockStorageModel`, which the cloud exposes as `cloud.block_storage`.
It provides the cloud's `volumes` link (`stackdouble.fakes.links`), through which the fake
Nova attaches, lists and detaches volumes, so a volume attached through Nova shows on both
sides:

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=5) as cloud:
    ...     demo = cloud.project_id("demo")
    ...     token = cloud.identity.issue_token("demo", project="demo")
    ...     volumes = f"{cloud.base_url}/volume/v3/{demo}/volumes"
    ...     created = requests.post(volumes, json={"volume": {"size": 1, "name": "data"}},
    ...                             headers={"X-Auth-Token": token})
    ...     shown = requests.get(f"{volumes}/{created.json()['volume']['id']}",
    ...                          headers={"X-Auth-Token": token,
    ...                                   "OpenStack-API-Version": "volume 3.60"})
    >>> created.status_code, created.json()["volume"]["status"]
    (202, 'creating')
    >>> shown.json()["volume"]["status"], shown.headers["OpenStack-API-Version"]
    ('available', 'volume 3.60')
    >>> shown.headers["x-openstack-request-id"].startswith("req-")
    True

Errors are Cinder's: an unknown volume is `{"itemNotFound": {"code": 404, "message":
"Volume <id> could not be found."}}`, and a marker that is not a volume is that same 404
(Nova answers 400).
"""

from __future__ import annotations

from stackdouble.fakes.blockstorage.errors import cinder_fault
from stackdouble.fakes.blockstorage.handlers import MICROVERSION_KEY
from stackdouble.fakes.blockstorage.links import CinderVolumes
from stackdouble.fakes.blockstorage.models import (
    Attachment,
    Backup,
    BlockStorageModel,
    Snapshot,
    SnapshotFilters,
    Volume,
    VolumeFilters,
    VolumeType,
)
from stackdouble.fakes.blockstorage.urls import build_router
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.links import Links
from stackdouble.fakes.model_service import ModelService

__all__ = [
    "Attachment",
    "Backup",
    "BlockStorageModel",
    "BlockStorageService",
    "Snapshot",
    "SnapshotFilters",
    "Volume",
    "VolumeFilters",
    "VolumeType",
]


class BlockStorageService(ModelService[BlockStorageModel]):
    """Cinder at `{base}/volume`, with Cinder's envelopes and headers.

    Attributes:
        model: The `BlockStorageModel` (also `cloud.block_storage`), rebuilt by `reset`.
    """

    name = "block-storage"
    model_class = BlockStorageModel
    cloud_attribute = "block_storage"
    route_table = staticmethod(build_router)
    prefix = "/volume"

    def provide(self, links: Links) -> None:
        """The cloud's `volumes` link: Nova attaches, lists and detaches volumes through
        it (`blockstorage/links.py`)."""
        links.volumes = CinderVolumes(self)


    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """Cinder's fault envelope."""
        return cinder_fault(status, message)

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """The request id on every response (also as `x-compute-request-id` unless the body
        is webob's empty HTML); the microversion echoed, with `Vary`, once the request's
        microversion was read (the root document included)."""
        if resp.header("Content-Type") is None:
            resp.headers.insert(0, ("Content-Type", "application/json"))
        version = req.environ.get(MICROVERSION_KEY)
        if version is not None:
            resp.headers.append(("OpenStack-API-Version", f"volume {version[0]}.{version[1]}"))
            resp.headers.append(("Vary", "OpenStack-API-Version"))
        if not (resp.header("Content-Type") or "").startswith("text/html"):
            # Cinder's serialized answers (faults too) repeat the id under Nova's old name;
            # a bare webob Response (a delete's 202) does not (real Cinder 29)
            resp.headers.append(("x-compute-request-id", req.request_id))
        resp.headers.append(("x-openstack-request-id", req.request_id))
