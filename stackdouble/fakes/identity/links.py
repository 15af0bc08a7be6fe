"""What the identity fake provides to the other services: the cloud's `projects` link
(`stackdouble.fakes.links.ProjectLink`), which Cinder's default types ask whether a
project exists, as Cinder's `api_utils.get_project` asks Keystone (`GET
/v3/projects/{id}`; a domain answers too, as a project acting as a domain).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["KeystoneProjects"]


class KeystoneProjects:
    """The `projects` link, answered by the cloud's current identity model (a reset
    replaces the model; the link follows).

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> cloud = FakeCloud(seed=1)
        >>> cloud.links.projects.exists(cloud.project_id("demo"))
        True
        >>> cloud.links.projects.exists("nosuchproject")
        False
    """

    __slots__ = ("_cloud",)

    def __init__(self, cloud: FakeCloud) -> None:
        self._cloud = cloud

    def exists(self, project_id: str) -> bool:
        """Whether a project (or a domain) has this id."""
        identity = self._cloud.identity
        return project_id in identity.projects or project_id in identity.domains
