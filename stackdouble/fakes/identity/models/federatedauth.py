"""Federated login with Keystone's `mapped` method (the fake behind
`identity/v3/extensions/federation`'s `authenticate`): the assertion, the mapping engine,
the shadow user, its groups and the projects the mapping grants.

As Keystone 30 does it (`keystone/auth/plugins/mapped.py`, `keystone/federation/utils.py`):

- **The assertion** is the request's WSGI environ, as Apache's mod_shib or
  mod_auth_openidc leave it to Keystone (`get_assertion_params_from_env`): every key that
  starts with `[federation] assertion_prefix` (`IdentityModel.federation_assertion_prefix`,
  "" by default: the whole environ), string values only, UTF-8 read back from Latin-1. In
  the fake, as in a Keystone whose web server passes the IdP's claims as headers
  (mod_auth_openidc's `OIDCPassClaimsAs headers`), a claim is a request header: `OIDC-Email:
  x` is the attribute `HTTP_OIDC_EMAIL`. `REMOTE_USER`, which Apache sets, is read from the
  environ too (a WSGI middleware in front of the served fake may set it). Multiple values are
  `;`-separated.
- **The identity provider** must exist (404) and be enabled (403); when it has remote ids
  and a remote id attribute is known (the protocol's `remote_id_attribute`, else
  `IdentityModel.federation_remote_id_attribute`, Keystone's `[federation]
  remote_id_attribute`), the assertion must carry it (400 "Could not find Identity Provider
  identifier in environment", as `validate_idp` raises it outside the mapping's 401) and name
  one of them (403).
- **The mapping engine** (`RuleProcessor`): each rule whose every `remote` requirement the
  assertion meets (`any_one_of`, `not_any_of`, `blacklist`, `whitelist`, with `regex`)
  contributes its `local` entries, `{0}`, `{1}`... replaced by the direct matches; the first
  `user` wins; `group` (by id, or by name and domain), `groups` (names in a domain),
  `group_ids` collect groups; `projects` (and, in 3.0, `projects_json`) give projects with
  roles. Schema 2.0 and later honour a rule's `domain` for the user and its projects. A
  mapping that yields nothing is a 401; a user type other than `ephemeral`/`local` too.
- **An ephemeral user** is shadowed in the IdP's domain (or the mapping's): its id is
  Keystone's sha256 public id of (domain, unique id, "user"), its name the mapped name
  (else REMOTE_USER); later logins update its name and email. It is made a member of the
  mapped groups, and taken out of the groups an earlier login of the IdP gave it and this
  one does not (Keystone's expiring memberships, renewed at each login). Mapped projects
  that do not exist are created in the IdP's domain, the user granted their roles (a role
  that does not exist is a 404 before anything is made); with schema 3.0, the roles the
  assertion no longer gives are revoked.
- **A local user** must exist (by id, or name and domain); the mapping authenticates it.

Deliberate difference: a group id the mapping names that does not exist, and a `{N}` with
no Nth match, are a 500 in Keystone (`MappedGroupNotFound`, `DirectMappingError`, both
`UnexpectedError`s); the fake answers Keystone's same 500 envelope and message, with the
reason in its log rather than a traceback.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stackdouble.fakes.identity.errors import (
    Forbidden,
    KeystoneError,
    NotFound,
    Unauthorized,
    ValidationError,
)
from stackdouble.fakes.identity.models._common import _ModelBase

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.federation import (
        IdentityProvider,
        MappingRules,
        Protocol,
    )
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.users import User

__all__ = [
    "FederatedAuthMixin",
    "FederatedLogin",
    "MappedProperties",
    "assertion_from_environ",
    "process_mapping",
    "public_id",
]

log = logging.getLogger(__name__)

_NO_IDENTITY = ("Could not map any federated user properties to identity values. Check debug "
                "logs or the mapping used for additional details.")
_PROJECT_JSON_INDEX = re.compile(r"\{?(\d+)\}?")


def assertion_from_environ(environ: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """The assertion Keystone reads from a WSGI environ (`get_assertion_params_from_env`):
    every key starting with `prefix`, string values (UTF-8 recovered from Latin-1) and bytes.

    Example:
        >>> assertion_from_environ({"HTTP_OIDC_EMAIL": "a@b", "wsgi.input": object()})
        {'HTTP_OIDC_EMAIL': 'a@b'}
    """
    out: dict[str, str] = {}
    for key, value in environ.items():
        if not key.startswith(prefix):
            continue
        if isinstance(value, str):
            with contextlib.suppress(UnicodeDecodeError, UnicodeEncodeError):
                value = value.encode("ISO-8859-1").decode("utf-8")
            out[key] = value
        elif isinstance(value, bytes):
            try:
                out[key] = value.decode("utf-8")
            except UnicodeDecodeError:
                out[key] = value.decode("ISO-8859-1")
    return out


def public_id(domain_id: str, local_id: str, entity_type: str = "user") -> str:
    """Keystone's sha256 public id of a shadowed entity (`id_generators/sha256.py`: the
    values of `{domain_id, entity_type, local_id}` in key order).

    Example:
        >>> len(public_id("default", "alice"))
        64
    """
    digest = hashlib.sha256()
    for value in (domain_id, entity_type, local_id):
        digest.update(value.encode("utf-8"))
    return digest.hexdigest()


@dataclass(slots=True, kw_only=True)
class MappedProperties:
    """What a mapping made of an assertion (`RuleProcessor.process`)."""

    user: dict[str, Any]
    group_ids: list[str]
    group_names: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    schema_version: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FederatedLogin:
    """Who a federated login authenticated: the user, its mapped groups, from where."""

    user_id: str
    group_ids: tuple[str, ...]
    identity_provider_id: str | None = None
    protocol_id: str | None = None
    ephemeral: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)


class _DirectMaps:
    """The remote matches, each a list; one value formats as itself (`DirectMaps`)."""

    def __init__(self) -> None:
        self.matches: list[list[str]] = []

    def __getitem__(self, index: int) -> Any:
        value = self.matches[index]
        return value[0] if len(value) == 1 else value

    def __len__(self) -> int:
        return len(self.matches)


class _UnexpectedError(KeystoneError):
    """Keystone's `UnexpectedError`: 500 with its generic message."""

    status = 500


