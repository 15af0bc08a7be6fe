"""Keystone OS-FEDERATION (gophercloud's `identity/v3/extensions/federation`, with identity
providers, protocols and service providers added to its mappings).

Example to register an identity provider that maps `REMOTE_USER` to a local user:

    >>> from stackdouble.client.openstack.identity.v3.extensions import federation
    >>> rules = [{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]
    >>> federation.create_mapping(admin_identity, "sso-users",
    ...     federation.CreateMappingOpts(rules=rules)).extract().schema_version
    '1.0'
    >>> idp = federation.create_identity_provider(admin_identity, "corp-sso",
    ...     federation.CreateIdentityProviderOpts(remote_ids=["https://sso.corp.example"],
    ...                                           enabled=True)).extract()
    >>> idp.enabled, idp.domain_id in cloud.identity.domains
    (True, True)
    >>> federation.create_protocol(admin_identity, "corp-sso", "openid",
    ...     federation.CreateProtocolOpts(mapping_id="sso-users")).extract().mapping_id
    'sso-users'
    >>> [p.id for p in federation.list_protocols(admin_identity, "corp-sso").items()]
    ['openid']

Rules Keystone's schema refuses are a `BadRequest` listing every error:

    >>> from stackdouble.client import BadRequest
    >>> try:
    ...     federation.create_mapping(admin_identity, "broken", federation.CreateMappingOpts(
    ...         rules=[{"local": [], "remote": []}])).extract()
    ... except BadRequest as exc:
    ...     print(exc.status, "[] should be non-empty" in str(exc))
    400 True

Example to add a service provider (every token then lists it):

    >>> federation.create_service_provider(admin_identity, "partner",
    ...     federation.CreateServiceProviderOpts(
    ...         auth_url="https://partner.example/v3/OS-FEDERATION/identity_providers/us/"
    ...                  "protocols/saml2/auth",
    ...         sp_url="https://partner.example/Shibboleth.sso/SAML2/ECP",
    ...         enabled=True)).extract().relay_state_prefix
    'ss:mem:'
    >>> result = tokens.get(admin_identity, admin_provider.token_id)
    >>> [sp.id for sp in federation.extract_token_service_providers(result)]
    ['partner']

Example to log in through an identity provider whose claims reach Keystone as request
headers (the fake reads them as Keystone reads a web server's environment), then scope the
federated token to a project the mapping grants:

    >>> federation.create_mapping(admin_identity, "oidc-users", federation.CreateMappingOpts(
    ...     rules=[{"remote": [{"type": "HTTP_OIDC_EMAIL"}],
    ...             "local": [{"user": {"name": "{0}"}, "projects": [
    ...                 {"name": "sandbox", "roles": [{"name": "member"}]}]}]}])).extract().id
    'oidc-users'
    >>> _ = federation.create_protocol(admin_identity, "corp-sso", "mapped",
    ...     federation.CreateProtocolOpts(mapping_id="oidc-users")).extract()
    >>> login = federation.authenticate(admin_identity, "corp-sso", "mapped",
    ...                                 claims={"OIDC-Email": "ana@corp.example"})
    >>> login.extract_user().name, federation.extract_token_federation(login).protocol
    ('ana@corp.example', 'mapped')
    >>> from stackdouble.client import AuthOptions
    >>> scoped = tokens.create(admin_identity, AuthOptions(
    ...     token_id=login.extract_token().id, project_name="sandbox",
    ...     project_domain_id=login.extract_user().domain.id))
    >>> scoped.extract_project().name
    'sandbox'
"""

from stackdouble.client.openstack.identity.v3.extensions.federation.requests import (
    CreateIdentityProviderOpts,
    CreateMappingOpts,
    CreateProtocolOpts,
    CreateServiceProviderOpts,
    ListOpts,
    UpdateIdentityProviderOpts,
    UpdateMappingOpts,
    UpdateProtocolOpts,
    UpdateServiceProviderOpts,
    authenticate,
    create_identity_provider,
    create_mapping,
    create_protocol,
    create_service_provider,
    delete_identity_provider,
    delete_mapping,
    delete_protocol,
    delete_service_provider,
    get_identity_provider,
    get_mapping,
    get_protocol,
    get_service_provider,
    list_identity_providers,
    list_mappings,
    list_protocols,
    list_service_providers,
    update_identity_provider,
    update_mapping,
    update_protocol,
    update_service_provider,
)
from stackdouble.client.openstack.identity.v3.extensions.federation.results import (
    AuthenticateResult,
    DeleteResult,
    IdentityProvider,
    IdentityProviderPage,
    IdentityProviderResult,
    Mapping,
    MappingPage,
    MappingResult,
    Protocol,
    ProtocolPage,
    ProtocolResult,
    ServiceProvider,
    ServiceProviderPage,
    ServiceProviderResult,
    TokenFederation,
    TokenServiceProvider,
    extract_identity_providers,
    extract_mappings,
    extract_protocols,
    extract_service_providers,
    extract_token_federation,
    extract_token_service_providers,
)

__all__ = [
    "AuthenticateResult",
    "CreateIdentityProviderOpts",
    "CreateMappingOpts",
    "CreateProtocolOpts",
    "CreateServiceProviderOpts",
    "DeleteResult",
    "IdentityProvider",
    "IdentityProviderPage",
    "IdentityProviderResult",
    "ListOpts",
    "Mapping",
    "MappingPage",
    "MappingResult",
    "Protocol",
    "ProtocolPage",
    "ProtocolResult",
    "ServiceProvider",
    "ServiceProviderPage",
    "ServiceProviderResult",
    "TokenFederation",
    "TokenServiceProvider",
    "UpdateIdentityProviderOpts",
    "UpdateMappingOpts",
    "UpdateProtocolOpts",
    "UpdateServiceProviderOpts",
    "authenticate",
    "create_identity_provider",
    "create_mapping",
    "create_protocol",
    "create_service_provider",
    "delete_identity_provider",
    "delete_mapping",
    "delete_protocol",
    "delete_service_provider",
    "extract_identity_providers",
    "extract_mappings",
    "extract_protocols",
    "extract_service_providers",
    "extract_token_federation",
    "extract_token_service_providers",
    "get_identity_provider",
    "get_mapping",
    "get_protocol",
    "get_service_provider",
    "list_identity_providers",
    "list_mappings",
    "list_protocols",
    "list_service_providers",
    "update_identity_provider",
    "update_mapping",
    "update_protocol",
    "update_service_provider",
]
