"""A Keystone credential's blob (a TOTP seed, a certificate's key, an ec2 pair as JSON text)
never reaches a cassette, and a scrubbed recording still replays the requests that sent it."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from stackdouble._secrets import REDACTED
from stackdouble.cassettes import (
    Cassette,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    Replayer,
    ReplayIndex,
    check_cassette,
    scrub_cassette,
)

URL = "http://cloud.test/v3/credentials"
EC2_BLOB = json.dumps({"access": "AKIDEXAMPLE", "secret": "wJalrXUtnFEMI-K7MDENG"})


def _create(blob: Any) -> Interaction:
    sent = {"credential": {"type": "totp", "user_id": "u1", "blob": blob}}
    answer = {"credential": {**sent["credential"], "id": "c1", "project_id": None}}
    return Interaction(
        request=RecordedRequest(method="POST", uri=URL, body=json.dumps(sent).encode(),
                                headers=[("Content-Type", "application/json")]),
        response=RecordedResponse(status=201, headers=[("Content-Type", "application/json")],
                                  body=json.dumps(answer).encode()))


@pytest.mark.parametrize("blob", ["GEZDGNBVGY3TQOJQ", "abc", EC2_BLOB, {"seed": "GEZDGNBV"}],
                         ids=["totp", "short", "ec2", "object"])
def test_scrubbing_replaces_the_blob_of_requests_and_responses(blob: Any) -> None:
    cassette = Cassette(interactions=[_create(blob)])
    leaks = scrub_cassette(cassette)
    assert [leak.where for leak in leaks] == ["request body $.credential.blob",
                                              "response body $.credential.blob"]
    item = cassette.interactions[0]
    for body in (item.request.body, item.response.body):
        assert body is not None
        assert json.loads(body)["credential"]["blob"] == REDACTED
    assert check_cassette(cassette) == []


def test_an_ec2_blobs_secret_is_replaced_where_else_it_shows() -> None:
    listed = Interaction(
        request=RecordedRequest(method="GET", uri=URL + "?type=ec2", headers=[]),
        response=RecordedResponse(status=200, headers=[], body=json.dumps({"error": {
            "message": f"Invalid input. Value: {EC2_BLOB}"}}).encode()))
    cassette = Cassette(interactions=[_create(EC2_BLOB), listed])
    scrub_cassette(cassette)
    assert b"wJalrXUtnFEMI" not in (cassette.interactions[1].response.body or b"")


@pytest.mark.parametrize("blob", ["GEZDGNBVGY3TQOJQ", EC2_BLOB, {"seed": "GEZDGNBV"}],
                         ids=["totp", "ec2", "object"])
def test_a_scrubbed_recording_replays_the_request_carrying_the_real_blob(blob: Any) -> None:
    cassette = Cassette(interactions=[_create(blob)])
    scrub_cassette(cassette)
    with Replayer(ReplayIndex(cassette)):
        resp = requests.post(URL, json={"credential": {"blob": blob, "user_id": "u1",
                                                       "type": "totp"}})
    assert resp.status_code == 201
    assert resp.json()["credential"]["blob"] == REDACTED
