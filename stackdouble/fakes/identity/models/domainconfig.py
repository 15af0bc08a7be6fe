"""Keystone's domain-specific configuration (the fake of `identity/v3/domainconfig/`):
`/v3/domains/{domain_id}/config[/{group}[/{option}]]` and the defaults under
`/v3/domains/config/...`.

As Keystone 30's `DomainConfigManager` (`keystone/resource/core.py`) and its SQL backend
(`keystone/resource/config_backends/sql.py`):

- only the whitelisted options (`identity.driver`, `identity.list_limit`, the `ldap.*`
  options of the identity driver) and the sensitive ones (`ldap.password`) may be stored;
  anything else is a 403 "Invalid domain specific configuration: ...";
- a sensitive option is stored but never read back through the API: it is left out of
  every answer, and reading it alone is a 404 as for an option never set;
- a PUT replaces the whole configuration (201 the first time, 200 after); a PATCH merges,
  and a PATCH of a group or an option needs it to exist already (404);
- a value is any JSON value, kept as given;
- the defaults are the `keystone.conf` values of the whitelisted options
  (`data/domain_config_defaults.json`, as Keystone 30 answers them with no `[ldap]` section);
- `security_compliance` reads two `keystone.conf` options, for the Default domain only;
- deleting a domain deletes its configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.identity.errors import DomainConfigNotFound, InvalidDomainConfig
from stackdouble.fakes.identity.models._common import DEFAULT_DOMAIN_ID, _ModelBase
from stackdouble.fakes.locking import locked

__all__ = [
    "SECURITY_COMPLIANCE_OPTIONS",
    "SENSITIVE_OPTIONS",
    "WHITELISTED_OPTIONS",
    "DomainConfigMixin",
    "load_config_defaults",
]

#: `DomainConfigManager.whitelisted_options`, in Keystone's order (the defaults' order).
WHITELISTED_OPTIONS: Mapping[str, tuple[str, ...]] = {
    "identity": ("driver", "list_limit"),
    "ldap": (
        "url", "user", "suffix", "query_scope", "page_size", "alias_dereferencing",
        "debug_level", "chase_referrals", "user_tree_dn", "user_filter", "user_objectclass",
        "user_id_attribute", "user_name_attribute", "user_mail_attribute",
        "user_description_attribute", "user_pass_attribute", "user_enabled_attribute",
        "user_enabled_invert", "user_enabled_mask", "user_enabled_default",
        "user_attribute_ignore", "user_default_project_id_attribute", "user_enabled_emulation",
        "user_enabled_emulation_dn", "user_enabled_emulation_use_group_config",
        "user_additional_attribute_mapping", "group_tree_dn", "group_filter",
        "group_objectclass", "group_id_attribute", "group_name_attribute",
        "group_members_are_ids", "group_member_attribute", "group_desc_attribute",
        "group_attribute_ignore", "group_additional_attribute_mapping", "tls_cacertfile",
        "tls_cacertdir", "use_tls", "tls_req_cert", "use_pool", "pool_size", "pool_retry_max",
        "pool_retry_delay", "pool_connection_timeout", "pool_connection_lifetime",
        "use_auth_pool", "auth_pool_size", "auth_pool_connection_lifetime",
    ),
}
#: `DomainConfigManager.sensitive_options`: stored apart, never shown.
SENSITIVE_OPTIONS: Mapping[str, tuple[str, ...]] = {"identity": (), "ldap": ("password",)}
#: The `[security_compliance]` options any token may read for the Default domain.
SECURITY_COMPLIANCE_OPTIONS = ("password_regex", "password_regex_description")

#: A domain's stored options: (group, option) -> value, in the order they were stored.
Options = dict[tuple[str, str], Any]


def load_config_defaults() -> dict[str, dict[str, Any]]:
    """`keystone.conf`'s values of the whitelisted options (`data/domain_config_defaults.json`).

    Example:
        >>> load_config_defaults()["identity"]["driver"]
        'sql'
    """
    from stackdouble.fakes.data import load_json

    data = load_json("stackdouble.fakes.identity", "domain_config_defaults.json")
    return {group: dict(options) for group, options in data.items()}


def _supported(group: str, option: str | None = None) -> None:
    """`_assert_valid_group_and_option`."""
    if group not in WHITELISTED_OPTIONS and group not in SENSITIVE_OPTIONS:
        raise InvalidDomainConfig(
            f"Group {group} is not supported for domain specific configurations")
    if option is not None and option not in WHITELISTED_OPTIONS.get(group, ()) \
            and option not in SENSITIVE_OPTIONS.get(group, ()):
        raise InvalidDomainConfig(
            f"Option {option} in group {group} is not supported for domain specific "
            "configurations")


def _valid_config(config: Mapping[str, Any]) -> None:
    """`_assert_valid_config`: something given, each group a non-empty object of
    supported options (checked group by group, in the body's order)."""
    if not config:
        raise InvalidDomainConfig("No options specified")
    for group, options in config.items():
        if not options or not isinstance(options, dict):
            raise InvalidDomainConfig(
                f"The value of group {group} specified in the config should be a dictionary "
                "of options")
        for option in options:
            _supported(group, option)


def _is_sensitive(group: str, option: str) -> bool:
    return option in SENSITIVE_OPTIONS.get(group, ())


def _what(group: str | None, option: str | None) -> str:
    if option is not None:
        return f"option {option} in group {group}"
    if group is not None:
        return f"group {group}"
    return "any options"


def _nest(pairs: list[tuple[tuple[str, str], Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for (group, option), value in pairs:
        out.setdefault(group, {})[option] = value
    return out


class DomainConfigMixin(_ModelBase):
    """`IdentityModel`'s domain configurations (`domain_configs`, by domain id)."""

    @property
    def domain_config_defaults(self) -> dict[str, dict[str, Any]]:
        """`keystone.conf`'s values behind the defaults API (read from the seed data)."""
        return load_config_defaults()

    def _stored(self, domain_id: str, group: str | None = None, option: str | None = None,
                *, sensitive: bool | None = False) -> list[tuple[tuple[str, str], Any]]:
        """The stored options matching group and option; `sensitive` None takes both
        tables, whitelisted first (as Keystone lists them)."""
        rows = [(key, value) for key, value in self.domain_configs.get(domain_id, {}).items()
                if (group is None or key[0] == group)
                and (group is None or option is None or key[1] == option)]
        if sensitive is None:
            return ([r for r in rows if not _is_sensitive(*r[0])]
                    + [r for r in rows if _is_sensitive(*r[0])])
        return [r for r in rows if _is_sensitive(*r[0]) == sensitive]

    def domain_config(self, domain_id: str, *, with_sensitive: bool = False
                      ) -> dict[str, dict[str, Any]]:
        """A domain's stored configuration as `{group: {option: value}}` ({} when none);
        sensitive options only when asked (Keystone's identity backend reads them so)."""
        return _nest(self._stored(domain_id, sensitive=None if with_sensitive else False))

    @locked
    def create_domain_config(self, domain_id: str, config: Mapping[str, Any]
                             ) -> tuple[dict[str, dict[str, Any]], bool]:
        """Replace a domain's configuration (`PUT /v3/domains/{id}/config`).

        Returns:
            The stored configuration without its sensitive options, and whether the domain
            had none before (Keystone answers 201 then, else 200).

        Raises:
            InvalidDomainConfig: Nothing given, a group that is not an object, or a group
                or option Keystone does not support.
        """
        _valid_config(config)
        created = not self._stored(domain_id, sensitive=None)
        stored: Options = {}
        for group, options in config.items():
            for option, value in options.items():
                stored[(group, option)] = value
        self.domain_configs[domain_id] = stored
        return self.domain_config(domain_id), created

    def get_domain_config(self, domain_id: str, group: str | None = None,
                          option: str | None = None) -> dict[str, Any]:
        """`{group: {option: value}}`, or `{option: value}` for one option; sensitive
        options are never read.

        Raises:
            InvalidDomainConfig: An unsupported group or option.
            DomainConfigNotFound: Nothing (readable) stored there.
        """
        if group is not None:
            _supported(group, option)
        rows = self._stored(domain_id, group, option)
        if not rows:
            raise DomainConfigNotFound(domain_id, _what(group, option))
        if option is not None:
            return {option: rows[0][1]}
        return _nest(rows)

    @locked
    def update_domain_config(self, domain_id: str, config: Any,
                             group: str | None = None, option: str | None = None
                             ) -> dict[str, Any]:
        """Merge options into a domain's configuration (`PATCH`). For a group or an option
        `config` must hold that group (or option) only, and it must be stored already.

        Returns:
            The whole configuration after the update, sensitive options left out.

        Raises:
            InvalidDomainConfig: As `create_domain_config`, or `config` naming other groups
                or options than the URL.
            DomainConfigNotFound: The group or option is not stored; or, after the update,
                nothing readable is (only sensitive options), as Keystone answers.
        """
        update = {group: config} if group is not None and option is not None else config
        _valid_config(update)
        if group is not None:
            _supported(group, option)
            if len(update) != 1 or (option is not None and len(update[group]) != 1):
                if option is not None:
                    raise InvalidDomainConfig(
                        f"Trying to update option {option} in group {group}, so that, and "
                        "only that, option must be specified  in the config")
                raise InvalidDomainConfig(
                    f"Trying to update group {group}, so that, and only that, group must be "
                    "specified in the config")
            if group not in update:
                raise InvalidDomainConfig(
                    f"request to update group {group}, but config provided contains group "
                    f"{next(iter(update))} instead")
            if option is not None and option not in update[group]:
                raise InvalidDomainConfig(
                    f"Trying to update option {option} in group {group}, but config "
                    f"provided contains option {next(iter(update[group]))} instead")
            if not self._stored(domain_id, group, option, sensitive=None):
                raise DomainConfigNotFound(domain_id, _what(group, option))
        stored = self.domain_configs.setdefault(domain_id, {})
        for each_group, options in update.items():
            for each_option, value in options.items():
                stored.pop((each_group, each_option), None)
                stored[(each_group, each_option)] = value
        return self.get_domain_config(domain_id)

    @locked
    def delete_domain_config(self, domain_id: str, group: str | None = None,
                             option: str | None = None) -> None:
        """Delete a domain's configuration, one group of it, or one option.

        Raises:
            InvalidDomainConfig: An unsupported group or option.
            DomainConfigNotFound: The group is not stored, or the option is not stored or
                holds a false value (Keystone's `not current_group.get(option)`).
        """
        if group is not None:
            _supported(group, option)
            current = self.domain_config(domain_id, with_sensitive=True).get(group)
            if not current:
                raise DomainConfigNotFound(domain_id, _what(group, None))
            if option is not None and not current.get(option):
                raise DomainConfigNotFound(domain_id, _what(group, option))
        stored = self.domain_configs.get(domain_id, {})
        for key in [k for k, _ in self._stored(domain_id, group, option, sensitive=None)]:
            del stored[key]
        if not stored:
            self.domain_configs.pop(domain_id, None)

    def domain_config_default(self, group: str | None = None,
                              option: str | None = None) -> dict[str, Any]:
        """The defaults of the whitelisted options: all, one group's, or `{option: value}`.

        Raises:
            InvalidDomainConfig: An unsupported group or option, or a sensitive option.
        """
        if group is not None:
            _supported(group, option)
        defaults = self.domain_config_defaults
        if option is not None and group is not None:
            if option not in WHITELISTED_OPTIONS[group]:
                raise InvalidDomainConfig(
                    f"Reading the default for option {option} in group {group} is not "
                    "supported")
            return {option: defaults.get(group, {}).get(option)}
        groups = [group] if group is not None else list(WHITELISTED_OPTIONS)
        return {g: {o: defaults.get(g, {}).get(o) for o in WHITELISTED_OPTIONS[g]}
                for g in groups}

    def security_compliance_config(self, domain_id: str,
                                   option: str | None = None) -> dict[str, Any]:
        """`[security_compliance]`'s readable options (None: unset in keystone.conf), for
        the Default domain only.

        Raises:
            InvalidDomainConfig: Another domain, or an option that is not readable.
        """
        if domain_id != DEFAULT_DOMAIN_ID:
            raise InvalidDomainConfig(
                "Reading security compliance information for any domain other than the "
                "default domain is not allowed or supported.")
        values = self.domain_config_defaults.get("security_compliance", {})
        if option is not None:
            if option not in SECURITY_COMPLIANCE_OPTIONS:
                raise InvalidDomainConfig(
                    "Reading security compliance values other than password_regex and "
                    "password_regex_description is not allowed.")
            return {option: values.get(option)}
        return {"security_compliance": {o: values.get(o) for o in SECURITY_COMPLIANCE_OPTIONS}}
