"""Keystone v3 OS-INHERIT: roles inherited to the projects of a domain, or below a project.

Example to let a user read every project of the Default domain, and see it in their
project-scoped token:

    >>> reader = next(r for r in roles.list(admin_identity).items() if r.name == "reader")
    >>> user = cloud.identity.create_user("auditor", password="auditor-pw")
    >>> where = osinherit.AssignOpts(user_id=user.id, domain_id="default")
    >>> osinherit.assign(admin_identity, reader.id, where).extract_err()
    >>> osinherit.validate(admin_identity, reader.id, where).extract()
    True
    >>> [r.name for r in osinherit.list_roles(admin_identity, where).items()]
    ['reader']
    >>> token_id = cloud.identity.issue_token("auditor", project="service")
    >>> cloud.identity.validate_auth_token(token_id).roles
    ('reader',)

Example to revoke it (the role is gone from the user's tokens at once):

    >>> osinherit.unassign(admin_identity, reader.id, where).extract_err()
    >>> osinherit.validate(admin_identity, reader.id, where).extract()
    False
"""

from stackdouble.client.openstack.identity.v3.osinherit.requests import (
    AssignOpts,
    UnassignOpts,
    ValidateOpts,
    assign,
    list_roles,
    unassign,
    validate,
)
from stackdouble.client.openstack.identity.v3.osinherit.results import (
    AssignmentResult,
    UnassignmentResult,
    ValidateResult,
)

__all__ = [
    "AssignOpts",
    "AssignmentResult",
    "UnassignOpts",
    "UnassignmentResult",
    "ValidateOpts",
    "ValidateResult",
    "assign",
    "list_roles",
    "unassign",
    "validate",
]
