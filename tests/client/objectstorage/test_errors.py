"""Swift's errors (HTML or plain-text bodies) reach the user typed, with the transaction id."""

from __future__ import annotations

import pickle

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    HTTPError,
    PreconditionFailed,
    ServiceClient,
    Unauthorized,
    UnexpectedStatus,
)
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from tests.client.objectstorage.conftest import reply
from tests.client.objectstorage.samples import ACCOUNT, APPLE, UNAUTHORIZED, swift_error


def test_a_refused_token_is_unauthorized_with_swifts_message_and_transaction_id(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT + "/samples", 401, *UNAUTHORIZED)
    with pytest.raises(Unauthorized) as caught:
        list(objects.list(storage, "samples").items())
    err = caught.value
    assert err.request_id == "txd8fc758b568a4feb876fe-006b0945b4"
    assert err.fault is not None
    assert err.fault.startswith("Unauthorized This server could not verify")
    assert "txd8fc758b568a4feb876fe-006b0945b4" in str(err)


def test_a_limit_above_swifts_maximum_is_precondition_failed(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    # container/server.py: HTTPPreconditionFailed(body='Maximum limit is %d'), a text body.
    reply(mock, "GET", ACCOUNT + "?limit=10001", 412,
          {"Content-Type": "text/html; charset=UTF-8", "X-Trans-Id": "tx412",
           "X-Openstack-Request-Id": "tx412"}, b"Maximum limit is 10000")
    with pytest.raises(PreconditionFailed) as caught:
        list(containers.list(storage, containers.ListOpts(limit=10001)).items())
    assert (caught.value.fault, caught.value.request_id) == ("Maximum limit is 10000", "tx412")


def test_a_bad_name_is_bad_request_with_swifts_text(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    long_name = "x" * 1025
    reply(mock, "PUT", f"{ACCOUNT}/samples/{long_name}", 400,
          {"Content-Type": "text/html; charset=UTF-8", "X-Trans-Id": "tx400"},
          b"Object name length of 1025 longer than 1024")
    with pytest.raises(BadRequest) as caught:
        objects.create(storage, "samples", long_name, APPLE).extract()
    assert caught.value.fault == "Object name length of 1025 longer than 1024"
    assert caught.value.request_id == "tx400"


def test_an_unmapped_status_is_unexpected_status_and_pickles(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    headers, body = swift_error(507, "Insufficient Storage",
                                "There was not enough space to save the resource. Drive: sdb1",
                                "tx507")
    reply(mock, "PUT", ACCOUNT + "/samples/apple", 507, headers, body)
    with pytest.raises(UnexpectedStatus) as caught:
        objects.create(storage, "samples", "apple", APPLE).extract()
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.status, again.request_id) == (507, "tx507")


def test_an_etag_mismatch_is_an_http_error_and_pickles(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", ACCOUNT + "/samples/apple", 201,
          {"Etag": "0" * 32, "X-Trans-Id": "txmd5"})
    err = objects.create(storage, "samples", "apple", APPLE).err
    assert isinstance(err, objects.ETagMismatch)
    assert err.status == 201
    assert isinstance(err, HTTPError)
    again = pickle.loads(pickle.dumps(err))
    assert (again.expected_etag, again.received_etag) == (err.expected_etag, "0" * 32)
    assert str(again) == str(err)
