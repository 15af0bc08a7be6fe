"""python-swiftclient's `swift` command against a Swift, as a user runs it: a segmented
upload (`--segment-size 1M`, which makes a static large object when `/info` lists `slo`),
its download, and its delete, which takes the segments too.

By default against `stackdouble serve`'s fake Swift; with `--openstack-mode live
--openstack-cloud realcloud` (CI's live run) the same test runs against realcloud's
Swift 2.38 (`swift_target`), so both answer the tool alike: the manifest, the segments'
names, sizes and ETags, the manifest's ETag, the bytes downloaded, what the delete leaves.

Each `swift` run costs most of a second of CPU, so the commands share one test.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.peers.swift_target import SwiftTarget, swift_target

MIB = 1024 * 1024
#: The test's containers (python-swiftclient puts the segments in `<container>_segments`).
CONTAINER = "peer-cli"
SEGMENTS = f"{CONTAINER}_segments"


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
def target(request: pytest.FixtureRequest, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[SwiftTarget]:
    """The mode's Swift (a served fake, or the live cloud), without the test's containers
    before and after."""
    with swift_target(request, tmp_path, monkeypatch, seed=19) as found:
        found.remove(CONTAINER, SEGMENTS)
        yield found
        found.remove(CONTAINER, SEGMENTS)


@pytest.fixture
def cli(target: SwiftTarget, tmp_path: Path) -> SwiftCLI:
    executable = shutil.which("swift")
    if executable is None:
        pytest.fail("the `swift` CLI is missing: install the test extra "
                    "(pip install -e '.[test]'), which brings python-swiftclient")
    return SwiftCLI(executable, target.os_environ, tmp_path)


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def test_segmented_upload_download_and_delete(cli: SwiftCLI, target: SwiftTarget,
                                              tmp_path: Path) -> None:
    data = os.urandom(3_000_000)
    (tmp_path / "big.bin").write_bytes(data)
    cli.run("upload", "--segment-size", "1M", CONTAINER, "big.bin")
    account = target.storage.endpoint.rstrip("/")
    every = range(100, 600)
    storage = target.storage
    head = storage.request("HEAD", f"{account}/{CONTAINER}/big.bin", ok_codes=every)
    manifest = storage.request(
        "GET", f"{account}/{CONTAINER}/big.bin?multipart-manifest=get", ok_codes=every).json()
    segments = storage.request("GET", f"{account}/{SEGMENTS}?format=json",
                               ok_codes=every).json()
    cli.run("download", CONTAINER, "big.bin", "--output", "downloaded.bin")
    cli.run("delete", CONTAINER, "big.bin")
    after = storage.request("GET", f"{account}/{SEGMENTS}?format=json", ok_codes=every)
    gone = storage.request("HEAD", f"{account}/{CONTAINER}/big.bin", ok_codes=every)

    parts = [data[:MIB], data[MIB:2 * MIB], data[2 * MIB:]]
    assert head.headers["X-Static-Large-Object"] == "True"
    assert head.headers["Content-Length"] == str(len(data))
    # An SLO's ETag: the MD5 of its segments' ETags, quoted.
    assert head.headers["Etag"] == '"' + _md5("".join(_md5(p) for p in parts).encode()) + '"'
    # swiftclient's names for an SLO's segments: <object>/slo/<mtime>/<size>/<segment
    # size>/<index>.
    names = [s["name"] for s in segments]
    assert all(re.fullmatch(rf"big\.bin/slo/[0-9.]+/{len(data)}/{MIB}/0000000{i}", name)
               for i, name in enumerate(names)), names
    assert [(s["bytes"], s["hash"]) for s in segments] == [(len(p), _md5(p)) for p in parts]
    assert [(row["name"], row["bytes"], row["hash"]) for row in manifest] == [
        (f"/{SEGMENTS}/{name}", len(p), _md5(p)) for name, p in zip(names, parts, strict=True)]
    assert (tmp_path / "downloaded.bin").read_bytes() == data
    assert (gone.status_code, after.status_code, after.json()) == (404, 200, [])
    if target.fake is not None:  # how the tool deleted it: the fake's request log
        manifest_deletes = [r for r in target.fake.requests.filter(method="DELETE")
                            if r.path.endswith(f"/{CONTAINER}/big.bin")]
        assert [r.query for r in manifest_deletes] == ["multipart-manifest=delete"]
