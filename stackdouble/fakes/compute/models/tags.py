"""Server tags of the fake Nova (`/servers/{id}/tags`, 2.26;
`nova/api/openstack/compute/server_tags.py`; the client's `compute/v2/tags`).

At most 50 tags a server (`objects.instance.MAX_TAG_COUNT`), each 1 to 60 characters
without `/` or `,` (`parameter_types.tag`). Changes need the server ACTIVE, PAUSED,
SUSPENDED or SHUTOFF. The `tags`, `tags-any`, `not-tags` and `not-tags-any` filters of
the server list are in `listing`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import BadRequest, NotFound, invalid_state
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.servers import Server

__all__ = ["MAX_TAG_COUNT", "TagsMixin"]

#: `nova/objects/instance.py`'s `MAX_TAG_COUNT`.
MAX_TAG_COUNT = 50
_TAG = re.compile(r"^[^,/]*$")
_CHANGEABLE = (st.ACTIVE, st.PAUSED, st.SUSPENDED, st.STOPPED)


class TagsMixin(ModelBase):
    """Server tags, mixed into `ComputeModel`."""

    def _tag_target(self, caller: Caller, server_id: str, action: str | None) -> Server:
        server = self.servers.get(server_id)
        if server is None or server.deleted:
            raise NotFound(f"Instance {server_id} has no mapping to a cell.")
        if server.project_id != caller.project_id and not caller.is_admin:
            from stackdouble.fakes.compute.errors import policy_forbidden

            rule = {None: "index", "update tag": "update", "update tags": "update_all",
                    "delete tag": "delete", "delete tags": "delete_all"}[action]
            raise policy_forbidden(f"os_compute_api:os-server-tags:{rule}")
        self._settle(server)
        if action is not None and server.vm_state not in _CHANGEABLE:
            raise invalid_state(action, server.uuid, "vm_state", server.vm_state)
        return server

    def server_tags(self, caller: Caller, server_id: str) -> list[str]:
        """A server's tags.

        Raises:
            NotFound: "Instance <id> has no mapping to a cell."
            Forbidden: Another project's server.
        """
        return list(self._tag_target(caller, server_id, None).tags)

    def has_tag(self, caller: Caller, server_id: str, tag: str) -> None:
        """Whether the server has `tag`.

        Raises:
            NotFound: "Server <id> has no tag '<tag>'".
        """
        server = self._tag_target(caller, server_id, None)
        if tag not in server.tags:
            raise NotFound(f"Server {server_id} has no tag '{tag}'")

    def replace_tags(self, caller: Caller, server_id: str, tags: Sequence[str]) -> list[str]:
        """`PUT /servers/{id}/tags`: the new set (duplicates once); the body schema checks
        each tag and the count.

        Raises:
            Conflict: Not ACTIVE, PAUSED, SUSPENDED or SHUTOFF.
        """
        server = self._tag_target(caller, server_id, "update tags")
        server.tags = list(dict.fromkeys(tags))
        server.updated_at = self._now()
        return list(server.tags)

    def add_tag(self, caller: Caller, server_id: str, tag: str) -> bool:
        """`PUT /servers/{id}/tags/{tag}`: True when added, False when it was there.

        Raises:
            Conflict: Not in a state that allows it.
            BadRequest: An invalid tag, or 50 tags already.
        """
        server = self._tag_target(caller, server_id, "update tag")
        error = None
        if not tag:
            error = f"'{tag}' is too short"
        elif len(tag) > 60:
            error = f"'{tag}' is too long"
        elif not _TAG.match(tag):
            error = f"'{tag}' does not match '^[^,/]*$'"
        if error is not None:
            raise BadRequest(f"Tag '{tag}' is invalid. It must be a non empty string without "
                             f"characters '/' and ','. Validation error message: {error}")
        if len(server.tags) >= MAX_TAG_COUNT:
            raise BadRequest(f"The number of tags exceeded the per-server limit {MAX_TAG_COUNT}")
        if tag in server.tags:
            return False
        server.tags.append(tag)
        server.updated_at = self._now()
        return True

    def delete_tag(self, caller: Caller, server_id: str, tag: str) -> None:
        """`DELETE /servers/{id}/tags/{tag}`.

        Raises:
            NotFound: "Instance <id> has no tag '<tag>'"
            Conflict: Not in a state that allows it.
        """
        server = self._tag_target(caller, server_id, "delete tag")
        if tag not in server.tags:
            raise NotFound(f"Instance {server_id} has no tag '{tag}'")
        server.tags.remove(tag)
        server.updated_at = self._now()

    def delete_tags(self, caller: Caller, server_id: str) -> None:
        """`DELETE /servers/{id}/tags`: all of them.

        Raises:
            Conflict: Not in a state that allows it.
        """
        server = self._tag_target(caller, server_id, "delete tags")
        server.tags = []
        server.updated_at = self._now()
