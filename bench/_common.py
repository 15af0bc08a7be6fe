"""Helpers shared by the bench scripts: paired runs, medians and ratio reports."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence


def child_cost(argv: Sequence[str]) -> tuple[float, float]:
    """Run a child process; return its (wall, CPU) seconds from `os.wait4` rusage."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{argv} exited with {status}")
    return wall, usage.ru_utime + usage.ru_stime


def paired(a: Callable[[], float], b: Callable[[], float], rounds: int) -> tuple[list[float],
                                                                                   list[float]]:
    """Run a and b in turn (alternating which goes first); return both lists of costs."""
    costs_a: list[float] = []
    costs_b: list[float] = []
    for i in range(rounds):
        if i % 2:
            costs_b.append(b())
            costs_a.append(a())
        else:
            costs_a.append(a())
            costs_b.append(b())
    return costs_a, costs_b


def report(name: str, subject: str, floor: str, costs_a: list[float], costs_b: list[float],
           unit: str, scale: float, target: float | None = None) -> float:
    """Print medians and the median of pair ratios; return that ratio."""
    ratios = [x / y for x, y in zip(costs_a, costs_b, strict=True) if y > 0]
    ratio = statistics.median(ratios)
    print(f"{name}")
    print(f"  {subject:<44} median {statistics.median(costs_a) * scale:10.1f} {unit}")
    print(f"  {floor:<44} median {statistics.median(costs_b) * scale:10.1f} {unit}")
    verdict = ""
    if target is not None:
        verdict = f"  (target ≤ {target:.2f}×: {'met' if ratio <= target else 'NOT met'})"
    print(f"  ratio (median of {len(ratios)} pairs): {ratio:.2f}×{verdict}")
    sys.stdout.flush()
    return ratio


def start_served_fake(*extra: str, timeout: float = 120) -> tuple[subprocess.Popen[str], str]:
    """Run `stackdouble serve --port 0 --seed 1 [extra...]` in a child process.

    Returns:
        The process (terminate it when done) and the base URL it printed.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "stackdouble.cli", "serve", "--port", "0", "--seed", "1", *extra],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        match = re.search(r"(http://127\.0\.0\.1:\d+)", proc.stdout.readline())
        if match:
            return proc, match.group(1)
    proc.kill()
    raise SystemExit("stackdouble serve did not print its URL")


def start_served_child(argv: Sequence[str], timeout: float = 120) -> tuple[subprocess.Popen[str],
                                                                             str]:
    """Run `argv` (a process that serves a fake cloud and prints its URL) as a child.

    For benches that seed the cloud through its Python API first: the child calls
    `serve_until_terminated`, the parent reads the URL it printed.

    Returns:
        The process (terminate it when done) and the base URL it printed.
    """
    proc = subprocess.Popen(list(argv), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        match = re.search(r"(http://127\.0\.0\.1:\d+)", proc.stdout.readline())
        if match:
            return proc, match.group(1)
    proc.kill()
    raise SystemExit(f"{argv} did not print its URL")


def serve_until_terminated(cloud: object) -> None:
    """Serve a seeded `FakeCloud` on loopback, print its URL, and serve until SIGTERM.

    The child side of `start_served_child`; the fake answers from this process, so the
    parent's CPU and memory are the client's alone.
    """
    import signal
    import threading

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    with cloud.serve() as served:  # type: ignore[attr-defined]
        print(f"serving {served.url}", flush=True)
        while not stop.wait(0.5):
            pass
