"""Create-time behaviours (Mimic's) and legacy rate limits of the fake Nova."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.compute.errors import OverLimit
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import NO_VALID_HOST, _regex

__all__ = ["BehaviorsMixin", "CreateBehavior", "RateLimit"]


@dataclass(slots=True)
class CreateBehavior:
    """A create-time behaviour (Mimic's): `fail` answers the create with an error and makes
    nothing; `error` lets the server build and then puts it in ERROR with a fault; `build`
    gives matching servers their own build time.

    Attributes:
        kind: `fail`, `error` or `build`.
        name: A regex searched in the new server's name; None matches any.
        metadata: Items the new server's metadata must contain; None matches any.
        times: How many creates it applies to; None for ever.
        status: `fail`: the HTTP status; `error`: the fault code.
        message: The error or fault message.
        seconds: `build`: the build time.
    """

    kind: str
    name: re.Pattern[str] | None = None
    metadata: Mapping[str, str] | None = None
    times: int | None = None
    status: int = 500
    message: str = NO_VALID_HOST
    seconds: float = 0.0
    hits: int = 0

    def matches(self, name: str, metadata: Mapping[str, str]) -> bool:
        """Whether this behaviour applies to a new server."""
        if self.name is not None and not self.name.search(name):
            return False
        wanted = self.metadata or {}
        return all(metadata.get(k) == v for k, v in wanted.items())


@dataclass(slots=True)
class RateLimit:
    """A legacy Nova rate limit: `value` requests of `verb` to paths matching `regex` per
    `unit` seconds; beyond it, `overLimit` with `Retry-After`."""

    verb: str
    uri: str
    regex: re.Pattern[str]
    value: int
    unit: str
    seconds: int
    status: int = 413
    hits: list[float] = field(default_factory=list)


class BehaviorsMixin(ModelBase):
    """Rate limits and create-time behaviours, mixed into `ComputeModel`."""

    def add_rate_limit(self, verb: str, uri: str, value: int, unit: str = "MINUTE", *,
                       regex: str | None = None, status: int = 413) -> RateLimit:
        """Limit requests as the legacy Nova rate-limit middleware did: beyond `value`
        `verb` requests to paths matching `regex` per `unit`, answer `overLimit` with
        `Retry-After` ("This request was rate-limited.").

        Args:
            verb: HTTP method.
            uri: The URI shown in the fault details (`*/servers`).
            value: Requests allowed per unit.
            unit: SECOND, MINUTE, HOUR or DAY.
            regex: Searched in the path below `/compute/v2.1`; defaults to `uri` without
                its leading `*`.
            status: 413 (Nova until Juno) or 429.
        """
        seconds = {"SECOND": 1, "MINUTE": 60, "HOUR": 3600, "DAY": 86400}.get(unit.upper())
        if seconds is None:
            raise ValueError(f"unit must be SECOND, MINUTE, HOUR or DAY, not {unit!r}")
        if status not in (413, 429):
            raise ValueError("status must be 413 or 429")
        pattern = re.compile(regex if regex is not None else re.escape(uri.lstrip("*")))
        limit = RateLimit(verb=verb.upper(), uri=uri, regex=pattern, value=value,
                          unit=unit.lower(), seconds=seconds, status=status)
        self.rate_limits.append(limit)
        return limit

    def check_rate_limits(self, verb: str, path: str) -> None:
        """Count a request against the rate limits.

        Raises:
            OverLimit: A limit is exhausted.
        """
        now = self.cloud.clock.time()
        for limit in self.rate_limits:
            if limit.verb != verb or not limit.regex.search(path):
                continue
            window = [t for t in limit.hits if t > now - limit.seconds]
            if len(window) >= limit.value:
                delay = max(0, math.ceil(window[0] + limit.seconds - now))
                limit.hits = window
                raise OverLimit("This request was rate-limited.", delay, status=limit.status,
                                details=f"Only {limit.value} {limit.verb} request(s) can be "
                                        f"made to {limit.uri} every {limit.unit}.")
            window.append(now)
            limit.hits = window

    def fail_create(self, *, status: int = 500, message: str | None = None,
                    name: str | None = None, metadata: Mapping[str, str] | None = None,
                    times: int | None = 1) -> CreateBehavior:
        """Make server creates fail with `status` and nothing created (Mimic's `fail`)."""
        if not 400 <= status <= 599:
            raise ValueError("status must be 400-599")
        text = message or ("Unexpected API Error. Please report this at "
                           "http://bugs.launchpad.net/nova/ and attach the Nova API log if "
                           "possible.")
        return self._behave(CreateBehavior("fail", status=status, message=text,
                                           name=_regex(name), metadata=metadata, times=times))

    def error_on_build(self, *, message: str = NO_VALID_HOST, code: int = 500,
                       name: str | None = None, metadata: Mapping[str, str] | None = None,
                       times: int | None = 1) -> CreateBehavior:
        """Let matching servers build, then put them in ERROR with a fault (no host, never
        launched), as a scheduling failure leaves them."""
        return self._behave(CreateBehavior("error", status=code, message=message,
                                           name=_regex(name), metadata=metadata, times=times))

    def slow_build(self, seconds: float, *, name: str | None = None,
                   metadata: Mapping[str, str] | None = None,
                   times: int | None = None) -> CreateBehavior:
        """Give matching new servers their own build time."""
        return self._behave(CreateBehavior("build", seconds=checked_seconds(seconds),
                                           name=_regex(name), metadata=metadata, times=times))

    def _behave(self, behavior: CreateBehavior) -> CreateBehavior:
        self.behaviors.append(behavior)
        return behavior

    def _take_behavior(self, name: str, metadata: Mapping[str, str]) -> CreateBehavior | None:
        for behavior in self.behaviors:
            if behavior.matches(name, metadata):
                behavior.hits += 1
                if behavior.times is not None and behavior.hits >= behavior.times:
                    self.behaviors.remove(behavior)
                return behavior
        return None
