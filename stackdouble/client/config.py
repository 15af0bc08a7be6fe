"""Cloud configuration as the OpenStack tools read it: clouds.yaml, secure.yaml and `OS_*`.

A user's existing files work unchanged. `load_cloud` finds the files where openstacksdk
looks, picks a cloud as openstacksdk does, and turns it into the options this client takes:
`AuthOptions` for the provider and `EndpointOpts` for the service clients.

Example to load a cloud from clouds.yaml and secure.yaml::

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "clouds.yaml").write_text('''
    ... clouds:
    ...   demo:
    ...     auth:
    ...       auth_url: https://keystone.example:5000
    ...       username: demo
    ...       project_name: demo
    ...       domain_name: Default
    ...     region_name: RegionOne
    ...     identity_api_version: 3
    ...     compute_default_microversion: 2.10
    ... ''')
    >>> _ = (folder / "secure.yaml").write_text("clouds: {demo: {auth: {password: s3cret}}}")
    >>> cloud = load_cloud("demo", config_files=[folder / "clouds.yaml"],
    ...                    secure_files=[folder / "secure.yaml"], env={})
    >>> cloud.auth_options.identity_endpoint, cloud.auth_type, cloud.endpoint_opts.region
    ('https://keystone.example:5000/v3', 'password', 'RegionOne')
    >>> cloud.service_options["compute"]["default_microversion"]
    '2.10'
    >>> "s3cret" in repr(cloud)
    False

Example to use the `OS_*` variables of an openrc file::

    >>> cloud = from_env({"OS_AUTH_URL": "https://keystone.example:5000/v3",
    ...                   "OS_TOKEN": "gAAAA-token", "OS_PROJECT_ID": "8f2c"})
    >>> cloud.name, cloud.auth_type, cloud.auth_options.auth_method, cloud.source
    ('envvars', 'token', 'token', 'envvars')

Where the files are looked for, first hit wins (`CONFIG_SEARCH_PATH` and `CONFIG_FILES` in
openstacksdk's `openstack/config/loader.py`): `$OS_CLIENT_CONFIG_FILE`, then in each of the
current directory, the user config dir (`$XDG_CONFIG_HOME/openstack`, else
`~/.config/openstack`; `$SNAP_REAL_HOME/.config/openstack` inside a snap), the site config dir
(the first entry of `$XDG_CONFIG_DIRS` plus `/openstack`, else `/etc/xdg/openstack`) and
`/etc/openstack`, the names `clouds.yaml`, `clouds.yml` and `clouds.json`. secure.yaml is found
the same way (`$OS_CLIENT_SECURE_FILE`, `secure.{yaml,yml,json}`) and merged over clouds.yaml.
openstacksdk asks platformdirs for the user and site dirs; this module does not depend on it
and uses the Linux paths everywhere, so on macOS and Windows put the files in
`~/.config/openstack` (or the current directory, or name them in `OS_CLIENT_CONFIG_FILE`).

Deliberate differences from openstacksdk:

- A file that does not parse, or that has no `clouds:` key, raises `ConfigError` instead of
  being skipped with a warning.
- Floats in YAML and JSON are kept as written, so `compute_default_microversion: 2.10` stays
  `"2.10"` (openstacksdk reads `2.1`, another microversion).
- The auth kind is inferred when `auth_type` is absent (a lone `OS_TOKEN` works).
- `OS_*` variables that hold no credentials or scope (`OS_INTERFACE` alone, say) make an
  `envvars` cloud that is chosen only by name, never by default.
- Vendor profiles (`profile:`) and `clouds-public.yaml` are not expanded.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._options import (
    SERVICE_TYPE_ALIASES,
    AuthOptions,
    Availability,
    EndpointOpts,
)

__all__ = ["AUTH_TYPES", "CloudConfig", "ConfigError", "from_env", "load_cloud"]

#: The name of the cloud made from `OS_*` variables, unless `OS_CLOUD_NAME` renames it.
ENVVARS_CLOUD = "envvars"

#: `OS_*` variables that only choose or locate a cloud; alone they make no envvars cloud.
_SELECTORS = frozenset(
    {
        "OS_CLOUD",
        "OS_REGION_NAME",
        "OS_CLIENT_CONFIG_FILE",
        "OS_CLIENT_SECURE_FILE",
        "OS_CLOUD_NAME",
    }
)
#: `OS_*` prefixes that belong to test runners, not to clouds (openstacksdk skips them too).
_IGNORED_PREFIXES = ("OS_TEST", "OS_STD", "OS_LOG")

#: Keys read into `auth`, from the `auth:` section or the top level of a cloud.
_AUTH_KEYS = (
    "auth_url",
    "username",
    "user_name",
    "user_id",
    "password",
    "api_key",
    "token",
    "auth_token",
    "project_id",
    "project_name",
    "tenant_id",
    "tenant_name",
    "domain_id",
    "domain_name",
    "user_domain_id",
    "user_domain_name",
    "project_domain_id",
    "project_domain_name",
    "default_domain_id",
    "default_domain_name",
    "system_scope",
    "trust_id",
    "application_credential_id",
    "application_credential_name",
    "application_credential_secret",
)
#: Keys for which a top-level value beats the `auth:` section (openstacksdk's
#: `_fix_backwards_auth`); for the others the `auth:` section wins (its `_validate_auth`).
_TOP_LEVEL_WINS = frozenset(
    {
        "domain_id",
        "domain_name",
        "user_domain_id",
        "user_domain_name",
        "project_domain_id",
        "project_domain_name",
        "token",
        "auth_token",
        "project_id",
        "project_name",
        "tenant_id",
        "tenant_name",
    }
)
#: `OS_*` keys that say the environment holds a cloud (credentials, endpoint or scope).
_ENV_AUTH_KEYS = frozenset(_AUTH_KEYS)

_APP_CRED_KEYS = (
    "application_credential_id",
    "application_credential_name",
    "application_credential_secret",
)
_DROP_FOR_KIND: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "password": ("token", "api_key", *_APP_CRED_KEYS),
        "token": ("password", "api_key", *_APP_CRED_KEYS),
        "application_credential": ("password", "token", "api_key"),
        "api_key": ("password", "token", *_APP_CRED_KEYS),
    }
)

#: Supported `auth_type` values: the credentials each uses and the identity version it implies.
AUTH_TYPES: Mapping[str, tuple[str, str | None]] = MappingProxyType(
    {
        "password": ("password", None),
        "v2password": ("password", "2.0"),
        "v3password": ("password", "3"),
        "token": ("token", None),
        "v2token": ("token", "2.0"),
        "v3token": ("token", "3"),
        "v3applicationcredential": ("application_credential", "3"),
        "rackspace_apikey": ("api_key", "2.0"),
    }
)

#: Per-service key suffixes, longest first so `endpoint_override` is not read as `endpoint`.
_SERVICE_SUFFIXES = (
    "status_code_retry_delay",
    "default_microversion",
    "connect_retry_delay",
    "status_code_retries",
    "endpoint_override",
    "connect_retries",
    "service_name",
    "service_type",
    "api_version",
    "region_name",
    "interface",
    "endpoint",
)
#: Keys that apply to every service when given without a prefix (openstacksdk's
#: `fallback_to_unprefixed=True`); kept under the service type `"*"`.
_UNPREFIXED_SERVICE_KEYS = frozenset(
    {"status_code_retries", "status_code_retry_delay", "connect_retries", "connect_retry_delay"}
)


def _build_prefixes() -> Mapping[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for official, aliases in SERVICE_TYPE_ALIASES.items():
        table[official.replace("-", "_")] = (official, 0)
        for rank, alias in enumerate(aliases, start=1):
            table.setdefault(alias.replace("-", "_"), (official, rank))
    return MappingProxyType(table)


#: Key prefix (`block_storage`, `volume`, ...) → (official service type, rank: 0 wins).
_SERVICE_PREFIXES = _build_prefixes()

#: The site config dirs: XDG's default (when `$XDG_CONFIG_DIRS` is unset) and the Unix one.
_XDG_SITE_DIR = "/etc/xdg"
_UNIX_SITE_DIR = "/etc/openstack"

_VERSION_IN_PATH = re.compile(r"/v\d+(\.\d+)?(/|$)")


class ConfigError(StackdoubleError, ValueError):
    """A config file that cannot be read, or a cloud that cannot be found or chosen.

    Raised by `load_cloud` and `from_env` before anything is sent. Messages name files, lines,
    clouds and keys, never a value from the file: a YAML parser's own message quotes the line,
    which may hold a password, so it is not chained.

    Attributes:
        path: The file at fault, or None.
        line: The 1-based line of a parse error, or None.
        cloud: The cloud at fault or asked for, or None.
        available: The cloud names that do exist, when choosing one failed.
        searched: The files looked for, when choosing a cloud failed.

    Example:
        >>> err = ConfigError("no cloud named 'x'", cloud="x", available=("a", "b"))
        >>> isinstance(err, ValueError), err.available
        (True, ('a', 'b'))
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        cloud: str | None = None,
        available: Iterable[str] = (),
        searched: Iterable[str] = (),
    ) -> None:
        self.path = path
        self.line = line
        self.cloud = cloud
        self.available = tuple(available)
        self.searched = tuple(searched)
        super().__init__(message)


