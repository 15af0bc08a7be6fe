"""Real Glance 33 (the 2026.2 series of Keystone 30 and Cinder 29) for the launcher: glance-api
with the file store, a sqlite database and keystonemiddleware against the launcher's Keystone.

Glance 33 has no standalone server any more (`glance-api` only prints that it must run under a
WSGI server), so `glance.wsgi.api:application` runs under gunicorn at `/image`, as devstack
serves it, like cinder-api here. The application reads `glance-api.conf` (and the paste file
beside it) from `$OS_GLANCE_CONFIG_DIR` and takes no command line, so no shim is needed.

What differs from devstack, and why:

- paste flavor `keystone`, not `keystone+cachemanagement`: no image cache (the cache wants a
  `worker_self_reference_url` and a cache database; no contract test reads through it);
- no Keystone unified limits (devstack registers `image_count_total` and friends): quotas
  would need system-scoped limits in Keystone; Glance's own per-image limits (128 members,
  properties and tags) still apply;
- no metadata definitions (`db_load_metadefs`: seconds of start-up for an API not tested);
- no `schema-image.json` (devstack copies it from Glance's source tree, which the wheel
  lacks): `/v2/schemas/image` shows no custom properties, and they are plain strings;
- `enabled_import_methods` is `glance-direct` and `web-download`: Glance's default adds
  `copy-image`, which needs several stores;
- one gunicorn worker with threads (sqlite), and the import task pool in that worker;
  sqlite in WAL mode, its transactions begun IMMEDIATE by a shim (`glance_app.py`), so the
  import task's writes and a request's do not meet as a "database is locked" 500 (devstack's
  MySQL locks rows instead);
- `web-download` fetches only from 127.0.0.1, any port (`allowed_hosts`, `allowed_ports`):
  Glance refuses loopback addresses unless they are allowed by name, and a cloud on loopback
  has no business fetching from elsewhere.

Images go to `<state>/glance/images`, staged imports to `<state>/glance/staging`. To keep the
start short, `glance-manage db_sync` runs while Keystone and Swift start (`begin_db_sync`),
and glance-api boots while Cinder starts (`start_glance`, then `wait_for_glance`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from stackdouble.realcloud import _common as c

__all__ = ["GLANCE_PASSWORD", "GLANCE_REQUIREMENTS", "GLANCE_VERSION", "begin_db_sync",
           "glance_conf", "register", "start_glance", "wait_for_glance"]

GLANCE_VERSION = "33.0.0"
GLANCE_PASSWORD = "glance-secret"
#: What `ensure_venv` adds when Glance runs.
GLANCE_REQUIREMENTS = (f"glance=={GLANCE_VERSION}",)

#: The launcher's subdirectories of `<state>/glance`.
_DIRS = ("images", "staging", "tasks", "lock", "cache")

_GLANCE_SHIM = '''\
"""gunicorn entry point: glance-api, with sqlite transactions that take the write lock when
they begin. oslo.db begins them with a plain (deferred) BEGIN: one that read, then writes
after the import task's thread wrote, fails at once with "database is locked" (a 500)
instead of waiting for the lock; BEGIN IMMEDIATE waits (the busy timeout)."""
from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "before_cursor_execute", retval=True)
def _begin_immediate(conn, cursor, statement, parameters, context, executemany):
    if statement == "BEGIN" and conn.dialect.name == "sqlite":
        return "BEGIN IMMEDIATE", parameters
    return statement, parameters


from glance.wsgi.api import application  # noqa: E402,F401
'''


def glance_conf(state: Path, ports: dict[str, int]) -> str:
    """glance-api.conf: Keystone auth, sqlite, the file store, the import staging area."""
    glance = state / "glance"
    keystone = f"http://127.0.0.1:{ports['keystone']}/identity"
    return f"""[DEFAULT]
