"""Glance tasks: the asynchronous operations behind imports (`list`, `get`). Glance's
default policy keeps the tasks API to admins.

Example of a listing's query:

    >>> from stackdouble.client.openstack.image.v2 import tasks
    >>> tasks.ListOpts(status="failure", limit=5).to_task_list_query()
    '?status=failure&limit=5'

Example to list the failed imports:

    >>> failed = [t.message for t in tasks.list(admin_image_client,
    ...                                         tasks.ListOpts(status="failure")).items()]
"""

from stackdouble.client.openstack.image.v2.tasks.requests import (
    ListOpts,
    ListOptsBuilder,
    get,
    list,
)
from stackdouble.client.openstack.image.v2.tasks.results import (
    GetResult,
    Task,
    TaskPage,
    extract_tasks,
)

__all__ = [
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Task",
    "TaskPage",
    "extract_tasks",
    "get",
    "list",
]
