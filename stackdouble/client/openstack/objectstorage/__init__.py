"""Object Storage (Swift): `v1` (accounts, containers, objects)."""

__all__: list[str] = []
