"""Tags on any resource (`neutron/extensions/tagging.py`, `neutron/services/tag/`): at most
50 a resource, each a string of up to 255 characters."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import BadRequest, TagNotFound
from stackdouble.fakes.networking.models._common import Resource, _ModelBase
from stackdouble.fakes.networking.policy import refuse

__all__ = ["MAX_TAGS", "TAGGED", "TagsMixin"]

#: `MAX_TAGS_COUNT`.
MAX_TAGS = 50
#: The collections that take tags, and their resource names.
TAGGED = {"networks": "network", "subnets": "subnet", "ports": "port",
          "security-groups": "security_group", "security_groups": "security_group",
          "routers": "router", "floatingips": "floatingip"}


class TagsMixin(_ModelBase):
    """Read and write a resource's tags."""

    def tagged(self, caller: Caller, collection: str, resource_id: str) -> Resource:
        """The resource behind `/v2.0/{collection}/{id}/tags` (its own 404 if not
        visible)."""
        getters: dict[str, Callable[[Caller, str], Resource]] = {
            "network": self.get_network,
            "subnet": self.get_subnet,
            "port": self.get_port,
            "security_group": self.get_security_group,  # type: ignore[attr-defined]
            "router": self.get_router,  # type: ignore[attr-defined]
            "floatingip": self.get_floatingip,  # type: ignore[attr-defined]
        }
        getters.update(getattr(self, "extra_tagged", {}))
        return getters[TAGGED.get(collection, collection)](caller, resource_id)

    def _writable(self, caller: Caller, collection: str, resource_id: str,
                  action: str) -> Resource:
        item = self.tagged(caller, collection, resource_id)
        if not caller.is_admin and item.project_id != caller.project_id:
            raise refuse(action, f"{TAGGED.get(collection, collection)}:tags")
        return item

    def get_tags(self, caller: Caller, collection: str, resource_id: str) -> list[str]:
        """A resource's tags."""
        return list(self.tagged(caller, collection, resource_id).tags)

    def has_tag(self, caller: Caller, collection: str, resource_id: str, tag: str) -> None:
        """Nothing if the resource has the tag.

        Raises:
            TagNotFound: It has not.
        """
        if tag not in self.tagged(caller, collection, resource_id).tags:
            raise TagNotFound(tag=tag)

    def replace_tags(self, caller: Caller, collection: str, resource_id: str,
                     tags: Sequence[str]) -> list[str]:
        """Set all of a resource's tags.

        Raises:
            BadRequest: More than 50.
        """
        item = self._writable(caller, collection, resource_id, "update")
        if len(tags) > MAX_TAGS:
            raise BadRequest(resource=TAGGED.get(collection, collection),
                             msg=f"The number of tags exceed the per-resource limit of "
                                 f"{MAX_TAGS}")
        item.tags = list(tags)
        self._touch(item)
        return list(item.tags)

    def add_tag(self, caller: Caller, collection: str, resource_id: str, tag: str) -> None:
        """Add one tag (nothing if it is there).

        Raises:
            BadRequest: The resource would have more than 50.
        """
        item = self._writable(caller, collection, resource_id, "update")
        if tag in item.tags:
            return
        if len(item.tags) >= MAX_TAGS:
            raise BadRequest(resource=TAGGED.get(collection, collection),
                             msg=f"The number of tags exceed the per-resource limit of "
                                 f"{MAX_TAGS}")
        item.tags.append(tag)
        self._touch(item)

    def remove_tag(self, caller: Caller, collection: str, resource_id: str, tag: str) -> None:
        """Remove one tag.

        Raises:
            TagNotFound: The resource has not got it.
        """
        item = self._writable(caller, collection, resource_id, "delete")
        if tag not in item.tags:
            raise TagNotFound(tag=tag)
        item.tags.remove(tag)
        self._touch(item)

    def remove_tags(self, caller: Caller, collection: str, resource_id: str) -> None:
        """Remove every tag."""
        item = self._writable(caller, collection, resource_id, "delete")
        if item.tags:
            item.tags = []
            self._touch(item)
