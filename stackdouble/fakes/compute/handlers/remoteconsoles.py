"""Consoles of the fake Nova: `os-getConsoleOutput` (`console_output.py`),
`POST /servers/{id}/remote-consoles` (2.6, `remote_consoles.py`) and the actions it
replaced (`os-getVNCConsole`, `os-getSPICEConsole`, `os-getSerialConsole`,
`os-getRDPConsole`, until 2.5); the client's `compute/v2/remoteconsoles`."""

from __future__ import annotations

import re
from typing import Any

from stackdouble.fakes.compute import schema
from stackdouble.fakes.compute.errors import BadRequest, nova_fault
from stackdouble.fakes.compute.handlers._common import _body, _caller, _model, _ok, _version
from stackdouble.fakes.compute.models import Caller, ComputeModel
from stackdouble.fakes.compute.schema import consoles as console_schema
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["ACTIONS", "create_remote_console"]

#: `console_output.py` strips control characters but tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
#: The protocol of each action of 2.1-2.5.
_LEGACY = {"os-getVNCConsole": "vnc", "os-getSPICEConsole": "spice",
           "os-getSerialConsole": "serial", "os-getRDPConsole": "rdp"}


def _console_output(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                    body: dict[str, Any]) -> FakeResponse:
    """`os-getConsoleOutput`: 200 `{"output": ...}`, the last `length` lines."""
    schema.check_body(console_schema.CONSOLE_OUTPUT, body)
    raw = body["os-getConsoleOutput"].get("length")
    output = model.console_output(caller, server_id, None if raw is None else int(raw))
    return _ok({"output": _CONTROL.sub("", output)})


def _legacy(name: str) -> Any:
    def run(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
        """A console action of 2.1-2.5: 200 `{"console": {"type", "url"}}`; 404 from 2.6."""
        if _version(req) >= (2, 6):
            return nova_fault(404)
        schema.check_body(console_schema.LEGACY_CONSOLES[name], body)
        protocol = _LEGACY[name]
        if protocol == "rdp":
            model.get_server(caller, server_id)
            raise BadRequest("The server could not comply with the request since it is "
                             "either malformed or otherwise incorrect.")
        console_type = body[name]["type"]
        url = model.remote_console(caller, server_id, protocol, console_type)
        return _ok({"console": {"type": console_type, "url": url}})

    return run


def create_remote_console(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/remote-consoles` (2.6): 200 with the console's URL."""
    version = _version(req)
    if version < (2, 6):
        return nova_fault(404)
    caller = _caller(req, "os_compute_api:os-remote-consoles")
    body = _body(req)
    schema.check_body(console_schema.remote_console_schema(version), body)
    given = body["remote_console"]
    url = _model(req).remote_console(caller, req.params["server_id"], given["protocol"],
                                     given["type"])
    return _ok({"remote_console": {"protocol": given["protocol"], "type": given["type"],
                                   "url": url}})


#: The actions of `POST /servers/{id}/action` this module answers.
ACTIONS: dict[str, Any] = {"os-getConsoleOutput": _console_output,
                           **{name: _legacy(name) for name in _LEGACY}}
