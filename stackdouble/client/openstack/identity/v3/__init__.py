"""Keystone v3: `tokens`, `projects`, `users`, `groups`, `roles` (with role assignments and
implied roles), `domains` (and their `domainconfig`), `applicationcredentials` (and their
access rules), `policies`, `regions`, `services` and `endpoints`; `extensions.trusts`
(OS-TRUST)."""

__all__: list[str] = []
