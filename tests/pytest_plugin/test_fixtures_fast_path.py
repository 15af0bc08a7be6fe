"""Fake mode hands each test a provider whose token comes straight from the fake's Keystone."""

from __future__ import annotations

import pytest


def test_the_fake_mode_provider_is_authenticated_without_a_token_request(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        from stackdouble.client.openstack.identity.v3 import projects, tokens

        def test_provider(openstack_cloud, openstack_provider, openstack_identity):
            assert openstack_cloud.requests.filter(method="POST") == []
            project = openstack_provider.auth_result.extract_project()
            assert project.name == "demo"
            assert projects.get(openstack_identity, project.id).extract().name == "demo"
            assert tokens.validate(openstack_identity, openstack_provider.token_id)

        def test_reauthentication_still_goes_over_http(openstack_cloud, openstack_provider,
                                                       openstack_identity):
            project_id = openstack_provider.auth_result.extract_project().id
            openstack_cloud.identity.expire_token(openstack_provider.token_id)
            assert projects.get(openstack_identity, project_id).extract().name == "demo"
            assert openstack_provider.reauth_count == 1
            assert len(openstack_cloud.requests.filter(method="POST",
                                                       path="/identity/v3/auth/tokens")) == 1
        """
    )
    pytester.runpytest("-p", "no:cacheprovider", "-p", "no:benchmark").assert_outcomes(passed=2)
