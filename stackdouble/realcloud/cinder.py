"""Real Cinder 29 for the launcher: a private RabbitMQ broker, cinder-api, cinder-scheduler
and cinder-volume with Cinder's own fake volume driver.

Cinder's services talk over oslo.messaging, whose `fake://` driver works only inside one
process (volumes would stay `creating`), so a RabbitMQ broker (Debian's `rabbitmq-server`,
which `.ci/run` installs with apt) runs from the state directory: its own epmd on a free
port, the AMQP listener, the Erlang distribution port and epmd all on 127.0.0.1, with a
private Mnesia directory, log directory, Erlang cookie (`HOME`) and an empty plugin list,
so neither a system broker nor another launcher collides with it.

The volume backend is `cinder.tests.fake_driver.FakeLoggingVolumeDriver` (it ships in the
wheel and needs `fixtures`): volumes go `creating` → `available` in seconds with no disks.
cinder-api runs under gunicorn at `/volume` (as devstack and the fake serve it) through a
shim that hands oslo.config only `--config-file`.

cinder-backup runs too, with the posix backup driver writing to `<state>/cinder/backups`.
The backup service reads and writes volumes through os-brick, which cannot connect the
fake driver's iSCSI targets, so the backend is a small subclass of it
(`realcloud_driver.py`, written next to cinder.conf): each volume is a sparse file under
`<state>/cinder/volumes`, connected with os-brick's `local` connector, and backups read it
directly instead of from a temporary snapshot.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import sqlite3
from pathlib import Path
from typing import Any

from stackdouble.realcloud import _common as c

__all__ = ["BACKUP_DRIVER", "CINDER_PASSWORD", "CINDER_VERSION", "LOCAL_DRIVER", "RABBITMQ_SERVER",
           "broker_available",
           "cinder_conf", "register", "spawn_broker", "start_cinder", "wait_for_broker"]

CINDER_VERSION = "29.0.0"
CINDER_PASSWORD = "cinder-secret"
#: Debian's broker start script; `/usr/sbin/rabbitmq-server` would switch to the rabbitmq user.
RABBITMQ_SERVER = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")
FAKE_DRIVER = "cinder.tests.fake_driver.FakeLoggingVolumeDriver"
#: The backend realcloud configures: `FAKE_DRIVER` with a sparse file per volume (the
#: same module holds cinder-backup's manager).
LOCAL_DRIVER = "realcloud_driver.LocalFileDriver"
BACKUP_DRIVER = "cinder.backup.drivers.posix.PosixBackupDriver"

_LOCAL_DRIVER = '''\
"""Cinder's fake driver with a sparse file per volume, connected with os-brick's `local`
connector, so cinder-backup can read and write volumes (realcloud's backend); and the
backup manager, whose host connector properties are the local ones (os-brick's own ask
every connector, NVMe-oF's through `sudo privsep-helper`)."""
import contextlib
import os
import platform
import sys

from cinder.backup import manager as backup_manager
from cinder.tests.fake_driver import FakeLoggingVolumeDriver
from cinder.volume import volume_utils
from oslo_config import cfg


def _local_connector_properties(multipath=False, enforce_multipath=False):
    return {{"platform": platform.machine(), "os_type": sys.platform,
             "ip": cfg.CONF.my_ip, "host": cfg.CONF.host, "multipath": False,
             "enforce_multipath": False, "do_local_attach": False}}


class RealcloudBackupManager(backup_manager.BackupManager):
    """cinder-backup's manager, with `_local_connector_properties`."""


volume_utils.brick_get_connector_properties = _local_connector_properties

ROOT = {root!r}


class LocalFileDriver(FakeLoggingVolumeDriver):
    def _file(self, volume):
        return os.path.join(ROOT, "volume-" + volume["id"])

    def _make(self, volume):
        os.makedirs(ROOT, exist_ok=True)
        with open(self._file(volume), "ab") as disk:
            disk.truncate(volume["size"] * 1024 ** 3)

    def create_volume(self, volume):
        update = super().create_volume(volume)
        self._make(volume)
        return update

    def create_cloned_volume(self, volume, src_vol):
        update = super().create_cloned_volume(volume, src_vol)
        self._make(volume)
        return update

    def create_volume_from_snapshot(self, volume, snapshot):
        update = super().create_volume_from_snapshot(volume, snapshot)
        self._make(volume)
        return update

    def extend_volume(self, volume, new_size):
        with open(self._file(volume), "ab") as disk:
            disk.truncate(new_size * 1024 ** 3)

    def delete_volume(self, volume):
        super().delete_volume(volume)
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._file(volume))

    def validate_connector(self, connector):
        # no initiator needed (the iSCSI target's check asks one): the connector is local
        return None

    def initialize_connection(self, volume, connector):
        if not os.path.exists(self._file(volume)):
            self._make(volume)
        return {{"driver_volume_type": "local",
                 "data": {{"device_path": self._file(volume)}}}}

    def backup_use_temp_snapshot(self):
        return False
'''

_SQLITE_HOOK = '''\
"""sqlite transactions that take the write lock when they begin, for every Cinder process
(imported by cinder_app.py and cinder_service.py). oslo.db begins them with a plain
(deferred) BEGIN: one that read (the quota, a service row), then writes after another
process wrote, fails at once with "database is locked" (a 500 computeFault in the API, a
crashed scheduler at start, a lost quota commit in cinder-volume) instead of waiting for
the lock; BEGIN IMMEDIATE waits (the busy timeout), as in the Glance shim."""
from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "before_cursor_execute", retval=True)
def _begin_immediate(conn, cursor, statement, parameters, context, executemany):
    if statement == "BEGIN" and conn.dialect.name == "sqlite":
        return "BEGIN IMMEDIATE", parameters
    return statement, parameters
