"""Image service (Glance): `v2` (images, image data, imports, members, tasks)."""

__all__: list[str] = []
