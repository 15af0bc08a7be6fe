"""Glance's API handlers, one module per client resource: parse as Glance's
`RequestDeserializer`s do (in `schema`), call the model, render with `views`.

`_common` holds the plumbing: `api()` (the request id's length, `body_reject`), the
caller, bodies and empty answers. The names `urls` routes to are re-exported here.
"""

from __future__ import annotations

from stackdouble.fakes.image.handlers._common import api, check_request_id, empty
from stackdouble.fakes.image.handlers.imagedata import download_file, stage_file, upload_file
from stackdouble.fakes.image.handlers.imageimport import (
    import_image,
    import_info,
    stores_info,
    usage_info,
)
from stackdouble.fakes.image.handlers.images import (
    add_tag,
    create_image,
    deactivate_image,
    delete_image,
    list_images,
    reactivate_image,
    remove_tag,
    show_image,
    update_image,
)
from stackdouble.fakes.image.handlers.members import (
    add_member,
    list_members,
    remove_member,
    show_member,
    update_member,
)
from stackdouble.fakes.image.handlers.tasks import (
    create_task,
    delete_task,
    image_tasks,
    list_tasks,
    show_task,
    task_schema,
    tasks_schema,
)
from stackdouble.fakes.image.handlers.versions import (
    image_schema,
    images_schema,
    list_versions,
    member_schema,
    members_schema,
    versions,
)

__all__ = [
    "add_member",
    "add_tag",
    "api",
    "check_request_id",
    "create_image",
    "create_task",
    "deactivate_image",
    "delete_image",
    "delete_task",
    "download_file",
    "empty",
    "image_schema",
    "image_tasks",
    "images_schema",
    "import_image",
    "import_info",
    "list_images",
    "list_members",
    "list_tasks",
    "list_versions",
    "member_schema",
    "members_schema",
    "reactivate_image",
    "remove_member",
    "remove_tag",
    "show_image",
    "show_member",
    "show_task",
    "stage_file",
    "stores_info",
    "task_schema",
    "tasks_schema",
    "update_image",
    "update_member",
    "upload_file",
    "usage_info",
    "versions",
]
