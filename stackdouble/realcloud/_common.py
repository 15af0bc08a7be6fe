"""Helpers the launcher's service modules share: processes, waits, HTTP, Keystone logins."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["ADMIN_PASSWORD", "DEMO_PASSWORD", "REGION", "LaunchError", "alive", "free_port",
           "http", "log", "run", "spawn", "start_time", "token", "wait_for"]

ADMIN_PASSWORD = "admin-secret"
DEMO_PASSWORD = "demo-secret"
REGION = "RegionOne"


class LaunchError(RuntimeError):
    """The real cloud could not be installed, started or stopped."""


def log(message: str) -> None:
    """One progress line on stderr, prefixed `realcloud:`."""
    print(f"realcloud: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run(argv: Sequence[str], log: Path, ok: Sequence[int] = (0,)) -> None:
    """Run a command to completion, its output appended to `log`.

    Raises:
        LaunchError: It exited with a code not in `ok`.
    """
    with log.open("ab") as out:
        out.write(f"$ {' '.join(argv)}\n".encode())
        out.flush()
        code = subprocess.call(list(argv), stdout=out, stderr=subprocess.STDOUT)
    if code not in ok:
        raise LaunchError(f"{' '.join(argv[:3])} ... exited {code}; see {log}")


def spawn(argv: Sequence[str], log: Path, cwd: Path,
          env: Mapping[str, str] | None = None) -> int:
    """Start a server in a session of its own (so `stop` can signal its whole group),
    output to `log`, with `env` added to this process's environment.

    Returns:
        The pid, which leads the new session.
    """
    environ = {**os.environ, **env} if env else None
    with log.open("ab") as out:
        proc = subprocess.Popen(list(argv), stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=environ)
    return proc.pid


def http(method: str, url: str, **kw: Any) -> Any:
    """`requests.request` with a 10 s timeout unless `timeout=` says otherwise."""
    import requests

    return requests.request(method, url, timeout=kw.pop("timeout", 10), **kw)


def wait_for(what: str, check: Any, timeout: float, pids: Sequence[int] = ()) -> None:
    """Call `check` every 0.2 s until it returns true (exceptions count as not yet).

    Raises:
        LaunchError: One of `pids` exited, or `timeout` seconds passed.
    """
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        for pid in pids:
            if not alive(pid):
                raise LaunchError(f"{what}: process {pid} exited")
        try:
            if check():
                return
        except Exception as exc:  # connection refused while it starts
            last = exc
        time.sleep(0.2)
    raise LaunchError(f"{what}: not healthy after {timeout:.0f} s ({last})")


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def start_time(pid: int) -> str | None:
    """When `pid` started (clock ticks since boot, from /proc), or None if it is gone.

    With the pid, this names a process across pid reuse; the command line cannot, since
    gunicorn rewrites its own once `setproctitle` is installed (Cinder brings it).
    """
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def token(url: str, user: str, password: str, project: str) -> tuple[str, dict[str, Any]]:
    """A project-scoped Keystone token for a user of domain `default`.

    Returns:
        The token and the token body.

    Raises:
        LaunchError: Keystone did not answer 201.
    """
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    resp = http("POST", url + "/auth/tokens", json=body)
    if resp.status_code != 201:
        raise LaunchError(f"Keystone login as {user}: {resp.status_code} {resp.text[:300]}")
    return resp.headers["X-Subject-Token"], resp.json()["token"]

