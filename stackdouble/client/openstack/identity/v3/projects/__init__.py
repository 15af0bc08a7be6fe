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

Example to list the projects a token can scope to:

    >>> [p.name for p in projects.list_available(identity).items()]
    ['demo']
"""

from stackdouble.client.openstack.identity.v3.projects.requests import (
    ListOpts,
    ListOptsBuilder,
    get,
    list,
    list_available,
)
from stackdouble.client.openstack.identity.v3.projects.results import (
    GetResult,
    Project,
    ProjectPage,
    extract_projects,
)

__all__ = [
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Project",
    "ProjectPage",
    "extract_projects",
    "get",
    "list",
    "list_available",
]