def _literal_list(value: Any) -> list[Any]:
    """`_ast_literal_eval`: a list's text as the list, anything else as one value."""
    if isinstance(value, list):
        return value
    try:
        parsed = ast.literal_eval(value)
        if not isinstance(parsed, list):
            raise ValueError
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return [value]
    return parsed


def _evaluate(values: list[Any], found: list[str], kind: str, regex: bool) -> Any:
    if regex:
        matches: Any = [v for v in found if any(re.search(str(r), v) for r in values)]
    else:
        matches = {str(v) for v in values} & set(found)
    if kind == "any_one_of":
        return bool(matches)
    if kind == "not_any_of":
        return not matches
    if kind == "blacklist":
        return sorted(set(found) - set(matches))
    return sorted(set(matches))


def _requirements_met(requirements: list[dict[str, Any]],
                      assertion: Mapping[str, list[str]]) -> _DirectMaps | None:
    """`_verify_all_requirements`: None when the rule does not apply, else the matches."""
    direct = _DirectMaps()
    for requirement in requirements:
        found = assertion.get(str(requirement["type"]))
        regex = bool(requirement.get("regex", False))
        if not found:
            return None
        for kind in ("any_one_of", "not_any_of"):
            if requirement.get(kind) is not None:
                if not _evaluate(requirement[kind], found, kind, regex):
                    return None
                break
        else:
            values: list[str] = found
            if requirement.get("blacklist") is not None:
                values = _evaluate(requirement["blacklist"], found, "blacklist", regex)
            elif requirement.get("whitelist") is not None:
                values = _evaluate(requirement["whitelist"], found, "whitelist", regex)
            direct.matches.append(values)
    return direct


