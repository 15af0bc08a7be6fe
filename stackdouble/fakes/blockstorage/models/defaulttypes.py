"""Per-project default volume types (microversion 3.62; `cinder/api/v3/default_types.py`,
`db.project_default_volume_type_*`, `volume_types.get_default_volume_type`), for
`client/openstack/blockstorage/v3/defaulttypes`.

An admin sets a project's default type by name or id; from then on a volume that project
creates without a type (and `GET /types/default` from it) gets that type instead of
`default_volume_type` (`__DEFAULT__`), and the type cannot be deleted while it is a
project's default. The project must exist: Cinder asks Keystone
(`api_utils.validate_project_and_authorize`), the fake asks the cloud's `projects` link.

Deliberate difference: Cinder asks Keystone with the caller's token, so a non-admin naming
another project (or none that exists) gets Keystone's 403, which Cinder does not catch: a
500. The fake answers the policy's 403 ("You are not authorized to perform this
operation.") that the caller gets for its own project.

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=1)
    >>> storage = cloud.block_storage
    >>> admin = storage.caller_for(cloud.project_id("admin"), is_admin=True)
    >>> gold = storage.add_volume_type("gold")
    >>> demo = cloud.project_id("demo")
    >>> storage.set_default_type(admin, demo, "gold") == (demo, gold.id)
    True
    >>> storage.create_volume(storage.caller_for(demo), size=1).volume_type.name
    'gold'
"""

from __future__ import annotations

from stackdouble.fakes.blockstorage.errors import BadRequest, Forbidden, NotFound
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.caller import Caller

__all__ = ["DefaultTypesMixin"]

_NOT_AUTHORIZED = "You are not authorized to perform this operation."


class DefaultTypesMixin(_ModelBase):
    """The per-project default types of `BlockStorageModel` (`project_default_types`:
    project id to volume type id, in the order they were first set)."""

    def _check_project(self, caller: Caller, project_id: str) -> None:
        """`validate_project_and_authorize` with the admin-only default policies.

        Raises:
            NotFound: "Project with id <id> not found." (an admin naming none).
            Forbidden: "You are not authorized to perform this operation."
        """
        if not caller.is_admin:
            raise Forbidden(_NOT_AUTHORIZED)
        if not self.cloud.links.projects.exists(project_id):
            raise NotFound(f"Project with id {project_id} not found.")

    def set_default_type(self, caller: Caller, project_id: str,
                         volume_type: str) -> tuple[str, str]:
        """`PUT /default-types/{project_id}`: the project's default becomes the type named
        (or with the id) `volume_type`; returns `(project_id, volume_type_id)`.

        Raises:
            NotFound: The project does not exist (checked first).
            Forbidden: Not an admin.
            BadRequest: "Volume type with name <x> could not be found." (or "Volume type
                <id> could not be found.").
        """
        self._check_project(caller, project_id)
        try:
            vtype = self.find_volume_type(caller, volume_type)
        except NotFound as exc:
            raise BadRequest(exc.message) from None
        self.project_default_types[project_id] = vtype.id
        return project_id, vtype.id

    def project_default_type(self, caller: Caller, project_id: str) -> tuple[str, str]:
        """`GET /default-types/{project_id}`: `(project_id, volume_type_id)`.

        Raises:
            NotFound: The project does not exist, or "Default type for project <id> not
                found." (none set).
            Forbidden: Not an admin.
        """
        self._check_project(caller, project_id)
        type_id = self.project_default_types.get(project_id)
        if type_id is None:
            raise NotFound(f"Default type for project {project_id} not found.")
        return project_id, type_id

    def list_default_types(self, caller: Caller) -> list[tuple[str, str]]:
        """`GET /default-types`: every `(project_id, volume_type_id)` set.

        Raises:
            Forbidden: Not an admin.
        """
        if not caller.is_admin:
            raise Forbidden(_NOT_AUTHORIZED)
        return list(self.project_default_types.items())

    def unset_default_type(self, caller: Caller, project_id: str) -> None:
        """`DELETE /default-types/{project_id}`: the project falls back to
        `default_volume_type`. Nothing set, or a project Keystone no longer has, is no
        error (Cinder unsets "anyway").

        Raises:
            Forbidden: Not an admin.
        """
        if not caller.is_admin:
            raise Forbidden(_NOT_AUTHORIZED)
        self.project_default_types.pop(project_id, None)
