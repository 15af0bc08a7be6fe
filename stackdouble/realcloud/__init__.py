"""Real Keystone 30, Swift 2.38, Cinder 29, Glance 33 and Neutron 29 on loopback, for the
contract suite (`tests/contract/`).

    python -m stackdouble.realcloud start     # install (once), start, register, write clouds.yaml
    python -m stackdouble.realcloud status
    python -m stackdouble.realcloud stop
    python -m stackdouble.realcloud clean     # stop, then remove the state and the devices

`start` installs the pinned versions (`constraints.txt` beside this file: keystone 30.0.0,
swift 2.38.3, cinder 29.0.0, glance 33.0.0, keystonemiddleware, gunicorn) into a virtualenv
under the state directory (`--dir`, `$STACKDOUBLE_REALCLOUD_DIR`, default `.realcloud/` in
the current directory; `--venv` to share one), wipes any previous cloud there, then:

- Keystone: sqlite, fernet tokens, `password_hash_rounds = 4`, `keystone-manage bootstrap`,
  served by gunicorn (one gthread worker: sqlite locks across processes) through a shim that
  empties `sys.argv` (oslo.config would reject gunicorn's arguments).
- Registers project `demo` with user `demo` (role member), service users `swift`, `cinder`
  and `glance`, the object-store service (`/v1/AUTH_$(project_id)s`), the block-storage and
  volumev3 services (`/volume/v3/$(project_id)s`) and the image service (`/image`, no
  version, as devstack) in region RegionOne. Keystone answers under `/identity`
  (`/identity/v3`), as in devstack and the fake.
- Swift: proxy, account, container and object servers, the two updaters and the
  container-sync daemon (a sweep every 2 s, through its own internal client), one replica
  on a tmpfs device (`/dev/shm`: ext4 holds too few xattrs for Swift's 4 KiB of metadata),
  every process started through a shim that points Swift at the state directory's
  `swift.conf` instead of `/etc/swift`, while Keystone starts. The proxy runs the pipeline
  of Swift's proxy-server.conf-sample with keystoneauth (`reseller_prefix = AUTH_,
  SERVICE_`, service tokens with the `service` role for `SERVICE_`), domain_remap,
  container_sync (realm `realcloud`, cluster `local`), crossdomain, formpost, tempurl,
  staticweb, slo, dlo, versioned_writes with object versioning and symlink, CORS for
  `http://cors.stackdouble.test`; without memcached (no `cache`, `ratelimit`) or a DNS
  server (no `cname_lookup`). Two storage policies, `Policy-0` (default) and `Policy-1`,
  rings built in one process.
- Cinder (`cinder.py`; skipped with `--no-cinder`): a private RabbitMQ broker (Debian's
  `rabbitmq-server`, which must be installed), then cinder-api (gunicorn, at `/volume`),
  cinder-scheduler, cinder-volume with Cinder's fake volume driver (a sparse file per
  volume) and cinder-backup with the posix backup driver, sqlite.
- Glance (`glance.py`; skipped with `--no-glance`): glance-api (gunicorn, at `/image`) with
  the file store under `<dir>/glance/images`, sqlite, `glance-direct` and `web-download`
  imports.
- Neutron (`neutron.py`; skipped with `--no-neutron`): a private MariaDB (Debian's
  `mariadb-server`, which must be installed; its data in `/dev/shm`) migrated while the
  others start, then neutron's API (gunicorn, at `/networking`) with ML2 and the L3 router
  plugin and no agent, registered as the `network` service; seeds devstack's `public`,
  `private` and `router1`.
- Waits for every healthcheck, a demo token that can HEAD its account, list volumes and
  list images, and both Cinder services up, then writes `<dir>/clouds.yaml` with clouds
  `realcloud` (demo) and `realcloud-admin`.

Everything binds 127.0.0.1 on free ports (or `--keystone-port`, `--swift-port`,
`--cinder-port`, `--glance-port`, `--neutron-port`). Pids and their start times are in
`<dir>/state.json`; `stop` signals only those processes (their sessions), after checking the
start times. Nothing is written outside the state directory and the device and MariaDB
directories in `/dev/shm`.
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import hashlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from stackdouble.realcloud import _common as c
from stackdouble.realcloud import cinder, glance, neutron
from stackdouble.realcloud._common import (
    ADMIN_PASSWORD,
    DEMO_PASSWORD,
    REGION,
    LaunchError,
    free_port,
)

__all__ = ["CINDER_VERSION", "GLANCE_VERSION", "KEYSTONE_VERSION", "NEUTRON_VERSION",
           "SWIFT_VERSION", "main", "start", "status", "stop"]

KEYSTONE_VERSION = "30.0.0"
#: What `start` wipes and `clean` removes under the state directory (the venv stays).
STATE_SUBDIRS = ("keystone", "swift", "cinder", "glance", "neutron", "mariadb", "rabbitmq", "log",
                 "run", "srv")
SWIFT_VERSION = "2.38.3"
CONSTRAINTS = Path(__file__).with_name("constraints.txt")
CINDER_VERSION = cinder.CINDER_VERSION
GLANCE_VERSION = glance.GLANCE_VERSION
NEUTRON_VERSION = neutron.NEUTRON_VERSION
REQUIREMENTS = (f"keystone=={KEYSTONE_VERSION}", f"swift=={SWIFT_VERSION}",
                "keystonemiddleware", "gunicorn")
#: Added when Cinder runs; `fixtures` is what its fake volume driver imports.
CINDER_REQUIREMENTS = (f"cinder=={CINDER_VERSION}", "fixtures")
#: Added when Glance runs.
GLANCE_REQUIREMENTS = glance.GLANCE_REQUIREMENTS
#: Added when Neutron runs.
NEUTRON_REQUIREMENTS = neutron.NEUTRON_REQUIREMENTS

SWIFT_PASSWORD = "swift-secret"
#: Swift's storage policies, by index: 0 the default, each with a ring of one replica.
SWIFT_POLICIES = ("Policy-0", "Policy-1")
#: The container-sync realm and this cluster's name in it (`//realcloud/local`).
SWIFT_SYNC_REALM = "realcloud"
SWIFT_SYNC_CLUSTER = "local"
SWIFT_SYNC_REALM_KEY = "realcloud-sync-realm-key"
#: The container-sync daemon's `interval` (s): Swift's default is 300.
SWIFT_SYNC_INTERVAL = 2
#: The origin the proxy allows for CORS on every container (`cors_allow_origin`).
SWIFT_CORS_ORIGIN = "http://cors.stackdouble.test"
#: domain_remap's `storage_domain`: `<container>.<account>.swift.stackdouble.test`.
SWIFT_STORAGE_DOMAIN = "swift.stackdouble.test"

_SWIFT_SERVERS = (
    ("proxy", "swift.proxy.server", "proxy-server.conf"),
    ("account", "swift.account.server", "account-server.conf"),
    ("container", "swift.container.server", "container-server.conf"),
    ("object", "swift.obj.server", "object-server.conf"),
    ("container-updater", "swift.container.updater", "container-server.conf"),
    ("object-updater", "swift.obj.updater", "object-server.conf"),
    # Sweeps every `SWIFT_SYNC_INTERVAL` s, so a contract test can wait for a copy.
    ("container-sync", "swift.container.sync", "container-server.conf"),
)

_KEYSTONE_SHIM = '''\
"""gunicorn entry point: oslo.config must not see gunicorn's arguments."""
import os
import sys

