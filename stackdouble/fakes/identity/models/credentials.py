"""Keystone's credentials (the fake of `identity/v3/credentials/`, `.../ec2credentials/` and
`.../ec2tokens/`): `/v3/credentials`, the OS-EC2 access/secret pairs under a user, and the
tokens `/v3/ec2tokens` answers for a signed EC2 request.

As Keystone 30 (`keystone/credential/core.py`, `keystone/api/credentials.py`,
`keystone/api/_shared/EC2_S3_Resource.py`):

- a credential's blob is a string, kept as given and returned as given (Keystone encrypts
  it at rest; the fake keeps it out of `dump()` instead);
- an `ec2` credential's blob is a JSON object with an `access` key, and its id is the
  sha256 of that key (a second one with the same key is a 409); other types get a random id;
- neither the user nor the project named is checked to exist;
- an update of an `ec2` blob may not change its `trust_id`, `app_cred_id`,
  `access_token_id` or `access_id`;
- deleting a user or a project deletes its credentials, and a deleted credential no longer
  gets a token at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import Conflict, NotFound, Unauthorized, ValidationError
from stackdouble.fakes.identity.models._common import _ModelBase, check_secret
from stackdouble.fakes.identity.models.ec2signatures import ec2_signature
from stackdouble.fakes.locking import locked
from stackdouble.fakes.timestamps import parse_isotime

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.tokens import Token
    from stackdouble.fakes.identity.models.trusts import Trust

__all__ = ["EC2_AUTH_TTL", "Credential", "CredentialsMixin", "hash_access_key"]

#: `[credential] auth_ttl`: how long a signed EC2 request stays good.
EC2_AUTH_TTL = timedelta(minutes=15)
_SCOPE_KEYS = ("trust_id", "app_cred_id", "access_token_id", "access_id")


def hash_access_key(access: str) -> str:
    """An ec2 credential's id: the sha256 of its access key, in hex (Keystone's
    `utils.hash_access_key`).

    Example:
        >>> hash_access_key("abc")[:16]
        'ba7816bf8f01cfea'
    """
    return hashlib.sha256(access.encode("utf-8")).hexdigest()


@dataclass(slots=True, kw_only=True)
class Credential:
    """One credential: its owner, optional project, type and blob (a string, often JSON).

    `extra` holds the attributes Keystone keeps and renders back as they came.
    """

    id: str
    user_id: str
    project_id: str | None
    type: str
    blob: str = field(repr=False)
    extra: dict[str, Any] = field(default_factory=dict)

    def blob_json(self) -> dict[str, Any]:
        """The blob as a JSON object ({} when it is not one)."""
        try:
            loaded = json.loads(self.blob)
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}


def _ec2_blob(blob: Any) -> dict[str, Any]:
    """Keystone's `_validate_blob_json`: an object with an `access` key."""
    try:
        loaded = json.loads(blob)
    except (ValueError, TypeError):
        raise ValidationError(message="Invalid blob in credential") from None
    if not loaded or not isinstance(loaded, dict):
        raise ValidationError("blob", "credential")
    if loaded.get("access") is None:
        raise ValidationError("access", "credential")
    return loaded


