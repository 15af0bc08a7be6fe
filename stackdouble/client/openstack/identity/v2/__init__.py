"""Keystone v2.0: `tokens` (password, token, Rackspace API key) and `tenants`."""

__all__: list[str] = []
