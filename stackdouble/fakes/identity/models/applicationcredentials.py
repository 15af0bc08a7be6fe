"""Keystone's application credentials (the fake of `identity/v3/applicationcredentials/`).

One project, a subset of the owner's roles; deleting one stops its tokens validating.
Keystone's rules live in `keystone/application_credential/core.py`.

Access rules (`keystone/application_credential/backends/sql.py`) belong to the user: a
credential's rule is looked up by its id first (another user's is a 404, as Keystone 30
answers), then by the user's identical (service, path, method), and only then made, with
the given id if any; the same rule twice in one credential is Keystone's 409; a rule in
use by a credential may not be deleted (403 "May not delete access rule in use");
deleting the user deletes its rules. A token from a credential with rules may only make
the requests they allow (`request_allowed`, keystonemiddleware's `validate_allowed_request`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import Conflict, ForbiddenNotSecurity, NotFound
from stackdouble.fakes.identity.models._common import (
    _ModelBase,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.users import User


__all__ = ["AccessRule", "ApplicationCredential", "ApplicationCredentialsMixin", "path_matches"]

#: keystonemiddleware's `_path_matches` tokens: `{tag}` and `*` take one segment, `**` any.
_PATH_TOKENS = re.compile(r"(?P<tag>{[^}]*})|(?P<wild>\*(?=$|[^\*]))|(?P<rec_wild>\*\*)|"
                          r"(?P<literal>[^{}\*])")


def path_matches(path: str, pattern: str) -> bool:
    """Whether a request path matches an access rule's path, as keystonemiddleware reads it:
    `{name}` and `*` match one segment, `**` anything, the rest literally (regex included:
    keystonemiddleware does not escape it).

    Example:
        >>> path_matches("/v3/users/abc", "/v3/users/{user_id}")
        True
        >>> path_matches("/v3/users/abc/projects", "/v3/users/*")
        False
        >>> path_matches("/v3/users/abc/projects", "/v3/**")
        True
    """
    regex = ""
    for match in _PATH_TOKENS.finditer(pattern):
        token = match.groupdict()
        if token["tag"] or token["wild"]:
            regex += r"[^\/]+"
        if token["rec_wild"]:
            regex += ".*"
        if token["literal"]:
            regex += token["literal"]
    try:
        return re.match(f"^{regex}$", path) is not None
    except re.error:
        return False


@dataclass(slots=True, kw_only=True)
class AccessRule:
    """A request an application credential's tokens may make: a service type, a method
    and a path pattern. Owned by a user, shared by the user's credentials."""

    id: str
    user_id: str
    service: str | None
    path: str | None
    method: str | None


@dataclass(slots=True, kw_only=True)
class ApplicationCredential:
    """An application credential; scoped to one project, with a subset of the user's roles."""

    id: str
    name: str
    user_id: str
    project_id: str
    secret: str = field(repr=False)
    role_ids: tuple[str, ...]
    expires_at: datetime | None = None
    unrestricted: bool | None = False
    description: str | None = None
    #: Its access rules' ids; () when it has none (its tokens are not restricted).
    access_rule_ids: tuple[str, ...] = ()


