"""Compute (Nova): `v2` (servers, flavors, images, keypairs, extensions, microversions)."""

__all__: list[str] = []
