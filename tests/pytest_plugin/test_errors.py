"""Bad input gets a clear message, never a traceback into the plugin."""

from __future__ import annotations

import pytest

from stackdouble.fakes import ServedCloud
from tests.pytest_plugin.helpers import write_clouds_yaml

ARGS = ("-p", "no:cacheprovider", "-p", "no:benchmark")

LOGIN = '''
from stackdouble.client.openstack.identity.v3 import projects

def test_login(openstack_provider, openstack_identity):
    project_id = openstack_provider.auth_result.extract_project().id
    assert projects.get(openstack_identity, project_id).extract().name == "demo"
'''


def test_unknown_mode_on_the_command_line_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest(*ARGS, "--openstack-mode=bogus")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--openstack-mode: invalid choice: 'bogus'*"])


def test_unknown_mode_in_the_ini_file_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nopenstack_mode = offline\n")
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest(*ARGS)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*openstack_mode = 'offline'*must be one of fake, replay, "
                                 "record, live*"])
    assert "Traceback" not in result.stderr.str()


def test_unknown_cloud_is_a_usage_error_listing_the_clouds(pytester: pytest.Pytester,
                                                           served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest(*ARGS, "--openstack-mode=live", "--openstack-cloud=prod")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*cannot use --openstack-cloud prod: no cloud named 'prod'*"
                                 "clouds available: sample*"])
    assert "Traceback" not in result.stderr.str()


def test_missing_cassette_names_the_file(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_login=LOGIN)
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "*cassettes/test_login/test_login.yaml: no cassette for this test*"
        "--openstack-record-mode=once --openstack-cloud NAME*"])


@pytest.mark.parametrize(("content", "message"), [
    ("interactions: [\n", "not valid YAML at line 2"),
    ("", "the cassette file is empty"),
    ("- just a list\n", "not a cassette"),
    ("version: 2\ninteractions: []\n", "unsupported cassette version 2"),
    ("version: 1\ninteractions: [{request: {}}]\n", "interaction 0 is malformed"),
])
def test_corrupt_cassette_names_the_file_and_the_problem(pytester: pytest.Pytester,
                                                         content: str, message: str) -> None:
    pytester.makepyfile(test_login=LOGIN)
    path = pytester.path / "cassettes" / "test_login" / "test_login.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*cassettes/test_login/test_login.yaml: *{message}*"])
    assert "Traceback" not in result.stdout.str()


def test_bad_marker_argument_fails_the_test_with_the_reason(pytester: pytest.Pytester) -> None:
    pytester.makepyfile('''
        import pytest

        @pytest.mark.openstack(mode="offline")
        def test_a(openstack_provider):
            pass

        @pytest.mark.openstack(region="RegionTwo")
        def test_b(openstack_provider):
            pass
    ''')
    result = pytester.runpytest(*ARGS)
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines([
        "*mode='offline'*must be one of fake, replay, record, live*",
        "*unknown argument(s) region*",
    ])


def test_unmatched_request_names_the_nearest_recording(pytester: pytest.Pytester,
                                                        served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-mode=record", "--openstack-cloud=sample"
                       ).assert_outcomes(passed=1)
    pytester.makepyfile(test_login=LOGIN.replace("project_id).extract()",
                                                 "project_id + 'x').extract()"))
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*UnmatchedRequest: stackdouble replay: no recorded response for GET "
        "http://cloud.stackdouble.test/identity/v3/projects/*x",
        "*in *cassettes/test_login/test_login.yaml (2 interactions).",
        "*Nearest recorded: interaction 1: GET http://cloud.stackdouble.test/identity/v3/"
        "projects/* (differs in URL)",
    ])


def test_a_swallowed_unmatched_request_still_fails_the_test(pytester: pytest.Pytester,
                                                            served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_login=LOGIN)
    pytester.runpytest(*ARGS, "--openstack-mode=record", "--openstack-cloud=sample"
                       ).assert_outcomes(passed=1)
    pytester.makepyfile(test_login='''
        import requests

        def test_login(openstack_provider):
            try:
                requests.get("http://cloud.stackdouble.test/not-recorded")
            except Exception:
                pass
    ''')
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the test passed, but swallowed an unmatched request*"])


