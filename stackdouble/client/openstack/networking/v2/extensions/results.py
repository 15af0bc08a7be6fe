"""Neutron's extension results: the shared Extension resource, its Result and its page
(`common.extensions.results`)."""

from stackdouble.client.openstack.common.extensions.results import (
    Extension,
    ExtensionPage,
    GetResult,
    extract_extensions,
)

__all__ = ["Extension", "ExtensionPage", "GetResult", "extract_extensions"]
