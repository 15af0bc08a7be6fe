"""python-swiftclient's `swift` command against `stackdouble serve`'s fake Swift, as a user
runs it: a segmented upload (`--segment-size 1M`, which makes a static large object when
`/info` lists `slo`), its download, and its delete, which takes the segments too.

Each `swift` run costs most of a second of CPU, so the commands share one test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from stackdouble.fakes import FakeCloud

MIB = 1024 * 1024


class SwiftCLI:
    """Runs `swift ...` in a folder of its own, logged in through the `OS_*` variables."""

    def __init__(self, executable: str, login: dict[str, str], home: Path) -> None:
        self.executable = executable
        self.cwd = home
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("OS_", "ST_"))}
        self.env = {**keep, **login, "HOME": str(home),
                    "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}

    def run(self, *args: str) -> str:
        """The command's stdout; a failure shows its stderr."""
        done = subprocess.run([self.executable, *args], env=self.env, cwd=self.cwd,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"swift {' '.join(args)}: {done.stderr}"
        return done.stdout


@pytest.fixture
def served() -> Iterator[FakeCloud]:
    """A seeded cloud served over HTTP on loopback."""
    cloud = FakeCloud(seed=19)
    with cloud.serve():
        yield cloud


@pytest.fixture
def cli(served: FakeCloud, tmp_path: Path) -> SwiftCLI:
    executable = shutil.which("swift")
    if executable is None:
        pytest.fail("the `swift` CLI is missing: install the test extra "
                    "(pip install -e '.[test]'), which brings python-swiftclient")
    return SwiftCLI(executable, served.os_environ("demo"), tmp_path)


def test_segmented_upload_download_and_delete(cli: SwiftCLI, served: FakeCloud,
                                              tmp_path: Path) -> None:
    data = os.urandom(3_000_000)
    (tmp_path / "big.bin").write_bytes(data)
    cli.run("upload", "--segment-size", "1M", "cli", "big.bin")
    account = f"{served.base_url}/v1/AUTH_{served.project_id('demo')}"
    token = {"X-Auth-Token": served.identity.issue_token("demo", project="demo")}
    with requests.Session() as http:
        http.trust_env = False
        head = http.head(f"{account}/cli/big.bin", headers=token)
        segments = http.get(f"{account}/cli_segments?format=json", headers=token).json()
        cli.run("download", "cli", "big.bin", "--output", "downloaded.bin")
        cli.run("delete", "cli", "big.bin")
        after = http.get(f"{account}/cli_segments", headers=token)
        gone = http.head(f"{account}/cli/big.bin", headers=token)
    manifest_deletes = [r for r in served.requests.filter(method="DELETE")
                        if r.path.endswith("/cli/big.bin")]

    assert head.headers["X-Static-Large-Object"] == "True"
    assert head.headers["Content-Length"] == str(len(data))
    assert [s["bytes"] for s in segments] == [MIB, MIB, len(data) - 2 * MIB]
    assert (tmp_path / "downloaded.bin").read_bytes() == data
    assert [r.query for r in manifest_deletes] == ["multipart-manifest=delete"]
    assert (gone.status_code, after.status_code, after.text) == (404, 204, "")