@pytest.mark.parametrize("mode", ["fake", "replay"])
def test_fake_and_replay_block_non_loopback_connections(pytester: pytest.Pytester,
                                                        mode: str) -> None:
    pytester.makepyfile('''
        import socket
        import pytest
        from stackdouble.pytest_plugin._network import NetworkBlocked

        @pytest.mark.openstack(cassette="empty")
        def test_blocked(openstack_cassette, openstack_mode):
            with socket.socket() as sock, pytest.raises(NetworkBlocked, match="192.0.2.1:443"):
                sock.connect(("192.0.2.1", 443))

        @pytest.mark.openstack(cassette="empty")
        def test_loopback_allowed(openstack_cassette):
            with socket.socket() as server:
                server.bind(("127.0.0.1", 0))
                server.listen()
                with socket.create_connection(server.getsockname()):
                    pass
    ''')
    path = pytester.path / "cassettes" / "empty.yaml"
    path.parent.mkdir()
    path.write_text("interactions: []\nversion: 1\n")
    pytester.runpytest(*ARGS, f"--openstack-mode={mode}").assert_outcomes(passed=2)


def test_tests_without_the_fixtures_are_untouched(pytester: pytest.Pytester) -> None:
    pytester.makepyfile('''
        import socket
        import requests.adapters

        ORIGINAL_SEND = requests.adapters.HTTPAdapter.send

        def test_plain():
            assert "connect" not in socket.socket.__dict__
            assert requests.adapters.HTTPAdapter.send is ORIGINAL_SEND
    ''')
    for mode in ("fake", "replay"):
        pytester.runpytest(*ARGS, f"--openstack-mode={mode}").assert_outcomes(passed=1)


def test_each_test_gets_a_clean_cloud_from_one_template(pytester: pytest.Pytester) -> None:
    pytester.makepyfile('''
        import pytest

        @pytest.mark.parametrize("round", range(3))
        def test_dirty(openstack_cloud, _openstack_cloud_pool, round):
            assert _openstack_cloud_pool.built == 1
            assert len(openstack_cloud.faults) == 0
            assert len(openstack_cloud.requests) == 0
            assert "scratch" not in {p.name for p in openstack_cloud.identity.projects.values()}
            openstack_cloud.inject_fault("GET", "/compute/*", times=None)
            openstack_cloud.identity.create_project("scratch")
            openstack_cloud.clock.advance(86400)

        def test_seed_from_marker_and_fresh_clock(openstack_cloud):
            import time
            assert abs(openstack_cloud.clock.time() - time.time()) < 60
            assert openstack_cloud.seed_value == 0

        @pytest.mark.openstack(seed=42)
        def test_seeded(openstack_cloud):
            assert openstack_cloud.seed_value == 42
    ''')
    pytester.runpytest(*ARGS).assert_outcomes(passed=5)


def test_provider_logs_in_as_the_marker_user(pytester: pytest.Pytester) -> None:
    pytester.makepyfile('''
        import pytest

        @pytest.mark.openstack(user="admin")
        def test_admin(openstack_provider):
            assert openstack_provider.auth_result.extract_user().name == "admin"

        def test_demo(openstack_provider):
            assert openstack_provider.auth_result.extract_user().name == "demo"
    ''')
    pytester.runpytest(*ARGS).assert_outcomes(passed=2)


def test_each_mode_waits_on_its_own_clock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile('''
        import time
        import pytest

        @pytest.mark.openstack(cassette="empty")
        def test_clock(openstack_clock, openstack_mode, request):
            started = time.monotonic()
            before = openstack_clock.clock()
            openstack_clock.sleep(3600)
            assert openstack_clock.clock() - before >= 3600
            assert time.monotonic() - started < 5
            if openstack_mode == "fake":
                cloud = request.getfixturevalue("openstack_cloud")
                assert cloud.clock.time() - time.time() >= 3590
    ''')
    path = pytester.path / "cassettes" / "empty.yaml"
    path.parent.mkdir()
    path.write_text("interactions: []\nversion: 1\n")
    for mode in ("fake", "replay"):
        pytester.runpytest(*ARGS, f"--openstack-mode={mode}").assert_outcomes(passed=1)
