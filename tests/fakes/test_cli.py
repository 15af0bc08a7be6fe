"""`stackdouble serve` as a user runs it: a subprocess whose output is usable as printed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml

from stackdouble.cli import build_parser, main

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
