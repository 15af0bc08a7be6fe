"""`--openstack-drift`: the fake's answers compared with what the cassettes recorded."""

from __future__ import annotations

import json

import pytest

from stackdouble.cassettes import load_cassette, save_cassette

ARGS = ("-p", "no:cacheprovider", "-p", "no:benchmark")
RECORD = (*ARGS, "--openstack-mode=record", "--openstack-cloud=sample")


def test_drift_is_empty_when_the_fake_matches_its_own_recording(sample: pytest.Pytester
                                                                ) -> None:
    sample.runpytest(*RECORD).assert_outcomes(passed=7)
    result = sample.runpytest(*ARGS, "--openstack-drift=drift.md")
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(["stackdouble drift: 0 of 5 test(s) differ from their "
                                 "cassettes (0 without a cassette); report: *drift.md"])
    assert "0 differ" in (sample.path / "drift.md").read_text()


def test_record_and_drift_under_xdist(sample: pytest.Pytester) -> None:
    """Each worker records its tests' cassettes; drift findings travel to the controller,
    which alone writes the report."""
    sample.runpytest(*RECORD, "-n", "2").assert_outcomes(passed=7)
    folder = sample.path / "cassettes" / "test_sample"
    assert sorted(p.stem for p in folder.glob("*.yaml")) == [
        "test_compute_lists_flavors_and_no_servers", "test_my_project_is_demo",
        "test_objects_round_trip", "test_repeated_requests_answer_in_order",
        "test_service_clients_come_from_the_catalog"]
    assert not list(folder.glob("*.tmp"))
    path = sample.path / "cassettes" / "test_sample" / "test_my_project_is_demo.yaml"
    cassette = load_cassette(path)
    get = cassette.interactions[-1].response
    body = json.loads(get.body)
    del body["project"]["tags"]
    body["project"]["enabled"] = "yes"
    body["project"]["quota"] = {"cores": 10}
    get.body = json.dumps(body).encode()
    get.headers.append(("ETag", '"abc"'))
    cassette.interactions[0].response.status = 200
    save_cassette(cassette, path)
    (sample.path / "cassettes" / "test_sample" / "test_service_clients_come_from_the_catalog"
     ".yaml").unlink()

    result = sample.runpytest(*ARGS, "-n", "2",
                              "--openstack-drift=reports/drift.md")
    result.assert_outcomes(passed=7)  # drift is reported, not failed
    result.stdout.fnmatch_lines(["stackdouble drift: 1 of 4 test(s) differ from their "
                                 "cassettes (1 without a cassette); report: *drift.md"])
    report = (sample.path / "reports" / "drift.md").read_text()
    assert "## test_sample.py::test_my_project_is_demo" in report
    for line in [
        "- `POST /identity/v3/auth/tokens` **status**: recorded 200, fake 201",
        "- `GET /identity/v3/projects/{id}` **header**: etag: recorded, missing from the fake",
        "- `GET /identity/v3/projects/{id}` **shape**: $.project.tags: sent by the fake, "
        "not in the recording",
        "- `GET /identity/v3/projects/{id}` **shape**: $.project.enabled: recorded str, "
        "fake bool",
        "- `GET /identity/v3/projects/{id}` **shape**: $.project.quota: recorded, missing "
        "from the fake",
        "- test_sample.py::test_service_clients_come_from_the_catalog",
    ]:
        assert line in report, report
