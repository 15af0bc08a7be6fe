"""A Swift formpost's `signature` (a multipart form field, a credential until the form
expires) never reaches a cassette, and a scrubbed recording replays the form whatever
signature it is sent with."""

from __future__ import annotations

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
from stackdouble.cassettes._scrub import canonical_body

URL = "http://cloud.test/v1/AUTH_a/c/"
TYPE = "multipart/form-data; boundary=b0undary"
SIGNATURE = "4f2c9e0b" * 8


def _form(signature: str, data: str = "hello") -> bytes:
    fields = {"redirect": "", "max_file_size": "1024", "max_file_count": "1",
              "expires": "9999999999", "signature": signature}
    parts = [f'--b0undary\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    parts.append('--b0undary\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n{data}\r\n')
    return ("".join(parts) + "--b0undary--\r\n").encode()


def _post(signature: str) -> Interaction:
    return Interaction(
        request=RecordedRequest(method="POST", uri=URL, body=_form(signature),
                                headers=[("Content-Type", TYPE)]),
        response=RecordedResponse(status=201, headers=[("Content-Type", "text/plain")],
                                  body=b"201 Created"))


def test_scrubbing_replaces_the_signature_and_keeps_the_other_fields() -> None:
    cassette = Cassette(interactions=[_post(SIGNATURE)])
    leaks = scrub_cassette(cassette)
    assert [leak.where for leak in leaks] == ["request body"]
    assert SIGNATURE not in str(leaks)
    body = cassette.interactions[0].request.body or b""
    assert body == _form(REDACTED)
    assert check_cassette(cassette) == []


def test_replay_matches_a_form_whatever_its_signature() -> None:
    cassette = Cassette(interactions=[_post(SIGNATURE)])
    scrub_cassette(cassette)
    with Replayer(ReplayIndex(cassette)):
        resp = requests.post(URL, data=_form("another" * 9), headers={"Content-Type": TYPE})
    assert (resp.status_code, resp.text) == (201, "201 Created")


def test_the_files_still_count_when_matching() -> None:
    assert canonical_body(_form(SIGNATURE), TYPE) == canonical_body(_form("x"), TYPE)
    assert canonical_body(_form(SIGNATURE), TYPE) != canonical_body(
        _form(SIGNATURE, data="other"), TYPE)


def test_a_signature_field_outside_a_form_is_left_alone() -> None:
    text = _form(SIGNATURE).decode()
    assert SIGNATURE in canonical_body(text, "text/plain")
