"""Cassettes as data: scrubbing, checking, normalising, the file format and replay by index."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.cassettes import (
    Cassette,
    CassetteNotFound,
    CorruptCassette,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    Replayer,
    ReplayIndex,
    ScrubPolicy,
    UnmatchedRequest,
    check_cassette,
    compare_interactions,
    load_cassette,
    normalise_cassette,
    save_cassette,
    scrub_cassette,
)
from stackdouble.pytest_plugin._context import cassette_path, sanitise

TOKEN = "gAAAAABpZ3Fhb3Zlcm5ldC10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkw"
PROJECT = "6dbe4ada5c1ad92529f67d912d4b0849"
USER = "9d60f2a8f65e39a2939c17f0019bbfae"


def interaction(method: str = "GET", uri: str = "http://cloud.test/v3/x", *,
                req_headers: list[tuple[str, str]] | None = None, req_body: bytes | None = None,
                status: int = 200, headers: list[tuple[str, str]] | None = None,
                body: bytes = b"") -> Interaction:
    return Interaction(
        request=RecordedRequest(method=method, uri=uri, headers=req_headers or [],
                                body=req_body),
        response=RecordedResponse(status=status, headers=headers or [], body=body),
    )


def token_response(origin: str = "https://keystone.example:5000") -> Interaction:
    body = {"token": {
        "expires_at": "2026-11-27T11:18:09.000000Z", "issued_at": "2026-11-27T10:18:09.000000Z",
        "project": {"id": PROJECT, "name": "demo", "domain": {"id": "default"}},
        "user": {"id": USER, "name": "demo", "domain": {"id": "default"}},
        "catalog": [{"type": "object-store", "endpoints": [
            {"interface": "public", "url": f"https://swift.example:8080/v1/AUTH_{PROJECT}"}]},
            {"type": "identity", "endpoints": [{"interface": "public",
                                                "url": f"{origin}/v3"}]}]}}
    auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "demo", "domain": {"name": "Default"}, "password": "hunter2-secret"}}}}}
    return interaction("POST", f"{origin}/v3/auth/tokens",
                       req_headers=[("Content-Type", "application/json")],
                       req_body=json.dumps(auth).encode(), status=201,
                       headers=[("X-Subject-Token", TOKEN), ("Content-Length", "1")],
                       body=json.dumps(body).encode())


# -- scrubbing and checking ----------------------------------------------------------------


@pytest.mark.parametrize(("item", "where"), [
    (interaction(req_headers=[("X-Auth-Token", "plain-token-value")]),
     "request header X-Auth-Token"),
    (interaction(headers=[("x-subject-token", "plain-token-value")]),
     "response header x-subject-token"),
    (interaction(headers=[("X-Storage-Token", "AUTH_tk0123456789abcdef0123")]),
     "response header X-Storage-Token"),
    (interaction("POST", req_body=b'{"auth": {"passwordCredentials": {"password": "pw"}}}'),
     "request body $.auth.passwordCredentials.password"),
    (interaction("POST", req_body=b'{"auth": {"RAX-KSKEY:apiKeyCredentials": {"apiKey": "k"}}}'),
     "request body $.auth.RAX-KSKEY:apiKeyCredentials.apiKey"),
    (interaction(body=b'{"application_credential": {"secret": "s3cr3t"}}'),
     "response body $.application_credential.secret"),
    (interaction(body=b'{"access": {"token": {"id": "v2-token-id"}}}'),
     "response body $.access.token.id"),
    (interaction(uri="https://swift.example/v1/AUTH_a/c/o?temp_url_sig=abc&temp_url_expires=1"),
     "request URL"),
    (interaction("POST", req_headers=[("Content-Type", "application/x-www-form-urlencoded")],
                 req_body=b"user=u&password=hunter2"), "request body"),
    (interaction(headers=[("Location", f"https://x.example/?t={TOKEN}")]),
     "response header Location"),
    (interaction(body=f"<html>token {TOKEN}</html>".encode()), "response body"),
    (interaction(req_headers=[("X-Account-Meta-Temp-URL-Key", "k1")]),
     "request header X-Account-Meta-Temp-URL-Key"),
])
def test_check_finds_each_kind_of_secret_and_scrub_removes_it(item: Interaction,
                                                               where: str) -> None:
    cassette = Cassette(interactions=[item])
    leaks = check_cassette(cassette)
    assert [leak.where for leak in leaks] == [where]
    assert check_cassette(cassette) == leaks  # check does not change the cassette
    assert scrub_cassette(cassette) == leaks
    assert check_cassette(cassette) == []


def test_a_secret_found_once_is_replaced_everywhere_else() -> None:
    cassette = Cassette(interactions=[
        interaction(headers=[("X-Subject-Token", "uuid-token-0123456789")]),
        interaction(uri="http://cloud.test/v2.0/tokens/uuid-token-0123456789",
                    body=b'{"note": "was uuid-token-0123456789"}'),
    ])
    scrub_cassette(cassette)
    second = cassette.interactions[1]
    assert second.request.uri == "http://cloud.test/v2.0/tokens/***"
    assert json.loads(second.response.body) == {"note": "was ***"}


def test_configured_names_and_values_are_scrubbed_too() -> None:
    cassette = Cassette(interactions=[interaction(
        "POST", req_headers=[("X-Vault-Key", "vault-value")],
        req_body=b'{"pin": "1234", "note": "my-long-value here"}')])
    policy = ScrubPolicy(headers=["x-vault-key"], keys=["PIN"], values=["my-long-value"])
    assert check_cassette(cassette) == []
    scrub_cassette(cassette, policy)
    req = cassette.interactions[0].request
    assert req.header("X-Vault-Key") == "***"
    assert json.loads(req.body or b"") == {"pin": "***", "note": "*** here"}


def test_leaks_never_show_the_secret() -> None:
    cassette = Cassette(interactions=[token_response()], path=Path("c.yaml"))
    shown = "\n".join(str(leak) for leak in check_cassette(cassette))
    assert TOKEN not in shown
    assert "hunter2-secret" not in shown
    assert "c.yaml: interaction 0: response header X-Subject-Token: 64 characters " \
           "(a Fernet token)" in shown


def test_scrubbed_bodies_keep_their_shape_and_content_length() -> None:
    cassette = Cassette(interactions=[token_response()])
    scrub_cassette(cassette)
    req = cassette.interactions[0].request
    auth = json.loads(req.body or b"")
    assert auth["auth"]["identity"]["password"]["user"] == {
        "name": "demo", "domain": {"name": "Default"}, "password": "***"}
    assert cassette.interactions[0].response.header("Content-Length") == "1"  # untouched


# -- normalising ---------------------------------------------------------------------------


def test_normalise_replaces_hosts_ids_and_token_times() -> None:
    cassette = Cassette(interactions=[
        token_response(),
        interaction(uri=f"https://swift.example:8080/v1/AUTH_{PROJECT}/c?format=json",
                    headers=[("X-Trans-Id", "tx1")]),
    ])
    normalise_cassette(cassette, auth_url="https://keystone.example:5000/v3")
    token, swift = cassette.interactions
    assert token.request.uri == "https://cloud.stackdouble.test/v3/auth/tokens"
    body = json.loads(token.response.body)["token"]
    assert body["project"]["id"] == "00000000000000000000000a00000001"
    assert body["user"]["id"] == "00000000000000000000000b00000001"
    assert body["issued_at"] == "2100-01-01T00:00:00.000000Z"
    assert body["expires_at"] == "2100-01-01T01:00:00.000000Z"
    assert body["catalog"][0]["endpoints"][0]["url"] == (
        "https://cloud-2.stackdouble.test/v1/AUTH_00000000000000000000000a00000001")
    assert swift.request.uri == ("https://cloud-2.stackdouble.test/v1/"
                                 "AUTH_00000000000000000000000a00000001/c?format=json")
    assert token.response.header("Content-Length") == str(len(token.response.body))
    before = pickle.dumps(cassette)
    normalise_cassette(cassette)
    assert pickle.dumps(cassette) == before


# -- the file ------------------------------------------------------------------------------


def test_save_and_load_round_trip_text_and_binary(tmp_path: Path) -> None:
    cassette = Cassette(interactions=[
        interaction(body="é ünïcode".encode()),
        interaction("PUT", req_body=b"\xff\x00binary", body=b"\x89PNG\xff"),
    ], metadata={"stackdouble": {"auth": {"username": "demo"}}})
    path = save_cassette(cassette, tmp_path / "a" / "b.yaml")
    loaded = load_cassette(path)
    assert loaded.interactions == cassette.interactions
    assert loaded.stackdouble == {"auth": {"username": "demo"}}
    assert "é ünïcode" in path.read_text(encoding="utf-8")
    assert not list(path.parent.glob("*.tmp"))


def test_vcrpy_reads_our_cassettes(tmp_path: Path) -> None:
    from vcr.serialize import deserialize  # type: ignore[import-untyped]
    from vcr.serializers import yamlserializer  # type: ignore[import-untyped]

    cassette = Cassette(interactions=[token_response()], metadata={"stackdouble": {"a": 1}})
    path = save_cassette(cassette, tmp_path / "c.yaml")
    requests_, responses_, metadata = deserialize(path.read_text(), yamlserializer)
    assert requests_[0].uri == "https://keystone.example:5000/v3/auth/tokens"
    assert responses_[0]["status"]["code"] == 201
    assert metadata == {"stackdouble": {"a": 1}}


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(CassetteNotFound, match=r"nope\.yaml: no such cassette") as missing:
        load_cassette(tmp_path / "nope.yaml")
    assert missing.value.path == str(tmp_path / "nope.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe")
    with pytest.raises(CorruptCassette, match=r"bin\.yaml: not UTF-8"):
        load_cassette(tmp_path / "bin.yaml")
    with pytest.raises(CorruptCassette, match="is a directory"):
        load_cassette(tmp_path)


def test_cassette_errors_pickle() -> None:
    error = CorruptCassette("x.yaml: bad", "x.yaml")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.path) == (CorruptCassette, "x.yaml: bad", "x.yaml")


def test_cassette_paths_follow_the_node_id() -> None:
    base = Path("cassettes")
    assert cassette_path(base, "tests/test_a.py::test_b").as_posix() == \
        "cassettes/tests/test_a/test_b.yaml"
    assert cassette_path(base, "t.py::T::test[a/b:c d]").as_posix() == \
        "cassettes/t/T.test[a-b-c d].yaml"
    assert cassette_path(base, "t.py::test", "shared/x").as_posix() == "cassettes/shared/x.yaml"
    long_name = sanitise("test_" + "x" * 300)
    assert len(long_name.encode()) == 250
    assert long_name != sanitise("test_" + "x" * 301)


# -- replay --------------------------------------------------------------------------------


def test_repeated_requests_replay_in_recorded_order_then_fail() -> None:
    cassette = Cassette(interactions=[
        interaction(uri="http://c.test/s/1", body=b'{"status": "BUILD"}'),
        interaction(uri="http://c.test/other", body=b"{}"),
        interaction(uri="http://c.test/s/1", body=b'{"status": "ACTIVE"}'),
    ], path=Path("poll.yaml"))
    index = ReplayIndex(cassette)
    with Replayer(index):
        statuses = [requests.get("http://c.test/s/1").json()["status"] for _ in range(2)]
        with pytest.raises(UnmatchedRequest, match="recorded 2 time") as error:
            requests.get("http://c.test/s/1")
    assert statuses == ["BUILD", "ACTIVE"]
    assert index.play_counts == [1, 0, 1]
    assert not index.all_played
    assert "poll.yaml (3 interactions)" in str(error.value)


def test_replay_matches_json_bodies_canonically_and_scrubbed() -> None:
    recorded = b'{"auth": {"password": "***", "name": "u"}, "b": [1, 2]}'
    cassette = Cassette(interactions=[
        interaction("POST", "http://c.test/t", req_body=recorded, body=b'{"ok": 1}')])
    with Replayer(ReplayIndex(cassette)):
        resp = requests.post("http://c.test/t",
                             json={"b": [1, 2], "auth": {"name": "u", "password": "real"}})
        assert resp.json() == {"ok": 1}


def test_unmatched_body_shows_the_recorded_one() -> None:
    cassette = Cassette(interactions=[
        interaction("POST", "http://c.test/t", req_body=b'{"name": "a"}')])
    with Replayer(ReplayIndex(cassette)), pytest.raises(UnmatchedRequest) as error:
        requests.post("http://c.test/t", json={"name": "b"})
    message = str(error.value)
    assert 'with body {"name":"b"}' in message
    assert "differs in body" in message
    assert 'recorded body {"name":"a"}' in message
    assert "openstack_replay_match_body = false" in message
    assert error.value.nearest == 0


def test_replay_without_body_matching() -> None:
    cassette = Cassette(interactions=[
        interaction("POST", "http://c.test/t", req_body=b'{"n": 1}', body=b"1"),
        interaction("POST", "http://c.test/t", req_body=b'{"n": 2}', body=b"2")])
    with Replayer(ReplayIndex(cassette, match_body=False)):
        assert [requests.post("http://c.test/t", json={"n": 9}).text for _ in range(2)] == \
            ["1", "2"]


# -- drift ---------------------------------------------------------------------------------


VOLUME = "http://a/v3/p/volumes/0123456789abcdef0123456789abcdef"


def volume(status: str, code: int = 200) -> Interaction:
    if code == 404:
        return interaction(uri=VOLUME, status=404, body=b'{"itemNotFound": {"code": 404}}')
    return interaction(uri=VOLUME, body=json.dumps({"volume": {"status": status}}).encode())


def test_drift_compares_where_polls_end_not_how_many_there_were() -> None:
    """A real volume takes three polls to become available and two to go; the fake's are
    instant. The runs pair as wholes, so nothing is reported."""
    recorded = [volume("creating"), volume("creating"), volume("available"),
                interaction("DELETE", VOLUME, status=202),
                volume("deleting"), volume("", 404)]
    fake = [volume("available"), interaction("DELETE", VOLUME, status=202), volume("", 404)]
    assert compare_interactions(recorded, fake) == []


def test_drift_still_reports_where_polls_end_differently() -> None:
    recorded = [volume("creating"), volume("available"), interaction("DELETE", VOLUME,
                                                                     status=202),
                volume("deleting"), volume("", 404)]
    fake = [volume("available"), interaction("DELETE", VOLUME, status=202),
            volume("deleting")]
    assert [str(f) for f in compare_interactions(recorded, fake)] == [
        "GET /v3/p/volumes/{id}: status: recorded 404, fake 200",
        "GET /v3/p/volumes/{id}: shape: $.itemNotFound: recorded, missing from the fake",
        "GET /v3/p/volumes/{id}: shape: $.volume: sent by the fake, not in the recording",
    ]


def test_drift_pairs_equal_runs_of_repeats_one_by_one() -> None:
    recorded = [interaction(body=b'{"n": 1}'), interaction(body=b'{"n": 2}')]
    fake = [interaction(body=b'{"n": "1"}'), interaction(body=b'{"n": 2}')]
    assert [str(f) for f in compare_interactions(recorded, fake)] == [
        "GET /v3/x: shape: $.n: recorded int, fake str"]


def test_drift_lists_every_request_of_an_unpaired_run() -> None:
    recorded = [interaction(uri="http://a/v3/gone"), interaction(uri="http://a/v3/gone")]
    findings = compare_interactions(recorded, [])
    assert [f.what for f in findings] == ["only-recorded", "only-recorded"]


_EXCHANGES = st.builds(
    lambda method, path, status, body: interaction(method, f"http://a/v3/{path}",
                                                   status=status, body=body),
    st.sampled_from(["GET", "DELETE"]), st.sampled_from(["a", "b", "a/c"]),
    st.sampled_from([200, 202, 404]),
    st.sampled_from([b"", b'{"s": "x"}', b'{"s": 1}', b'{"t": [1]}']))


@given(st.lists(st.tuples(_EXCHANGES, st.integers(1, 3)), max_size=8))
def test_drift_finds_nothing_when_only_the_number_of_polls_differs(
        script: list[tuple[Interaction, int]]) -> None:
    recorded = [item for item, _ in script]
    fake = [item for item, times in script for _ in range(times)]
    assert compare_interactions(recorded, fake) == []
    assert compare_interactions(fake, recorded) == []


def test_drift_pairs_requests_by_path_template() -> None:
    recorded = [interaction(uri=f"http://a/v3/projects/{PROJECT}", body=b'{"p": {"id": "x"}}'),
                interaction(uri="http://a/v3/only-recorded")]
    fake = [interaction(uri="http://b/v3/projects/0123456789abcdef0123456789abcdef",
                        body=b'{"p": {"id": 1}}'),
            interaction(uri="http://b/v3/only-fake")]
    assert [str(f) for f in compare_interactions(recorded, fake)] == [
        "GET /v3/projects/{id}: shape: $.p.id: recorded str, fake int",
        "GET /v3/only-fake: only-fake: the fake run made this request; the recording did not",
        "GET /v3/only-recorded: only-recorded: recorded, but the fake run did not make this "
        "request",
    ]
