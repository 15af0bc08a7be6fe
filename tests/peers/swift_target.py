"""The Swift a peer tool's test talks to, by `--openstack-mode`: fake (the default), a
`FakeCloud` served on loopback; live or record, the clouds.yaml cloud
(`$OS_CLIENT_CONFIG_FILE`, `--openstack-cloud` or `$OS_CLOUD`), such as realcloud's real
Swift 2.38:

    OS_CLIENT_CONFIG_FILE=.realcloud/clouds.yaml pytest tests/peers/test_swift_cli.py \\
        --openstack-mode live --openstack-cloud realcloud

In replay the test skips: the tool sends its own requests from its own process (or its own
HTTP stack), which a cassette cannot answer. The same assertions hold in both modes; what
only the fake shows (its request log) is checked only there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from stackdouble.client import ServiceClient
from stackdouble.client import openstack as sd_openstack
from stackdouble.fakes import FakeCloud

#: The cloud name a fake's clouds.yaml is written under.
FAKE_CLOUD = "stackdouble"


@dataclass(slots=True)
class SwiftTarget:
    """A Swift to run a peer tool against.

    Attributes:
        cloud: Its name in `clouds_yaml`.
        clouds_yaml: A clouds.yaml holding it (`OS_CLIENT_CONFIG_FILE` is set to it).
        os_environ: The `OS_*` variables that log in as its user (for the `swift` CLI).
        storage: stackdouble's Swift client on the same account, to check what the tool did.
        fake: The served `FakeCloud` (its request log), or None against a real cloud.
    """

    cloud: str
    clouds_yaml: Path
    os_environ: dict[str, str]
    storage: ServiceClient
    fake: FakeCloud | None

    def remove(self, *containers: str) -> None:
        """Delete the containers and everything in them (a real cloud is reused)."""
        base = self.storage.endpoint.rstrip("/")
        every = range(100, 600)
        for name in containers:
            listed = self.storage.request("GET", f"{base}/{name}?format=json", ok_codes=every)
            for row in listed.json() if listed.status_code == 200 else []:
                self.storage.request("DELETE", f"{base}/{name}/{row['name']}", ok_codes=every)
            self.storage.request("DELETE", f"{base}/{name}", ok_codes=every)


def _os_environ(clouds_yaml: Path, cloud: str) -> dict[str, str]:
    """The `OS_*` variables of a clouds.yaml cloud with a password login."""
    entry = (yaml.safe_load(clouds_yaml.read_text()) or {}).get("clouds", {}).get(cloud)
    if not entry:
        pytest.fail(f"no cloud {cloud!r} in {clouds_yaml}", pytrace=False)
    env = {f"OS_{key.upper()}": str(value) for key, value in entry.get("auth", {}).items()}
    env["OS_AUTH_TYPE"] = str(entry.get("auth_type", "password"))
    for key in ("region_name", "interface", "identity_api_version"):
        if key in entry:
            env[f"OS_{key.upper()}"] = str(entry[key])
    return env


@contextmanager
def swift_target(request: pytest.FixtureRequest, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch, *, seed: int) -> Iterator[SwiftTarget]:
    """The test's `SwiftTarget` for its mode (a served fake made with `seed`, or the real
    cloud); skips in replay."""
    mode = request.getfixturevalue("openstack_mode")
    if mode == "replay":
        pytest.skip("a peer tool sends its own requests, which no cassette can answer: run "
                    "it in fake, live or record mode")
    if mode in ("live", "record"):
        config = os.environ.get("OS_CLIENT_CONFIG_FILE")
        cloud = request.config.getoption("openstack_cloud") or os.environ.get("OS_CLOUD")
        if not config or not cloud:
            pytest.fail(f"--openstack-mode {mode} runs the peer tools against a real cloud: "
                        "set OS_CLIENT_CONFIG_FILE and --openstack-cloud (or OS_CLOUD)",
                        pytrace=False)
        path = Path(config)
        with sd_openstack.connect(cloud=cloud, config_files=[path]) as conn:
            yield SwiftTarget(cloud, path, _os_environ(path, cloud), conn.object_storage,
                              None)
        return
    fake = FakeCloud(seed=seed)
    with fake.serve():
        path = tmp_path / "clouds.yaml"
        path.write_text(fake.clouds_yaml(FAKE_CLOUD))
        monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(path))
        with sd_openstack.connect(cloud=FAKE_CLOUD, config_files=[path]) as conn:
            yield SwiftTarget(FAKE_CLOUD, path, fake.os_environ("demo"), conn.object_storage,
                              fake)
