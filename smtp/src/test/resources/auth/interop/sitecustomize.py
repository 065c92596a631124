# SPDX-License-Identifier: Apache-2.0
# Loaded by the Python interpreter of dkimverify/dkimsign in Mailkeep's interop tests
# (PYTHONPATH points here): sends dnspython's queries to the test's DNS server on loopback,
# named by MAILKEEP_DNS=host:port, instead of the system resolver.
import os

_server = os.environ.get("MAILKEEP_DNS")
if _server:
    import dns.resolver
    _host, _port = _server.rsplit(":", 1)
    _resolver = dns.resolver.Resolver(configure=False)
    _resolver.nameservers = [_host]
    _resolver.port = int(_port)
    dns.resolver.default_resolver = _resolver