@dataclass(frozen=True, slots=True, kw_only=True)
class CloudConfig:
    """One cloud, resolved: the options to authenticate and to pick endpoints.

    Attributes:
        name: The cloud's name (`envvars`, or `OS_CLOUD_NAME`, for the environment's cloud).
        auth_options: What to give `openstack.authenticated_client`; secrets stay out of its
            repr.
        endpoint_opts: The region and interface for the service clients.
        regions: Every region the cloud names (`regions:` or `region_name`), in order.
        identity_api_version: `identity_api_version` as given (`"3"`, `"2.0"`), or None.
        verify: TLS verification: True, False (`insecure`, `verify: false`) or a CA bundle
            path (`cacert`).
        cert: A client certificate path, or a (cert, key) pair, or None.
        api_timeout: `api_timeout` (or `OS_API_TIMEOUT`) in seconds, one limit for connecting
            and for each read, as openstacksdk hands it to keystoneauth; give it to the
            provider (`authenticated_client(opts, timeout=cloud.api_timeout)`). None when
            unset: the provider then keeps its defaults (10 s to connect, 120 s per read;
            openstacksdk would wait forever).
        auth_type: `auth_type` as given, or the one inferred from the credentials present.
        service_options: Per-service keys grouped by official service type, e.g.
            `{"compute": {"api_version": "2.1", "default_microversion": "2.79"}}`; keys given
            without a prefix that apply to every service (`status_code_retries`...) sit under
            `"*"`.
        source: The file or files the cloud came from, or `envvars`.
    """

    name: str
    auth_options: AuthOptions
    endpoint_opts: EndpointOpts
    regions: tuple[str, ...] = ()
    identity_api_version: str | None = None
    verify: bool | str = True
    cert: str | tuple[str, str] | None = None
    api_timeout: float | None = None
    auth_type: str = "password"
    service_options: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    source: str = ""

    def to_auth_options(self) -> AuthOptions:
        """The options to authenticate with (the same object as `auth_options`)."""
        return self.auth_options

    def service_option(self, service_type: str, key: str, default: str | None = None) -> str | None:
        """A per-service setting, read as openstacksdk reads it.

        Args:
            service_type: The official type or an alias (`block-storage`, `volumev3`).
            key: The setting without its prefix (`api_version`, `status_code_retries`).
            default: What to return when the setting is absent.

        Returns:
            The service's own value, else (for the retry settings) the unprefixed one, else
            `default`.

        Example:
            >>> cloud = from_env({"OS_AUTH_URL": "https://k.example/v3", "OS_TOKEN": "t",
            ...                   "OS_VOLUME_API_VERSION": "3", "OS_STATUS_CODE_RETRIES": "2"})
            >>> cloud.service_option("block-storage", "api_version")
            '3'
            >>> cloud.service_option("compute", "status_code_retries")
            '2'
        """
        official = _official_type(service_type)
        value = self.service_options.get(official, {}).get(key)
        if value is None and key in _UNPREFIXED_SERVICE_KEYS:
            value = self.service_options.get("*", {}).get(key)
        return default if value is None else value

    def endpoint_opts_for(self, service_type: str) -> EndpointOpts:
        """The endpoint options for one service, with its own region, interface and name.

        Args:
            service_type: The official type or an alias.

        Returns:
            `endpoint_opts` with `<service>_region_name`, `<service>_interface` and
            `<service>_service_name` applied.

        Raises:
            InvalidInput: `<service>_interface` is not public, internal or admin.

        Example:
            >>> cloud = from_env({"OS_AUTH_URL": "https://k.example/v3", "OS_TOKEN": "t",
            ...                   "OS_REGION_NAME": "R1", "OS_COMPUTE_INTERFACE": "internal"})
            >>> opts = cloud.endpoint_opts_for("compute")
            >>> opts.type, opts.region, opts.interface
            ('compute', 'R1', 'internal')
        """
        official = _official_type(service_type)
        own = self.service_options.get(official, {})
        interface = own.get("interface")
        return EndpointOpts(
            type=official,
            name=own.get("service_name", self.endpoint_opts.name),
            region=own.get("region_name", self.endpoint_opts.region),
            availability=(
                _availability(interface, f"{official}_interface")
                if interface is not None
                else self.endpoint_opts.availability
            ),
        )


