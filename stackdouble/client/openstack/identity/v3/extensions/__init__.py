"""Keystone v3 API extensions, as gophercloud files them: `trusts` (OS-TRUST)."""

__all__: list[str] = []