class ApplicationCredentialsMixin(_ModelBase):
    """`IdentityModel`'s application credentials."""

    @locked
    def create_application_credential(
        self,
        user: str | User,
        name: str,
        secret: str | None = None,
        roles: Sequence[str] | None = None,
        expires_at: datetime | None = None,
        *,
        project: str | Project | None = None,
        unrestricted: bool | None = False,
        access_rules: Sequence[Mapping[str, Any]] | None = None,
    ) -> tuple[str, str]:
        """Add an application credential and return `(id, secret)`.

        Args:
            user: Its owner.
            name: Unique per user.
            secret: None generates one.
            roles: Role names or ids; None takes the user's direct roles on the project.
            expires_at: None never expires.
            project: The project it is scoped to; None takes the user's default project, or
                the only project the user has a role on.
            access_rules: `{"service", "path", "method"}` (or `{"id"}` of an existing rule)
                each; its tokens may then make only those requests.

        Raises:
            ValueError: The name is taken, the project is ambiguous, or the user lacks a role.
        """
        owner = self.find_user(user)
        if any(c.user_id == owner.id and c.name == name
               for c in self.application_credentials.values()):
            raise Conflict("application_credential", f"Duplicate entry found with name {name}")
        if project is not None:
            project_id = self.find_project(project).id
        elif owner.default_project_id:
            project_id = owner.default_project_id
        else:
            candidates = {p.id for p in self.projects_for_user(owner.id)}
            if len(candidates) != 1:
                raise ValueError("give project=: the user has roles on "
                                 f"{len(candidates)} projects")
            project_id = candidates.pop()
        direct = self.direct_role_ids(owner.id, "project", project_id)
        if roles is None:
            role_ids = tuple(direct)
        else:
            role_ids = tuple(self.find_role(r).id for r in roles)
            effective = self.effective_role_ids(owner.id, "project", project_id)
            missing = [self.roles[r].name for r in role_ids if r not in effective]
            if missing:
                raise ValueError(f"user {owner.name!r} lacks roles {missing} on the project")
        if not role_ids:
            raise ValueError(f"user {owner.name!r} has no role on the project")
        if expires_at is not None and expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=timezone.utc)
        cred = ApplicationCredential(
            id=self._ids.hex32(), name=name, user_id=owner.id, project_id=project_id,
            secret=secret if secret is not None else self._ids.secret(),
            role_ids=role_ids, expires_at=expires_at, unrestricted=unrestricted,
        )
        new_rules: dict[str, AccessRule] = {}
        rule_ids = [self._access_rule_for(owner.id, rule, new_rules)
                    for rule in access_rules or ()]
        if len(set(rule_ids)) != len(rule_ids):
            raise Conflict("application_credential", f"Duplicate entry found with name {name}")
        self.access_rules.update(new_rules)
        cred.access_rule_ids = tuple(rule_ids)
        self.application_credentials[cred.id] = cred
        return cred.id, cred.secret

    def _access_rule_for(self, user_id: str, rule: Mapping[str, Any],
                         new_rules: dict[str, AccessRule]) -> str:
        """The id a credential's rule gets: the user's rule with its id, the user's
        identical rule, or the given (else a new) id for a new one.

        Raises:
            NotFound: The id is another user's rule.
        """
        given = rule.get("id")
        if given is not None and given in self.access_rules:
            return self.get_access_rule(user_id, str(given)).id
        if given is not None and given in new_rules:
            return str(given)
        triple = (rule.get("service"), rule.get("path"), rule.get("method"))
        for existing in (*self.access_rules.values(), *new_rules.values()):
            if existing.user_id == user_id and (
                    existing.service, existing.path, existing.method) == triple:
                return existing.id
        made = AccessRule(id=str(given) if given is not None else self._ids.hex32(),
                          user_id=user_id, service=triple[0], path=triple[1],
                          method=triple[2])
        new_rules[made.id] = made
        return made.id

    def access_rules_of(self, cred: ApplicationCredential) -> list[AccessRule]:
        """A credential's access rules, in the order it was given them."""
        return [self.access_rules[r] for r in cred.access_rule_ids if r in self.access_rules]

    def list_access_rules(self, user_id: str, *, service: str | None = None,
                          path: str | None = None,
                          method: str | None = None) -> list[AccessRule]:
        """A user's access rules in creation order, filtered by exact service, path and
        method (None: any)."""
        return [r for r in self.access_rules.values() if r.user_id == user_id
                and (service is None or r.service == service)
                and (path is None or r.path == path)
                and (method is None or r.method == method)]

    def get_access_rule(self, user_id: str, access_rule_id: str) -> AccessRule:
        """One of a user's access rules.

        Raises:
            NotFound: "Could not find Access Rule: <id>." (also another user's rule).
        """
        found = self.access_rules.get(access_rule_id)
        if found is None or found.user_id != user_id:
            raise NotFound(f"Could not find Access Rule: {access_rule_id}.")
        return found

    @locked
    def delete_access_rule(self, user_id: str, access_rule_id: str) -> None:
        """Delete one of a user's access rules that no application credential uses.

        Raises:
            NotFound: The user has no such rule.
            ForbiddenNotSecurity: A credential uses it ("May not delete access rule in use").
        """
        self.get_access_rule(user_id, access_rule_id)
        if any(access_rule_id in c.access_rule_ids
               for c in self.application_credentials.values()):
            raise ForbiddenNotSecurity("May not delete access rule in use")
        del self.access_rules[access_rule_id]

    def _delete_access_rules_of(self, user_id: str) -> None:
        for rule_id in [r.id for r in self.access_rules.values() if r.user_id == user_id]:
            del self.access_rules[rule_id]

    def request_allowed(self, app_cred_id: str | None, service_type: str, method: str,
                        path: str) -> bool:
        """Whether a token from application credential `app_cred_id` may make this request
        of the service of `service_type`: always without access rules; with them, only a
        rule of that service, method and path allows it (keystonemiddleware's
        `validate_allowed_request`; validating a token, `GET .../v3/auth/tokens`, is
        always allowed at Keystone).
        """
        cred = self.application_credentials.get(app_cred_id or "")
        if cred is None or not cred.access_rule_ids:
            return True
        if service_type == "identity" and method == "GET" and path.endswith("/v3/auth/tokens"):
            return True
        return any(rule.method == method and rule.service == service_type
                   and path_matches(path, rule.path or "")
                   for rule in self.access_rules_of(cred))

    def get_application_credential(self, cred_id: str) -> ApplicationCredential:
        """An application credential by id.

        Raises:
            NotFound: "Could not find Application Credential: <id>."
        """
        return cast(ApplicationCredential,
                    self._get(self.application_credentials, "Application Credential", cred_id))

    @locked
    def delete_application_credential(self, cred_id: str) -> None:
        """Delete an application credential; the tokens it issued stop validating.

        Raises:
            NotFound: "Could not find Application Credential: <id>."
        """
        self.get_application_credential(cred_id)
        del self.application_credentials[cred_id]
        self._stamp += 1

