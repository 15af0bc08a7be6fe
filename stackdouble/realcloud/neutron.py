"""Real Neutron 29 (the 2026.2 series of Keystone 30, Cinder 29 and Glance 33) for the
launcher: neutron's API with the ML2 plugin and no agents, on a private MariaDB.

Neutron 29 has no `neutron-server` any more: its API is the WSGI application
`neutron.wsgi.api:application` (devstack runs it under uwsgi at `/networking`), which runs here
under gunicorn at `/networking` through a shim that hands oslo.config only the two
`--config-file`s. No `neutron-rpc-server`, `neutron-periodic-workers` nor agent runs.

The database is MariaDB from Debian's packages (`mariadb-server`, which `.ci/run` installs),
started from the state directory on a free loopback port, its data on tmpfs. Neutron's
migrations do not run elsewhere: on sqlite `neutron-db-manage upgrade heads` stops at
Mitaka's `1df244e556f5` ("No support for ALTER of constraints in SQLite dialect"), and on
PostgreSQL at 2025.2's `d553edeb540f` (`ALTER TABLE tags CONVERT TO CHARACTER SET utf8mb4`,
MySQL only). On disk the 134 migrations took 75 s here (each DDL syncs files), on tmpfs
40-100 s by the machine's load; they run while Keystone, Swift, Glance and Cinder start
(`begin_database`).

What differs from devstack, and why:

- no OVN: devstack's default is ML2/OVN, whose mechanism driver needs OVN's databases and
  `ovn-northd`. Project networks are Geneve as there (`[ml2_type_geneve] max_header_size =
  38`, so their MTU is devstack's 1442), but the mechanism driver is `openvswitch` (ML2/OVS)
  with no agent: a port stays `DOWN` and unbound (`binding:vif_type` `unbound`), and one
  bound to a host (`binding:host_id`) gets `binding_failed`;
- no DHCP agent: the DHCP agent scheduler finds no agent, so a network with a DHCP-enabled
  subnet gets no `network:dhcp` port (the agent would create it), and listings show only
  the ports users and the L3 plugin made (router interfaces and gateways, floating IPs);
- no L3 agent: routers, gateways, interfaces and floating IPs are all created and answered
  as devstack's, but a router stays `ACTIVE` with nothing behind it and a floating IP stays
  `DOWN` when associated (the agent would set it `ACTIVE`);
- `transport_url = fake://`: with no agent and no RPC server, nothing would consume Neutron's
  casts to agents, so the in-process driver takes them and Neutron needs no broker (it runs
  with `--no-cinder` too);
- no Nova notifications (`notify_nova_on_port_*`): there is no Nova here;
- type drivers `local,flat,vlan,geneve,vxlan` (devstack's OVN defaults, and VXLAN as ML2/OVS
  has it), physical network `public` for flat and VLAN networks.

Seeds what devstack's `create_neutron_initial_network` makes (`seed`): the external network
`public` (flat, on `public`) with `public-subnet` 172.24.4.0/24, the demo project's `private`
network with `private-subnet` 10.0.0.0/26, and demo's `router1` with its gateway on `public`
and an interface on `private-subnet` (devstack's IPv6 subnets are not made).
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from stackdouble.realcloud import _common as c

__all__ = ["MARIADBD", "NEUTRON_PASSWORD", "NEUTRON_REQUIREMENTS", "NEUTRON_VERSION",
           "DatabasePrep", "begin_database", "database_available", "ml2_conf", "neutron_conf",
           "register", "remove_datadir", "seed", "start_neutron", "wait_for_neutron"]

NEUTRON_VERSION = "29.0.0"
NEUTRON_PASSWORD = "neutron-secret"
#: What `ensure_venv` adds when Neutron runs (PyMySQL: devstack's driver for MariaDB).
NEUTRON_REQUIREMENTS = (f"neutron=={NEUTRON_VERSION}", "PyMySQL")
MARIADBD = Path("/usr/sbin/mariadbd")
_INSTALL_DB = Path("/usr/bin/mariadb-install-db")
#: `remove_datadir` removes only directories under this prefix.
_DATADIR_PREFIX = "/dev/shm/stackdouble-realcloud-mariadb-"
#: Seconds one seeding request may take (a router's gateway makes ports: seconds on a busy box).
_SEED_TIMEOUT = 60

_NEUTRON_SHIM = '''\
"""gunicorn entry point: oslo.config must see only the config files, not gunicorn's arguments."""
import sys