def load_cloud(
    name: str | None = None,
    *,
    config_files: Sequence[str | Path] | None = None,
    secure_files: Sequence[str | Path] | None = None,
    env: Mapping[str, str] | None = None,
    region_name: str | None = None,
) -> CloudConfig:
    """Find a cloud in clouds.yaml, secure.yaml or the `OS_*` variables.

    The cloud is `name`, else `$OS_CLOUD`, else the environment's cloud when `OS_*`
    credentials, an auth URL or a scope are set, else the only cloud the files define.
    Environment variables are not merged into a cloud from a file (openstacksdk's rule; OSC
    differs), and that includes `OS_REGION_NAME`: openstacksdk reads it only into the
    environment's cloud.

    Args:
        name: The cloud to load.
        config_files: Files to try instead of the standard search path (the first one that
            exists wins); `$OS_CLIENT_CONFIG_FILE` is still tried first.
        secure_files: The same for secure.yaml (`$OS_CLIENT_SECURE_FILE` first).
        env: The environment, `os.environ` by default. `HOME`, `XDG_CONFIG_HOME`,
            `XDG_CONFIG_DIRS` and `SNAP_REAL_HOME` are read from it too.
        region_name: The region to use; beats the cloud's own `region_name`, and must be one
            of its `regions:` when it lists some.

    Returns:
        The resolved cloud. Nothing is sent over the network.

    Raises:
        ConfigError: A file does not parse or lacks `clouds:`, the cloud does not exist or
            is not a mapping, several clouds exist and none is chosen, or the region is not
            one of the cloud's `regions:`.
        InvalidInput: The credentials do not fit `auth_type` (the message names the missing
            keys, never a value), the `auth_type` is not supported, or a value such as
            `interface` or `api_timeout` is malformed.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "clouds.yaml").write_text(
        ...     "clouds: {a: {auth: {auth_url: 'https://a.example/v3', token: t}},"
        ...     " b: {auth: {auth_url: 'https://b.example/v3', token: t}}}")
        >>> load_cloud(config_files=[folder / "clouds.yaml"], secure_files=[],
        ...            env={"OS_CLOUD": "b"}).auth_options.identity_endpoint
        'https://b.example/v3'
        >>> try:
        ...     load_cloud(config_files=[folder / "clouds.yaml"], secure_files=[], env={})
        ... except ConfigError as err:
        ...     print(err)
        2 clouds are defined (a, b) and none was chosen: pass a name or set OS_CLOUD
    """
    env = os.environ if env is None else env
    clouds_paths = _search(config_files, "clouds", "OS_CLIENT_CONFIG_FILE", env)
    secure_paths = _search(secure_files, "secure", "OS_CLIENT_SECURE_FILE", env)
    clouds_found = _read_first(clouds_paths)
    file_clouds, origin = _merge_files(clouds_found, _read_first(secure_paths))
    envvar_key = env.get("OS_CLOUD_NAME") or ENVVARS_CLOUD
    env_cloud = _env_cloud(env)
    if env_cloud is not None and envvar_key in file_clouds:
        raise ConfigError(
            f"{', '.join(origin[envvar_key])} defines a cloud named {envvar_key!r}, the name "
            f"of the cloud made from OS_* variables; rename it, or set OS_CLOUD_NAME",
            path=origin[envvar_key][0],
            cloud=envvar_key,
        )
    searched = tuple(clouds_paths)
    chosen = name or env.get("OS_CLOUD") or None
    if chosen is None:
        if env_cloud is not None and _has_auth_vars(env_cloud):
            chosen = envvar_key
        elif len(file_clouds) == 1:
            chosen = next(iter(file_clouds))
        else:
            raise _no_choice(file_clouds, clouds_found, searched)
    if env_cloud is not None and chosen == envvar_key:
        return _resolve(chosen, env_cloud, region_name, source=ENVVARS_CLOUD)
    if chosen not in file_clouds:
        available = [*file_clouds, *([envvar_key] if env_cloud is not None else [])]
        where = clouds_found[0] if clouds_found else "no clouds.yaml was found"
        raise ConfigError(
            f"no cloud named {chosen!r} ({where}); clouds available: "
            f"{', '.join(available) or 'none'}; searched: {', '.join(searched) or 'nothing'}",
            path=clouds_found[0] if clouds_found else None,
            cloud=chosen,
            available=available,
            searched=searched,
        )
    source = ", ".join(origin[chosen])
    if not isinstance(file_clouds[chosen], Mapping):
        raise ConfigError(
            f"{source}: cloud {chosen!r} is not a mapping", path=origin[chosen][0], cloud=chosen
        )
    return _resolve(chosen, file_clouds[chosen], region_name, source=source)


