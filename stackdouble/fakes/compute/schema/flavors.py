"""Request schemas of the fake Nova's flavor extras: extra specs
(`schemas/flavors_extraspecs.py`) and their validation from 2.86
(`nova/api/validation/extra_specs/`), flavor access (`schemas/flavor_access.py`) and the
description update (`schemas/flavors.py`'s `update`, 2.55).

The extra spec registry below is Nova's for the namespaces it checks strictly (`hw`,
`hw_rng`, `hw_video`, `os`, `quota`, `accel`, `pci_passthrough`, `vmware`): a key of such a
namespace that is not listed is refused, a listed key's value is checked. Keys without a
namespace, of another namespace, or of the open-ended ones (`capabilities`, `resources*`,
`trait*`, `aggregate_instance_extra_specs`) pass, as Nova's `validators.validate` lets
unknown namespaces through (Nova's value checks of resource classes and traits aside).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from stackdouble.fakes import osloutils
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.schema import _object, _wrapped

__all__ = ["ADD_TENANT_ACCESS", "EXTRA_SPECS_CREATE", "EXTRA_SPECS_UPDATE", "FLAVOR_UPDATE",
           "REMOVE_TENANT_ACCESS", "check_extra_spec_values"]

_SPEC_KEY = "^[a-zA-Z0-9-_:. ]{1,255}$"
#: Nova's metadata, numbers allowed as values.
_SPECS = {"type": "object",
          "patternProperties": {_SPEC_KEY: {"type": ["string", "number"], "maxLength": 255}},
          "additionalProperties": False}
EXTRA_SPECS_CREATE = _wrapped("extra_specs", _SPECS)
EXTRA_SPECS_UPDATE = {**_SPECS, "minProperties": 1, "maxProperties": 1}
_TENANT = {"type": "string", "minLength": 1, "maxLength": 255}
ADD_TENANT_ACCESS = _wrapped("addTenantAccess", _object({"tenant": _TENANT}, ["tenant"]))
REMOVE_TENANT_ACCESS = _wrapped("removeTenantAccess", _object({"tenant": _TENANT}, ["tenant"]))
FLAVOR_UPDATE = _wrapped("flavor", _object({"description": {
    "type": ["string", "null"], "minLength": 0, "maxLength": 65535,
    "pattern": r"^[^\x00-\x1f\x7f]*$"}}, ["description"]))

_MASK = r"\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*"
#: name (a regex) → (type, enum or pattern, min, max); `quota:` keys built below.
_REGISTRY: dict[str, tuple[type, tuple[str, ...] | str | None, int | None, int | None]] = {
    "hw:cpu_realtime": (bool, None, None, None),
    "hw:cpu_realtime_mask": (str, r"(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*", None, None),
    "hw:hide_hypervisor_id": (bool, None, None, None),
    "hw:cpu_policy": (str, ("dedicated", "shared", "mixed"), None, None),
    "hw:cpu_thread_policy": (str, ("prefer", "isolate", "require"), None, None),
    "hw:emulator_threads_policy": (str, ("isolate", "share"), None, None),
    "hw:cpu_dedicated_mask": (str, _MASK, None, None),
    "hw:mem_page_size": (str, r"(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)", None, None),
    "hw:locked_memory": (bool, None, None, None),
    "hw:numa_nodes": (int, None, 1, None),
    r"hw:numa_cpus\.\d+": (str, _MASK, None, None),
    r"hw:numa_mem\.\d+": (int, None, 1, None),
    "hw:pci_numa_affinity_policy": (str, ("required", "preferred", "legacy", "socket"), None,
                                    None),
    **{f"hw:cpu_{k}": (int, None, 1, None)
       for k in ("sockets", "cores", "threads", "max_sockets", "max_cores", "max_threads")},
    "hw:boot_menu": (bool, None, None, None),
    "hw:vif_multiqueue_enabled": (bool, None, None, None),
    "hw:mem_encryption": (bool, None, None, None),
    "hw:mem_encryption_model": (str, ("amd-sev", "amd-sev-es"), None, None),
    "hw:pmem": (str, r"([a-zA-Z0-9_]+(,)?)+", None, None),
    "hw:pmu": (bool, None, None, None),
    "hw:serial_port_count": (int, None, 0, None),
    "hw:tpm_model": (str, ("tpm-tis", "tpm-crb"), None, None),
    "hw:tpm_version": (str, ("1.2", "2.0"), None, None),
    "hw:watchdog_action": (str, ("none", "pause", "poweroff", "reset", "disabled"), None,
                           None),
    "hw:viommu_model": (str, ("intel", "smmuv3", "virtio", "auto"), None, None),
    "hw:virtio_packed_ring": (bool, None, None, None),
    "hw:sound_model": (str, None, None, None),
    "hw:usb_model": (str, None, None, None),
    "hw:redirected_usb_ports": (int, None, 0, 15),
    "hw:ephemeral_encryption": (bool, None, None, None),
    "hw:ephemeral_encryption_format": (str, None, None, None),
    "hw_rng:allowed": (bool, None, None, None),
    "hw_rng:rate_bytes": (int, None, 0, None),
    "hw_rng:rate_period": (int, None, 0, None),
    "hw_video:ram_max_mb": (int, None, 0, None),
    "os:secure_boot": (str, ("disabled", "required"), None, None),
    "accel:device_profile": (str, None, None, None),
    "pci_passthrough:alias": (str, None, None, None),
    "vmware:hw_version": (str, None, None, None),
    "vmware:storage_policy": (str, None, None, None),
    r"quota:(cpu|memory|disk_io)_(limit|reservation)": (int, None, 0, None),
    r"quota:(cpu|memory|disk_io)_shares_level": (str, ("custom", "high", "normal", "low"),
                                                  None, None),
    r"quota:(cpu|memory|disk_io)_shares_share": (int, None, 0, None),
    "quota:cpu_shares": (int, None, 0, None),
    "quota:cpu_period": (int, None, 0, None),
    "quota:cpu_quota": (int, None, None, None),
    r"quota:disk_(read|write|total)_(bytes|iops)_sec": (int, None, 0, None),
    r"quota:vif_(inbound|outbound)_(average|peak|burst)": (int, None, 0, None),
}
_COMPILED = tuple((re.compile(name), rule) for name, rule in _REGISTRY.items())
_STRICT = frozenset({"hw", "hw_rng", "hw_video", "os", "quota", "accel", "pci_passthrough",
                     "vmware"})


def _check_value(value: str, rule: tuple[type, tuple[str, ...] | str | None,
                                         int | None, int | None]) -> None:
    kind, constraint, low, high = rule
    if kind is bool:
        try:
            osloutils.bool_from_string(value, strict=True)
        except ValueError:
            raise BadRequest(f"Validation failed; '{value}' is not a valid boolean-like "
                             "value.") from None
    elif kind is int:
        try:
            number = int(value)
        except ValueError:
            raise BadRequest(f"Validation failed; '{value}' is not a valid integer value."
                             ) from None
        if high is not None and number > high:
            raise BadRequest(f"Validation failed; '{value}' is greater than the max value of "
                             f"'{high}'.")
        if low is not None and number < low:
            raise BadRequest(f"Validation failed; '{value}' is less than the min value of "
                             f"'{low}'.")
    elif isinstance(constraint, tuple) and value not in constraint:
        raise BadRequest(f"Validation failed; '{value}' is not one of: "
                         f"{', '.join(constraint)}.")
    elif isinstance(constraint, str) and not re.fullmatch(f"^{constraint}$", value):
        raise BadRequest(f"Validation failed; '{value}' is not of the format "
                         f"'^{constraint}$'.")


def check_extra_spec_values(specs: Mapping[str, Any], *, validate: bool) -> None:
    """`_check_extra_specs_value`: numbers no longer than 255 once strings, and from 2.86
    (`validate`) each key and value against the registry.

    Raises:
        BadRequest: Nova's messages ("Validation failed; ...").

    Example:
        >>> try:
        ...     check_extra_spec_values({"hw:cpu_policy": "pinned"}, validate=True)
        ... except BadRequest as exc:
        ...     print(exc.message)
        Validation failed; 'pinned' is not one of: dedicated, shared, mixed.
    """
    for name, raw in specs.items():
        value = str(raw)
        if isinstance(raw, (int, float)) and len(value) > 255:
            raise BadRequest("extra_specs value has more than 255 characters.")
        if not validate:
            continue
        rule = _REGISTRY.get(name)
        if rule is None:
            rule = next((r for pattern, r in _COMPILED if pattern.fullmatch(name)), None)
        if rule is not None:
            _check_value(value, rule)
            continue
        if ":" in name and name.split(":", 1)[0] in _STRICT:
            raise BadRequest(f"Validation failed; extra spec '{name}' does not appear to be "
                             "a valid extra spec.")