os.environ["OS_KEYSTONE_CONFIG_FILES"] = {conf!r}
sys.argv = sys.argv[:1]
from keystone.wsgi.api import application  # noqa: E402,F401
'''

_SWIFT_RINGS = '''\
"""Build Swift's rings in one process (swift-ring-builder costs a process each step)."""
import json
import sys
from pathlib import Path

from swift.common.ring import RingBuilder

swift_dir = Path(sys.argv[1])
for name, port in json.loads(sys.argv[2]).items():
    builder = RingBuilder(10, 1, 1)
    builder.add_dev({"region": 1, "zone": 1, "ip": "127.0.0.1", "port": port,
                     "replication_ip": "127.0.0.1", "replication_port": port,
                     "device": "sdb1", "weight": 1, "meta": ""})
    builder.rebalance()
    builder.save(str(swift_dir / f"{name}.builder"))
    builder.get_ring().save(str(swift_dir / f"{name}.ring.gz"))
'''

_SWIFT_SHIM = '''\
"""Run a Swift entry point with swift.conf from {swift_dir!r}, not /etc/swift."""
import importlib
import sys

from swift.common import constraints, storage_policy, utils

utils.set_swift_dir({swift_dir!r})
storage_policy.reload_storage_policies()
constraints.reload_constraints()
module = importlib.import_module(sys.argv[1])
sys.argv = [sys.argv[1], *sys.argv[2:]]
sys.exit(module.main())
'''


# -- install -----------------------------------------------------------------------------


def ensure_venv(venv: Path, log: Path, with_cinder: bool = True,
                with_glance: bool = True, with_neutron: bool = True) -> Path:
    """Create the virtualenv with the pinned versions, unless it already has them.

    Args:
        venv: Where the virtualenv lives.
        log: The install log.
        with_cinder: Also install Cinder (added to a venv that lacks only that).
        with_glance: Also install Glance (likewise).
        with_neutron: Also install Neutron (likewise).

    Returns:
        The venv's `bin` directory.
    """
    bin_dir = venv / "bin"
    stamp = venv / ".stackdouble-constraints"
    wanted = hashlib.sha256(CONSTRAINTS.read_bytes()).hexdigest()
    pip = [str(bin_dir / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    # (requirements, the script that shows them installed, what the log calls them)
    extras = [(reqs, bin_dir / script, name) for reqs, script, name, wanted_here in (
        (CINDER_REQUIREMENTS, "cinder-api", f"cinder {CINDER_VERSION}", with_cinder),
        (GLANCE_REQUIREMENTS, "glance-manage", f"glance {GLANCE_VERSION}", with_glance),
        (NEUTRON_REQUIREMENTS, "neutron-db-manage", f"neutron {NEUTRON_VERSION}",
         with_neutron),
    ) if wanted_here]
    current = stamp.exists() and stamp.read_text() == wanted and (bin_dir / "gunicorn").exists()
    missing = [extra for extra in extras if not extra[1].exists()] if current else extras
    if current and not missing:
        return bin_dir
    started = time.monotonic()
    names = [name for _, _, name in missing]
    requirements = [req for reqs, _, _ in missing for req in reqs]
    if current:
        c.log(f"installing {' and '.join(names)} into {venv}")
        c.run([*pip, "install", "-c", str(CONSTRAINTS), *requirements], log)
    else:
        everything = [f"keystone {KEYSTONE_VERSION}", f"swift {SWIFT_VERSION}", *names]
        c.log(f"installing {', '.join(everything)} into {venv}")
        if venv.exists():
            shutil.rmtree(venv)
        c.run([sys.executable, "-m", "venv", str(venv)], log)
        c.run([*pip, "install", "-c", str(CONSTRAINTS), *REQUIREMENTS, *requirements], log)
        stamp.write_text(wanted)
    c.log(f"installed in {time.monotonic() - started:.1f} s")
    return bin_dir


# -- configuration ---------------------------------------------------------------------


def _device_root(state: Path) -> Path:
    """tmpfs when it keeps 16 KiB of user xattrs (Swift's metadata), else the state dir."""
    digest = hashlib.sha256(str(state.resolve()).encode()).hexdigest()[:12]
    shm = Path("/dev/shm") / f"stackdouble-realcloud-{digest}"
    if Path("/dev/shm").is_dir():
        probe = shm / ".xattr-probe"
        try:
            shm.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            for i in range(4):
                os.setxattr(probe, f"user.probe{i}", b"x" * 4096)
            probe.unlink()
            return shm
        except OSError:
            shutil.rmtree(shm, ignore_errors=True)
    c.log("warning: /dev/shm keeps no user xattrs; Swift's devices go on the state dir, "
         "where large metadata may fail with 503")
    return state / "srv" / "node"


def _keystone_conf(state: Path) -> str:
    return f"""[DEFAULT]
use_stderr = true
[database]
connection = sqlite:///{state}/keystone/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = {state}/keystone/fernet-keys
[credential]
key_repository = {state}/keystone/credential-keys
[identity]
password_hash_rounds = 4
"""


def _swift_confs(state: Path, ports: dict[str, int], devices: Path,
                 user: str) -> dict[str, str]:
    swift_dir = state / "swift"
    common = (f"[DEFAULT]\nbind_ip = 127.0.0.1\nswift_dir = {swift_dir}\nuser = {user}\n"
              f"log_level = INFO\n")
    backend = (f"devices = {devices}\nmount_check = false\nworkers = 0\n")
    policies = "".join(
        f"[storage-policy:{index}]\nname = {name}\n" + ("default = yes\n" if index == 0 else "")
        for index, name in enumerate(SWIFT_POLICIES))
    confs = {
        "swift.conf": f"""[swift-hash]
swift_hash_path_prefix = stackdouble
swift_hash_path_suffix = realcloud
{policies}[swift-constraints]
""",
        # The realm the contract suite syncs in: this cluster is `//realcloud/local`.
        "container-sync-realms.conf": f"""[{SWIFT_SYNC_REALM}]
key = {SWIFT_SYNC_REALM_KEY}
cluster_{SWIFT_SYNC_CLUSTER} = http://127.0.0.1:{ports['swift']}/v1/
""",
        # The pipeline of Swift 2.38's proxy-server.conf-sample (its keystone variant, with
        # the middleware its filter sections place: domain_remap before listing_formats,
        # crossdomain and formpost before auth, staticweb just after it), less `cache` and
        # `ratelimit` (no memcached here) and cname_lookup (it needs a DNS server answering
        # CNAME records).
        "proxy-server.conf": common + f"""bind_port = {ports['swift']}
workers = 0
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging domain_remap listing_formats \
container_sync bulk tempurl crossdomain formpost authtoken keystoneauth staticweb copy \
container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
cors_allow_origin = {SWIFT_CORS_ORIGIN}
strict_cors_mode = true
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = http://127.0.0.1:{ports['keystone']}/identity
auth_url = http://127.0.0.1:{ports['keystone']}/identity
auth_type = password
username = swift
password = {SWIFT_PASSWORD}
project_name = service
user_domain_id = default
project_domain_id = default
delay_auth_decision = true
include_service_catalog = false
service_token_roles_required = true
[filter:keystoneauth]
use = egg:swift#keystoneauth
reseller_prefix = AUTH_, SERVICE_
operator_roles = admin, member
SERVICE_service_roles = service
reseller_admin_role = ResellerAdmin
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:domain_remap]
use = egg:swift#domain_remap
storage_domain = {SWIFT_STORAGE_DOMAIN}
reseller_prefixes = AUTH, SERVICE
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:container_sync]
use = egg:swift#container_sync
current = //{SWIFT_SYNC_REALM}/{SWIFT_SYNC_CLUSTER}
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:crossdomain]
use = egg:swift#crossdomain
[filter:formpost]
use = egg:swift#formpost
[filter:staticweb]
use = egg:swift#staticweb
[filter:copy]
use = egg:swift#copy
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true
[filter:symlink]
use = egg:swift#symlink
""",
    }
    # The container-sync daemon's internal client: Swift's built-in one needs memcached and
    # reads the rings from /etc/swift.
    confs["internal-client.conf"] = f"""[DEFAULT]
swift_dir = {swift_dir}
[pipeline:main]
pipeline = catch_errors proxy-logging symlink proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:symlink]
use = egg:swift#symlink
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:catch_errors]
use = egg:swift#catch_errors
"""
    # An object PUT waits this long for its container's row (Swift's default, 1 s, leaves it
    # to the object-updater under load, and a listing's object count then lags the PUTs).
    app_extra = {"object": "container_update_timeout = 10\n"}
    daemon_extra = {"container": f"[container-sync]\ninterval = {SWIFT_SYNC_INTERVAL}\n"
                                 f"internal_client_conf_path = {swift_dir}/internal-client.conf\n"}
    for kind in ("account", "container", "object"):
        confs[f"{kind}-server.conf"] = common + backend + f"""bind_port = {ports[kind]}
[pipeline:main]
pipeline = healthcheck {kind}-server
[app:{kind}-server]
use = egg:swift#{kind}
{app_extra.get(kind, "")}[filter:healthcheck]
use = egg:swift#healthcheck
[{kind}-updater]
interval = 2
[{kind}-replicator]
[{kind}-auditor]
{daemon_extra.get(kind, "")}"""
    return confs


# -- Keystone registration -----------------------------------------------------------------


class _Admin:
    """Just enough of Keystone's admin API to register users and the catalog."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.token = c.token(url, "admin", ADMIN_PASSWORD, "admin")[0]

    def call(self, method: str, path: str, body: Any = None) -> Any:
        resp = c.http(method, self.url + path, json=body,
                     headers={"X-Auth-Token": self.token})
        if resp.status_code >= 400:
            raise LaunchError(f"Keystone {method} {path}: {resp.status_code} {resp.text}")
        return resp.json() if resp.content else None

    def find(self, collection: str, name: str) -> str | None:
        found = self.call("GET", f"/{collection}?name={name}")[collection]
        return str(found[0]["id"]) if found else None

    def ensure(self, collection: str, name: str, body: dict[str, Any]) -> str:
        existing = self.find(collection, name)
        if existing:
            return existing
        key = collection[:-1]
        return str(self.call("POST", f"/{collection}", {key: {"name": name, **body}})[key]["id"])

    def grant(self, project: str, user: str, role: str) -> None:
        self.call("PUT", f"/projects/{project}/users/{user}/roles/{role}")


def register(keystone_url: str, swift_url: str, cinder_url: str | None = None,
             glance_url: str | None = None, neutron_url: str | None = None) -> None:
    """The demo project and user, the swift service user, and the object-store endpoints;
    with `cinder_url`, also the cinder service user and the block-storage endpoints; with
    `glance_url`, the glance service user and the image endpoints; with `neutron_url`, the
    neutron service user and the network endpoints."""
    admin = _Admin(keystone_url)
    roles = {name: admin.ensure("roles", name, {}) for name in
             ("admin", "member", "service", "ResellerAdmin")}
    demo = admin.ensure("projects", "demo", {"domain_id": "default",
                                             "description": "the demo project"})
    service = admin.ensure("projects", "service", {"domain_id": "default"})
    demo_user = admin.ensure("users", "demo", {"domain_id": "default", "password": DEMO_PASSWORD,
                                               "default_project_id": demo})
    swift_user = admin.ensure("users", "swift", {"domain_id": "default",
                                                 "password": SWIFT_PASSWORD})
    admin.grant(demo, demo_user, roles["member"])
    admin.grant(service, swift_user, roles["admin"])
    admin.grant(service, swift_user, roles["service"])
    svc = admin.ensure("services", "swift", {"type": "object-store", "enabled": True})
    for interface, url in (("public", f"{swift_url}/v1/AUTH_$(project_id)s"),
                           ("internal", f"{swift_url}/v1/AUTH_$(project_id)s"),
                           ("admin", swift_url)):
        admin.call("POST", "/endpoints", {"endpoint": {
            "service_id": svc, "interface": interface, "url": url, "region_id": REGION}})
    if cinder_url:
        cinder.register(admin, roles, service, cinder_url)
    if glance_url:
        glance.register(admin, roles, service, glance_url)
    if neutron_url:
        neutron.register(admin, roles, service, neutron_url)


# -- start / stop / status -----------------------------------------------------------------


def _state_file(state: Path) -> Path:
    return state / "state.json"


def _read_state(state: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(_state_file(state).read_text())
    except (OSError, ValueError):
        return {}
    return data


def clouds_yaml(keystone_url: str) -> str:
    """The clouds.yaml of a started real cloud: `realcloud` (demo) and `realcloud-admin`."""
    lines = ["# clouds.yaml written by python -m stackdouble.realcloud", "clouds:"]
    for name, user, password, project in (("realcloud", "demo", DEMO_PASSWORD, "demo"),
                                          ("realcloud-admin", "admin", ADMIN_PASSWORD, "admin")):
        lines += [f"  {name}:", "    auth:", f"      auth_url: {keystone_url}",
                  f"      username: {user}", f"      password: {password}",
                  f"      project_name: {project}", "      user_domain_name: Default",
                  "      project_domain_name: Default", f"    region_name: {REGION}",
                  "    interface: public", "    identity_api_version: 3"]
    return "\n".join(lines) + "\n"


def start(state: Path, venv: Path | None = None, keystone_port: int = 0,
          swift_port: int = 0, cinder_port: int = 0, *, glance_port: int = 0,
          with_cinder: bool = True, with_glance: bool = True, neutron_port: int = 0,
          with_neutron: bool = True) -> dict[str, Any]:
    """Install if needed, wipe `state`, start Keystone, Swift, (unless `with_cinder` is
    false) Cinder with its broker, (unless `with_glance` is false) Glance and (unless
    `with_neutron` is false) Neutron with its MariaDB, register them, write clouds.yaml.

    Returns:
        The state (urls, ports, pids, paths) also saved in `<state>/state.json`.

    Raises:
        LaunchError: Something did not install, start or answer in time (all started
            processes are stopped again).
    """
    state = state.resolve()
    previous = _read_state(state)
    if any(c.alive(pid) and _ours(name, pid, state, previous)
           for name, pid in previous.get("pids", {}).items()):
        raise LaunchError(f"a real cloud already runs from {state}; stop it first")
    if with_cinder and not cinder.broker_available():
        raise LaunchError(f"RabbitMQ is not installed ({cinder.RABBITMQ_SERVER}), which "
                          "Cinder needs: `apt-get install -y rabbitmq-server`, or --no-cinder")
    if with_neutron and not neutron.database_available():
        raise LaunchError(f"MariaDB is not installed ({neutron.MARIADBD}), which Neutron "
                          "needs: `apt-get install -y mariadb-server`, or --no-neutron")
    began = time.monotonic()
    state.mkdir(parents=True, exist_ok=True)
    for sub in STATE_SUBDIRS:
        shutil.rmtree(state / sub, ignore_errors=True)
    for sub in ("keystone", "swift", "log", "run"):
        (state / sub).mkdir()
    log = state / "log"
    bin_dir = ensure_venv((venv or state / "venv").resolve(), log / "install.log", with_cinder,
                          with_glance, with_neutron)
    installed = time.monotonic()

    ports = {"keystone": keystone_port or free_port(), "swift": swift_port or free_port(),
             "account": free_port(), "container": free_port(), "object": free_port()}
    # Under /identity, as devstack (and the fake) serve it: cassettes pair with the fake's paths
    keystone_url = f"http://127.0.0.1:{ports['keystone']}/identity/v3"
    swift_url = f"http://127.0.0.1:{ports['swift']}"
    info: dict[str, Any] = {"state": str(state), "ports": ports, "pids": {},
                            "keystone_url": keystone_url, "swift_url": swift_url,
                            "clouds_yaml": str(state / "clouds.yaml")}
    if with_cinder:
        ports.update(cinder=cinder_port or free_port(), amqp=free_port(), epmd=free_port(),
                     dist=free_port())
        # Under /volume, as devstack (and the fake) serve it
        info["cinder_url"] = f"http://127.0.0.1:{ports['cinder']}"
    if with_glance:
        ports["glance"] = glance_port or free_port()
        # Under /image, as devstack (and the fake) serve it
        info["glance_url"] = f"http://127.0.0.1:{ports['glance']}"
    if with_neutron:
        ports.update(neutron=neutron_port or free_port(), mariadb=free_port())
        # Under /networking, as devstack (and the fake) serve it
        info["neutron_url"] = f"http://127.0.0.1:{ports['neutron']}"
    db_sync: subprocess.Popen[bytes] | None = None
    neutron_db: neutron.DatabasePrep | None = None
    try:
        if with_cinder:  # the broker boots (about 4 s) while Keystone and Swift start
            cinder.spawn_broker(state, ports, info)
        if with_glance:  # and so does Glance's database
            db_sync = glance.begin_db_sync(state, bin_dir, ports)
        if with_neutron:  # MariaDB and Neutron's migrations (40 s+) run while the rest starts
            neutron_db = neutron.begin_database(state, bin_dir, ports, info)
        swift_pids = _spawn_swift(state, bin_dir, ports, info)
        _start_keystone(state, bin_dir, ports, info)
        _wait_for_swift(ports, info, swift_pids)
        if db_sync is not None:  # glance-api boots while Cinder starts
            glance.start_glance(state, bin_dir, db_sync, info)
        if neutron_db is not None:  # and so does neutron-api, once its migrations are done
            neutron.start_neutron(state, bin_dir, neutron_db, info)
        if with_cinder:
            cinder.start_cinder(state, bin_dir, ports, info)
        if with_glance:
            glance.wait_for_glance(info)
        if with_neutron:
            neutron.wait_for_neutron(info)
            info["neutron_seeded"] = neutron.seed(info)
    except BaseException:
        if neutron_db is not None:
            neutron_db.cancel()
        if db_sync is not None and db_sync.poll() is None:
            db_sync.kill()
            db_sync.wait()
        _write_state(state, info)
        stop(state)
        raise
    _write_state(state, info)
    (state / "clouds.yaml").write_text(clouds_yaml(keystone_url))
    info["timings"] = {"install_s": round(installed - began, 1),
                       "start_s": round(time.monotonic() - installed, 1)}
    _write_state(state, info)
    return info


def _write_state(state: Path, info: dict[str, Any]) -> None:
    started = info.setdefault("started", {})
    for name, pid in info.get("pids", {}).items():
        if name not in started:
            started[name] = c.start_time(pid)
    _state_file(state).write_text(json.dumps(info, indent=2) + "\n")


def _start_keystone(state: Path, bin_dir: Path, ports: dict[str, int],
                    info: dict[str, Any]) -> None:
    ks = state / "keystone"
    conf = ks / "keystone.conf"
    conf.write_text(_keystone_conf(state))
    log = state / "log" / "keystone-manage.log"
    manage = [str(bin_dir / "keystone-manage"), "--config-file", str(conf)]
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    url = info["keystone_url"]
    c.run([*manage, "db_sync"], log)
    c.run([*manage, "fernet_setup", "--keystone-user", user, "--keystone-group", group], log)
    c.run([*manage, "credential_setup", "--keystone-user", user, "--keystone-group", group], log)
    c.run([*manage, "bootstrap", "--bootstrap-password", ADMIN_PASSWORD,
          "--bootstrap-admin-url", url, "--bootstrap-internal-url", url,
          "--bootstrap-public-url", url, "--bootstrap-region-id", REGION], log)
    (ks / "keystone_app.py").write_text(_KEYSTONE_SHIM.format(conf=str(conf)))
    pid = c.spawn([str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{ports['keystone']}",
                  "--workers", "1", "--threads", "1", "--worker-class", "gthread",
                  "--no-control-socket", "--timeout", "120", "--env", "SCRIPT_NAME=/identity",
                  "--chdir", str(ks),
                  "--pid", str(state / "run" / "keystone.pid"),
                  "keystone_app:application"], state / "log" / "keystone.log", ks)
    info["pids"]["keystone"] = pid
    c.wait_for("Keystone", lambda: c.http("GET", url, timeout=2).status_code == 200, 60, [pid])
    register(url, info["swift_url"], info.get("cinder_url"), info.get("glance_url"),
             info.get("neutron_url"))


def _spawn_swift(state: Path, bin_dir: Path, ports: dict[str, int],
                 info: dict[str, Any]) -> list[int]:
    """Write Swift's configuration and rings, and start its servers (they need Keystone
    only when asked, so they boot while it does).

    Returns:
        The pids of Swift's servers.
    """
    swift_dir = state / "swift"
    devices = _device_root(state)
    shutil.rmtree(devices, ignore_errors=True)
    (devices / "sdb1").mkdir(parents=True)
    info["devices"] = str(devices)
    user = pwd.getpwuid(os.getuid()).pw_name
    for name, text in _swift_confs(state, ports, devices, user).items():
        (swift_dir / name).write_text(text)
    rings = {"account": ports["account"], "container": ports["container"]}
    for index in range(len(SWIFT_POLICIES)):
        rings["object" if index == 0 else f"object-{index}"] = ports["object"]
    script = swift_dir / "build_rings.py"
    script.write_text(_SWIFT_RINGS)
    c.run([str(bin_dir / "python"), str(script), str(swift_dir), json.dumps(rings)],
          state / "log" / "rings.log")
    shim = swift_dir / "swift_launch.py"
    shim.write_text(_SWIFT_SHIM.format(swift_dir=str(swift_dir)))
    pids: list[int] = []
    for name, module, conf in _SWIFT_SERVERS:
        pid = c.spawn([str(bin_dir / "python"), str(shim), module, str(swift_dir / conf), "-v"],
                     state / "log" / f"swift-{name}.log", swift_dir)
        info["pids"][f"swift-{name}"] = pid
        pids.append(pid)
    return pids


def _wait_for_swift(ports: dict[str, int], info: dict[str, Any], pids: list[int]) -> None:
    """Wait for Swift's healthchecks, then for a demo token that can HEAD its account."""
    for kind in ("swift", "account", "container", "object"):
        port = ports[kind]
        c.wait_for(f"Swift {kind}", lambda port=port: c.http(
            "GET", f"http://127.0.0.1:{port}/healthcheck", timeout=2).status_code == 200,
            60, pids)
    token, body = c.token(info["keystone_url"], "demo", DEMO_PASSWORD, "demo")
    account = f"{info['swift_url']}/v1/AUTH_{body['project']['id']}"
    c.wait_for("Swift with a Keystone token", lambda: c.http(
        "HEAD", account, headers={"X-Auth-Token": token}).status_code in (200, 204), 30, pids)


def stop(state: Path, timeout: float = 10) -> list[str]:
    """Stop the processes `start` recorded (TERM, then KILL), only if each is still the
    process started then (same start time). Returns the names stopped."""
    state = state.resolve()
    info = _read_state(state)
    pids: dict[str, int] = info.get("pids", {})
    stopped = []
    for name, pid in reversed(pids.items()):
        if not c.alive(pid) or not _ours(name, pid, state, info):
            continue
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)  # the session it leads: gunicorn's worker too
        stopped.append(name)
    deadline = time.monotonic() + timeout
    for name in stopped:
        pid = pids[name]
        while c.alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if c.alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    if pids:
        info["pids"], info["started"] = {}, {}
        _write_state(state, info)
    return stopped


def _ours(name: str, pid: int, state: Path, info: dict[str, Any]) -> bool:
    """Whether `pid` still is the process `start` made: it started when recorded (older
    state files: its command line or environment names the state dir)."""
    recorded = info.get("started", {}).get(name)
    if recorded is not None:
        return bool(c.start_time(pid) == recorded)
    needle = str(state).encode()
    for part in ("cmdline", "environ"):
        try:
            if needle in Path(f"/proc/{pid}/{part}").read_bytes():
                return True
        except OSError:
            return False
    return False


def status(state: Path) -> dict[str, Any]:
    """The saved state, with whether each recorded process is alive."""
    info = _read_state(state.resolve())
    info["alive"] = {name: c.alive(pid) for name, pid in info.get("pids", {}).items()}
    return info


# -- command line ------------------------------------------------------------------------


def status_text(info: dict[str, Any], state: Path) -> str:
    """`status` for people: each process up or down, the URLs and the clouds.yaml to use.

    Example:
        >>> print(status_text({"pids": {"keystone": 1}, "alive": {"keystone": True},
        ...                    "keystone_url": "http://127.0.0.1:5/identity/v3"}, Path("x")))
        keystone  up    (pid 1)
        Keystone  http://127.0.0.1:5/identity/v3
    """
    if not info.get("pids"):
        return f"nothing runs from {state} (start it: python -m stackdouble.realcloud start)"
    lines = [f"{name:<9} {'up' if info['alive'].get(name) else 'DOWN':<5} (pid {pid})"
             for name, pid in sorted(info["pids"].items())]
    for key, label in (("keystone_url", "Keystone"), ("swift_url", "Swift"),
                       ("cinder_url", "Cinder"), ("glance_url", "Glance"),
                       ("neutron_url", "Neutron")):
        if key in info:
            lines.append(f"{label:<9} {info[key]}")
    if "clouds_yaml" in info:
        lines.append(f"export OS_CLIENT_CONFIG_FILE={info['clouds_yaml']}")
    return "\n".join(lines)


@contextlib.contextmanager
def _progress(doing: str, every: float = 10.0) -> Iterator[None]:
    """Log `doing (N s)` every `every` seconds until the block ends."""
    import threading

    done = threading.Event()
    began = time.monotonic()

    def tick() -> None:
        while not done.wait(every):
            c.log(f"{doing} ({time.monotonic() - began:.0f} s)")

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m stackdouble.realcloud start|stop|status|clean`."""
    parser = argparse.ArgumentParser(prog="python -m stackdouble.realcloud",
                                     description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("command", choices=("start", "stop", "status", "clean"),
                        help="start: install (once) and start the services, write clouds.yaml; "
                             "stop: stop them; status: what runs where (exit 3 if anything "
                             "is down); clean: stop, then remove the state and the devices")
    parser.add_argument("--dir", type=Path,
                        default=Path(os.environ.get("STACKDOUBLE_REALCLOUD_DIR", ".realcloud")),
                        help="state directory (default $STACKDOUBLE_REALCLOUD_DIR or .realcloud)")
    parser.add_argument("--venv", type=Path, default=None,
                        help="virtualenv to install into (default <dir>/venv)")
    for service in ("keystone", "swift", "cinder", "glance", "neutron"):
        parser.add_argument(f"--{service}-port", type=int, default=0, metavar="PORT",
                            help=f"port {service.capitalize()}'s API listens on, on 127.0.0.1 "
                                 "(default: 0, a free port)")
    parser.add_argument("--json", action="store_true",
                        help="status: print the saved state as JSON instead of a summary")
    parser.add_argument("--no-cinder", action="store_true",
                        help="no Cinder (then no RabbitMQ is needed)")
    parser.add_argument("--no-glance", action="store_true", help="no Glance")
    parser.add_argument("--no-neutron", action="store_true",
                        help="no Neutron (then no MariaDB is needed)")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            # A CI timeout or cancel sends TERM: unwind through start(), which stops what it
            # started and records it, rather than leave detached servers behind.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
            state_dir = args.dir.resolve()
            c.log(f"installing the pinned versions if needed (log: {state_dir}/log/"
                  "install.log; a few minutes the first time), then starting the services "
                  f"(logs in {state_dir}/log/)")
            with _progress("still installing or starting"):
                info = start(args.dir, args.venv, args.keystone_port, args.swift_port,
                             args.cinder_port, glance_port=args.glance_port,
                             with_cinder=not args.no_cinder, with_glance=not args.no_glance,
                             neutron_port=args.neutron_port,
                             with_neutron=not args.no_neutron)
            cinder_at = (f", Cinder {CINDER_VERSION} at {info['cinder_url']}"
                         if "cinder_url" in info else "")
            glance_at = (f", Glance {GLANCE_VERSION} at {info['glance_url']}/image"
                         if "glance_url" in info else "")
            neutron_at = (f", Neutron {NEUTRON_VERSION} at {info['neutron_url']}/networking"
                          if "neutron_url" in info else "")
            timings = info["timings"]
            c.log(f"Keystone {KEYSTONE_VERSION} at {info['keystone_url']}, Swift "
                  f"{SWIFT_VERSION} at {info['swift_url']}{cinder_at}{glance_at}{neutron_at} "
                  f"(install {timings['install_s']} s, start {timings['start_s']} s)")
            print(f"export OS_CLIENT_CONFIG_FILE={info['clouds_yaml']}")
        elif args.command == "stop":
            stopped = stop(args.dir)
            c.log(f"stopped {', '.join(stopped) or 'nothing'}")
        elif args.command == "status":
            info = status(args.dir)
            print(json.dumps(info, indent=2) if args.json else status_text(info, args.dir))
            return 0 if info["alive"] and all(info["alive"].values()) else 3
        else:
            stopped = stop(args.dir)
            devices = _read_state(args.dir.resolve()).get("devices")
            removed = []
            if devices and str(devices).startswith("/dev/shm/stackdouble-realcloud-"):
                shutil.rmtree(devices, ignore_errors=True)
                removed.append(str(devices))
            datadir = neutron.remove_datadir(_read_state(args.dir.resolve()))
            if datadir:
                removed.append(datadir)
            for sub in STATE_SUBDIRS:
                if (args.dir / sub).exists():
                    removed.append(str(args.dir / sub))
                shutil.rmtree(args.dir / sub, ignore_errors=True)
            c.log(f"stopped {', '.join(stopped) or 'nothing'}; removed "
                  f"{', '.join(removed) or 'nothing'} (the venv stays)")
    except LaunchError as exc:
        c.log(f"error: {exc}")
        return 1
    return 0
