"""`stackdouble serve` as a user runs it: a subprocess whose output is usable as printed."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from stackdouble.cli import CONTROL_TOKEN_ENV, build_parser, main, serve

ROOT = Path(__file__).resolve().parents[2]


def read_banner(proc: subprocess.Popen[str]) -> list[str]:
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            break
    return lines


@pytest.fixture
def served(tmp_path: Path) -> object:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "stackdouble.cli", "serve", "--port", "0", "--seed", "5",
         "--write-clouds-yaml", str(tmp_path / "clouds.yaml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        yield proc, read_banner(proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


def test_serve_prints_a_clouds_yaml_that_authenticates(served: object) -> None:
    _, lines = served  # type: ignore[misc]
    start = lines.index("--- clouds.yaml ---")
    end = lines.index("--- end clouds.yaml ---")
    cloud = yaml.safe_load("\n".join(lines[start + 1:end]))["clouds"]["stackdouble"]
    auth = cloud["auth"]
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": auth["username"], "password": auth["password"],
        "domain": {"name": auth["user_domain_name"]}}}},
        "scope": {"project": {"name": auth["project_name"],
                              "domain": {"name": auth["project_domain_name"]}}}}}
    resp = requests.post(auth["auth_url"] + "/v3/auth/tokens", json=body, timeout=5)
    assert resp.status_code == 201


def test_serve_writes_the_clouds_yaml_file_with_demo_and_admin(served: object,
                                                              tmp_path: Path) -> None:
    clouds = yaml.safe_load((tmp_path / "clouds.yaml").read_text())["clouds"]
    assert sorted(clouds) == ["stackdouble", "stackdouble-admin"]
    assert clouds["stackdouble-admin"]["auth"]["username"] == "admin"


def test_serve_prints_export_lines(served: object) -> None:
    _, lines = served  # type: ignore[misc]
    exports = dict(line[len("export "):].split("=", 1) for line in lines
                   if line.startswith("export "))
    assert exports["OS_USERNAME"] == "demo"
    assert exports["OS_AUTH_URL"].startswith("http://127.0.0.1:")


def test_serve_stops_cleanly_on_sigterm(served: object) -> None:
    proc, _ = served  # type: ignore[misc]
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "stackdouble: stopped" in out


def test_parser_defaults_bind_loopback() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.seed) == ("127.0.0.1", 0, None)


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_serve_prints_the_connection_limits(served: object) -> None:
    _, lines = served  # type: ignore[misc]
    limits = next(line for line in lines if line.startswith("connections: "))
    assert limits.startswith("connections: idle ones closed after 5 s, at most ")
    assert limits.endswith(" open, 8 worker threads")
    assert not any(line.startswith("control token:") for line in lines)  # loopback: open


@contextlib.contextmanager
def serving(**options: Any) -> Iterator[tuple[str, str, str]]:
    """`serve(**options)` in a thread; yields its URL, stdout and stderr once it is up."""
    out, err, stop = io.StringIO(), io.StringIO(), threading.Event()
    thread = threading.Thread(target=serve, kwargs=dict(
        options, port=0, out=out, err=err, stop_event=stop), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while "Press Ctrl-C" not in out.getvalue():
            assert thread.is_alive(), err.getvalue()
            assert time.monotonic() < deadline, "serve did not print its banner in 30 s"
            time.sleep(0.02)
        url = re.search(r"serving at (\S+)", out.getvalue()).group(1)  # type: ignore[union-attr]
        yield url, out.getvalue(), err.getvalue()
    finally:
        stop.set()
        thread.join(10)


def test_serve_on_every_address_warns_and_prints_the_control_token() -> None:
    with serving(host="0.0.0.0") as (url, out, err):  # reached through 127.0.0.1 only
        token = re.search(r"^control token: (\S+) ", out, re.MULTILINE).group(1)  # type: ignore[union-attr]
        denied = requests.get(url + "/_stackdouble/state", timeout=10)
        allowed = requests.get(url + "/_stackdouble/state", timeout=10,
                               headers={"Authorization": f"Bearer {token}"})
    assert "WARNING: listening on 0.0.0.0:" in err
    for exposed in ("admin/admin-secret", "demo/demo-secret", "/_stackdouble/",
                    "reset the cloud", "control token"):
        assert exposed in err
    assert token not in err
    assert (denied.status_code, allowed.status_code) == (401, 200)


def test_serve_requires_a_control_token_given_on_loopback() -> None:
    with serving(control_token="chosen-token") as (url, out, err):
        denied = requests.get(url + "/_stackdouble/state", timeout=10)
        allowed = requests.get(url + "/_stackdouble/state", timeout=10,
                               headers={"Authorization": "Bearer chosen-token"})
    assert "control token: chosen-token " in out
    assert err == ""  # loopback: no warning
    assert (denied.status_code, allowed.status_code) == (401, 200)


def test_serve_places_servers_on_as_many_compute_hosts_as_asked() -> None:
    with serving(compute_hosts=3) as (url, _out, _err):
        token = requests.post(url + "/identity/v3/auth/tokens", timeout=10, json={"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": "admin", "password": "admin-secret", "domain": {"id": "default"}}}},
            "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}})
        hypervisors = requests.get(url + "/compute/v2.1/os-hypervisors", timeout=10,
                                   headers={"X-Auth-Token": token.headers["X-Subject-Token"]})
    assert sorted(h["hypervisor_hostname"] for h in hypervisors.json()["hypervisors"]) == [
        "stackdouble-compute", "stackdouble-compute-2", "stackdouble-compute-3"]


def test_control_token_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONTROL_TOKEN_ENV, "from-env")
    assert build_parser().parse_args(["serve"]).control_token == "from-env"


@pytest.mark.parametrize(("argv", "option"), [
    (["--idle-timeout", "0"], "--idle-timeout"),
    (["--idle-timeout", "nan"], "--idle-timeout"),
    (["--connection-limit", "0"], "--connection-limit"),
    (["--threads", "0"], "--threads"),
    (["--compute-hosts", "0"], "--compute-hosts"),
    (["--control-token", "two words"], "--control-token"),
])
def test_bad_serve_options_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str],
                                  option: str) -> None:
    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"stackdouble: {option}")
    assert "two words" not in err