'''

_CINDER_SHIM = '''\
"""gunicorn entry point: oslo.config must see only --config-file, not gunicorn's arguments;
sqlite's write lock taken at BEGIN (realcloud_sqlite)."""
import sys

import realcloud_sqlite  # noqa: F401

sys.argv = [sys.argv[0], "--config-file", {conf!r}]
from cinder.wsgi.api import application  # noqa: E402,F401
'''

_SERVICE_SHIM = '''\
"""`python cinder_service.py NAME ARGS...`: Cinder's `cinder-NAME` (`cinder.cmd.NAME`, which
monkey-patches with eventlet as it is imported) with sqlite's write lock taken at BEGIN
(realcloud_sqlite)."""
import importlib
import sys

name = sys.argv.pop(1)
command = importlib.import_module(f"cinder.cmd.{{name}}")
import realcloud_sqlite  # noqa: E402,F401

sys.argv[0] = f"cinder-{{name}}"
sys.exit(command.main())
'''


def broker_available() -> bool:
    """Whether RabbitMQ (Debian's `rabbitmq-server`) and `epmd` are installed here."""
    return RABBITMQ_SERVER.exists() and shutil.which("epmd") is not None


def _broker_env(base: Path, ports: dict[str, int]) -> dict[str, str]:
    return {
        "HOME": str(base),  # the Erlang cookie
        "ERL_EPMD_ADDRESS": "127.0.0.1",
        "ERL_EPMD_PORT": str(ports["epmd"]),
        "RABBITMQ_NODENAME": f"stackdouble-{ports['amqp']}@localhost",
        "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
        "RABBITMQ_NODE_PORT": str(ports["amqp"]),
        "RABBITMQ_DIST_PORT": str(ports["dist"]),
        "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
        "RABBITMQ_LOG_BASE": str(base / "log"),
        "RABBITMQ_PID_FILE": str(base / "rabbitmq.pid"),
        "RABBITMQ_CONF_ENV_FILE": str(base / "rabbitmq-env.conf"),
        "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq"),
        "RABBITMQ_ADVANCED_CONFIG_FILE": str(base / "advanced.config"),
        "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
    }


def spawn_broker(state: Path, ports: dict[str, int], info: dict[str, Any]) -> None:
    """Start epmd and RabbitMQ from `<state>/rabbitmq` (`broker_available()` must hold);
    `start_cinder` waits for the broker.

    Raises:
        LaunchError: epmd did not listen within 10 s.
    """
    base = state / "rabbitmq"
    for sub in ("mnesia", "log"):
        (base / sub).mkdir(parents=True)
    (base / "rabbitmq-env.conf").write_text("")
    (base / "enabled_plugins").write_text("[].\n")
    env = _broker_env(base, ports)
    log = state / "log"
    epmd = c.spawn([str(shutil.which("epmd")), "-address", "127.0.0.1",
                    "-port", str(ports["epmd"])], log / "epmd.log", base, env)
    info["pids"]["epmd"] = epmd

    def epmd_listening() -> bool:
        with socket.create_connection(("127.0.0.1", ports["epmd"]), timeout=1):
            return True

    # A broker that finds no epmd starts its own, detached where stop cannot reach it.
    c.wait_for("epmd", epmd_listening, 10, [epmd])
    broker = c.spawn([str(RABBITMQ_SERVER)], log / "rabbitmq.log", base, env)
    info["pids"]["rabbitmq"] = broker


def wait_for_broker(ports: dict[str, int], info: dict[str, Any]) -> None:
    """Wait until the broker accepts connections on its AMQP port.

    Raises:
        LaunchError: epmd or the broker exited, or nothing listened within 60 s.
    """
    def listening() -> bool:
        with socket.create_connection(("127.0.0.1", ports["amqp"]), timeout=1):
            return True

    c.wait_for("RabbitMQ", listening, 60, [info["pids"]["epmd"], info["pids"]["rabbitmq"]])


def cinder_conf(state: Path, ports: dict[str, int]) -> str:
    """cinder.conf: Keystone auth, the broker, sqlite, one backend with the fake driver
    (`LOCAL_DRIVER`), the posix backup driver."""
    cinder = state / "cinder"
    keystone = f"http://127.0.0.1:{ports['keystone']}/identity"
    return f"""[DEFAULT]
auth_strategy = keystone
transport_url = rabbit://guest:guest@127.0.0.1:{ports['amqp']}/
state_path = {cinder}
api_paste_config = {cinder}/api-paste.ini
resource_query_filters_file = {cinder}/resource_filters.json
my_ip = 127.0.0.1
host = realcloud
enabled_backends = fake
default_volume_type = __DEFAULT__
backup_driver = {BACKUP_DRIVER}
backup_manager = realcloud_driver.RealcloudBackupManager
backup_posix_path = {cinder}/backups
backup_compression_algorithm = none
use_stderr = true
log_dir =
[database]
# four processes share the file: wait for its lock (pysqlite's default is 5 s)
connection = sqlite:///{cinder}/cinder.db?timeout=30
[oslo_concurrency]
lock_path = {cinder}/lock
[coordination]
backend_url = file://{cinder}/coordination
[keystone_authtoken]
www_authenticate_uri = {keystone}
auth_url = {keystone}
auth_type = password
username = cinder
password = {CINDER_PASSWORD}
project_name = service
user_domain_id = default
project_domain_id = default
service_token_roles_required = true
[fake]
volume_driver = {LOCAL_DRIVER}
volume_backend_name = fake
"""


def register(admin: Any, roles: dict[str, str], service_project: str, cinder_url: str) -> None:
    """The `cinder` service user and the block-storage (and volumev3) endpoints.

    Args:
        admin: The launcher's Keystone admin helper.
        roles: Role ids by name (`admin`, `service`).
        service_project: The id of project `service`.
        cinder_url: `http://127.0.0.1:<port>`; endpoints are `<url>/volume/v3/$(project_id)s`.
    """
    user = admin.ensure("users", "cinder", {"domain_id": "default", "password": CINDER_PASSWORD})
    admin.grant(service_project, user, roles["admin"])
    admin.grant(service_project, user, roles["service"])
    url = f"{cinder_url}/volume/v3/$(project_id)s"
    for name, kind in (("cinder", "block-storage"), ("cinderv3", "volumev3")):
        svc = admin.ensure("services", name, {"type": kind, "enabled": True})
        for interface in ("public", "internal", "admin"):
            admin.call("POST", "/endpoints", {"endpoint": {
                "service_id": svc, "interface": interface, "url": url, "region_id": c.REGION}})


def start_cinder(state: Path, bin_dir: Path, ports: dict[str, int],
                 info: dict[str, Any]) -> None:
    """Write cinder.conf, sync the database, wait for the broker, start the API, scheduler,
    volume and backup services, and wait until a demo token lists volumes and the three
    services are up.

    Raises:
        LaunchError: A step failed or a service did not come up within 90 s.
    """
    cinder = state / "cinder"
    for sub in ("lock", "coordination", "volumes", "backups"):
        (cinder / sub).mkdir(parents=True, exist_ok=True)
    (cinder / "realcloud_driver.py").write_text(_LOCAL_DRIVER.format(root=str(cinder / "volumes")))
    conf = cinder / "cinder.conf"
    conf.write_text(cinder_conf(state, ports))
    # The wheel's copies of what devstack puts in /etc/cinder. Without resource_filters.json
    # Cinder allows no list filter at all (ignored below 3.31, 400 from 3.31 on).
    for name in ("api-paste.ini", "resource_filters.json"):
        shutil.copy(bin_dir.parent / "etc" / "cinder" / name, cinder / name)
    log = state / "log"
    c.run([str(bin_dir / "cinder-manage"), "--config-file", str(conf), "db", "sync"],
          log / "cinder-manage.log")
    with contextlib.closing(sqlite3.connect(cinder / "cinder.db")) as db:
        db.execute("PRAGMA journal_mode=WAL")  # readers stop blocking the writer (persists)
    wait_for_broker(ports, info)
    (cinder / "realcloud_sqlite.py").write_text(_SQLITE_HOOK)
    (cinder / "cinder_app.py").write_text(_CINDER_SHIM.format(conf=str(conf)))
    (cinder / "cinder_service.py").write_text(_SERVICE_SHIM.format())
    pids = []
    # realcloud_driver and realcloud_sqlite, for every Cinder process
    driver_path = {"PYTHONPATH": str(cinder)}
    service = [str(bin_dir / "python"), str(cinder / "cinder_service.py")]
    for name, argv in (
        ("cinder-scheduler", [*service, "scheduler", "--config-file", str(conf)]),
        ("cinder-volume", [*service, "volume", "--config-file", str(conf)]),
        ("cinder-api", [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{ports['cinder']}",
                        "--workers", "1", "--threads", "4", "--worker-class", "gthread",
                        "--no-control-socket", "--timeout", "120", "--graceful-timeout", "5",
                        "--env", "SCRIPT_NAME=/volume", "--chdir", str(cinder),
                        "--pid", str(state / "run" / "cinder-api.pid"),
                        "cinder_app:application"]),
    ):
        pid = c.spawn(argv, log / f"{name}.log", cinder, driver_path)
        info["pids"][name] = pid
        pids.append(pid)
    keystone = info["keystone_url"]
    token, body = c.token(keystone, "demo", c.DEMO_PASSWORD, "demo")
    volumes = f"{info['cinder_url']}/volume/v3/{body['project']['id']}/volumes"
    c.wait_for("cinder-api with a demo token", lambda: c.http(
        "GET", volumes, headers={"X-Auth-Token": token}, timeout=5).status_code == 200,
        90, pids)
    admin_token, admin_body = c.token(keystone, "admin", c.ADMIN_PASSWORD, "admin")
    services = f"{info['cinder_url']}/volume/v3/{admin_body['project']['id']}/os-services"

    def services_up(*binaries: str) -> bool:
        resp = c.http("GET", services, headers={"X-Auth-Token": admin_token}, timeout=5)
        up = {s["binary"] for s in resp.json().get("services", []) if s["state"] == "up"}
        return set(binaries) <= up

    c.wait_for("cinder-scheduler and cinder-volume",
               lambda: services_up("cinder-scheduler", "cinder-volume"), 90, pids)
    # cinder-backup once the others have registered: fewer processes waiting on sqlite's
    # write lock at once while each writes its service row
    backup = c.spawn([*service, "backup", "--config-file", str(conf)],
                     log / "cinder-backup.log", cinder, driver_path)
    info["pids"]["cinder-backup"] = backup
    pids.append(backup)
    c.wait_for("cinder-backup", lambda: services_up("cinder-backup"), 90, pids)
