"""Keep fake and replay tests off the network: connections to non-loopback hosts fail.

`socket.socket.connect` and `connect_ex` are wrapped for the duration of one test, as
pytest-recording's `--block-network` does; loopback (127.0.0.0/8, ::1, `localhost`) and Unix
sockets stay allowed, so a served fake cloud still works.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["NetworkBlocked", "is_loopback", "loopback_only"]


class NetworkBlocked(RuntimeError):
    """A test in fake or replay mode tried to connect to a non-loopback host.

    A `RuntimeError`, not an `OSError`, so HTTP libraries do not turn it into a retryable
    connection error: the test fails with this message.
    """


def is_loopback(host: str) -> bool:
    """Whether a host is loopback (an IP literal, or `localhost`); names are not resolved.

    Example:
        >>> is_loopback("127.0.0.53"), is_loopback("::1"), is_loopback("8.8.8.8")
        (True, True, False)
    """
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        lowered = host.lower().rstrip(".")
        return lowered == "localhost" or lowered.endswith(".localhost")


def _target(address: Any) -> str | None:
    """The host a socket address names, or None when it is not an IP address tuple."""
    if isinstance(address, tuple) and address and isinstance(address[0], str):
        return address[0]
    return None


@contextmanager
def loopback_only(mode: str) -> Iterator[None]:
    """Block connections to non-loopback hosts while active.

    Args:
        mode: The plugin mode, named in the error message.

    Raises:
        NetworkBlocked: From `connect`/`connect_ex` on a blocked address.
    """
    cls = socket.socket
    saved = {name: cls.__dict__.get(name) for name in ("connect", "connect_ex")}
    real_connect: Callable[..., Any] = cls.connect
    real_connect_ex: Callable[..., Any] = cls.connect_ex

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        host = _target(address)
        if host is not None and not is_loopback(host):
            port = address[1] if len(address) > 1 else "?"
            raise NetworkBlocked(
                f"stackdouble: --openstack-mode={mode} blocks connections to non-loopback "
                f"hosts, and this test tried {host}:{port}. Run it with "
                "--openstack-mode=live (or record) to reach a real cloud.")

    def connect(sock: socket.socket, address: Any) -> Any:
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> Any:
        check(sock, address)
        return real_connect_ex(sock, address)

    setattr(cls, "connect", connect)  # noqa: B010 (mypy: patching a method)
    setattr(cls, "connect_ex", connect_ex)  # noqa: B010
    try:
        yield
    finally:
        for name, original in saved.items():
            if original is None:
                if name in cls.__dict__:
                    delattr(cls, name)
            else:
                setattr(cls, name, original)
