"""Keystone OS-OAUTH1 (gophercloud's `identity/v3/extensions/oauth1`): a consumer gets
delegated access to a project without the user's password, through three signed steps.

Example to register a consumer, walk the three legs, and log in with the access token:

    >>> from stackdouble.client.openstack.identity.v3.extensions import oauth1
    >>> consumer = oauth1.create_consumer(admin_identity, oauth1.CreateConsumerOpts(
    ...     description="backup service")).extract()
    >>> request = oauth1.request_token(identity, oauth1.RequestTokenOpts(
    ...     consumer_key=consumer.id, consumer_secret=consumer.secret,
    ...     requested_project_id=cloud.project_id("admin"))).extract()
    >>> verifier = oauth1.authorize_token(admin_identity, request.oauth_token,
    ...     oauth1.AuthorizeTokenOpts(roles=["member"])).extract().oauth_verifier
    >>> access = oauth1.create_access_token(identity, oauth1.CreateAccessTokenOpts(
    ...     consumer_key=consumer.id, consumer_secret=consumer.secret,
    ...     token=request.oauth_token, token_secret=request.oauth_token_secret,
    ...     verifier=verifier)).extract()
    >>> opts = oauth1.AuthOptions(consumer_key=consumer.id, consumer_secret=consumer.secret,
    ...                           token=access.oauth_token, token_secret=access.oauth_token_secret)
    >>> result = oauth1.create(identity, opts)
    >>> result.extract_token().methods, sorted(r.name for r in result.extract_roles())
    (('oauth1',), ['member', 'reader'])
    >>> oauth1.extract_token_oauth1(result).access_token_id == access.oauth_token
    True

Example to list a user's access tokens, and revoke one (its tokens stop working):

    >>> admin_id = cloud.user_id("admin")
    >>> [t.id for t in oauth1.list_access_tokens(admin_identity, admin_id).items()] == [
    ...     access.oauth_token]
    True
    >>> [r.name for r in oauth1.list_access_token_roles(
    ...     admin_identity, admin_id, access.oauth_token).items()]
    ['member']
    >>> oauth1.revoke_access_token(admin_identity, admin_id, access.oauth_token).extract_err()
    >>> tokens.validate(admin_identity, result.extract_token().id)
    False
    >>> oauth1.delete_consumer(admin_identity, consumer.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.extensions.oauth1.requests import (
    HMACSHA1,
    PLAINTEXT,
    AuthOptions,
    AuthorizeTokenOpts,
    CreateAccessTokenOpts,
    CreateConsumerOpts,
    RequestTokenOpts,
    UpdateConsumerOpts,
    authenticate,
    authorize_token,
    build_authorization_header,
    build_string_to_sign,
    create,
    create_access_token,
    create_consumer,
    delete_consumer,
    get_access_token,
    get_access_token_role,
    get_consumer,
    list_access_token_roles,
    list_access_tokens,
    list_consumers,
    request_token,
    revoke_access_token,
    update_consumer,
)
from stackdouble.client.openstack.identity.v3.extensions.oauth1.results import (
    AccessToken,
    AccessTokenPage,
    AccessTokenRole,
    AccessTokenRolesPage,
    AuthorizedToken,
    AuthorizeTokenResult,
    Consumer,
    ConsumerPage,
    CreateConsumerResult,
    DeleteConsumerResult,
    GetAccessTokenResult,
    GetAccessTokenRoleResult,
    GetConsumerResult,
    RevokeAccessTokenResult,
    Token,
    TokenOAuth1,
    TokenResult,
    UpdateConsumerResult,
    extract_access_token_roles,
    extract_access_tokens,
    extract_consumers,
    extract_token_oauth1,
)

__all__ = [
    "HMACSHA1",
    "PLAINTEXT",
    "AccessToken",
    "AccessTokenPage",
    "AccessTokenRole",
    "AccessTokenRolesPage",
    "AuthOptions",
    "AuthorizeTokenOpts",
    "AuthorizeTokenResult",
    "AuthorizedToken",
    "Consumer",
    "ConsumerPage",
    "CreateAccessTokenOpts",
    "CreateConsumerOpts",
    "CreateConsumerResult",
    "DeleteConsumerResult",
    "GetAccessTokenResult",
    "GetAccessTokenRoleResult",
    "GetConsumerResult",
    "RequestTokenOpts",
    "RevokeAccessTokenResult",
    "Token",
    "TokenOAuth1",
    "TokenResult",
    "UpdateConsumerOpts",
    "UpdateConsumerResult",
    "authenticate",
    "authorize_token",
    "build_authorization_header",
    "build_string_to_sign",
    "create",
    "create_access_token",
    "create_consumer",
    "delete_consumer",
    "extract_access_token_roles",
    "extract_access_tokens",
    "extract_consumers",
    "extract_token_oauth1",
    "get_access_token",
    "get_access_token_role",
    "get_consumer",
    "list_access_token_roles",
    "list_access_tokens",
    "list_consumers",
    "request_token",
    "revoke_access_token",
    "update_consumer",
]
