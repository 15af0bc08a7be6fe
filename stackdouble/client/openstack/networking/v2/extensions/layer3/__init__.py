"""Neutron's layer-3 extensions: `routers` and `floatingips`."""

__all__: list[str] = []
