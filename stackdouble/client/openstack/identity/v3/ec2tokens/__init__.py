"""Keystone `/v3/ec2tokens`: an EC2- or S3-style service checks a request its client signed
with an EC2 secret, and gets a token for the credential's user.

Example to sign a request with a credential's secret, as an EC2 client does, and trade it
for a token as the admin:

    >>> pair = ec2credentials.create(identity, cloud.user_id("demo"), ec2credentials.CreateOpts(
    ...     tenant_id=demo_project_id)).extract()
    >>> opts = ec2tokens.AuthOptions(access=pair.access, secret=pair.secret,
    ...     host="ec2.example:8773", params={"SignatureVersion": "2",
    ...                                      "Action": "DescribeInstances"})
    >>> result = ec2tokens.create(admin_identity, opts)
    >>> result.extract_token().methods, result.extract_project().id == demo_project_id
    (('ec2credential',), True)

Without `SignatureVersion=2` the request is signed with v4, in its headers:

    >>> opts = ec2tokens.AuthOptions(access=pair.access, secret=pair.secret,
    ...                              host="s3.example", verb="PUT", path="/bucket/key")
    >>> sorted(opts.to_token_v3_create_map()["credentials"]["headers"])
    ['Authorization', 'Host', 'X-Amz-Date']
    >>> ec2tokens.create(admin_identity, opts).extract_user().id == cloud.user_id("demo")
    True
"""

from stackdouble.client.openstack.identity.v3.ec2tokens.requests import (
    AWS_HMAC_V4,
    AWS_REQUEST_V4,
    EMPTY_BODY_HASH,
    HMAC_SHA256_V2,
    AuthOptions,
    AuthOptionsBuilder,
    build_authorization_header_v4,
    build_canonical_headers_v4,
    build_canonical_query_string_v2,
    build_signature_key_v4,
    build_signature_v2,
    build_signature_v4,
    build_string_to_sign_v2,
    build_string_to_sign_v4,
    create,
)
from stackdouble.client.openstack.identity.v3.ec2tokens.results import CreateResult

__all__ = [
    "AWS_HMAC_V4",
    "AWS_REQUEST_V4",
    "EMPTY_BODY_HASH",
    "HMAC_SHA256_V2",
    "AuthOptions",
    "AuthOptionsBuilder",
    "CreateResult",
    "build_authorization_header_v4",
    "build_canonical_headers_v4",
    "build_canonical_query_string_v2",
    "build_signature_key_v4",
    "build_signature_v2",
    "build_signature_v4",
    "build_string_to_sign_v2",
    "build_string_to_sign_v4",
    "create",
]
