"""One sample project, the same test bodies, four modes: fake, record, replay, live."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackdouble.cassettes import check_cassette, load_cassette
from stackdouble.fakes import ServedCloud
from tests.pytest_plugin.helpers import write_clouds_yaml

ARGS = ("-p", "no:cacheprovider", "-p", "no:benchmark")
RECORD = (*ARGS, "--openstack-mode=record", "--openstack-cloud=sample")
CASSETTES = ("test_compute_lists_flavors_and_no_servers", "test_my_project_is_demo",
             "test_objects_round_trip", "test_repeated_requests_answer_in_order",
             "test_service_clients_come_from_the_catalog")


def cassette_files(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "cassettes" / "test_sample").glob("*.yaml"))


def test_sample_runs_in_fake_record_live_and_replay(sample: pytest.Pytester,
                                                    served: ServedCloud) -> None:
    sample.runpytest(*ARGS).assert_outcomes(passed=7)
    assert not (sample.path / "cassettes").exists()

    sample.runpytest(*RECORD).assert_outcomes(passed=7)
    assert cassette_files(sample.path) == list(CASSETTES)

    sample.runpytest(*ARGS, "--openstack-mode=live", "--openstack-cloud=sample"
                     ).assert_outcomes(passed=7)

    served.stop()  # replay must not need the cloud
    sample.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=7)


def test_recorded_cassettes_hold_no_secret_host_or_id(sample: pytest.Pytester,
                                                      served: ServedCloud) -> None:
    sample.runpytest(*RECORD).assert_outcomes(passed=7)
    project_id = served.cloud.project_id("demo")
    paths = sorted((sample.path / "cassettes").rglob("*.yaml"))
    assert len(paths) == len(CASSETTES)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert "demo-secret" not in text
        assert "gAAAAA" not in text  # no Fernet token, in any header or body
        assert project_id not in text
        assert "127.0.0.1" not in text
        assert str(served.port) not in text
        assert "http://cloud.stackdouble.test/identity/v3/auth/tokens" in text
        assert check_cassette(load_cassette(path)) == []


def test_ini_keys_set_the_mode_cloud_and_cassette_dir(sample: pytest.Pytester) -> None:
    sample.makeini("""
        [pytest]
        openstack_mode = record
        openstack_cloud = sample
        openstack_cassette_dir = recorded
    """)
    sample.runpytest(*ARGS, "-k", "my_project").assert_outcomes(passed=1, deselected=6)
    assert (sample.path / "recorded" / "test_sample" / "test_my_project_is_demo.yaml").exists()


def test_marker_names_the_cassette(pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile('''
        import pytest

        @pytest.mark.openstack(cassette="shared/login")
        def test_login(openstack_provider):
            assert openstack_provider.token_id
    ''')
    pytester.runpytest(*RECORD).assert_outcomes(passed=1)
    assert (pytester.path / "cassettes" / "shared" / "login.yaml").exists()


BOOT = '''
from stackdouble.client.openstack.compute.v2 import servers

def test_boot_and_wait(openstack_compute, openstack_clock):
    created = servers.create(openstack_compute, servers.CreateOpts(
        name="web", flavor_ref="1", image_ref="7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11")).extract()
    server = servers.wait_for_status(openstack_compute, created.id, "ACTIVE", timeout=60,
                                     interval=0.2, sleep=openstack_clock.sleep,
                                     clock=openstack_clock.clock)
    assert server.status == "ACTIVE"
'''


def test_polling_replays_in_order_without_waiting(pytester: pytest.Pytester,
                                                  served: ServedCloud) -> None:
    served.cloud.compute.set_build_time(0.5)  # real seconds: the served cloud's clock ticks
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_boot=BOOT)
    pytester.runpytest(*RECORD).assert_outcomes(passed=1)
    cassette = load_cassette(pytester.path / "cassettes" / "test_boot" / "test_boot_and_wait.yaml")
    polls = [i.response for i in cassette.interactions if i.request.method == "GET"]
    assert len(polls) >= 2
    assert b'"BUILD"' in polls[0].body
    assert b'"ACTIVE"' in polls[-1].body

    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=1)
    pytester.runpytest(*ARGS).assert_outcomes(passed=1)


CLEANUP = '''
import pytest
from stackdouble.client.openstack.objectstorage.v1 import containers

DELETED = []

@pytest.fixture
def scratch(openstack_object_storage):
    containers.create(openstack_object_storage, "scratch").extract()
    yield "scratch"
    containers.delete(openstack_object_storage, "scratch").extract()
    DELETED.append("scratch")

def test_uses_scratch(scratch, openstack_object_storage):
    page = containers.list(openstack_object_storage).all_pages()
    assert containers.extract_names(page) == [scratch]

def test_teardown_ran():
    assert DELETED == ["scratch"]
'''


def test_a_fixture_teardown_still_reaches_the_cloud_and_the_cassette(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    """Cleanup after `yield` runs before the plugin stops the cloud or writes the cassette."""
    write_clouds_yaml(pytester.path, served)
    pytester.makepyfile(test_cleanup=CLEANUP)
    pytester.runpytest(*ARGS).assert_outcomes(passed=2)

    pytester.runpytest(*RECORD).assert_outcomes(passed=2)
    cassette = load_cassette(pytester.path / "cassettes" / "test_cleanup" /
                             "test_uses_scratch.yaml")
    assert [i.request.method for i in cassette.interactions][-1] == "DELETE"
    assert served.cloud.object_storage.names("demo") == []

    served.stop()
    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=2)
