"""Keystone v3: `tokens` and `projects`."""

__all__: list[str] = []
