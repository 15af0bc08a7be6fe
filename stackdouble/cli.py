"""The `stackdouble` command.

`stackdouble serve` runs a fake cloud in the foreground on 127.0.0.1 and prints how to use
it: the auth URL, the demo and admin logins, a clouds.yaml and `export OS_...` lines. It stops
cleanly on Ctrl-C or SIGTERM. Idle keep-alive connections are closed after `--idle-timeout`
seconds (5, as Apache does in front of DevStack's APIs) and at most `--connection-limit` are
open at once, so clients that never close their sessions cannot starve it. Bound to an
address other than loopback (`--host 0.0.0.0`), it warns on stderr and its control plane
(`/_stackdouble/`) needs the control token it prints, as `Authorization: Bearer <token>`
(`--control-token` or `$STACKDOUBLE_CONTROL_TOKEN` to choose it; given on loopback, it is
required there too). It prints the dashboard's address (`/_stackdouble/`, the token in the
link's fragment when one is needed). `stackdouble cassettes check PATH...` reports secrets left in
cassettes (exit 1 if any) and `stackdouble cassettes scrub PATH...` removes them.
`stackdouble serve --state cloud.yaml` starts with what a state file declares (a bad file
exits 2 with its line), `--dump-state PATH` writes the state in that format when stopped.
`stackdouble serve --data-dir DIR` keeps the cloud in DIR across restarts (every write
journaled there before it is answered; README, "Persistence"); a DIR another process has
open, or holding another version's data or other options, exits 2.
`stackdouble --version` prints the version.

Example:
    >>> build_parser().parse_args(["serve", "--port", "0", "--seed", "7"]).seed
    7
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO
from urllib.parse import quote

__all__ = ["CONTROL_TOKEN_ENV", "build_parser", "main", "serve"]

#: Environment variable `stackdouble serve --control-token` defaults to (a token given on the
#: command line shows in `ps`; one in the environment does not).
CONTROL_TOKEN_ENV = "STACKDOUBLE_CONTROL_TOKEN"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="stackdouble",
        description="stackdouble: a fake OpenStack for tests, and its tools.",
    )
    from stackdouble import __version__

    parser.add_argument("--version", action="version", version=f"stackdouble {__version__}",
                        help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    serve_cmd = commands.add_parser(
        "serve", help="run a fake cloud over HTTP in the foreground",
        description="Run a fake cloud (Keystone v3 and v2.0, Nova, Swift and Cinder behind "
                    "a DevStack-like catalog) until Ctrl-C or SIGTERM.",
    )
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to bind (default: 127.0.0.1); any address but "
                                "loopback exposes the default logins, and the control plane "
                                "then needs the control token")
    serve_cmd.add_argument("--port", type=int, default=0,
                           help="port to bind; 0 picks a free one (default: 0)")
    serve_cmd.add_argument("--seed", type=int, default=None,
                           help="seed for ids and tokens (default: random)")
    serve_cmd.add_argument("--region", action="append", dest="regions", metavar="NAME",
                           help="catalog region (repeatable; default: RegionOne)")
    serve_cmd.add_argument("--write-clouds-yaml", metavar="PATH", default=None,
                           help="also write a clouds.yaml (clouds stackdouble and "
                                "stackdouble-admin) to PATH")
    serve_cmd.add_argument("--servers", type=int, default=0, metavar="N",
                           help="start with N ACTIVE servers in the demo project (its "
                                "instance, core and RAM quotas lifted); for benches")
    serve_cmd.add_argument("--volumes", type=int, default=0, metavar="N",
                           help="start with N available 1 GiB volumes in the demo project "
                                "(its volume and gigabyte quotas lifted); for benches")
    serve_cmd.add_argument("--compute-hosts", type=int, default=1, metavar="N",
                           help="compute hosts Nova's scheduler places servers on (default: "
                                "1); server groups' anti-affinity needs as many hosts as "
                                "members, and a boot no host can take goes ERROR 'No valid "
                                "host was found.'")
    serve_cmd.add_argument("--threads", type=int, default=8, metavar="N",
                           help="worker threads handling requests (default: 8)")
    serve_cmd.add_argument("--idle-timeout", type=float, default=5.0, metavar="SECONDS",
                           help="close a keep-alive connection idle this long between "
                                "requests, as Apache's KeepAliveTimeout does in front of "
                                "DevStack's APIs (default: 5)")
    serve_cmd.add_argument("--connection-limit", type=int, default=None, metavar="N",
                           help="connections open at once; at the limit the longest-idle "
                                "ones are closed to make room (default: 1000, or half the "
                                "open-file limit if lower)")
    serve_cmd.add_argument("--control-token", default=os.environ.get(CONTROL_TOKEN_ENV),
                           metavar="TOKEN",
                           help="token the control plane (/_stackdouble/) requires as "
                                "'Authorization: Bearer TOKEN'; given, it is required even on "
                                f"loopback (default: ${CONTROL_TOKEN_ENV}; else none on "
                                "loopback and a random one printed at start on any other "
                                "address)")
    serve_cmd.add_argument("--state", metavar="PATH", default=None,
                           help="load a state file (YAML or JSON: projects, users, roles, "
                                "flavors, images, networks, servers...; see README, 'The "
                                "state file') after the defaults, before serving; a bad "
                                "file exits 2 naming the line")
    serve_cmd.add_argument("--dump-state", metavar="PATH", default=None,
                           help="write the cloud's state, in the state file's format, to "
                                "PATH when stopped (Ctrl-C, SIGTERM); secrets as {env: ...} "
                                "references unless --dump-secrets")
    serve_cmd.add_argument("--dump-secrets", action="store_true",
                           help="with --dump-state: write passwords and keys themselves "
                                "(the file is then made readable by its owner only)")
    serve_cmd.add_argument("--data-dir", metavar="DIR", default=None,
                           help="keep the cloud in DIR (created 0700) across restarts: "
                                "restored from it at start, every write journaled there "
                                "before it is answered (see README, 'Persistence'); one "
                                "process per DIR; rm -r DIR to start afresh")
    serve_cmd.add_argument("--fsync", action="store_true",
                           help="with --data-dir: wait for the disk to hold each write's "
                                "record before answering (kept even if the machine stops, "
                                "not only if the process is killed); slower")
    serve_cmd.set_defaults(handler=_serve_command)
    from stackdouble._cli_cassettes import add_commands as add_cassette_commands

    add_cassette_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


def _serve_command(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        print(f"stackdouble: --port must be 0-65535, not {args.port}", file=sys.stderr)
        return 2
    if args.servers < 0:
        print(f"stackdouble: --servers must be >= 0, not {args.servers}", file=sys.stderr)
        return 2
    if args.volumes < 0:
        print(f"stackdouble: --volumes must be >= 0, not {args.volumes}", file=sys.stderr)
        return 2
    if args.compute_hosts < 1:
        print(f"stackdouble: --compute-hosts must be >= 1, not {args.compute_hosts}",
              file=sys.stderr)
        return 2
    if args.threads < 1:
        print(f"stackdouble: --threads must be >= 1, not {args.threads}", file=sys.stderr)
        return 2
    if not (math.isfinite(args.idle_timeout) and args.idle_timeout > 0):
        print(f"stackdouble: --idle-timeout must be a positive number of seconds, "
              f"not {args.idle_timeout}", file=sys.stderr)
        return 2
    if args.connection_limit is not None and args.connection_limit < 1:
        print(f"stackdouble: --connection-limit must be >= 1, not {args.connection_limit}",
              file=sys.stderr)
        return 2
    if args.control_token is not None:
        from stackdouble.fakes.control import validate_control_token

        try:
            validate_control_token(args.control_token)
        except ValueError as exc:
            print(f"stackdouble: --control-token: {exc}", file=sys.stderr)
            return 2
    if args.dump_secrets and not args.dump_state:
        print("stackdouble: --dump-secrets needs --dump-state PATH", file=sys.stderr)
        return 2
    if args.fsync and not args.data_dir:
        print("stackdouble: --fsync needs --data-dir DIR", file=sys.stderr)
        return 2
    return serve(host=args.host, port=args.port, seed=args.seed,
                 regions=tuple(args.regions or ("RegionOne",)),
                 clouds_yaml_path=args.write_clouds_yaml, servers=args.servers,
                 volumes=args.volumes, compute_hosts=args.compute_hosts,
                 threads=args.threads, idle_timeout=args.idle_timeout,
                 connection_limit=args.connection_limit, control_token=args.control_token,
                 state_path=args.state, dump_state_path=args.dump_state,
                 dump_secrets=args.dump_secrets, data_dir=args.data_dir,
                 fsync=args.fsync)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: int | None = None,
    regions: Sequence[str] = ("RegionOne",),
    clouds_yaml_path: str | None = None,
    out: TextIO | None = None,
    stop_event: threading.Event | None = None,
    servers: int = 0,
    volumes: int = 0,
    compute_hosts: int = 1,
    threads: int = 8,
    idle_timeout: float | None = None,
    connection_limit: int | None = None,
    control_token: str | None = None,
    err: TextIO | None = None,
    state_path: str | None = None,
    dump_state_path: str | None = None,
    dump_secrets: bool = False,
    data_dir: str | None = None,
    fsync: bool = False,
) -> int:
    """Serve a fake cloud until SIGINT/SIGTERM (or `stop_event`), printing how to use it.

    Args:
        host: Address to bind.
        port: Port; 0 picks a free one.
        seed: Seed for ids and tokens.
        regions: Catalog regions.
        clouds_yaml_path: Where to write a clouds.yaml as well, if anywhere.
        out: Where to print (stdout by default).
        stop_event: Set it to stop (for embedding); signals also stop the server.
        servers: ACTIVE servers to create in the demo project first (quotas lifted).
        volumes: available volumes to create in the demo project first (quotas lifted).
        compute_hosts: Compute hosts Nova places servers on (`compute.set_hosts`).
        threads: Worker threads.
        idle_timeout: Seconds before an idle keep-alive connection is closed (None: 5).
        connection_limit: Connections open at once (None: 1000, or half the open-file
            limit if lower).
        control_token: The token the control plane requires; None: none on loopback, a
            random one (printed) on any other address.
        err: Where to print warnings and errors (stderr by default).
        state_path: A state file to load after the defaults, before serving.
        dump_state_path: Where to write the state (state file format) once stopped.
        dump_secrets: Write passwords and keys in that dump (else `{env: ...}`).
        data_dir: A data directory keeping the cloud across restarts (`FakeCloud`'s
            `data_dir`). A new one is set up from the other options and saved; one that
            holds a cloud is restored, and the set-up options (`servers`, `volumes`,
            `compute_hosts`, `state_path`) must then be left out or be those it was made
            with.
        fsync: With `data_dir`, flush each write's record to the disk before answering
            (else to the operating system: kept if the process is killed).

    Returns:
        0 once stopped; 1 if the address could not be bound; 2 if the state file is bad,
        or the data directory cannot be used (in use, another version's, other options);
        the message on `err`.

    Raises:
        ValueError: A limit is not positive, or the control token is not printable ASCII.
    """
    from stackdouble.fakes import FakeCloud

    out = out or sys.stdout
    err = err or sys.stderr
    setup = {"servers": servers, "volumes": volumes, "compute_hosts": compute_hosts,
             "state": _file_digest(state_path) if state_path else None}
    restored = False
    if data_dir is not None:
        from stackdouble.fakes.persistence import PersistenceError

        try:
            cloud = FakeCloud(seed=seed, regions=regions, data_dir=data_dir, fsync=fsync)
        except PersistenceError as exc:
            print(f"stackdouble: {exc}", file=err)
            return 2
        assert cloud.persistence is not None
        restored = not cloud.persistence.created
        if restored:
            clash = _setup_clash(cloud.persistence.setup or {}, setup)
            if clash:
                cloud.close(checkpoint=False)
                print(f"stackdouble: data directory {data_dir} was set up with {clash}; "
                      f"leave those options out to restore it as it is, or use another "
                      f"directory", file=err)
                return 2
    else:
        cloud = FakeCloud(seed=seed, regions=regions)
    loaded: dict[str, int] | None = None
    if not restored:
        if compute_hosts != 1:
            cloud.compute.set_hosts(compute_hosts)
        if state_path:
            from stackdouble.fakes.statefile import StateFileError

            try:
                loaded = cloud.load_state(state_path)
            except StateFileError as exc:
                print(f"stackdouble: {exc}", file=err)
                cloud.close(checkpoint=False)
                return 2
        if servers:
            demo = cloud.project_id("demo")
            cloud.compute.set_quota(demo, instances=-1, cores=-1, ram=-1)
            cloud.compute.create_servers(demo, servers)
        if volumes:
            demo = cloud.project_id("demo")
            cloud.block_storage.set_quota(demo, volumes=-1, gigabytes=-1)
            cloud.block_storage.create_volumes(demo, volumes)
        if cloud.persistence is not None:
            cloud.persistence.checkpoint(setup=setup)
    try:
        served = cloud.serve(host=host, port=port, threads=threads, idle_timeout=idle_timeout,
                             connection_limit=connection_limit, control_token=control_token)
    except OSError as exc:
        _close_data_dir(cloud, err)
        print(f"stackdouble: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 1
    if not served.loopback:
        print(_exposed_warning(cloud, served.host, served.port), file=err, flush=True)
    stop = stop_event or threading.Event()
    previous = _install_signal_handlers(stop)
    try:
        yaml_text = _clouds_yaml(cloud)
        if clouds_yaml_path:
            with open(clouds_yaml_path, "w", encoding="utf-8") as fh:
                fh.write(yaml_text)
        if loaded is not None:
            made = ", ".join(f"{n} {section}" for section, n in loaded.items()) or "nothing"
            print(f"state: loaded {state_path} ({made})", file=out, flush=True)
        if cloud.persistence is not None:
            print(_data_dir_line(cloud.persistence), file=out, flush=True)
        _print_banner(cloud, served, yaml_text, clouds_yaml_path, out)
        while not stop.wait(0.5):
            if not served.running:
                break
    finally:
        served.stop()
        _restore_signal_handlers(previous)
        if dump_state_path:
            from stackdouble.fakes.statefile import write_state

            write_state(dump_state_path, cloud.dump_state(include_secrets=dump_secrets),
                        secret=dump_secrets)
            print(f"stackdouble: state written to {dump_state_path}", file=out, flush=True)
        _close_data_dir(cloud, err)
        print("stackdouble: stopped", file=out, flush=True)
    return 0


def _close_data_dir(cloud: Any, err: TextIO) -> None:
    """Checkpoint and unlock the data directory, if any; a failure is reported, not
    raised (the journal still holds every acknowledged write)."""
    from stackdouble.fakes.persistence import PersistenceError

    try:
        cloud.close()
    except PersistenceError as exc:
        print(f"stackdouble: {exc}", file=err, flush=True)


def _file_digest(path: str) -> str | None:
    """The SHA-256 of a file's content (None if it cannot be read: loading it will say)."""
    import hashlib

    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


_SETUP_DEFAULTS: dict[str, Any] = {"servers": 0, "volumes": 0, "compute_hosts": 1,
                                   "state": None}
_SETUP_OPTIONS = {"servers": "--servers", "volumes": "--volumes",
                  "compute_hosts": "--compute-hosts", "state": "--state"}


def _setup_clash(stored: dict[str, Any], asked: dict[str, Any]) -> str:
    """The set-up options asked for that differ from those a data directory was made with
    (an option left at its default takes the directory's)."""
    clashes = []
    for key, value in asked.items():
        was = stored.get(key, _SETUP_DEFAULTS[key])
        if value != _SETUP_DEFAULTS[key] and value != was:
            if key == "state":
                clashes.append("another --state file" if was else "no --state file")
            else:
                clashes.append(f"{_SETUP_OPTIONS[key]} {was}")
    return ", ".join(clashes)


def _data_dir_line(persistence: Any) -> str:
    sync = "fsync'd (--fsync)" if persistence.fsync else "not fsync'd"
    if persistence.created:
        return f"data dir: {persistence.path} (new; writes journaled, {sync})"
    return (f"data dir: {persistence.path} (restored, {persistence.replayed} journaled "
            f"requests replayed; writes journaled, {sync})")


def _clouds_yaml(cloud: Any) -> str:
    demo: str = cloud.clouds_yaml("stackdouble", user="demo")
    admin: str = cloud.clouds_yaml("stackdouble-admin", user="admin")
    return demo + admin.split("clouds:\n", 1)[1]


def _exposed_warning(cloud: Any, host: str, port: int) -> str:
    demo, admin = cloud.credentials("demo"), cloud.credentials("admin")
    return (
        f"stackdouble: WARNING: listening on {host}:{port}, not on loopback: whoever can "
        f"reach it can use the fake cloud's APIs with the well-known default logins "
        f"({admin['username']}/{admin['password']}, {demo['username']}/{demo['password']}). "
        f"Its control plane (/_stackdouble/: reset the cloud, expire every token, inject "
        f"faults, read the request log) needs the control token printed below."
    )


def _print_banner(cloud: Any, served: Any, yaml_text: str, path: str | None,
                  out: TextIO) -> None:
    url = served.url
    demo, admin = cloud.credentials("demo"), cloud.credentials("admin")
    lines = [
        f"stackdouble: fake cloud serving at {url}",
        f"auth URL: {cloud.auth_url}",
        f"demo login:  user {demo['username']} password {demo['password']} "
        f"project {demo['project_name']} (domain {demo['user_domain_name']})",
        f"admin login: user {admin['username']} password {admin['password']} "
        f"project {admin['project_name']} (domain {admin['user_domain_name']})",
        f"control plane: {url}/_stackdouble/state",
    ]
    if served.control_token is not None:
        lines.append(f"control token: {served.control_token} (send it as "
                     f"'Authorization: Bearer <token>')")
    lines.append(f"dashboard: {_dashboard_link(url, served.control_token)}")
    lines += [
        f"connections: idle ones closed after {served.idle_timeout:g} s, at most "
        f"{served.connection_limit} open, {served.threads} worker threads",
        "",
    ]
    if path:
        lines.append(f"clouds.yaml written to {path}")
    lines += ["--- clouds.yaml ---", yaml_text.rstrip("\n"), "--- end clouds.yaml ---", "",
              "# environment for the demo user:"]
    for key, value in cloud.os_environ("demo").items():
        lines.append(f"export {key}={_shell_quote(value)}")
    lines += ["", "Press Ctrl-C to stop."]
    print("\n".join(lines), file=out, flush=True)


def _dashboard_link(url: str, token: str | None) -> str:
    """The dashboard's address; with a control token, the token in the fragment, which
    browsers never send (the page keeps it for the tab and takes it out of the address)."""
    link = f"{url}/_stackdouble/"
    return link if token is None else f"{link}#token={quote(token, safe='')}"


def _shell_quote(value: str) -> str:
    if value and all(c.isalnum() or c in "-_./:@" for c in value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def _install_signal_handlers(stop: threading.Event) -> dict[int, Any]:
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)
    return previous


def _restore_signal_handlers(previous: dict[int, Any]) -> None:
    for sig, old in previous.items():
        signal.signal(sig, old)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

