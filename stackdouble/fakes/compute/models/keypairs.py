"""Keypairs of the fake Nova (the client's `compute/v2/keypairs`)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime

from stackdouble.fakes.compute.errors import BadRequest, Conflict, Forbidden, NotFound
from stackdouble.fakes.compute.models._base import ModelBase

__all__ = ["KeyPair", "KeypairsMixin", "ssh_fingerprint"]


@dataclass(slots=True)
class KeyPair:
    """A keypair of one user."""

    name: str
    user_id: str
    public_key: str
    fingerprint: str
    type: str
    created_at: datetime
    row: int


class KeypairsMixin(ModelBase):
    """Keypairs per user, mixed into `ComputeModel`."""

    def keypairs_of(self, user_id: str) -> dict[str, KeyPair]:
        """A user's keypairs by name."""
        return self._keypairs.get(user_id, {})

    def create_keypair(self, user_id: str, name: str, *, public_key: str | None = None,
                       key_type: str = "ssh") -> tuple[KeyPair, str | None]:
        """Import `public_key`, or generate a pair (then the private key comes back too).

        Raises:
            Forbidden: "Quota exceeded, too many key pairs."
            BadRequest: "Keypair data is invalid: failed to generate fingerprint".
            Conflict: "Key pair '<name>' already exists."
        """
        mine = self._keypairs.setdefault(user_id, {})
        allowed = self.default_quotas["key_pairs"]
        if allowed >= 0 and len(mine) + 1 > allowed:
            raise Forbidden("Quota exceeded, too many key pairs.")
        private_key = None
        if public_key is None:
            private_key, public_key = self._generate_key(user_id, name)
        fingerprint = ssh_fingerprint(public_key) if key_type == "ssh" else _x509_print(public_key)
        if fingerprint is None:
            raise BadRequest("Keypair data is invalid: failed to generate fingerprint")
        if name in mine:
            raise Conflict(f"Key pair '{name}' already exists.")
        self._keypair_row += 1
        keypair = KeyPair(name=name, user_id=user_id, public_key=public_key,
                          fingerprint=fingerprint, type=key_type, created_at=self._now(),
                          row=self._keypair_row)
        mine[name] = keypair
        return keypair, private_key

    def _generate_key(self, user_id: str, name: str) -> tuple[str, str]:
        """An RSA-shaped pair: the public half is a well-formed OpenSSH key, the private
        half PEM-shaped. It opens nothing (the fake never runs a guest)."""
        ids = self.cloud.ids
        modulus = bytes.fromhex("00" + "".join(ids.hex32() for _ in range(8)))
        blob = _ssh_string(b"ssh-rsa") + _ssh_string(b"\x01\x00\x01") + _ssh_string(modulus)
        public = f"ssh-rsa {base64.b64encode(blob).decode()} Generated-by-Nova\n"
        body = base64.encodebytes(b"stackdouble fake key " + bytes.fromhex(
            "".join(ids.hex32() for _ in range(20)))).decode()
        private = f"-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----\n"
        return private, public

    def get_keypair(self, user_id: str, name: str) -> KeyPair:
        """A keypair by name.

        Raises:
            NotFound: "Keypair <name> not found for user <user_id>"
        """
        keypair = self._keypairs.get(user_id, {}).get(name)
        if keypair is None:
            raise NotFound(f"Keypair {name} not found for user {user_id}")
        return keypair

    def delete_keypair(self, user_id: str, name: str) -> None:
        """Delete a keypair (404 as `get_keypair`)."""
        self.get_keypair(user_id, name)
        del self._keypairs[user_id][name]

    def list_keypairs(self, user_id: str, *, limit: int | None = None,
                      marker: str | None = None) -> list[KeyPair]:
        """A user's keypairs by name, after `marker`.

        Raises:
            BadRequest: "Marker <name> could not be found."
        """
        mine = sorted(self._keypairs.get(user_id, {}).values(), key=lambda k: (k.name, k.row))
        if marker is not None:
            names = [k.name for k in mine]
            if marker not in names:
                raise BadRequest(f"Marker {marker} could not be found.")
            mine = mine[names.index(marker) + 1:]
        return mine if limit is None else mine[:limit]


def _ssh_string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def ssh_fingerprint(public_key: str) -> str | None:
    """The MD5 fingerprint of an OpenSSH public key, colon-separated, as Nova shows it;
    None when the text is not one.

    Example:
        >>> key = "ssh-ed25519 " + base64.b64encode(_ssh_string(b"ssh-ed25519") + bytes(36)
        ...                                         ).decode() + " me"
        >>> ssh_fingerprint(key)[:8], ssh_fingerprint("not a key")
        ('e4:ef:9c', None)
    """
    parts = public_key.strip().split()
    if len(parts) < 2:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (ValueError, TypeError):
        return None
    if len(blob) < 4:
        return None
    size = int.from_bytes(blob[:4], "big")
    if blob[4:4 + size].decode("ascii", "replace") != parts[0]:
        return None
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def _x509_print(certificate: str) -> str | None:
    if "BEGIN CERTIFICATE" not in certificate:
        return None
    digest = hashlib.sha1(certificate.encode(), usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 40, 2))
