"""Identity (Keystone): `v3` (tokens, projects) and `v2` (tokens, tenants)."""

__all__: list[str] = []
