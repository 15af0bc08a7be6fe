"""Image service (Glance) v2: `images`, `imagedata`, `imageimport`, `members`, `tasks`.

Build the client with `openstack.new_image_v2(provider, EndpointOpts(...))`, from the
catalog's `image` service. Glance's catalog URL names no version (devstack's
`https://cloud/image`); resources are built under its `v2/`, and Glance's relative links
(`next`, `self`, `file`) are resolved against that root.

Glance answers errors with webob's envelope, `{"message", "code", "title"}` (the `code` is
the status line, `"404 Not Found"`); the client's errors carry it as their `body`.
"""

__all__: list[str] = []
