"""`openstack_login`: a second identity in one test, in every mode, its secrets kept out."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackdouble.cassettes import check_cassette, load_cassette
from stackdouble.fakes import ServedCloud

ARGS = ("-p", "no:cacheprovider", "-p", "no:benchmark")
RECORD = (*ARGS, "--openstack-mode=record", "--openstack-cloud=sample")

ADMIN_AND_MEMBER = '''
import pytest
from stackdouble.client import Forbidden
from stackdouble.client.openstack import new_identity_v3
from stackdouble.client.openstack.identity.v3 import users


def test_admin_lists_users_a_member_may_not(openstack_provider, openstack_identity,
                                            openstack_login):
    admin = openstack_login(user="admin", cloud="sample-admin")
    assert admin.auth_result.extract_user().name == "admin"
    assert openstack_provider.auth_result.extract_user().name == "demo"
    names = [u.name for u in users.extract_users(users.list(new_identity_v3(admin)).all_pages())]
    assert {"admin", "demo"} <= set(names)
    with pytest.raises(Forbidden):
        users.list(openstack_identity).all_pages()
'''


def write_two_clouds(folder: Path, served: ServedCloud) -> None:
    """clouds.yaml with `sample` (demo) and `sample-admin` (admin) on the served cloud."""
    member = served.cloud.clouds_yaml("sample")
    admin = served.cloud.clouds_yaml("sample-admin", user="admin", project="admin")
    entry = admin.split("clouds:\n", 1)[1]
    (folder / "clouds.yaml").write_text(member.rstrip("\n") + "\n" + entry, encoding="utf-8")


def test_a_second_login_runs_in_fake_record_replay_and_live(pytester: pytest.Pytester,
                                                            served: ServedCloud) -> None:
    write_two_clouds(pytester.path, served)
    pytester.makepyfile(test_two=ADMIN_AND_MEMBER)
    pytester.runpytest(*ARGS).assert_outcomes(passed=1)
    pytester.runpytest(*ARGS, "--openstack-mode=live", "--openstack-cloud=sample"
                       ).assert_outcomes(passed=1)
    pytester.runpytest(*RECORD).assert_outcomes(passed=1)

    path = pytester.path / "cassettes" / "test_two" / "test_admin_lists_users_a_member_may_not.yaml"
    cassette = load_cassette(path)
    logins = cassette.stackdouble["logins"]
    assert [login["username"] for login in logins] == ["admin"]
    assert "password" not in logins[0]
    text = path.read_text(encoding="utf-8")
    for secret in (served.cloud.credentials("admin")["password"],
                   served.cloud.credentials("demo")["password"], "gAAAAA"):
        assert secret not in text
    assert served.cloud.project_id("admin") not in text  # normalised like the provider's
    assert check_cassette(cassette) == []

    pytester.runpytest(*ARGS, "--openstack-drift=drift.md").assert_outcomes(passed=1)
    assert "1 test(s) in fake mode with their cassettes: 0 differ" in (
        pytester.path / "drift.md").read_text(encoding="utf-8")

    served.stop()  # replay must not need the cloud
    pytester.runpytest(*ARGS, "--openstack-mode=replay").assert_outcomes(passed=1)


def test_replay_with_more_logins_than_recorded_names_the_cassette(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_two_clouds(pytester.path, served)
    pytester.makepyfile(test_two=ADMIN_AND_MEMBER)
    pytester.runpytest(*RECORD).assert_outcomes(passed=1)
    pytester.makepyfile(test_two=ADMIN_AND_MEMBER.replace(
        '    assert admin.auth_result', '    openstack_login(user="admin", cloud="sample-admin")\n'
        '    assert admin.auth_result'))
    result = pytester.runpytest(*ARGS, "--openstack-mode=replay")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*test_admin_lists_users_a_member_may_not.yaml: the test logs "
                                 "in 2 time(s) with openstack_login, the recording 1*"])


def test_an_unknown_cloud_fails_the_test_with_the_clouds_there_are(
        pytester: pytest.Pytester, served: ServedCloud) -> None:
    write_two_clouds(pytester.path, served)
    pytester.makepyfile(test_two=ADMIN_AND_MEMBER.replace("sample-admin", "nope"))
    result = pytester.runpytest(*ARGS, "--openstack-mode=live", "--openstack-cloud=sample")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*cannot use openstack_login(cloud='nope'): *sample-admin*"])
    assert "--openstack-cloud nope" not in result.stdout.str()
