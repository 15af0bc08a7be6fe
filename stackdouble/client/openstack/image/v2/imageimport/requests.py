"""Glance's interoperable image import: the methods offered, and starting an import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.image.v2.imageimport import urls
from stackdouble.client.openstack.image.v2.imageimport.results import CreateResult, GetResult

__all__ = [
    "COPY_IMAGE_METHOD",
    "GLANCE_DIRECT_METHOD",
    "WEB_DOWNLOAD_METHOD",
    "CreateOpts",
    "CreateOptsBuilder",
    "create",
    "get",
]

#: Import data staged with `imagedata.stage`.
GLANCE_DIRECT_METHOD = "glance-direct"
#: Glance fetches the data from a URL itself.
WEB_DOWNLOAD_METHOD = "web-download"
#: Copy an active image's data to more stores (multi-store clouds).
COPY_IMAGE_METHOD = "copy-image"


def get(client: ServiceClient) -> GetResult:
    """The import methods the cloud offers (`GET /v2/info/import`).

    Example:
        >>> from stackdouble.client.openstack.image.v2 import imageimport
        >>> info = imageimport.get(image_client).extract()
        >>> list(info.import_methods.value)
        ['glance-direct', 'web-download']
    """
    return GetResult.request(client, "GET", urls.info_url(client), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `imageimport.create`."""

    def to_import_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """How to import: the method's `name`, the `uri` for `web-download`, and in a
    multi-store cloud the `stores` (or `all_stores`) to import to.

    Example:
        >>> CreateOpts(name=WEB_DOWNLOAD_METHOD,
        ...            uri="https://download.cirros-cloud.net/0.6.3/cirros.img"
        ...            ).to_import_create_map()  # doctest: +NORMALIZE_WHITESPACE
        {'method': {'name': 'web-download',
                    'uri': 'https://download.cirros-cloud.net/0.6.3/cirros.img'}}
    """

    name: str
    uri: str | None = None
    stores: Sequence[str] | None = None
    all_stores: bool | None = None
    all_stores_must_succeed: bool | None = None

    def to_import_create_map(self) -> dict[str, Any]:
        """The body of `POST /v2/images/{image_id}/import`.

        Raises:
            InvalidInput: `web-download` without a `uri`, a `uri` for another method, or
                `stores` with `all_stores`.
        """
        if self.name == WEB_DOWNLOAD_METHOD and not self.uri:
            raise InvalidInput("web-download needs the uri to fetch", "uri")
        if self.uri is not None and self.name != WEB_DOWNLOAD_METHOD:
            raise InvalidInput(f"{self.name} takes no uri (only web-download does)", "uri")
        if self.stores is not None and self.all_stores:
            raise InvalidInput("stores and all_stores exclude each other", "stores")
        method: dict[str, Any] = {"name": self.name}
        if self.uri is not None:
            method["uri"] = self.uri
        body: dict[str, Any] = {"method": method}
        if self.stores is not None:
            body["stores"] = [str(store) for store in self.stores]
        if self.all_stores is not None:
            body["all_stores"] = self.all_stores
        if self.all_stores_must_succeed is not None:
            body["all_stores_must_succeed"] = self.all_stores_must_succeed
        return body


def create(client: ServiceClient, image_id: str, opts: CreateOptsBuilder) -> CreateResult:
    """Start importing an image's data (`POST /v2/images/{image_id}/import`, 202).

    For `glance-direct`, stage the data first (`imagedata.stage`; importing an unstaged
    image is a 409 Conflict). The import runs in the background: the image goes
    `importing`, then `active`; wait with `images.wait_for_status`. A method the cloud does
    not offer, or a `web-download` URI its filters refuse, is a 400 BadRequest; an image
    that is already active is a 409 Conflict.

    Example:
        >>> from stackdouble.client.openstack.image.v2 import imagedata, imageimport
        >>> imagedata.stage(image_client, image_id, b"disk bytes").extract_err()
        >>> imageimport.create(image_client, image_id, imageimport.CreateOpts(
        ...     name=imageimport.GLANCE_DIRECT_METHOD)).extract_err()
    """
    try:
        body = opts.to_import_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.import_url(client, image_id), json=body,
                                ok_codes=(202,))
