"""Record modes as pytest-recording's, safe recording, and the first-day errors (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackdouble.cassettes import load_cassette
from stackdouble.fakes import ServedCloud
from tests.pytest_plugin.helpers import write_clouds_yaml

ARGS = ("-p", "no:cacheprovider", "-p", "no:benchmark")
CLOUD = ("--openstack-cloud=sample",)

LOGIN = '''
from stackdouble.client.openstack.identity.v3 import projects

def test_login(openstack_provider, openstack_identity):
    project_id = openstack_provider.auth_result.extract_project().id
    assert projects.get(openstack_identity, project_id).extract().name == "demo"
'''

TWO = LOGIN + '''

def test_other(openstack_provider):
    assert openstack_provider.token_id
'''


def cassette_of(root: Path, test: str = "test_login", module: str = "test_login") -> Path:
    return root / "cassettes" / module / f"{test}.yaml"


@pytest.mark.parametrize("body", [
    'io.BytesIO(DATA)',
    'open(tmp_path / "f.bin", "rb")',
    '(DATA[i:i + 100] for i in range(0, len(DATA), 100))',
])
def test_a_streamed_upload_is_recorded_and_replays(pytester: pytest.Pytester,
                                                  served: ServedCloud, body: str) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_upload=f'''
        import io
        from stackdouble.client.openstack.objectstorage.v1 import containers, objects

        DATA = bytes(range(256)) * 4

        def test_upload(openstack_object_storage, tmp_path):
            (tmp_path / "f.bin").write_bytes(DATA)
            containers.create(openstack_object_storage, "c").extract()
            objects.create(openstack_object_storage, "c", "o", {body}).extract()
            got = objects.download(openstack_object_storage, "c", "o").extract_content()
            assert got == DATA
    ''')
    pytester.runpytest(*ARGS, "--openstack-record-mode=all", *CLOUD).assert_outcomes(passed=1)
    cassette = load_cassette(cassette_of(pytester.path, "test_upload", "test_upload"))
    put = [i for i in cassette.interactions if i.request.method == "PUT"][-1]
    assert put.request.body == bytes(range(256)) * 4
    served.stop()
    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=1)


def test_a_failed_recording_leaves_the_good_cassette_and_says_so(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-mode=record", *CLOUD).assert_outcomes(passed=1)
    path = cassette_of(pytester.path)
    good = path.read_bytes()

    served.cloud.identity.update_user(served.cloud.user_id("demo"), password="changed-elsewhere")
    result = pytester.runpytest(*ARGS, "--openstack-mode=record", *CLOUD)
    result.assert_outcomes(errors=1)
    assert path.read_bytes() == good
    result.stdout.fnmatch_lines([
        "*stackdouble recordings*",
        "0 of 1 cassette(s) written",
        f"test_login.py::test_login: {path}: not written: the test did not pass, and the "
        "cassette there was left as it was (--openstack-record-mode=rewrite writes it anyway)",
    ])
    assert not list(path.parent.glob("*.tmp"))
    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=1)


def test_rewrite_keeps_a_failed_recording_and_replay_says_it_holds_a_failure(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    served.cloud.identity.update_user(served.cloud.user_id("demo"), password="changed-elsewhere")
    result = pytester.runpytest(*ARGS, "--openstack-record-mode=rewrite", *CLOUD)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["1 of 1 cassette(s) written", "*written although the test "
                                 "did not pass (--openstack-record-mode=rewrite)"])
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "*test_login.yaml recorded the login failing (401, interaction 0): it holds the "
        "recording of a failed run*",
        "*Record it again against a cloud that accepts the login*"])
    assert "Traceback" not in result.stdout.str()


def test_a_wrong_password_names_the_cloud_and_its_file(pytester: pytest.Pytester,
                                                        served: ServedCloud) -> None:
    clouds = write_clouds_yaml(pytester.path, served)
    clouds.write_text(clouds.read_text().replace("demo-secret", "wrong"))
    pytester.makepyfile(test_login=LOGIN)
    result = pytester.runpytest(*ARGS, "--openstack-mode=live", *CLOUD)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        f"*cannot log in to cloud 'sample' (from {clouds}) as user 'demo' at "
        f"{served.url}/identity/v3*",
        "*401*",
        f"Check the credentials of cloud 'sample' in {clouds}*"])
    assert len(result.stdout.lines) < 40


def test_once_replays_what_exists_and_records_only_what_is_missing(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-record-mode=once", *CLOUD).assert_outcomes(passed=1)
    first = cassette_of(pytester.path)
    before = (first.read_bytes(), first.stat().st_mtime_ns)
    requests_before = len(served.cloud.requests)

    pytester.makepyfile(test_login=TWO)
    result = pytester.runpytest(*ARGS, "--openstack-record-mode=once", *CLOUD)
    result.assert_outcomes(passed=2)
    assert (first.read_bytes(), first.stat().st_mtime_ns) == before
    assert cassette_of(pytester.path, "test_other").is_file()
    assert len(served.cloud.requests) - requests_before == 1  # only test_other's login
    result.stdout.fnmatch_lines(["1 of 1 cassette(s) written"])

    served.stop()  # everything is recorded now: once needs no cloud
    pytester.runpytest(*ARGS, "--record-mode=once").assert_outcomes(passed=2)
    pytester.runpytest(*ARGS, "--record-mode=none").assert_outcomes(passed=2)


def test_new_episodes_rewrites_only_a_cassette_missing_a_request(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-record-mode=all", *CLOUD).assert_outcomes(passed=1)
    path = cassette_of(pytester.path)
    mtime = path.stat().st_mtime_ns

    result = pytester.runpytest(*ARGS, "--openstack-record-mode=new_episodes", *CLOUD)
    result.assert_outcomes(passed=1)
    assert path.stat().st_mtime_ns == mtime
    result.stdout.fnmatch_lines(["*unchanged: the cassette already holds every request"])

    pytester.makepyfile(test_login=LOGIN + "    projects.get(openstack_identity, project_id"
                        ").extract()\n")
    pytester.runpytest(*ARGS, "--openstack-record-mode=new_episodes", *CLOUD
                       ).assert_outcomes(passed=1)
    assert [i.request.method for i in load_cassette(path).interactions] == ["POST", "GET",
                                                                            "GET"]


def test_replay_can_require_every_interaction_to_be_played(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-mode=record", *CLOUD).assert_outcomes(passed=1)
    pytester.makepyfile(test_login='''
        def test_login(openstack_provider):
            assert openstack_provider.token_id
    ''')
    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=1)
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay",
                                "--openstack-require-all-played")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*the test passed but played 1 of the 2 interactions in *test_login.yaml; never "
        "played:",
        "*#1 GET http://cloud.stackdouble.test/identity/v3/projects/* -> 200",
        "*record it again (--openstack-record-mode=rewrite)*"])
    pytester.makeini("[pytest]\nopenstack_require_all_played = true\n")
    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=1, errors=1)


def test_conflicting_mode_and_record_mode_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest(*ARGS, "--openstack-mode=fake", "--openstack-record-mode=once")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--openstack-mode=fake and --openstack-record-mode=once "
                                 "disagree: record mode once runs in record mode*"])


def test_a_cassette_dir_given_with_a_space_cannot_move_the_rootdir(
        pytester: pytest.Pytester, served: ServedCloud, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    write_clouds_yaml(pytester.path, served)
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-mode=record", *CLOUD,
                       f"--openstack-cassette-dir={elsewhere}").assert_outcomes(passed=1)
    assert (elsewhere / "test_login" / "test_login.yaml").is_file()

    result = pytester.runpytest(*ARGS, "--openstack-mode=replay", "--openstack-cassette-dir",
                                str(elsewhere))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--openstack-cassette-dir {elsewhere}: pytest read "
                                 f"{elsewhere} as a test path when it picked the rootdir*"
                                 f"Write --openstack-cassette-dir={elsewhere} (with '=')*"])
    pytester.runpytest(*ARGS, "--openstack-mode=replay", f"--openstack-cassette-dir={elsewhere}"
                       ).assert_outcomes(passed=1)
    inside = pytester.path / "recorded"
    pytester.runpytest(*ARGS, "--openstack-mode=record", *CLOUD, "--openstack-cassette-dir",
                       "recorded").assert_outcomes(passed=1)
    assert (inside / "test_login" / "test_login.yaml").is_file()


def test_drift_can_fail_the_run(sample: pytest.Pytester) -> None:
    sample.runpytest(*ARGS, "--openstack-mode=record", *CLOUD, "-k", "my_project"
                     ).assert_outcomes(passed=1, deselected=6)
    path = cassette_of(sample.path, "test_my_project_is_demo", "test_sample")
    cassette = load_cassette(path)
    cassette.interactions[0].response.status = 200
    from stackdouble.cassettes import save_cassette

    save_cassette(cassette, path)
    args = (*ARGS, "--openstack-drift=drift.md", "-k", "my_project")
    assert sample.runpytest(*args).ret == pytest.ExitCode.OK
    result = sample.runpytest(*args, "--openstack-drift-fail")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, deselected=6)
    result.stdout.fnmatch_lines(["stackdouble drift: 1 of 1 test(s) differ*",
                                 "stackdouble drift: failing the run (--openstack-drift-fail)*"])