def from_env(env: Mapping[str, str] | None = None) -> CloudConfig:
    """The cloud made from `OS_*` variables alone; no file is read.

    Args:
        env: The environment, `os.environ` by default.

    Returns:
        The environment's cloud, named `$OS_CLOUD_NAME` or `envvars`.

    Raises:
        ConfigError: No `OS_*` credential, auth URL or scope variable is set.
        InvalidInput: As for `load_cloud`.

    Example:
        >>> cloud = from_env({"OS_AUTH_URL": "https://keystone.example:5000",
        ...                   "OS_IDENTITY_API_VERSION": "2.0", "OS_USERNAME": "demo",
        ...                   "OS_PASSWORD": "s3cret", "OS_TENANT_NAME": "demo"})
        >>> cloud.auth_options.identity_endpoint, cloud.auth_options.project_name
        ('https://keystone.example:5000/v2.0', 'demo')
        >>> from_env({"OS_CLOUD": "demo"})
        Traceback (most recent call last):
            ...
        stackdouble.client.config.ConfigError: no OS_* credentials, auth URL or scope are set
    """
    env = os.environ if env is None else env
    env_cloud = _env_cloud(env)
    if env_cloud is None or not _has_auth_vars(env_cloud):
        raise ConfigError("no OS_* credentials, auth URL or scope are set")
    name = env.get("OS_CLOUD_NAME") or ENVVARS_CLOUD
    return _resolve(name, env_cloud, None, source=ENVVARS_CLOUD)


# --- finding and reading files -------------------------------------------------------------