sys.argv = [sys.argv[0], "--config-file", {conf!r}, "--config-file", {ml2!r}]
from neutron.wsgi.api import application  # noqa: E402,F401
'''


def database_available() -> bool:
    """Whether MariaDB (Debian's `mariadb-server`: the server, `mariadb-install-db` and the
    `mariadb` client) is installed here."""
    return (MARIADBD.exists() and _INSTALL_DB.exists()
            and shutil.which("mariadb") is not None)


def _datadir(state: Path) -> Path:
    """MariaDB's data on tmpfs, one directory per state dir (the state dir when no tmpfs)."""
    digest = hashlib.sha256(str(state.resolve()).encode()).hexdigest()[:12]
    if Path("/dev/shm").is_dir():
        return Path(f"{_DATADIR_PREFIX}{digest}")
    return state / "mariadb" / "data"


def neutron_conf(state: Path, ports: dict[str, int]) -> str:
    """neutron.conf: ML2 and the L3 router plugin, Keystone auth, the MariaDB database."""
    neutron = state / "neutron"
    keystone = f"http://127.0.0.1:{ports['keystone']}/identity"
    return f"""[DEFAULT]
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
api_paste_config = {neutron}/api-paste.ini
state_path = {neutron}
host = realcloud
allow_overlapping_ips = true
# no agent nor RPC server consumes a cast: the in-process driver takes them
transport_url = fake://
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
use_stderr = true
log_dir =
[database]
connection = mysql+pymysql://root@127.0.0.1:{ports['mariadb']}/neutron?charset=utf8mb4
[oslo_concurrency]
lock_path = {neutron}/lock
[agent]
root_helper =
[keystone_authtoken]
www_authenticate_uri = {keystone}
auth_url = {keystone}
auth_type = password
username = neutron
password = {NEUTRON_PASSWORD}
project_name = service
user_domain_id = default
project_domain_id = default
service_token_roles_required = true
"""


def ml2_conf() -> str:
    """ml2_conf.ini: devstack's type drivers and ranges (Geneve project networks, as its
    default ML2/OVN), the openvswitch mechanism driver, no agent behind them."""
    return """[ml2]
type_drivers = local,flat,vlan,geneve,vxlan
project_network_types = geneve
mechanism_drivers = openvswitch
extension_drivers = port_security
[ml2_type_flat]
flat_networks = public
[ml2_type_vlan]
network_vlan_ranges = public
[ml2_type_geneve]
vni_ranges = 1:65536
max_header_size = 38
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
"""


def register(admin: Any, roles: dict[str, str], service_project: str, neutron_url: str) -> None:
    """The `neutron` service user and the network service (name neutron) with its public,
    internal and admin endpoints, all `<neutron_url>/networking` (unversioned, as devstack).

    Args:
        admin: The launcher's Keystone admin helper.
        roles: Role ids by name (`admin`, `service`).
        service_project: The id of project `service`.
        neutron_url: `http://127.0.0.1:<port>`.
    """
    user = admin.ensure("users", "neutron", {"domain_id": "default",
                                             "password": NEUTRON_PASSWORD})
    admin.grant(service_project, user, roles["admin"])
    admin.grant(service_project, user, roles["service"])
    svc = admin.ensure("services", "neutron", {"type": "network", "enabled": True,
                                               "description": "Neutron Service"})
    for interface in ("public", "internal", "admin"):
        admin.call("POST", "/endpoints", {"endpoint": {
            "service_id": svc, "interface": interface, "url": f"{neutron_url}/networking",
            "region_id": c.REGION}})


class DatabasePrep:
    """MariaDB's set-up and Neutron's migrations, in a thread while the other services start:
    `mariadb-install-db`, `mariadbd`, `CREATE DATABASE neutron`, then `neutron-db-manage
    upgrade heads`. `wait` joins it; `cancel` kills what it runs (mariadbd too)."""

    def __init__(self, state: Path, bin_dir: Path, ports: dict[str, int]) -> None:
        self.state = state
        self.bin_dir = bin_dir
        self.ports = ports
        self.datadir = _datadir(state)
        #: mariadbd's pid once started (the launcher records it when `wait` returns).
        self.mariadb_pid: int | None = None
        #: How long the migrations took, in seconds.
        self.migrate_s: float | None = None
        self._error: BaseException | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="neutron-db", daemon=True)

    def start(self) -> None:
        """Begin in the background."""
        self._thread.start()

    def wait(self, timeout: float = 300) -> None:
        """Wait for the migrations to finish.

        Raises:
            LaunchError: A step failed, or it all took over `timeout` seconds.
        """
        self._thread.join(timeout)
        if self._thread.is_alive():
            self.cancel()
            raise c.LaunchError(f"MariaDB and neutron-db-manage took over {timeout:.0f} s")
        if self._error is not None:
            raise self._error

    def cancel(self) -> None:
        """Stop the step that runs and mariadbd, and wait for the thread."""
        self._cancelled.set()
        child = self._child
        if child is not None and child.poll() is None:
            child.kill()
        if self._thread.is_alive():
            self._thread.join(30)
        self.stop_mariadb()

    def stop_mariadb(self) -> None:
        """Kill mariadbd if this started it and it still runs (start failed)."""
        if self.mariadb_pid is not None and c.alive(self.mariadb_pid):
            os.killpg(self.mariadb_pid, signal.SIGKILL)

    def _run(self) -> None:
        try:
            self._prepare()
        except BaseException as exc:  # handed to the launcher's thread by `wait`
            self._error = exc

    def _step(self, argv: list[str], log: Path) -> None:
        if self._cancelled.is_set():
            raise c.LaunchError("cancelled")
        with log.open("ab") as out:
            out.write(f"$ {' '.join(argv)}\n".encode())
            out.flush()
            self._child = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL)
            code = self._child.wait()
        if code != 0:
            raise c.LaunchError(f"{' '.join(argv[:2])} ... exited {code}; see {log}")

    def _prepare(self) -> None:
        base = self.state / "mariadb"
        base.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.datadir, ignore_errors=True)
        user = pwd.getpwuid(os.getuid()).pw_name
        # Small logs and pool, and no syncs: the data is thrown away with the cloud.
        tuning = ["--innodb-log-file-size=8M", "--innodb-buffer-pool-size=64M",
                  "--innodb-doublewrite=0", "--innodb-flush-method=nosync"]
        log = self.state / "log" / "mariadb-install.log"
        self._step([str(_INSTALL_DB), "--no-defaults", f"--datadir={self.datadir}",
                    f"--user={user}", "--auth-root-authentication-method=normal",
                    "--skip-test-db", "--skip-name-resolve", *tuning], log)
        port = self.ports["mariadb"]
        if self._cancelled.is_set():
            raise c.LaunchError("cancelled")
        self.mariadb_pid = c.spawn(
            [str(MARIADBD), "--no-defaults", f"--datadir={self.datadir}", f"--user={user}",
             "--bind-address=127.0.0.1", f"--port={port}", f"--socket={base}/mariadb.sock",
             f"--pid-file={base}/mariadb.pid", "--skip-name-resolve", "--skip-log-bin",
             "--innodb-flush-log-at-trx-commit=0", "--character-set-server=utf8mb4",
             "--collation-server=utf8mb4_general_ci", "--max-connections=200", *tuning],
            self.state / "log" / "mariadb.log", base)
        client = [str(shutil.which("mariadb")), "--no-defaults", "-h", "127.0.0.1",
                  "-P", str(port), "-u", "root"]

        def answers() -> bool:
            return subprocess.call([*client, "-e", "SELECT 1"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL) == 0

        c.wait_for("MariaDB", answers, 60, [self.mariadb_pid])
        self._step([*client, "-e", "CREATE DATABASE neutron CHARACTER SET utf8mb4"], log)
        neutron = self.state / "neutron"
        began = time.monotonic()
        self._step([str(self.bin_dir / "neutron-db-manage"),
                    "--config-file", str(neutron / "neutron.conf"),
                    "--config-file", str(neutron / "ml2_conf.ini"), "upgrade", "heads"],
                   self.state / "log" / "neutron-db-manage.log")
        self.migrate_s = round(time.monotonic() - began, 1)


def begin_database(state: Path, bin_dir: Path, ports: dict[str, int],
                   info: dict[str, Any]) -> DatabasePrep:
    """Write Neutron's configuration and start MariaDB and the migrations in the background
    (they need no Keystone); `start_neutron` waits for them. MariaDB's data directory goes
    into `info` at once, so that `clean` removes it even if the start fails.

    Returns:
        The running preparation; the caller cancels it if the start fails before
        `start_neutron`.
    """
    neutron = state / "neutron"
    (neutron / "lock").mkdir(parents=True, exist_ok=True)
    (neutron / "neutron.conf").write_text(neutron_conf(state, ports))
    (neutron / "ml2_conf.ini").write_text(ml2_conf())
    # The wheel's copy of what devstack puts in /etc/neutron.
    shutil.copy(bin_dir.parent / "etc" / "neutron" / "api-paste.ini", neutron / "api-paste.ini")
    prep = DatabasePrep(state, bin_dir, ports)
    info["mariadb_datadir"] = str(prep.datadir)
    prep.start()
    return prep


def start_neutron(state: Path, bin_dir: Path, prep: DatabasePrep, info: dict[str, Any]) -> None:
    """Wait for `prep` (from `begin_database`), then start the API under gunicorn;
    `wait_for_neutron` waits for it to answer.

    Raises:
        LaunchError: MariaDB or the migrations failed or took over 300 s.
    """
    try:
        prep.wait()
    finally:
        if prep.mariadb_pid is not None:
            info["pids"]["mariadb"] = prep.mariadb_pid
    if prep.migrate_s is not None:
        info["neutron_migrate_s"] = prep.migrate_s
    neutron = state / "neutron"
    (neutron / "neutron_app.py").write_text(_NEUTRON_SHIM.format(
        conf=str(neutron / "neutron.conf"), ml2=str(neutron / "ml2_conf.ini")))
    pid = c.spawn([str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{info['ports']['neutron']}",
                   "--workers", "1", "--threads", "1", "--worker-class", "gthread",
                   "--no-control-socket", "--timeout", "120", "--graceful-timeout", "5",
                   "--env", "SCRIPT_NAME=/networking", "--chdir", str(neutron),
                   "--pid", str(state / "run" / "neutron-api.pid"),
                   "neutron_app:application"], state / "log" / "neutron-api.log", neutron)
    info["pids"]["neutron-api"] = pid


def wait_for_neutron(info: dict[str, Any]) -> None:
    """Wait until a demo token lists networks.

    Raises:
        LaunchError: neutron-api exited or did not answer within 90 s.
    """
    token, _ = c.token(info["keystone_url"], "demo", c.DEMO_PASSWORD, "demo")
    networks = f"{info['neutron_url']}/networking/v2.0/networks"
    c.wait_for("neutron-api with a demo token", lambda: c.http(
        "GET", networks, headers={"X-Auth-Token": token}, timeout=5).status_code == 200,
        90, [info["pids"]["neutron-api"]])


def _post(url: str, token: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    resp = c.http("POST", url + path, json=body, headers={"X-Auth-Token": token},
                  timeout=_SEED_TIMEOUT)
    if resp.status_code != 201:
        raise c.LaunchError(f"Neutron POST {path}: {resp.status_code} {resp.text[:300]}")
    made: dict[str, Any] = resp.json()
    return made


def seed(info: dict[str, Any]) -> dict[str, str]:
    """What devstack makes: `public` (external, flat on `public`) with `public-subnet`, as
    admin; demo's `private` with `private-subnet` and `router1`, its gateway on `public` and an
    interface on `private-subnet`.

    Returns:
        The ids made, by name.

    Raises:
        LaunchError: Neutron refused one of them.
    """
    url = f"{info['neutron_url']}/networking/v2.0"
    admin, _ = c.token(info["keystone_url"], "admin", c.ADMIN_PASSWORD, "admin")
    demo, _ = c.token(info["keystone_url"], "demo", c.DEMO_PASSWORD, "demo")
    public = _post(url, admin, "/networks", {"network": {
        "name": "public", "router:external": True, "provider:network_type": "flat",
        "provider:physical_network": "public"}})["network"]["id"]
    public_subnet = _post(url, admin, "/subnets", {"subnet": {
        "name": "public-subnet", "network_id": public, "ip_version": 4,
        "cidr": "172.24.4.0/24", "gateway_ip": "172.24.4.1", "enable_dhcp": False}})
    private = _post(url, demo, "/networks", {"network": {"name": "private"}})["network"]["id"]
    private_subnet = _post(url, demo, "/subnets", {"subnet": {
        "name": "private-subnet", "network_id": private, "ip_version": 4,
        "cidr": "10.0.0.0/26", "gateway_ip": "10.0.0.1"}})["subnet"]["id"]
    router = _post(url, demo, "/routers", {"router": {
        "name": "router1", "external_gateway_info": {"network_id": public}}})["router"]["id"]
    added = c.http("PUT", f"{url}/routers/{router}/add_router_interface",
                   json={"subnet_id": private_subnet}, headers={"X-Auth-Token": demo},
                   timeout=_SEED_TIMEOUT)
    if added.status_code != 200:
        raise c.LaunchError(f"Neutron add_router_interface: {added.status_code} "
                            f"{added.text[:300]}")
    return {"public": public, "public-subnet": public_subnet["subnet"]["id"],
            "private": private, "private-subnet": private_subnet, "router1": router}


def remove_datadir(info: dict[str, Any]) -> str | None:
    """Remove MariaDB's data directory on tmpfs, if the state names one `start` made.

    Returns:
        The directory removed, or None.
    """
    datadir = info.get("mariadb_datadir")
    if datadir and str(datadir).startswith(_DATADIR_PREFIX):
        shutil.rmtree(datadir, ignore_errors=True)
        return str(datadir)
    return None
