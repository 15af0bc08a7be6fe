"""The /_stackdouble control plane: the same operations as the Python API, over HTTP."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login


def ctl(cloud: FakeCloud) -> str:
    return cloud.base_url + "/_stackdouble"


def test_state_is_the_dump_without_secrets(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud)
    resp = http.get(ctl(cloud) + "/state")
    assert resp.status_code == 200
    assert resp.json()["identity"]["tokens_issued"] == 1
    for secret in ("demo-secret", "admin-secret", "demo-api-key", token):
        assert secret not in resp.text


def test_reset_forgets_what_tests_created(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.identity.create_project("temp")
    assert http.post(ctl(cloud) + "/reset").json() == {"reset": True}
    assert "temp" not in [p.name for p in cloud.identity.projects.values()]


def test_seed_makes_ids_repeatable(cloud: FakeCloud, http: requests.Session) -> None:
    http.post(ctl(cloud) + "/seed", json={"seed": 77})
    first = sorted(cloud.identity.projects)
    http.post(ctl(cloud) + "/seed", json={"seed": 77})
    assert sorted(cloud.identity.projects) == first


def test_clock_advance_expires_tokens(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud)
    resp = http.post(ctl(cloud) + "/clock", json={"advance": 3600})
    assert resp.json() == {"now": "2026-11-27T09:56:16.000000Z", "ticking": False}
    assert http.get(cloud.identity_v3_url + "/auth/projects",
                    headers={"X-Auth-Token": token}).status_code == 401


def test_get_clock(cloud: FakeCloud, http: requests.Session) -> None:
    assert http.get(ctl(cloud) + "/clock").json()["now"] == "2026-11-27T08:56:16.000000Z"


def test_expire_one_token(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud)
    assert http.post(ctl(cloud) + "/tokens/expire", json={"token": token}).status_code == 200
    assert cloud.identity.validate_auth_token(token) is None


def test_expire_all_tokens(cloud: FakeCloud, http: requests.Session) -> None:
    login(http, cloud)
    login(http, cloud, "admin")
    assert http.post(ctl(cloud) + "/tokens/expire", json={"all": True}).json() == {"expired": 2}


def test_revoke_a_token(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud)
    http.post(ctl(cloud) + "/tokens/revoke", json={"token": token})
    assert cloud.identity.validate_auth_token(token) is None


def test_add_list_and_delete_a_fault(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(ctl(cloud) + "/faults", json={"method": "GET", "path": "/identity/v3",
                                                  "status": 503, "times": None})
    fault_id = resp.json()["id"]
    assert resp.status_code == 201
    assert [f["id"] for f in http.get(ctl(cloud) + "/faults").json()["faults"]] == [fault_id]
    assert http.get(cloud.identity_v3_url).status_code == 503
    assert http.delete(f"{ctl(cloud)}/faults/{fault_id}").status_code == 204
    assert http.get(cloud.identity_v3_url).status_code == 200


def test_control_is_not_subject_to_faults(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("*", "*", status=503, times=None)
    assert http.delete(ctl(cloud) + "/faults").status_code == 204


def test_requests_lists_and_clears_the_log(cloud: FakeCloud, http: requests.Session) -> None:
    http.get(cloud.identity_v3_url)
    logged = http.get(ctl(cloud) + "/requests").json()["requests"]
    assert [r["path"] for r in logged] == ["/identity/v3"]
    http.delete(ctl(cloud) + "/requests")
    assert http.get(ctl(cloud) + "/requests").json() == {"requests": []}


@pytest.mark.parametrize(("path", "body"), [
    ("/seed", {"seed": "x"}),
    ("/clock", {"advance": "soon"}),
    ("/clock", {"rewind": 1}),
    ("/clock", {"advance": 1e300}),
    ("/faults", {"latency": 1e9}),
    ("/tokens/expire", {}),
    ("/tokens/revoke", {"token": 5}),
    ("/faults", {"status": 99}),
    ("/faults", {"colour": "red"}),
    ("/faults", {"headers": {"a": 1}}),
])
def test_bad_input_is_400_json(cloud: FakeCloud, http: requests.Session, path: str,
                               body: object) -> None:
    resp = http.post(ctl(cloud) + path, json=body)
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == 400


def test_a_body_that_is_not_json_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(ctl(cloud) + "/seed", data=b"\xff\xfe")
    assert (resp.status_code, resp.json()["error"]["message"]) == (
        400, "the body must be a JSON object")


def test_unknown_token_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    assert http.post(ctl(cloud) + "/tokens/revoke", json={"token": "nope"}).status_code == 404


# -- served: the control token -----------------------------------------------------------


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_served_on_loopback_the_control_plane_is_open(http: requests.Session) -> None:
    with FakeCloud().serve() as served:
        resp = http.post(served.url + "/_stackdouble/reset", timeout=10)
    assert served.control_token is None
    assert resp.status_code == 200


def test_served_on_every_address_the_control_plane_needs_the_generated_token(
        http: requests.Session) -> None:
    cloud = FakeCloud()
    cloud.identity.create_project("temp")
    with cloud.serve(host="0.0.0.0") as served:  # reached through 127.0.0.1 only
        assert served.control_token is not None
        assert len(served.control_token) >= 32
        denied = http.post(served.url + "/_stackdouble/reset", timeout=10)
        names = [p.name for p in cloud.identity.projects.values()]
        allowed = http.post(served.url + "/_stackdouble/reset", timeout=10,
                            headers=bearer(served.control_token))
    assert (denied.status_code, denied.json()["error"]["code"]) == (401, 401)
    assert denied.headers["WWW-Authenticate"] == 'Bearer realm="stackdouble-control"'
    assert "temp" in names  # the refused reset did nothing
    assert allowed.json() == {"reset": True}


def test_a_control_token_given_on_loopback_is_required(http: requests.Session) -> None:
    with FakeCloud().serve(control_token="right-token") as served:
        missing = http.get(served.url + "/_stackdouble/requests", timeout=10)
        allowed = http.get(served.url + "/_stackdouble/requests", timeout=10,
                           headers=bearer("right-token"))
    assert missing.status_code == 401
    assert allowed.status_code == 200


def test_a_wrong_control_token_is_403_without_echoing_either(http: requests.Session) -> None:
    with FakeCloud().serve(control_token="right-token") as served:
        resp = http.post(served.url + "/_stackdouble/tokens/expire", json={"all": True},
                         headers=bearer("wrong-token"), timeout=10)
    assert resp.json() == {"error": {"code": 403,
                                     "message": "the control token does not match"}}
    assert "right-token" not in resp.text
    assert "wrong-token" not in resp.text


@pytest.mark.parametrize("path", ["/_stackdouble/nope", "/_stackdouble", "/_stackdouble/reset"])
def test_without_the_token_unknown_paths_and_methods_are_401_too(
        http: requests.Session, path: str) -> None:
    with FakeCloud().serve(control_token="right-token") as served:
        resp = http.get(served.url + path, timeout=10)  # GET /reset: 405 with the token
    assert resp.json()["error"]["code"] == 401


def test_the_control_token_stays_out_of_the_request_log_and_reprs(
        http: requests.Session) -> None:
    cloud = FakeCloud()
    with cloud.serve(control_token="right-token") as served:
        # A session that sends the control token with every request, to the APIs too.
        http.headers.update(bearer("right-token"))
        http.get(served.url + "/identity/v3", timeout=10)
        logged = http.get(served.url + "/_stackdouble/requests", timeout=10)
        shown = repr(served)
    assert logged.status_code == 200
    assert logged.json()["requests"][0]["path"] == "/identity/v3"
    assert "right-token" not in logged.text
    assert "right-token" not in repr(cloud.requests.to_list())
    assert "right-token" not in shown


@pytest.mark.parametrize("token", ["", "two words", "caf\u00e9", "line\nbreak"])
def test_a_control_token_must_be_printable_ascii(token: str) -> None:
    with pytest.raises(ValueError, match="printable ASCII") as info:
        FakeCloud().serve(control_token=token)
    if token:
        assert token not in str(info.value)


def test_in_process_the_control_plane_needs_no_token(cloud: FakeCloud,
                                                     http: requests.Session) -> None:
    assert http.post(ctl(cloud) + "/reset").status_code == 200


def test_a_control_write_from_another_site_is_refused_and_changes_nothing(
        http: requests.Session) -> None:
    cloud = FakeCloud(seed=1)  # served only: what a browser reaches carries a Host
    cloud.identity.create_project("temp")
    with cloud.serve() as served:
        url = f"{served.url}/_stackdouble"
        host = served.url.split("//", 1)[1]
        forged = http.post(url + "/reset", headers={"Origin": "http://evil.example"})
        framed = http.post(url + "/reset", headers={"Origin": "null"})
        reads = http.get(url + "/clock", headers={"Origin": "http://evil.example"})
        assert "temp" in [p.name for p in cloud.identity.projects.values()]
        own = http.post(url + "/reset", headers={"Origin": f"http://{host}"})
    assert (forged.status_code, framed.status_code) == (403, 403)
    assert "another site" in forged.json()["error"]["message"]
    assert reads.status_code == 200
    assert own.json() == {"reset": True}
    assert "temp" not in [p.name for p in cloud.identity.projects.values()]