use_stderr = true
log_dir =
public_endpoint = http://127.0.0.1:{ports['glance']}/image
node_staging_uri = file://{glance}/staging
image_cache_dir = {glance}/cache
enabled_import_methods = [glance-direct,web-download]
[database]
# gunicorn's threads share the file: wait for its lock (pysqlite's default is 5 s)
connection = sqlite:///{glance}/glance.db?timeout=30
[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = {glance}/images/
[os_glance_tasks_store]
filesystem_store_datadir = {glance}/tasks/
[os_glance_staging_store]
filesystem_store_datadir = {glance}/staging/
[import_filtering_opts]
# web-download only from this machine: Glance refuses loopback unless it is allowed by name
allowed_hosts = [127.0.0.1]
allowed_ports = []
[oslo_concurrency]
lock_path = {glance}/lock
[paste_deploy]
flavor = keystone
config_file = {glance}/glance-api-paste.ini
[keystone_authtoken]
www_authenticate_uri = {keystone}
auth_url = {keystone}
auth_type = password
username = glance
password = {GLANCE_PASSWORD}
project_name = service
user_domain_id = default
project_domain_id = default
service_token_roles_required = true
"""


def register(admin: Any, roles: dict[str, str], service_project: str, glance_url: str) -> None:
    """The `glance` service user and the image service (name glance) with its public,
    internal and admin endpoints, all `<glance_url>/image` (unversioned, as devstack).

    Args:
        admin: The launcher's Keystone admin helper.
        roles: Role ids by name (`admin`, `service`).
        service_project: The id of project `service`.
        glance_url: `http://127.0.0.1:<port>`.
    """
    user = admin.ensure("users", "glance", {"domain_id": "default", "password": GLANCE_PASSWORD})
    admin.grant(service_project, user, roles["admin"])
    admin.grant(service_project, user, roles["service"])
    svc = admin.ensure("services", "glance", {"type": "image", "enabled": True,
                                              "description": "Glance Image Service"})
    for interface in ("public", "internal", "admin"):
        admin.call("POST", "/endpoints", {"endpoint": {
            "service_id": svc, "interface": interface, "url": f"{glance_url}/image",
            "region_id": c.REGION}})


def begin_db_sync(state: Path, bin_dir: Path, ports: dict[str, int]) -> subprocess.Popen[bytes]:
    """Write the configuration and start `glance-manage db_sync`, which needs no Keystone, so
    that it runs while Keystone and Swift start; `start_glance` waits for it.

    Returns:
        The running db_sync; the caller kills it if the start fails before `start_glance`.
    """
    glance = state / "glance"
    for sub in _DIRS:
        (glance / sub).mkdir(parents=True, exist_ok=True)
    conf = glance / "glance-api.conf"
    conf.write_text(glance_conf(state, ports))
    # The wheel's copy of what devstack puts in /etc/glance (the pipelines by flavor).
    paste = bin_dir.parent / "etc" / "glance" / "glance-api-paste.ini"
    (glance / "glance-api-paste.ini").write_text(paste.read_text())
    argv = [str(bin_dir / "glance-manage"), "--config-file", str(conf), "db_sync"]
    with (state / "log" / "glance-manage.log").open("ab") as out:
        out.write(f"$ {' '.join(argv)}\n".encode())
        out.flush()
        return subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=glance)


def start_glance(state: Path, bin_dir: Path, db_sync: subprocess.Popen[bytes],
                 info: dict[str, Any]) -> None:
    """Wait for `db_sync` (from `begin_db_sync`), then start glance-api under gunicorn;
    `wait_for_glance` waits for it to answer.

    Raises:
        LaunchError: db_sync failed or took over 120 s.
    """
    glance = state / "glance"
    try:
        code = db_sync.wait(timeout=120)
    except subprocess.TimeoutExpired:
        db_sync.kill()
        db_sync.wait()
        raise c.LaunchError("glance-manage db_sync took over 120 s") from None
    if code != 0:
        raise c.LaunchError(f"glance-manage db_sync exited {code}; see "
                            f"{state / 'log' / 'glance-manage.log'}")
    # The import task's thread and the request threads write at once: in WAL mode readers
    # stop blocking the writer (the mode persists in the file), and the shim's BEGIN
    # IMMEDIATE makes a writer wait for the lock rather than fail.
    with contextlib.closing(sqlite3.connect(glance / "glance.db")) as db:
        db.execute("PRAGMA journal_mode=WAL")
    (glance / "glance_app.py").write_text(_GLANCE_SHIM)
    pid = c.spawn([str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{info['ports']['glance']}",
                   "--workers", "1", "--threads", "4", "--worker-class", "gthread",
                   "--no-control-socket", "--timeout", "120", "--graceful-timeout", "5",
                   "--env", "SCRIPT_NAME=/image", "--chdir", str(glance),
                   "--pid", str(state / "run" / "glance-api.pid"),
                   "glance_app:application"],
                  state / "log" / "glance-api.log", glance, {"OS_GLANCE_CONFIG_DIR": str(glance)})
    info["pids"]["glance-api"] = pid


def wait_for_glance(info: dict[str, Any]) -> None:
    """Wait until a demo token lists images.

    Raises:
        LaunchError: glance-api exited or did not answer within 60 s.
    """
    token, _ = c.token(info["keystone_url"], "demo", c.DEMO_PASSWORD, "demo")
    images = f"{info['glance_url']}/image/v2/images"
    c.wait_for("glance-api with a demo token", lambda: c.http(
        "GET", images, headers={"X-Auth-Token": token}, timeout=5).status_code == 200,
        60, [info["pids"]["glance-api"]])
