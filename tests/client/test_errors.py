"""The error hierarchy: what each error carries, how it reads, and that it pickles."""

from __future__ import annotations

import pickle

import pytest

from stackdouble.client import (
    AmbiguousEndpoint,
    ConnectTimeout,
    HTTPError,
    InvalidInput,
    MicroversionUnsupported,
    NotFound,
    ReadTimeout,
    ReauthenticationFailed,
    StackdoubleError,
    StatusError,
    TooManyRequests,
    TransportError,
    Unauthorized,
    UnexpectedBody,
    UnexpectedStatus,
    WaitTimeout,
)
from stackdouble.client import _errors as errors

NOVA_404 = {"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}


def _not_found() -> NotFound:
    return NotFound(
        method="GET",
        url="https://nova.example/v2.1/servers/abc",
        status=404,
        body=NOVA_404,
        headers={"X-Openstack-Request-Id": "req-1", "X-Auth-Token": "secret-token-value"},
        expected=(200,),
    )


def test_http_error_message_names_method_url_status_fault_and_request_id() -> None:
    assert str(_not_found()) == (
        "GET https://nova.example/v2.1/servers/abc → 404 itemNotFound: "
        "Instance abc could not be found. (req-1)"
    )


def test_http_error_carries_the_fields_a_bug_report_needs() -> None:
    err = _not_found()
    assert (err.method, err.status, err.request_id, err.kind) == ("GET", 404, "req-1",
                                                                 "itemNotFound")
    assert err.expected == (200,)
    assert err.body == NOVA_404


def test_http_error_redacts_secret_headers() -> None:
    err = _not_found()
    assert err.headers["X-Auth-Token"] == "***"
    assert "secret-token-value" not in repr(err) + str(err) + repr(err.headers)


def test_http_error_scrubs_secrets_in_the_body() -> None:
    err = errors.BadRequest(method="POST", url="https://k/v3/auth/tokens", status=400,
                            body={"auth": {"password": "hunter2"}})
    assert "hunter2" not in repr(err.body)


def test_keystone_envelope_reads_title_and_message() -> None:
    err = Unauthorized(method="POST", url="https://k/v3/auth/tokens", status=401, body={
        "error": {"code": 401, "title": "Unauthorized",
                  "message": "The request you have made requires authentication."}})
    assert err.kind == "Unauthorized"
    assert err.fault == "The request you have made requires authentication."


def test_swift_transaction_id_is_the_request_id_of_a_text_error() -> None:
    err = NotFound(method="GET", url="https://swift/v1/AUTH_x/c", status=404,
                   body="<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
                   headers={"X-Trans-Id": "tx123"})
    assert err.request_id == "tx123"
    assert err.fault == "Not Found The resource could not be found."


def test_long_bodies_are_truncated() -> None:
    err = UnexpectedStatus(method="GET", url="u", status=418, body="x" * 10_000)
    assert len(err.body) <= errors.BODY_LIMIT + 1


@pytest.mark.parametrize(("status", "cls"), [
    (400, "BadRequest"), (401, "Unauthorized"), (403, "Forbidden"), (404, "NotFound"),
    (409, "Conflict"), (413, "OverLimit"), (429, "TooManyRequests"), (498, "TooManyRequests"),
    (503, "ServiceUnavailable"), (418, "UnexpectedStatus"), (202, "UnexpectedStatus"),
])
def test_each_status_maps_to_its_class(status: int, cls: str) -> None:
    assert errors.error_for_status(status).__name__ == cls


def test_retry_after_is_read_from_the_header() -> None:
    err = TooManyRequests(method="GET", url="u", status=429, headers={"Retry-After": "7"})
    assert err.retry_after == 7.0


def test_input_and_body_errors_are_also_value_errors() -> None:
    assert isinstance(InvalidInput("x"), ValueError)
    assert isinstance(UnexpectedBody("a", "b"), ValueError)
    assert isinstance(WaitTimeout("slow"), TimeoutError)


def _every_error() -> list[StackdoubleError]:
    http = [cls(method="GET", url="u", status=cls.status_code or 418, body={"x": 1},
                headers={"X-Openstack-Request-Id": "req-9"})
            for cls in vars(errors).values()
            if isinstance(cls, type) and issubclass(cls, HTTPError)]
    reauth = ReauthenticationFailed(method="GET", url="u", status=401, note="reauth failed")
    reauth.reauth_error = TransportError("POST", "u", "refused")
    return [*http, reauth, TransportError("GET", "u", "refused"),
            AmbiguousEndpoint("two", {"type": "compute"}, ["a", "b"]),
            ConnectTimeout("GET", "u", "no connection within 10 s (connect timeout)", timeout=10),
            ReadTimeout("GET", "u", "no response within 1 s (read timeout)", timeout=1.0),
            InvalidInput("bad", "limit"), UnexpectedBody("k", "v"), WaitTimeout("w", "BUILD"),
            UnexpectedBody("an ISO 8601 time", "'x'", path="$.server.created", method="GET",
                           url="https://nova.example/servers/s1"),
            StatusError("server s1", "ERROR", "No valid host was found."),
            MicroversionUnsupported("2.200", "2.1", "2.96")]


@pytest.mark.parametrize("err", _every_error(), ids=lambda e: type(e).__name__)
def test_every_error_pickles_with_its_fields(err: StackdoubleError) -> None:
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is type(err)
    assert str(copy) == str(err)
    def fields(e: StackdoubleError) -> dict[str, object]:
        return {k: (repr(v) if isinstance(v, BaseException) else v)
                for k, v in vars(e).items() if k != "headers"}

    assert fields(copy) == fields(err)
    if isinstance(err, HTTPError):
        assert dict(copy.headers) == dict(err.headers)


@pytest.mark.parametrize(("body", "expected"), [
    ({"message": "No image found with ID 4b74fe90<br /><br />\n\n\n",
      "code": "404 Not Found", "title": "Not Found"},
     ("Not Found", "No image found with ID 4b74fe90")),
    ({"message": "There was a conflict when trying to complete your request.<br /><br />\n"
                 "Property nope does not exist.\n\n",
      "code": "409 Conflict", "title": "Conflict"},
     ("Conflict", "There was a conflict when trying to complete your request. "
                  "Property nope does not exist.")),
])
def test_glances_webob_json_error_page_gives_its_title_and_plain_message(
        body: dict[str, str], expected: tuple[str, str]) -> None:
    # real Glance 33 bodies (tests/client/image/samples)
    assert errors.parse_fault(body) == expected
