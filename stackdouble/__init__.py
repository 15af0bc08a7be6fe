"""stackdouble: a gophercloud-style OpenStack client, a fake OpenStack, and a pytest plugin.

- `stackdouble.client`: providers, service clients, resources, Results and Pagers.
- `stackdouble.fakes`: `FakeCloud`, served in-process or over HTTP.
- `stackdouble.pytest_plugin`: fixtures that route the client to the fakes or to cassettes.
"""

__version__ = "0.1.0"
