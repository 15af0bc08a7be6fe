"""Request schemas of the fake Nova's consoles: `os-getConsoleOutput`
(`schemas/console_output.py`), `POST /servers/{id}/remote-consoles` and the actions it
replaced (`schemas/remote_consoles.py`)."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.compute.schema import _object, _wrapped

__all__ = ["CONSOLE_OUTPUT", "LEGACY_CONSOLES", "remote_console_schema"]

CONSOLE_OUTPUT = _wrapped("os-getConsoleOutput", _object({"length": {
    "type": ["integer", "string", "null"], "pattern": "^-?[0-9]+$", "minimum": -1}}))


def _typed(action: str, types: list[str]) -> dict[str, Any]:
    return _wrapped(action, _object({"type": {"type": "string", "enum": types}}, ["type"]))


#: The actions of 2.1-2.5, by name (RDP's schema is empty: anything goes, then 400).
LEGACY_CONSOLES: dict[str, dict[str, Any]] = {
    "os-getVNCConsole": _typed("os-getVNCConsole", ["novnc", "xvpvnc"]),
    "os-getSPICEConsole": _typed("os-getSPICEConsole", ["spice-html5"]),
    "os-getSerialConsole": _typed("os-getSerialConsole", ["serial"]),
    "os-getRDPConsole": {},
}

_PROTOCOLS_26 = ["vnc", "spice", "serial", "rdp"]
_TYPES_26 = ["novnc", "xvpvnc", "spice-html5", "serial", "rdp-html5"]
_CREATE_26 = _wrapped("remote_console", _object(
    {"protocol": {"type": "string", "enum": _PROTOCOLS_26},
     "type": {"type": "string", "enum": _TYPES_26}}, ["protocol", "type"]))
_CREATE_28 = _wrapped("remote_console", _object(
    {"protocol": {"type": "string", "enum": [*_PROTOCOLS_26, "mks"]},
     "type": {"type": "string", "enum": [*_TYPES_26, "webmks"]}}, ["protocol", "type"]))


def remote_console_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`remote_console`: `mks`/`webmks` from 2.8."""
    return _CREATE_28 if version >= (2, 8) else _CREATE_26