def _substitute(value: Any, direct: _DirectMaps, key: str, version: str,
                mapping_id: str) -> Any:
    """`process_rule_mapping`: `{N}` replaced in strings, recursively."""
    if version == "3.0" and (key == "projects_json" or (key == "projects"
                                                        and isinstance(value, str))):
        match = _PROJECT_JSON_INDEX.match(str(value))
        if not match:
            raise ValidationError(message=(
                f"The rule [{value}] for key [{key}] does not match the expected pattern "
                f"[{_PROJECT_JSON_INDEX.pattern}]."))
        projects = direct[int(match.group(1))]
        if isinstance(projects, str):
            try:
                projects = json.loads(projects)
            except ValueError:
                raise ValidationError(message=f"Invalid projects_json: {projects}") from None
        return projects
    if isinstance(value, dict):
        return {k: _substitute(v, direct, k, version, mapping_id) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(item, direct, key, version, mapping_id) for item in value]
    if isinstance(value, str):
        try:
            return value.format(*[direct[i] for i in range(len(direct))])
        except (IndexError, KeyError, ValueError):
            log.warning("mapping %s: a local rule refers to a remote match that does not "
                        "exist (Keystone's DirectMappingError)", mapping_id)
            raise _UnexpectedError() from None
    return value


def _group_dicts(value: dict[str, Any]) -> list[dict[str, Any]]:
    """`_normalize_groups`: `groups` as `{"name", "domain"}` dicts."""
    invalid = (f"Invalid rule: {value}. Both 'groups' and 'domain' keywords must be "
               "specified.")
    if "name" in str(value["groups"]):
        out = []
        for group in _literal_list(value["groups"]):
            if isinstance(group, str) and group.startswith("JSON:"):
                group = json.loads(group[5:])
            if not isinstance(group, dict) or "domain" not in group:
                raise ValidationError(message=invalid)
            out.append(group)
        return out
    if "domain" not in value:
        raise ValidationError(message=invalid)
    return [{"name": name, "domain": value["domain"]} for name in _literal_list(value["groups"])]


def process_mapping(mapping: MappingRules, assertion: Mapping[str, str]) -> MappedProperties:
    """Keystone's `RuleProcessor` (of the mapping's schema version) over an assertion.

    Raises:
        ValidationError: The mapping yields no identity, or an invalid user type or groups.

    Example:
        >>> from stackdouble.fakes.identity.models.federation import MappingRules
        >>> rules = [{"remote": [{"type": "HTTP_OIDC_USER"}],
        ...           "local": [{"user": {"name": "{0}"}}]}]
        >>> process_mapping(MappingRules(id="m", rules=rules),
        ...                 {"HTTP_OIDC_USER": "alice"}).user
        {'name': 'alice', 'type': 'ephemeral'}
    """
    version = mapping.schema_version
    split = {k: v.split(";") for k, v in assertion.items() if isinstance(v, str)}
    values: list[dict[str, Any]] = []
    for rule in mapping.rules:
        direct = _requirements_met(rule["remote"], split)
        if direct is None:
            continue
        if not direct.matches:
            values.extend(rule["local"])
        else:
            values.extend({k: _substitute(v, direct, k, version, mapping.id)
                           for k, v in local.items()} for local in rule["local"])
    if not values:
        raise ValidationError(message=_NO_IDENTITY)
    user: dict[str, Any] = {}
    group_ids: set[str] = set()
    group_names: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    by_domain: dict[str, dict[str, dict[str, Any]]] = {}
    for value in values:
        if "user" in value and not user:
            user = dict(value["user"])
        if "group" in value:
            group = value["group"]
            if "id" in group:
                group_ids.add(str(group["id"]))
            elif "name" in group:
                domain = group["domain"].get("name") or group["domain"].get("id")
                by_domain.setdefault(str(domain), {})[group["name"]] = group
                group_names.extend(g for groups in by_domain.values() for g in groups.values())
        if "groups" in value:
            group_names.extend(_group_dicts(value))
        if "group_ids" in value:
            group_ids.update(str(g) for g in _literal_list(value["group_ids"]))
        if "projects" in value or "projects_json" in value:
            projects = [dict(p) for p in value.get("projects") or []]
            if version == "3.0":
                projects += [dict(p) for p in value.get("projects_json") or []]
            if version != "1.0":
                for project in projects:
                    if not project.get("domain"):
                        project["domain"] = value.get("domain")
    user.setdefault("type", "ephemeral")
    if user.get("type") is None:
        user["type"] = "ephemeral"
    if user["type"] not in ("ephemeral", "local"):
        raise ValidationError(message=f"User type {user['type']} not supported")
    if version != "1.0" and not user.get("domain"):
        user["domain"] = values[-1].get("domain")
    return MappedProperties(user=user, group_ids=sorted(group_ids), group_names=group_names,
                            projects=projects, schema_version=version)


