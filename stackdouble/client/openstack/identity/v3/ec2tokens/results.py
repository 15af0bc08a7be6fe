"""Keystone ec2tokens results: a token, as `tokens.create` answers."""

from __future__ import annotations

from stackdouble.client.openstack.identity.v3.tokens.results import (
    CreateResult as TokenCreateResult,
)

__all__ = ["CreateResult"]


class CreateResult(TokenCreateResult):
    """The result of `ec2tokens.create`: a token for the credential's user, scoped to its
    project (`extract_token()`, `extract_user()`, `extract_project()`, `extract_catalog()`...).
    """

    __slots__ = ()
