"""`stackdouble serve --state` and `--dump-state` as a user runs them: a subprocess, a login
as a user the file declared, a bad file that exits 2 with its line, a dump at SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from stackdouble.client import openstack
from stackdouble.client.openstack.compute.v2 import flavors

ROOT = Path(__file__).resolve().parents[2]
STATE = """\
projects:
  - name: web
users:
  - name: alice
    password: alice-secret
    default_project: web
role_assignments:
  - {role: member, user: alice, project: web}
flavors:
  - {name: m1.state, ram: 256, vcpus: 1, disk: 1}
"""


def run(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "stackdouble.cli", "serve", "--port", "0",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=cwd)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, list[str]]]:
    (tmp_path / "cloud.yaml").write_text(STATE, encoding="utf-8")
    proc = run("--state", "cloud.yaml", "--dump-state", "dump.yaml", cwd=tmp_path)
    lines: list[str] = []
    url = ""
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            found = re.search(r"serving at (http://127\.0\.0\.1:\d+)", line)
            url = found.group(1) if found else url
            if line.startswith("Press Ctrl-C"):
                break
        yield proc, url, lines
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


def test_serve_with_state_lets_a_declared_user_log_in(
        served: tuple[subprocess.Popen[str], str, list[str]]) -> None:
    _, url, lines = served
    assert "state: loaded cloud.yaml (1 projects, 1 users, 1 role_assignments, 1 flavors)" \
        in lines
    env = {"OS_AUTH_URL": url + "/identity", "OS_USERNAME": "alice",
           "OS_PASSWORD": "alice-secret", "OS_USER_DOMAIN_NAME": "Default",
           "OS_PROJECT_NAME": "web", "OS_PROJECT_DOMAIN_NAME": "Default",
           "OS_IDENTITY_API_VERSION": "3"}
    provider = openstack.authenticated_client(openstack.auth_options_from_env(env))
    compute = openstack.new_compute_v2(provider)
    assert "m1.state" in [f.name for f in flavors.list(compute).items()]


def test_serve_writes_the_dump_on_sigterm_without_secrets(
        served: tuple[subprocess.Popen[str], str, list[str]], tmp_path: Path) -> None:
    proc, _, _ = served
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "stackdouble: state written to dump.yaml" in out
    dumped = yaml.safe_load((tmp_path / "dump.yaml").read_text(encoding="utf-8"))
    assert dumped["users"] == [{"name": "alice",
                                "password": {"env": "STACKDOUBLE_PASSWORD_ALICE"},
                                "default_project": "web"}]
    assert dumped["flavors"][0]["name"] == "m1.state"


def test_dump_secrets_writes_them_in_a_private_file(tmp_path: Path) -> None:
    (tmp_path / "cloud.yaml").write_text(STATE, encoding="utf-8")
    proc = run("--state", "cloud.yaml", "--dump-state", "dump.yaml", "--dump-secrets",
               cwd=tmp_path)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("Press Ctrl-C"):
            break
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=10)
    assert proc.returncode == 0
    path = tmp_path / "dump.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert yaml.safe_load(path.read_text())["users"][0]["password"] == "alice-secret"


def test_a_bad_state_file_exits_2_naming_the_line_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "cloud.yaml").write_text("users:\n  - name: alice\n    pasword: x\n",
                                         encoding="utf-8")
    proc = run("--state", "cloud.yaml", cwd=tmp_path)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert err == ("stackdouble: cloud.yaml, line 3, column 5: users[0].pasword: unknown key "
                   "'pasword' (did you mean 'password'?)\n")
    assert "Traceback" not in out + err
    assert "serving at" not in out


def test_dump_secrets_without_dump_state_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("--dump-secrets", cwd=tmp_path)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "--dump-secrets needs --dump-state PATH" in err
