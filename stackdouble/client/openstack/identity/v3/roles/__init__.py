"""Keystone v3 roles, role assignments and implied roles.

Example to list roles:

    >>> sorted(r.name for r in roles.list(admin_identity).items())
    ['admin', 'manager', 'member', 'reader', 'service']

Example to assign a role to a user on a project, check it, and list effective assignments
(implied roles included, as Keystone expands them):

    >>> reader = next(r for r in roles.list(admin_identity).items() if r.name == "reader")
    >>> where = roles.AssignOpts(user_id=cloud.user_id("demo"),
    ...                          project_id=cloud.project_id("service"))
    >>> roles.assign(admin_identity, reader.id, where).extract_err()
    >>> roles.check(admin_identity, reader.id, where).extract()
    True
    >>> opts = roles.ListAssignmentsOpts(user_id=cloud.user_id("demo"), effective=True,
    ...                                  include_names=True)
    >>> found = roles.list_assignments(admin_identity, opts).items()
    >>> sorted((a.project.name, a.role.name) for a in found)
    [('demo', 'member'), ('demo', 'reader'), ('service', 'reader')]
    >>> roles.unassign(admin_identity, reader.id, where).extract_err()

Example to create a role that implies another:

    >>> auditor = roles.create(admin_identity, roles.CreateOpts(name="auditor")).extract()
    >>> rule = roles.create_role_inference_rule(admin_identity, auditor.id, reader.id).extract()
    >>> [r.name for r in rule.implies]
    ['reader']
    >>> roles.delete_role_inference_rule(admin_identity, auditor.id, reader.id).extract_err()
    >>> roles.delete(admin_identity, auditor.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.roles.requests import (
    AssignOpts,
    CreateOpts,
    CreateOptsBuilder,
    ListAssignmentsOpts,
    ListAssignmentsOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    assign,
    check,
    create,
    create_role_inference_rule,
    delete,
    delete_role_inference_rule,
    get,
    get_role_inference_rule,
    list,
    list_assignments,
    list_assignments_on_resource,
    list_role_inference_rules,
    unassign,
    update,
    validate,
)
from stackdouble.client.openstack.identity.v3.roles.results import (
    AssignmentResult,
    CreateResult,
    DeleteResult,
    GetResult,
    ImpliedRoleResult,
    ListImpliedRolesResult,
    Role,
    RoleAssignment,
    RoleAssignmentPage,
    RoleInference,
    RolePage,
    RoleRef,
    UpdateResult,
    extract_role_assignments,
    extract_roles,
)

__all__ = [
    "AssignOpts",
    "AssignmentResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ImpliedRoleResult",
    "ListAssignmentsOpts",
    "ListAssignmentsOptsBuilder",
    "ListImpliedRolesResult",
    "ListOpts",
    "ListOptsBuilder",
    "Role",
    "RoleAssignment",
    "RoleAssignmentPage",
    "RoleInference",
    "RolePage",
    "RoleRef",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "assign",
    "check",
    "create",
    "create_role_inference_rule",
    "delete",
    "delete_role_inference_rule",
    "extract_role_assignments",
    "extract_roles",
    "get",
    "get_role_inference_rule",
    "list",
    "list_assignments",
    "list_assignments_on_resource",
    "list_role_inference_rules",
    "unassign",
    "update",
    "validate",
]
