"""Swift's errors reach the user typed, with Swift's transaction id as `request_id`."""

from __future__ import annotations

import pickle

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    Forbidden,
    HTTPError,
    PreconditionFailed,
    ServiceClient,
    Unauthorized,
    UnexpectedStatus,
)
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import reply, sent
from tests.client.objectstorage.samples import ACCOUNT, APPLE


def _transaction_id(err: HTTPError, cloud: FakeCloud) -> None:
    assert err.request_id == sent(cloud).request_id
    assert str(err.request_id).startswith("tx")
    assert str(err.request_id) in str(err)


def test_a_refused_token_is_unauthorized_with_swifts_message(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    storage.provider.set_token("not-a-token")
    storage.provider.reauth_func = None
    with pytest.raises(Unauthorized) as caught:
        list(objects.list(storage, samples).items())
    err = caught.value
    _transaction_id(err, cloud)
    assert err.fault is not None
    assert err.fault.startswith("Unauthorized This server could not verify")


def test_another_projects_account_is_forbidden(cloud: FakeCloud, samples: str) -> None:
    admin_opts = auth_options_from_env(cloud.os_environ(user="admin"))
    admin = new_object_storage_v1(authenticated_client(admin_opts))
    demo_url = f"{cloud.base_url}/v1/AUTH_{cloud.project_id('demo')}/"
    intruder = ServiceClient(admin.provider, demo_url, type="object-store")
    with pytest.raises(Forbidden) as caught:
        objects.download(intruder, samples, "apple").extract_content()
    _transaction_id(caught.value, cloud)


def test_a_limit_above_swifts_maximum_is_precondition_failed(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    for pager in (containers.list(storage, containers.ListOpts(limit=10001)),
                  objects.list(storage, samples, objects.ListOpts(limit=10001, full=True))):
        with pytest.raises(PreconditionFailed) as caught:
            list(pager.items())
        assert caught.value.fault == "Maximum limit is 10000"
        _transaction_id(caught.value, cloud)


@pytest.mark.parametrize(
    ("container", "name", "error", "fault"),
    [
        ("samples", "x" * 1025, BadRequest, "Object name length of 1025 longer than 1024"),
        ("samples", "é" * 513, BadRequest, "Object name length of 1026 longer than 1024"),
        ("samples", "nul\x00byte", PreconditionFailed, "Invalid UTF8 or contains NULL"),
    ],
)
def test_a_bad_object_name_is_swifts_error_and_text(
    cloud: FakeCloud, storage: ServiceClient, samples: str, container: str, name: str,
    error: type[HTTPError], fault: str,
) -> None:
    with pytest.raises(error) as caught:
        objects.create(storage, container, name, APPLE).extract()
    assert caught.value.fault == fault
    _transaction_id(caught.value, cloud)


def test_a_container_name_too_long_is_bad_request(cloud: FakeCloud, storage: ServiceClient) -> None:
    with pytest.raises(BadRequest) as caught:
        containers.create(storage, "c" * 257).extract()
    assert caught.value.fault == "Container name length of 257 longer than 256"
    _transaction_id(caught.value, cloud)


def test_metadata_beyond_swifts_limits_is_bad_request(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    opts = objects.UpdateOpts(metadata={"Note": "v" * 257})
    with pytest.raises(BadRequest) as caught:
        objects.update(storage, samples, "apple", opts).extract()
    assert caught.value.fault == "Metadata value longer than 256: x-object-meta-Note"


def test_an_unmapped_status_is_unexpected_status_and_pickles(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    cloud.inject_fault("PUT", "/v1/*", status=507, times=1)
    with pytest.raises(UnexpectedStatus) as caught:
        objects.create(storage, samples, "apple", APPLE).extract()
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.status, again.request_id) == (507, sent(cloud).request_id)
    assert again.fault is not None
    assert again.fault.startswith("Insufficient Storage")


def test_an_etag_mismatch_is_an_http_error_and_pickles(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    reply(mock, "PUT", ACCOUNT + "/samples/apple", 201,
          {"Etag": "0" * 32, "X-Trans-Id": "txmd5"})
    err = objects.create(canned, "samples", "apple", APPLE).err
    assert isinstance(err, objects.ETagMismatch)
    assert err.status == 201
    assert isinstance(err, HTTPError)
    again = pickle.loads(pickle.dumps(err))
    assert (again.expected_etag, again.received_etag) == (err.expected_etag, "0" * 32)
    assert str(again) == str(err)
