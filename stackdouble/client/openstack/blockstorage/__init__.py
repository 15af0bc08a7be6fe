"""Block Storage (Cinder): `v3` (volumes, snapshots, volume types, microversions)."""

__all__: list[str] = []