def _search_dirs(env: Mapping[str, str]) -> list[str]:
    home = env.get("HOME") or str(Path.home())
    user_dir = env.get("XDG_CONFIG_HOME", "").strip() or os.path.join(home, ".config")
    snap_home = env.get("SNAP_REAL_HOME")
    unix_user_dir = os.path.join(snap_home or home, ".config")
    xdg_dirs = env.get("XDG_CONFIG_DIRS", "").split(os.pathsep)[0].strip() or _XDG_SITE_DIR
    dirs = [
        os.getcwd(),
        os.path.join(user_dir, "openstack"),
        os.path.join(unix_user_dir, "openstack"),
        os.path.join(xdg_dirs, "openstack"),
        _UNIX_SITE_DIR,
    ]
    return list(dict.fromkeys(dirs))


def _search(
    given: Sequence[str | Path] | None, stem: str, override: str, env: Mapping[str, str]
) -> list[str]:
    if given is not None:
        paths = [os.fspath(p) for p in given]
    else:
        paths = [
            os.path.join(folder, stem + suffix)
            for folder in _search_dirs(env)
            for suffix in (".yaml", ".yml", ".json")
        ]
    first = env.get(override)
    if first:
        paths.insert(0, os.path.expanduser(first))
    return paths


def _read_first(paths: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    for path in paths:
        try:
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as handle:
                raw = handle.read()
        except (OSError, ValueError):
            continue  # unreadable: try the next one, as openstacksdk does
        return path, _clouds_of(path, _parse(path, raw))
    return None


def _parse(path: str, raw: bytes) -> Any:
    # Errors are raised outside the `except` blocks, so that the parser's exception (whose
    # message quotes the file's text, perhaps a password) is neither chained nor kept as
    # the context.
    error: ConfigError | None = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        error = ConfigError(f"{path}, line {line}: not UTF-8", path=path, line=line)
    if error is not None:
        raise error
    if not path.endswith(".json"):
        return _parse_yaml(path, text)
    try:
        return json.loads(text, parse_float=str) if text.strip() else None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        error = ConfigError(f"{path}, {where}: invalid JSON: {exc.msg}", path=path, line=exc.lineno)
    raise error


def _parse_yaml(path: str, text: str) -> Any:
    import yaml  # only when a file is read: `import stackdouble.client` stays light

    class _Loader(yaml.SafeLoader):
        """SafeLoader that keeps floats as written ("2.10" is a microversion, not 2.1)."""

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f", line {line}, column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "invalid YAML"
        error = ConfigError(f"{path}{where}: invalid YAML: {what}", path=path, line=line)
    except yaml.YAMLError:
        error = ConfigError(f"{path}: invalid YAML", path=path)
    raise error


def _clouds_of(path: str, data: Any) -> dict[str, Any]:
    if data is None:
        return {}  # an empty file defines no cloud, as in openstacksdk
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path}: the top level is not a mapping", path=path)
    if "clouds" not in data:
        raise ConfigError(f"{path}: no 'clouds:' key", path=path)
    clouds = data["clouds"]
    if clouds is None:
        return {}
    if not isinstance(clouds, Mapping):
        raise ConfigError(f"{path}: 'clouds:' is not a mapping of cloud names", path=path)
    return {str(key): value for key, value in clouds.items()}


