// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The DNS lookups mail authentication and delivery need. Names are given without trailing
 * dot, in any case; implementations follow CNAME chains. Calls block; callers run them on
 * virtual threads. No method throws for DNS outcomes: each one is a {@link DnsResult}.
 */
public interface DnsResolver {

    DnsResult<TxtRecord> txt(String name);

    DnsResult<Inet4Address> a(String name);

    DnsResult<Inet6Address> aaaa(String name);

    DnsResult<MxRecord> mx(String name);

    /** PTR records of the reverse name of {@code address} (in-addr.arpa or ip6.arpa); names lower-case, no trailing dot. */
    DnsResult<String> ptr(InetAddress address);
}
