"""Neutron's `security-group` extension: `groups` and their `rules`."""

__all__: list[str] = []
