"""Keystone v3 projects.

Example to list projects (an admin token; a member gets Forbidden as from Keystone):

    >>> admin_identity = new_identity_v3(admin_provider)
    >>> sorted(p.name for p in projects.list(admin_identity).items())
    ['admin', 'demo', 'service']

Example to page with an early stop:

    >>> seen = []
    >>> def handle(page):
    ...     seen.extend(p.name for p in projects.extract_projects(page))
    ...     return False
    >>> projects.list(admin_identity, projects.ListOpts(limit=2)).each_page(handle)
    >>> len(seen)
    2

Example to create a project, tag it, update and delete it (an admin's calls):

    >>> team = projects.create(admin_identity, projects.CreateOpts(
    ...     name="team", description="ops", tags=["blue"])).extract()
    >>> projects.modify_tags(admin_identity, team.id,
    ...                      projects.ModifyTagsOpts(tags=["blue", "green"])).extract()
    ['blue', 'green']
    >>> off = projects.UpdateOpts(enabled=False)
    >>> projects.update(admin_identity, team.id, off).extract().enabled
    False
    >>> projects.delete(admin_identity, team.id).extract_err()

Example to see a project's place in the hierarchy (the parents as nested ids, its domain
innermost; the subtree as the projects the caller has a role on):

    >>> ops = projects.create(admin_identity, projects.CreateOpts(name="ops")).extract()
    >>> child = projects.create(admin_identity, projects.CreateOpts(
    ...     name="child", parent_id=ops.id)).extract()
    >>> projects.get(admin_identity, child.id, projects.GetOpts(
    ...     parents_as_ids=True)).extract().parent_ids == {ops.id: {"default": None}}
    True
    >>> projects.get(admin_identity, ops.id, projects.GetOpts(
    ...     subtree_as_ids=True)).extract().subtree_ids == {child.id: None}
    True
    >>> projects.get(admin_identity, ops.id, projects.GetOpts(subtree_as_list=True)
    ...              ).extract().subtree  # the admin has no role on the child
    []

Example to create a domain as a project acting as one, and see it as a project:

    >>> dom = projects.create(admin_identity, projects.CreateOpts(
    ...     name="acme", is_domain=True)).extract()
    >>> (dom.is_domain, dom.domain_id, dom.parent_id)
    (True, None, None)
    >>> opts = projects.ListOpts(is_domain=True)
    >>> sorted(p.name for p in projects.list(admin_identity, opts).items())
    ['Default', 'acme']

Example to list the projects a token can scope to:

    >>> [p.name for p in projects.list_available(identity).items()]
    ['demo']
"""

from stackdouble.client.openstack.identity.v3.projects.requests import (
    CreateOpts,
    CreateOptsBuilder,
    GetOpts,
    GetOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    ModifyTagsOpts,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    delete,
    delete_tags,
    get,
    list,
    list_available,
    list_tags,
    modify_tags,
    update,
)
from stackdouble.client.openstack.identity.v3.projects.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Project,
    ProjectPage,
    TagsResult,
    UpdateResult,
    extract_projects,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetOpts",
    "GetOptsBuilder",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "ModifyTagsOpts",
    "Project",
    "ProjectPage",
    "TagsResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "delete_tags",
    "extract_projects",
    "get",
    "list",
    "list_available",
    "list_tags",
    "modify_tags",
    "update",
]
