"""The imageimport package against real Glance 33 answers: discovery and glance-direct."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Conflict, InvalidInput, ServiceClient
from stackdouble.client.openstack.image.v2 import imageimport
from tests.client.image.samples import load
from tests.client.image.support import register, sent_json

STAGED_ID = load("stage-204")["request"]["path"].split("/")[2]
GLANCE_DIRECT = imageimport.CreateOpts(name=imageimport.GLANCE_DIRECT_METHOD)


def test_get_lists_the_import_methods(mock: responses.RequestsMock,
                                      image_client: ServiceClient) -> None:
    register(mock, "import-info")
    info = imageimport.get(image_client).extract()
    assert list(info.import_methods.value) == ["glance-direct", "web-download"]
    assert (info.import_methods.type, info.import_methods.description) == (
        "array", "Import methods available.")


def test_create_starts_a_glance_direct_import(mock: responses.RequestsMock,
                                              image_client: ServiceClient) -> None:
    register(mock, "import-202")
    imageimport.create(image_client, STAGED_ID, GLANCE_DIRECT).extract_err()
    assert sent_json(mock.calls[0]) == {"method": {"name": "glance-direct"}}


def test_importing_unstaged_data_is_a_conflict(mock: responses.RequestsMock,
                                               image_client: ServiceClient) -> None:
    register(mock, "error-409-import-unstaged")
    with pytest.raises(Conflict) as caught:
        imageimport.create(image_client, STAGED_ID, GLANCE_DIRECT).extract_err()
    assert "needs to be staged" in str(caught.value)


def test_web_download_needs_a_uri(mock: responses.RequestsMock,
                                  image_client: ServiceClient) -> None:
    result = imageimport.create(image_client, STAGED_ID, imageimport.CreateOpts(
        name=imageimport.WEB_DOWNLOAD_METHOD))
    with pytest.raises(InvalidInput) as caught:
        result.extract_err()
    assert caught.value.field == "uri"


def test_stores_go_beside_the_method() -> None:
    opts = imageimport.CreateOpts(name=imageimport.COPY_IMAGE_METHOD, stores=["fast"],
                                  all_stores_must_succeed=False)
    assert opts.to_import_create_map() == {"method": {"name": "copy-image"},
                                           "stores": ["fast"],
                                           "all_stores_must_succeed": False}