def _merge_files(
    *found: tuple[str, dict[str, Any]] | None,
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Every cloud, later files deep-merged over earlier ones, and the files each came from."""
    clouds: dict[str, Any] = {}
    origin: dict[str, list[str]] = {}
    for item in found:
        if item is None:
            continue
        path, defined = item
        for name, cloud in defined.items():
            clouds[name] = _merge(clouds.get(name), cloud)
            origin.setdefault(name, []).append(path)
    return clouds, origin


def _merge(base: Any, over: Any) -> Any:
    """Deep-merge `over` into `base`, as openstacksdk's `merge_clouds`."""
    if not isinstance(base, Mapping) or not isinstance(over, Mapping):
        return over if over is not None or base is None else base
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(merged.get(key), value) if isinstance(value, Mapping) else value
    return merged


def _no_choice(
    file_clouds: Mapping[str, Any],
    clouds_found: tuple[str, Any] | None,
    searched: Sequence[str],
) -> ConfigError:
    if file_clouds:
        names = ", ".join(file_clouds)
        return ConfigError(
            f"{len(file_clouds)} clouds are defined ({names}) and none was chosen: "
            f"pass a name or set OS_CLOUD",
            path=clouds_found[0] if clouds_found else None,
            available=file_clouds,
            searched=searched,
        )
    where = f"{clouds_found[0]} defines none" if clouds_found else "no clouds.yaml was found"
    return ConfigError(
        f"no cloud is configured: {where} and no OS_* credentials are set; "
        f"searched: {', '.join(searched) or 'nothing'}",
        path=clouds_found[0] if clouds_found else None,
        searched=searched,
    )


# --- the environment's cloud ---------------------------------------------------------------


def _env_cloud(env: Mapping[str, str]) -> dict[str, Any] | None:
    names = [key for key in env if key.startswith("OS_") and not key.startswith(_IGNORED_PREFIXES)]
    if not set(names) - _SELECTORS:
        return None
    return {key.split("_", 1)[1].lower(): env[key] for key in names}


def _has_auth_vars(cloud: Mapping[str, Any]) -> bool:
    return any(key in _ENV_AUTH_KEYS and cloud[key] for key in cloud)


# --- resolving one cloud -------------------------------------------------------------------


def _normalize(value: Any) -> Any:
    """Keys with `-` become `_` at every level, as openstacksdk's `normalize_keys`."""
    if isinstance(value, Mapping):
        return {str(key).replace("-", "_"): _normalize(item) for key, item in value.items()}
    return value


def _resolve(
    name: str, raw: Mapping[str, Any], region_name: str | None, *, source: str
) -> CloudConfig:
    cloud = _legacy_keys(_normalize(raw))
    regions, region, values = _pick_region(name, cloud, region_name, source)
    for key, value in values.items():
        if key == "auth" and isinstance(value, Mapping) and isinstance(cloud.get("auth"), Mapping):
            cloud["auth"] = {**cloud["auth"], **value}
        else:
            cloud[key] = value
    if not isinstance(cloud.get("auth") or {}, Mapping):
        raise ConfigError(f"{source}: cloud {name!r}: 'auth:' is not a mapping", cloud=name)

    auth = _collect_auth(name, cloud, source)
    auth_type, kind, implied = _auth_type(name, cloud, auth)
    for key in _DROP_FOR_KIND[kind]:
        auth.pop(key, None)
    _require(name, auth_type, kind, auth, profile=cloud.get("profile") or cloud.get("cloud"),
             from_env=source == ENVVARS_CLOUD)

    given_version = _text(cloud.get("identity_api_version"))
    version = _identity_version(name, auth_type, given_version, implied)
    auth_url = _versioned_url(auth["auth_url"], version)
    return CloudConfig(
        name=name,
        auth_options=_auth_options(auth, auth_url),
        endpoint_opts=EndpointOpts(
            region=region or None,
            availability=_availability(cloud.get("interface", "public"), "interface"),
        ),
        regions=regions,
        identity_api_version=given_version,
        verify=_verify(cloud),
        cert=_cert(cloud),
        api_timeout=_timeout(cloud.get("api_timeout")),
        auth_type=auth_type,
        service_options=_service_options(cloud),
        source=source,
    )


def _legacy_keys(cloud: dict[str, Any]) -> dict[str, Any]:
    """`auth_plugin` → `auth_type`, `*endpoint_type` → `*interface` (openstacksdk's fixes)."""
    if "auth_plugin" in cloud:
        plugin = cloud.pop("auth_plugin")
        cloud.setdefault("auth_type", plugin)
    for key in [k for k in cloud if k.endswith("endpoint_type")]:
        value = cloud.pop(key)
        cloud.setdefault(key[: -len("endpoint_type")] + "interface", value)
    return cloud


def _pick_region(
    name: str, cloud: dict[str, Any], wanted: str | None, source: str
) -> tuple[tuple[str, ...], str | None, Mapping[str, Any]]:
    listed = "regions" in cloud and cloud["regions"] is not None
    entries = _region_entries(name, cloud.pop("regions", None), source) if listed else []
    single = cloud.pop("region_name", None)
    if not listed and single:
        entries = [(n, {}) for n in _names(single)]
    names = tuple(entry_name for entry_name, _ in entries)
    if wanted:
        for entry_name, values in entries:
            if entry_name == wanted:
                return names, wanted, values
        if listed:
            raise ConfigError(
                f"region {wanted!r} is not one of cloud {name!r}'s regions "
                f"({', '.join(names) or 'none'}); region names are case sensitive",
                cloud=name,
                available=names,
            )
        return names, wanted, {}
    if entries:
        return names, entries[0][0], entries[0][1]
    return names, None, {}


def _names(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        items = [items]
    return [str(item).strip() for item in items if str(item).strip()]


def _region_entries(name: str, value: Any, source: str) -> list[tuple[str, Mapping[str, Any]]]:
    if isinstance(value, str):
        return [(n, {}) for n in _names(value)]
    if not isinstance(value, list):
        raise ConfigError(f"{source}: cloud {name!r}: 'regions:' is not a list", cloud=name)
    entries: list[tuple[str, Mapping[str, Any]]] = []
    for item in value:
        if isinstance(item, Mapping):
            values = item.get("values") or {}
            if (
                "name" not in item
                or set(item) - {"name", "values"}
                or not isinstance(values, Mapping)
            ):
                raise ConfigError(
                    f"{source}: cloud {name!r}: a region entry needs 'name' and may have only "
                    f"'values' (a mapping) beside it",
                    cloud=name,
                )
            entries.append((str(item["name"]), _normalize(values)))
        elif item is not None and str(item).strip():
            entries.append((str(item).strip(), {}))
    return entries


def _text(value: Any) -> str | None:
    """A scalar as text; None for None, "" and collections. Never stripped: a password's
    spaces are its own."""
    if value is None or isinstance(value, (Mapping, list)):
        return None
    text = str(value)
    return text or None


def _collect_auth(name: str, cloud: Mapping[str, Any], source: str) -> dict[str, str]:
    section = cloud.get("auth") or {}
    auth: dict[str, str] = {}
    for key in _AUTH_KEYS:
        inner, top = section.get(key), cloud.get(key)
        if isinstance(inner, (Mapping, list)) or isinstance(top, (Mapping, list)):
            raise ConfigError(
                f"{source}: cloud {name!r}: {key!r} must be a single value", cloud=name
            )
        top_text, inner_text = _text(top), _text(inner)
        if top_text is not None and (key in _TOP_LEVEL_WINS or inner_text is None):
            auth[key] = top_text
        elif inner_text is not None:
            auth[key] = inner_text
    # Older spellings: the newer one wins when both are set.
    for old, new in (("user_name", "username"), ("auth_token", "token")):
        if old in auth:
            auth.setdefault(new, auth[old])
            del auth[old]
    v2 = str(cloud.get("auth_type") or "").strip().lower() == "v2password"
    for old, new in (("tenant_id", "project_id"), ("tenant_name", "project_name")):
        if old in auth:
            value = auth.pop(old)
            if v2 or new not in auth:
                auth[new] = value  # openstacksdk lets tenant_* win only for v2password
    return auth


def _auth_type(
    name: str, cloud: Mapping[str, Any], auth: Mapping[str, str]
) -> tuple[str, str, str | None]:
    given = _text(cloud.get("auth_type"))
    if given is None:
        if any(key in auth for key in _APP_CRED_KEYS):
            given = "v3applicationcredential"
        elif "api_key" in auth:
            given = "rackspace_apikey"
        elif "password" not in auth and "token" in auth:
            given = "token"
        else:
            given = "password"
    key = given.lower()
    if key not in AUTH_TYPES:
        raise InvalidInput(
            f"cloud {name!r}: auth_type {given!r} is not supported; use one of "
            f"{', '.join(AUTH_TYPES)}",
            "auth_type",
        )
    kind, implied = AUTH_TYPES[key]
    return key, kind, implied


def _require(
    name: str,
    auth_type: str,
    kind: str,
    auth: Mapping[str, str],
    *,
    profile: Any,
    from_env: bool = False,
) -> None:
    missing: list[str] = []
    if "auth_url" not in auth:
        missing.append("auth_url")
    user_domain = any(
        key in auth
        for key in (
            "user_domain_id",
            "user_domain_name",
            "default_domain_id",
            "default_domain_name",
        )
    ) or (_project_scoped(auth) and ("domain_id" in auth or "domain_name" in auth))
    if kind == "password":
        if "username" not in auth and "user_id" not in auth:
            missing.append("username or user_id")
        if "password" not in auth:
            missing.append("password")
        if auth_type == "v3password" and "user_id" not in auth and not user_domain:
            missing.append("user_domain_name or user_domain_id")
    elif kind == "token":
        if "token" not in auth:
            missing.append("token")
    elif kind == "application_credential":
        if "application_credential_secret" not in auth:
            missing.append("application_credential_secret")
        if "application_credential_id" not in auth:
            if "application_credential_name" not in auth:
                missing.append("application_credential_id or application_credential_name")
            elif "user_id" not in auth and "username" not in auth:
                missing.append("user_id or username (to find the credential by name)")
            elif "user_id" not in auth and not user_domain:
                missing.append("user_domain_name or user_domain_id")
    else:  # api_key
        if "username" not in auth:
            missing.append("username")
        if "api_key" not in auth:
            missing.append("api_key")
    if missing:
        hint = (
            f" (profile {str(profile)!r} is not expanded here)"
            if profile and ("auth_url" in missing)
            else ""
        )
        variables = f" (set {', '.join(_env_names(m) for m in missing)})" if from_env else ""
        raise InvalidInput(
            f"cloud {name!r}: auth_type {auth_type!r} needs {', '.join(missing)}{variables}"
            f"{hint}",
            missing[0].split(" ", 1)[0],
        )


def _env_names(missing: str) -> str:
    """`username or user_id (why)` as the variables that hold them: `OS_USERNAME or OS_USER_ID`."""
    keys = missing.split(" (", 1)[0].split(" or ")
    return " or ".join("OS_" + key.upper() for key in keys)


def _project_scoped(auth: Mapping[str, str]) -> bool:
    return "project_id" in auth or "project_name" in auth


def _identity_version(
    name: str, auth_type: str, given: str | None, implied: str | None
) -> str | None:
    version = {"2": "2.0", "2.0": "2.0", "3": "3", "3.0": "3"}.get(
        (given or "").strip().lower().lstrip("v")
    )
    if version and implied and version != implied:
        raise InvalidInput(
            f"cloud {name!r}: auth_type {auth_type!r} speaks identity v{implied}, but "
            f"identity_api_version is {given!r}",
            "identity_api_version",
        )
    return version or implied


def _versioned_url(url: str, version: str | None) -> str:
    """Append `/v3` or `/v2.0` to an auth URL whose path names no version."""
    if version is None:
        return url
    parts = urlsplit(url)
    if _VERSION_IN_PATH.search(parts.path):
        return url
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/v" + version))


def _auth_options(auth: Mapping[str, str], auth_url: str) -> AuthOptions:
    project = _project_scoped(auth)
    # keystoneauth: domain_* is the scope when no project is set; with a project it is the
    # default for the user's and the project's domains (as gophercloud reads it), and
    # default_domain_* is that default in any case.
    domain_id, domain_name = auth.get("domain_id"), auth.get("domain_name")
    default_id, default_name = auth.get("default_domain_id"), auth.get("default_domain_name")
    return AuthOptions(
        identity_endpoint=auth_url,
        username=auth.get("username"),
        user_id=auth.get("user_id"),
        password=auth.get("password"),
        api_key=auth.get("api_key"),
        user_domain_id=auth.get("user_domain_id"),
        user_domain_name=auth.get("user_domain_name"),
        project_id=auth.get("project_id"),
        project_name=auth.get("project_name"),
        project_domain_id=auth.get("project_domain_id"),
        project_domain_name=auth.get("project_domain_name"),
        system_scope=auth.get("system_scope"),
        trust_id=auth.get("trust_id"),
        token_id=auth.get("token"),
        application_credential_id=auth.get("application_credential_id"),
        application_credential_name=auth.get("application_credential_name"),
        application_credential_secret=auth.get("application_credential_secret"),
        domain_id=domain_id if project and domain_id else default_id,
        domain_name=domain_name if project and domain_name else default_name,
        scope_domain_id=None if project else domain_id,
        scope_domain_name=None if project else domain_name,
    )


def _availability(value: Any, key: str) -> Availability:
    text = str(value).strip().lower() if isinstance(value, (str, Availability)) else ""
    if text.endswith("url"):
        text = text[:-3]  # keystone v2 spellings: publicURL, internalURL, adminURL
    try:
        return Availability(text)
    except ValueError:
        raise InvalidInput(
            f"{key} must be public, internal or admin, not {_shorten(value)}", key
        ) from None


def _shorten(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0", ""})


def _flag(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidInput(f"{key} must be true or false, not {_shorten(value)}", key)


def _verify(cloud: Mapping[str, Any]) -> bool | str:
    """openstacksdk's `get_requests_verify_args`: insecure wins, then cacert, then verify."""
    raw = cloud.get("verify")
    verify: bool | str
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        verify = True
    elif isinstance(raw, bool) or str(raw).strip().lower() in _TRUE | _FALSE:
        verify = _flag(raw, "verify")
    else:
        verify = os.path.expanduser(str(raw))
    if _flag(cloud.get("insecure", False), "insecure"):
        return False
    cacert = _text(cloud.get("cacert"))
    if verify and cacert:
        return os.path.expanduser(cacert)
    return verify


def _cert(cloud: Mapping[str, Any]) -> str | tuple[str, str] | None:
    cert, key = _text(cloud.get("cert")), _text(cloud.get("key"))
    if cert is None:
        return None
    if key is None:
        return os.path.expanduser(cert)
    return (os.path.expanduser(cert), os.path.expanduser(key))


def _timeout(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0 or isinstance(value, bool):
        raise InvalidInput(
            f"api_timeout must be a positive number of seconds, not {_shorten(value)}",
            "api_timeout",
        )
    return seconds


def _official_type(service_type: str) -> str:
    prefix = service_type.strip().lower().replace("-", "_")
    if prefix in _SERVICE_PREFIXES:
        return _SERVICE_PREFIXES[prefix][0]
    return prefix.replace("_", "-")


def _service_options(cloud: Mapping[str, Any]) -> Mapping[str, Mapping[str, str]]:
    found: dict[str, dict[str, tuple[int, str]]] = {}
    for key, value in cloud.items():
        text = _text(value) if not isinstance(value, bool) else str(value).lower()
        if text is None:
            continue
        if key in _UNPREFIXED_SERVICE_KEYS:
            found.setdefault("*", {})[key] = (0, text)
            continue
        for suffix in _SERVICE_SUFFIXES:
            if key.endswith("_" + suffix) and len(key) > len(suffix) + 1:
                prefix = key[: -len(suffix) - 1]
                official, rank = _SERVICE_PREFIXES.get(prefix, (prefix.replace("_", "-"), 0))
                have = found.setdefault(official, {}).get(suffix)
                if have is None or rank < have[0]:
                    found[official][suffix] = (rank, text)
                break
    return MappingProxyType(
        {
            service: MappingProxyType({key: text for key, (_, text) in sorted(opts.items())})
            for service, opts in sorted(found.items())
        }
    )
