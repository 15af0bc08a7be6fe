"""`stackdouble serve --data-dir`: killed with SIGKILL at a random moment while a client
streams writes, restarted on the same directory, it still has every write it answered 2xx,
and a write it never answered is wholly there or not at all."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.fakes.persistence_writes import Fact, Writes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")


class Served:
    """A `stackdouble serve --data-dir` child process."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "stackdouble.cli", "serve", "--port", "0",
             "--data-dir", str(data_dir), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=Path(__file__).resolve().parents[2])
        assert self.proc.stdout is not None
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            found = re.search(r"serving at (http://127\.0\.0\.1:\d+)", line)
            if found:
                self.url = found.group(1)
                return
        self.proc.kill()
        raise AssertionError("serve did not start: " + "".join(self.lines)
                             + self.proc.stderr.read() if self.proc.stderr else "")

    def banner(self) -> str:
        """The lines printed up to the URL."""
        return "".join(self.lines)

    def kill(self) -> None:
        """SIGKILL, and reap."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.close_pipes()

    def close_pipes(self) -> None:
        """Close the child's pipes."""
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def http() -> Iterator[requests.Session]:
    """A session that ignores proxy variables."""
    with requests.Session() as session:
        session.trust_env = False
        yield session


def _stream_until_killed(writes: Writes, served: Served, delay: float) -> tuple[int, Fact | None]:
    """Write until the connection fails; kill the server after `delay` seconds. Returns how
    many writes were acknowledged and the one in flight when the server died."""
    killer = threading.Timer(delay, served.kill)
    killer.start()
    acknowledged = 0
    in_flight: Fact | None = None
    try:
        while True:
            try:
                if writes.write() is not None:
                    acknowledged += 1
            except requests.ConnectionError:
                in_flight = writes.inflight
                break
    finally:
        killer.join()
    return acknowledged, in_flight


def test_sigkill_mid_stream_loses_no_acknowledged_write(tmp_path: Path,
                                                        http: requests.Session) -> None:
    rng = random.Random(os.urandom(8))
    data_dir = tmp_path / "cloud"
    served = Served(data_dir, "--seed", "5")
    writes = Writes(http, served.url, rng)
    total = 0
    for round_ in range(3):
        acknowledged, in_flight = _stream_until_killed(writes, served,
                                                       rng.uniform(0.3, 1.5))
        total += acknowledged
        served = Served(data_dir)
        replayed = re.search(r"restored, (\d+) journaled requests replayed", served.banner())
        assert replayed is not None
        assert int(replayed.group(1)) >= acknowledged
        writes.base = served.url
        http.close()  # the old connections went with the old process
        try:
            for fact in writes.facts:
                writes.check(fact)
            if in_flight is not None:
                writes.check_whole_or_absent(in_flight)
        finally:
            if round_ == 2:
                served.kill()
    assert total >= 10, "the client should have got writes through before each kill"


def test_second_serve_on_the_same_data_dir_exits_2(tmp_path: Path) -> None:
    served = Served(tmp_path / "cloud")
    try:
        second = subprocess.run(
            [sys.executable, "-m", "stackdouble.cli", "serve", "--port", "0",
             "--data-dir", str(tmp_path / "cloud")],
            capture_output=True, text=True, timeout=60)
    finally:
        served.kill()
    assert second.returncode == 2
    assert f"is in use by process {served.proc.pid}" in second.stderr
