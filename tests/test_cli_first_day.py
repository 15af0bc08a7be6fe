"""The first day (issue 19): the README's commands and examples as written, `stackdouble
--version`, the realcloud launcher's output, `cassettes check` summaries, typed installs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import requests

from stackdouble import __version__
from stackdouble.cli import main
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.fakes import FakeCloud
from stackdouble.realcloud import main as realcloud_main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_block(after: str, language: str) -> str:
    """The first fenced block of `language` after the heading or text `after`."""
    found = re.search(re.escape(after) + r".*?```" + language + r"\n(.*?)```", README, re.S)
    assert found, f"no {language} block after {after!r} in README.md"
    return found.group(1)


def test_version_flag_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"stackdouble {__version__}\n"


def test_readme_install_steps_make_a_venv_and_serve_on_a_free_port() -> None:
    steps = readme_block("## The two commands", "sh").splitlines()
    assert steps[0].startswith("git clone ")
    assert steps[1].startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert "--port 5000" not in README
    serve = steps[2].split("&&")[1].split("#")[0].split()
    assert serve == ["stackdouble", "serve"]
    proc = subprocess.Popen([sys.executable, "-m", "stackdouble.cli", *serve[1:]],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = ""
        for line in proc.stdout:
            found = re.search(r"serving at (http://127\.0\.0\.1:\d+)", line)
            if found:
                url = found.group(1)
                break
        assert url
        assert not url.endswith(":5000")
        # The Swift v1.0 login the README gives works as written.
        creds = re.search(r"takes user `([^`]+)`\s+with key `([^`]+)`", README)
        assert creds
        login = requests.get(f"{url}/auth/v1.0", timeout=10,
                             headers={"X-Auth-User": creds.group(1),
                                      "X-Auth-Key": creds.group(2)})
        assert login.status_code == 200
        assert login.headers["X-Auth-Token"].startswith("AUTH_tk")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_readme_client_example_runs_as_written() -> None:
    block = readme_block("## The client", "python")
    with FakeCloud(seed=1, base_url="https://cloud.example") as cloud:
        cloud.identity.update_user(cloud.user_id("demo"), password="...")
        namespace: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), namespace)
    server = namespace["server"]
    assert isinstance(server, servers.Server)
    assert server.name == "web"
    assert namespace["config"] == "AUTO"


def test_readme_names_the_clock_fixture_attributes_that_exist() -> None:
    from stackdouble.pytest_plugin import ModeClock

    said = re.search(r"`openstack_clock` \(a `ModeClock`, importable from "
                     r"`stackdouble.pytest_plugin`.*?pass its `(\w+)` and `(\w+)` to waits\)",
                     README, re.S)
    assert said
    clock = ModeClock.virtual()
    for name in said.groups():
        assert callable(getattr(clock, name))


def test_check_summary_counts_unreadable_files_apart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("interactions: [")
    assert main(["cassettes", "check", str(tmp_path / "bad.yaml")]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml: not valid YAML" in err
    assert ("0 cassette(s) checked, 0 with secrets; 1 could not be read (above) and were not "
            "checked") in err


def test_realcloud_status_is_readable_and_clean_says_what_it_removed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                               start_new_session=True)
    try:
        from stackdouble.realcloud import _common as c

        state = {"pids": {"keystone": sleeper.pid, "swift": 2 ** 22 + 12345},
                 "started": {"keystone": c.start_time(sleeper.pid)},
                 "keystone_url": "http://127.0.0.1:1/identity/v3",
                 "clouds_yaml": str(tmp_path / "clouds.yaml")}
        (tmp_path / "state.json").write_text(json.dumps(state))
        (tmp_path / "log").mkdir()
        assert realcloud_main(["status", "--dir", str(tmp_path)]) == 3
        out = capsys.readouterr().out
        assert f"keystone  up    (pid {sleeper.pid})" in out
        assert "swift     DOWN" in out
        assert f"export OS_CLIENT_CONFIG_FILE={tmp_path / 'clouds.yaml'}" in out
        assert realcloud_main(["status", "--json", "--dir", str(tmp_path)]) == 3
        assert json.loads(capsys.readouterr().out)["alive"]["swift"] is False
        assert realcloud_main(["clean", "--dir", str(tmp_path)]) == 0
        err = capsys.readouterr().err
        assert "realcloud: stopped keystone" in err
        assert f"removed {tmp_path / 'log'} (the venv stays)" in err
        assert not c.alive(sleeper.pid)
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
            sleeper.wait()


def test_realcloud_port_options_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        realcloud_main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for service in ("Keystone", "Swift", "Cinder", "Glance"):
        assert f"--{service.lower()}-port PORT port {service}'s API listens on" in out


def test_mypy_sees_the_types_after_an_editable_install(tmp_path: Path) -> None:
    """`pip install -e .` into a fresh venv, then mypy on a downstream file (needs the
    index for the build backend: skipped offline)."""
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy is not None
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e",
                              str(ROOT)], capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and "setuptools" in install.stderr + install.stdout and (
            "Could not find a version" in install.stderr or "network" in install.stderr):
        pytest.skip("no package index to fetch the build backend from")
    assert install.returncode == 0, install.stderr
    user = tmp_path / "downstream"
    user.mkdir()
    (user / "use.py").write_text("from stackdouble.client import AuthOptions\n"
                                 "x: int = AuthOptions(identity_endpoint='u')\n")
    checked = subprocess.run([mypy, "--python-executable", str(python), "--no-incremental",
                              "use.py"], cwd=user, capture_output=True, text=True, timeout=600)
    assert 'expression has type "AuthOptions", variable has type "int"' in checked.stdout
    assert "import-not-found" not in checked.stdout