class FederatedAuthMixin(_ModelBase):
    """`IdentityModel`'s federated login (the `mapped` auth method)."""

    #: `[federation] assertion_prefix` and `remote_id_attribute`.
    federation_assertion_prefix: str
    federation_remote_id_attribute: str | None
    #: A shadow user's id by (identity provider, protocol, unique id).
    federated_users: dict[tuple[str, str, str], str]
    #: The groups each shadow user is in because a login of an identity provider mapped it
    #: there (Keystone's expiring memberships), by user id and identity provider.
    federated_memberships: dict[tuple[str, str], set[str]]

    if TYPE_CHECKING:
        identity_providers: dict[str, IdentityProvider]
        federation_protocols: dict[tuple[str, str], Protocol]
        mappings: dict[str, MappingRules]
        _user_names: dict[tuple[str, str], str]
        user_groups: dict[str, set[str]]
        group_members: dict[str, set[str]]

        def get_identity_provider(self, idp_id: str) -> IdentityProvider: ...

        def get_protocol(self, idp_id: str, protocol_id: str) -> Protocol: ...

        def user_by_name(self, name: str, domain_id: str) -> User | None: ...

        def domain_by_name(self, name: str) -> Any: ...

        def project_by_name(self, name: str, domain_id: str) -> Project | None: ...

        def create_project(self, name: str, *, domain_id: str = ...) -> Project: ...

        def grant_role(self, role: str, user: str | None = None, project: str | None = None
                       ) -> None: ...

        def revoke_role(self, role: str, user: str | None = None, project: str | None = None
                        ) -> bool: ...

    def authenticate_mapped(self, idp_id: str, protocol_id: str,
                            environ: Mapping[str, Any]) -> FederatedLogin:
        """A federated login from a request's environ (`handle_unscoped_token`).

        Raises:
            NotFound: No such identity provider, protocol or mapping, or a mapped role or
                local user that does not exist.
            Forbidden: The identity provider is disabled, or the assertion's remote id is
                not one of its remote ids.
            ValidationError: The assertion lacks the remote id attribute.
            Unauthorized: The mapping yields no (valid) identity.
        """
        idp = self._enabled_idp(idp_id)
        assertion = assertion_from_environ(environ, self.federation_assertion_prefix)
        protocol = self.get_protocol(idp_id, protocol_id)
        self._validate_remote_id(idp, protocol, assertion)
        mapping = self.mappings.get(protocol.mapping_id)
        if mapping is None:
            raise NotFound(f"Could not find mapping: {protocol.mapping_id}.")
        try:
            props = process_mapping(mapping, assertion)
        except ValidationError:
            raise Unauthorized() from None
        group_ids = self._mapped_group_ids(props, mapping.id)
        if props.user["type"] == "local":
            return FederatedLogin(user_id=self._local_user(props.user).id, group_ids=(),
                                  ephemeral=False)
        remote_user = environ.get("REMOTE_USER")
        user = self._shadow_user(idp, protocol_id, props.user,
                                 remote_user if isinstance(remote_user, str) else None)
        roles = {r.name: r for r in self.roles.values()}
        for project in props.projects:
            for role in project.get("roles") or ():
                found = roles.get(role["name"])
                if found is None:
                    raise NotFound(f"Could not find role: {role['name']}.")
                if found.domain_id is not None and found.domain_id != user.domain_id:
                    raise Forbidden(f"role: {role['name']} must be within the same domain as "
                                    f"the identity provider: {idp_id}.")
        self._set_memberships(user.id, idp_id, group_ids)
        if props.projects:
            self._grant_projects(user, idp.domain_id, props)
        self._stamp += 1
        return FederatedLogin(user_id=user.id, group_ids=tuple(group_ids),
                              identity_provider_id=idp_id, protocol_id=protocol_id)

    def _enabled_idp(self, idp_id: str) -> IdentityProvider:
        idp = self.get_identity_provider(idp_id)
        if idp.enabled is not True:
            raise Forbidden()  # "Identity Provider <id> is disabled", hidden as Keystone does
        return idp

    def check_federated_rescope(self, idp_id: str | None, protocol_id: str | None,
                                group_ids: Iterable[str]) -> None:
        """`handle_scoped_token`'s checks when a federated token is rescoped: the identity
        provider still enabled and the mapped groups still there.

        Raises:
            NotFound: The identity provider or its protocol is gone.
            Forbidden: It is disabled.
        """
        self._enabled_idp(idp_id or "")
        protocol = self.get_protocol(idp_id or "", protocol_id or "")
        for group_id in group_ids:
            if group_id not in self.groups:
                log.warning("mapping %s: group %s not found (Keystone's MappedGroupNotFound)",
                            protocol.mapping_id, group_id)
                raise _UnexpectedError()

    def _validate_remote_id(self, idp: IdentityProvider, protocol: Protocol,
                            assertion: Mapping[str, str]) -> None:
        attribute = protocol.remote_id_attribute or self.federation_remote_id_attribute
        if not attribute or not idp.remote_ids:
            return
        if attribute not in assertion:
            raise ValidationError(
                message="Could not find Identity Provider identifier in environment")
        if assertion[attribute] not in idp.remote_ids:
            raise Forbidden()

    def _mapped_group_ids(self, props: MappedProperties, mapping_id: str) -> list[str]:
        """The mapped groups' ids: ids checked (Keystone's 500 when one is missing), names
        resolved in their domains (a missing one skipped)."""
        ids = list(props.group_ids)
        for group_id in ids:
            if group_id not in self.groups:
                log.warning("mapping %s: group %s not found (Keystone's MappedGroupNotFound)",
                            mapping_id, group_id)
                raise _UnexpectedError()
        for named in props.group_names:
            domain = named.get("domain") or {}
            domain_id = domain.get("id")
            if not domain_id:
                found_domain = self.domain_by_name(str(domain.get("name")))
                if found_domain is None:
                    raise NotFound(f"Could not find domain: {domain.get('name')}.")
                domain_id = found_domain.id
            name = str(named.get("name"))
            group = next((g for g in self.groups.values()
                          if g.name == name and g.domain_id == domain_id), None)
            if group is not None:
                ids.append(group.id)
        return sorted(set(ids))

    def _resolve_domain(self, ref: Any, default: str) -> str:
        if not isinstance(ref, dict) or not ref:
            return default
        if ref.get("id"):
            return str(ref["id"])
        domain = self.domain_by_name(str(ref.get("name")))
        if domain is None:
            raise NotFound(f"Could not find domain: {ref.get('name')}.")
        return str(domain.id)

    def _local_user(self, mapped: Mapping[str, Any]) -> User:
        """`UserAuthInfo.create` for a `local` user: by id, or by name and domain."""
        if mapped.get("id"):
            user = self.users.get(str(mapped["id"]))
            if user is None:
                raise Unauthorized()
        else:
            if not mapped.get("name") or not mapped.get("domain"):
                raise Unauthorized()
            domain_id = self._resolve_domain(mapped["domain"], "")
            found = self.user_by_name(str(mapped["name"]), domain_id)
            if found is None:
                raise Unauthorized()
            user = found
        if not user.enabled:
            raise Unauthorized()
        return user

    def _shadow_user(self, idp: IdentityProvider, protocol_id: str, mapped: dict[str, Any],
                     remote_user: str | None) -> User:
        """`validate_and_prepare_federated_user` then `shadow_federated_user`."""
        from stackdouble.fakes.identity.models.users import User

        unique_id = mapped.get("id")
        name = mapped.get("name") or remote_user
        if not unique_id and not name:
            raise Unauthorized()
        unique = quote(str(unique_id or name))
        name = str(name or unique_id)
        domain_id = self._resolve_domain(mapped.get("domain"), idp.domain_id)
        key = (idp.id, protocol_id, unique)
        user = self.users.get(self.federated_users.get(key, ""))
        if user is None:
            user_id = public_id(domain_id, unique)
            user = self.users.get(user_id)
            if user is None:
                user = User(id=user_id, name=name, domain_id=domain_id)
                self.users[user.id] = user
                self._user_ids.add(user.id)
            self.federated_users[key] = user.id
        if user.name != name:
            self._user_names.pop((user.domain_id, user.name), None)
            user.name = name
        self._user_names[(user.domain_id, name)] = user.id
        if mapped.get("email"):
            user.email = str(mapped["email"])
        return user

    def _set_memberships(self, user_id: str, idp_id: str, group_ids: list[str]) -> None:
        before = self.federated_memberships.get((user_id, idp_id), set())
        for group_id in before - set(group_ids):
            self.group_members.get(group_id, set()).discard(user_id)
            self.user_groups.get(user_id, set()).discard(group_id)
        for group_id in group_ids:
            self.group_members.setdefault(group_id, set()).add(user_id)
            self.user_groups.setdefault(user_id, set()).add(group_id)
        self.federated_memberships[(user_id, idp_id)] = set(group_ids)

    def _grant_projects(self, user: User, idp_domain_id: str, props: MappedProperties) -> None:
        """`handle_projects_from_mapping`: create the missing projects, grant the roles;
        schema 3.0 also revokes what the assertion no longer gives."""
        sync = float(props.schema_version) >= 3.0
        processed: set[str] = set()
        for shadow in props.projects:
            domain_id = self._resolve_domain(shadow.get("domain"), idp_domain_id)
            project = self.project_by_name(str(shadow["name"]), domain_id)
            if project is None:
                project = self.create_project(str(shadow["name"]), domain_id=domain_id)
            processed.add(project.id)
            wanted = [self.find_role(r["name"]).id for r in shadow.get("roles") or ()]
            held = self.direct_role_ids(user.id, "project", project.id)
            for role_id in wanted:
                if role_id not in held:
                    self.grant_role(role_id, user.id, project=project.id)
            if sync:
                for role_id in held:
                    if role_id not in wanted:
                        self.revoke_role(role_id, user.id, project=project.id)
        if sync:
            for project_id in self._targets_for_user(user.id, "project") - processed:
                for role_id in self.direct_role_ids(user.id, "project", project_id):
                    self.revoke_role(role_id, user.id, project=project_id)

    def _forget_federated_users(self, idp_id: str, protocol_id: str | None = None) -> None:
        """An identity provider's (or one protocol's) shadow users lose their link; when the
        identity provider goes, the users left without any link go too
        (`_delete_orphaned_users`)."""
        links = [k for k in self.federated_users
                 if k[0] == idp_id and (protocol_id is None or k[1] == protocol_id)]
        users = {self.federated_users.pop(k) for k in links}
        if protocol_id is not None:
            return
        for key in [k for k in self.federated_memberships if k[1] == idp_id]:
            del self.federated_memberships[key]
        linked = set(self.federated_users.values())
        for user_id in users - linked:
            if user_id in self.users:
                self._remove_user(user_id)