class CredentialsMixin(_ModelBase):
    """`IdentityModel`'s credentials and EC2 token exchange."""

    if TYPE_CHECKING:  # from TrustsMixin and TokensMixin

        def get_trust(self, trust_id: str) -> Trust: ...

        def mint(self, user_id: str, methods: Sequence[str], *, project_id: str | None = None,
                 domain_id: str | None = None, system: bool = False,
                 app_cred_id: str | None = None, expires_at: datetime | None = None,
                 parent_audit_id: str | None = None, trust_id: str | None = None,
                 access_token_id: str | None = None,
                 federation: tuple[str, str, tuple[str, ...]] | None = None) -> Token: ...

    def get_credential(self, credential_id: str) -> Credential:
        """One credential.

        Raises:
            NotFound: "Could not find credential: <id>."
        """
        found = self.credentials.get(credential_id)
        if found is None:
            raise NotFound(f"Could not find credential: {credential_id}.")
        return found

    def list_credentials(self, *, user_id: str | None = None,
                         type: str | None = None) -> list[Credential]:
        """Credentials in creation order, filtered by exact owner and type (None: any)."""
        return [c for c in self.credentials.values()
                if (user_id is None or c.user_id == user_id)
                and (type is None or c.type == type)]

    @locked
    def create_credential(self, user_id: str, type: str, blob: str, *,
                          project_id: str | None = None,
                          extra: Mapping[str, Any] | None = None) -> Credential:
        """Store a credential (`POST /v3/credentials`).

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> identity = FakeCloud(seed=1).identity
            >>> cred = identity.create_credential("u1", "ec2", '{"access": "abc"}',
            ...                                   project_id="p1")
            >>> cred.id == hash_access_key("abc")
            True

        Raises:
            ValidationError: An ec2 blob that is not a JSON object with `access`.
            Conflict: An ec2 credential with the same access key exists.
        """
        if type.lower() == "ec2":
            credential_id = hash_access_key(str(_ec2_blob(blob)["access"]))
        else:
            credential_id = self._ids.hex32()
        if credential_id in self.credentials:
            raise Conflict("credential", f"Duplicate entry found with ID {credential_id}")
        cred = Credential(id=credential_id, user_id=user_id, project_id=project_id, type=type,
                          blob=blob, extra=dict(extra or {}))
        self.credentials[cred.id] = cred
        return cred

    @locked
    def update_credential(self, credential_id: str, blob: str) -> Credential:
        """Replace a credential's blob (`PATCH`, whose only attribute is `blob`).

        Raises:
            NotFound: No such credential.
            ValidationError: An ec2 blob that is malformed or changes the credential's
                delegation (`trust_id`, `app_cred_id`, `access_token_id`, `access_id`).
        """
        cred = self.get_credential(credential_id)
        if cred.type.lower() == "ec2":
            new, old = _ec2_blob(blob), cred.blob_json()
            for key in _SCOPE_KEYS:
                if old.get(key) != new.get(key):
                    raise ValidationError(message=f"{key} can not be updated for credential")
        cred.blob = blob
        return cred

    @locked
    def delete_credential(self, credential_id: str) -> None:
        """Delete a credential: its access key stops getting tokens at once.

        Raises:
            NotFound: No such credential.
        """
        del self.credentials[self.get_credential(credential_id).id]

    @locked
    def create_ec2_credential(self, user_id: str, project_id: str, *,
                              trust_id: str | None = None) -> Credential:
        """A new access/secret pair of `user_id` on `project_id` (`POST
        /v3/users/{id}/credentials/OS-EC2`); the caller checks both exist.

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> identity = FakeCloud(seed=1).identity
            >>> cred = identity.create_ec2_credential("u1", "p1")
            >>> sorted(cred.blob_json())
            ['access', 'secret', 'trust_id']
        """
        blob = {"access": self._ids.hex32(), "secret": self._ids.hex32(), "trust_id": trust_id}
        return self.create_credential(user_id, "ec2", json.dumps(blob), project_id=project_id)

    def find_ec2_credential(self, access: str) -> Credential | None:
        """The ec2 credential of an access key, or None."""
        cred = self.credentials.get(hash_access_key(access))
        return cred if cred is not None and cred.type == "ec2" else None

    @locked
    def ec2_authenticate(self, credentials: Mapping[str, Any]) -> Token:
        """Check a signed EC2 request and mint its token (`POST /v3/ec2tokens`): scoped to
        the credential's project, with the method `ec2credential`.

        Raises:
            Unauthorized: No access key or signature, a wrong signature, a disabled user or
                project, a request older than `EC2_AUTH_TTL`, no role on the project.
            NotFound: "EC2 access key not found." (an unknown or non-ec2 key), or the
                credential's project or user is gone.
        """
        if "access" not in credentials:
            raise Unauthorized()
        cred = self.find_ec2_credential(str(credentials["access"]))
        if cred is None:
            raise NotFound("EC2 access key not found.")
        blob = cred.blob_json()
        self._check_ec2_signature(str(blob.get("secret")), credentials)
        project = self.projects.get(cred.project_id or "")
        if project is None:
            raise NotFound(f"Could not find project: {cred.project_id}.")
        user = self.users.get(cred.user_id)
        if user is None:
            raise NotFound(f"Could not find user: {cred.user_id}.")
        if not user.enabled or not project.enabled:
            raise Unauthorized()
        self._check_ec2_timestamp(credentials)
        trust_id = blob.get("trust_id") or None
        app_cred_id = blob.get("app_cred_id") or None
        user_id = user.id
        if trust_id:
            trust = self.get_trust(str(trust_id))
            if trust.impersonation:
                user_id = trust.trustee_user_id
        elif app_cred_id:
            app_cred = self.application_credentials.get(str(app_cred_id))
            if app_cred is None or app_cred.project_id != project.id:
                raise Unauthorized()
        elif not self.effective_role_ids(user.id, "project", project.id):
            raise Unauthorized()  # "User not valid for project."
        return self.mint(user_id, ["ec2credential"], project_id=project.id,
                         trust_id=str(trust_id) if trust_id else None,
                         app_cred_id=str(app_cred_id) if app_cred_id else None)

    def _check_ec2_signature(self, secret: str, credentials: Mapping[str, Any]) -> None:
        """`EC2TokensResource._check_signature`, retried without the host's port."""
        given = credentials.get("signature")
        if not given:
            raise Unauthorized()  # "EC2 signature not supplied."
        if check_secret(ec2_signature(secret, credentials), given):
            return
        host = str(credentials.get("host", ""))
        if ":" in host:
            portless = {**credentials, "host": host.rsplit(":", 1)[0].strip("[]")}
            if check_secret(ec2_signature(secret, portless), given):
                return
        raise Unauthorized()  # "Invalid EC2 signature."

    def _check_ec2_timestamp(self, credentials: Mapping[str, Any]) -> None:
        params = credentials.get("params") or {}
        headers = credentials.get("headers") or {}
        stamp = (params.get("Timestamp") or headers.get("X-Amz-Date")
                 or params.get("X-Amz-Date"))
        if not stamp:
            return
        when = _parse_ec2_time(str(stamp))
        if when is None:
            raise Unauthorized()  # "Credential timestamp is invalid: ..."
        if self._now() > when + EC2_AUTH_TTL:
            raise Unauthorized()  # "Credential is expired"

    def _delete_credentials_of(self, *, user_id: str | None = None,
                               project_id: str | None = None) -> None:
        """`delete_credentials_for_user` / `_for_project`, called when one goes."""
        for cred in [c for c in self.credentials.values()
                     if (user_id is not None and c.user_id == user_id)
                     or (project_id is not None and c.project_id == project_id)]:
            del self.credentials[cred.id]


def _parse_ec2_time(text: str) -> datetime | None:
    """oslo's `parse_isotime`, which also reads SigV4's basic `20260101T000000Z`."""
    for fmt in ("%Y%m%dT%H%M%SZ",):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    when = parse_isotime(text)
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when
