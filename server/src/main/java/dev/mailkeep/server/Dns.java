// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server;

import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.smtp.dns.DnsResolver;
import dev.mailkeep.smtp.dns.DnsjavaResolver;
import java.time.Duration;

/** The DNS resolver the configuration asks for: its {@code dns_resolvers}, or the system's. */
public final class Dns {
    /** RFC 7208 section 4.6.4 suggests at least 20 s for a whole SPF evaluation; 5 s a query fits. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final int CACHE_ENTRIES = 10_000;

    private Dns() {}

    public static DnsResolver resolver(MailkeepConfig config) {
        return config.dnsResolvers().isEmpty()
                ? DnsjavaResolver.systemDefault(QUERY_TIMEOUT, CACHE_ENTRIES)
                : DnsjavaResolver.create(config.dnsResolvers(), QUERY_TIMEOUT, CACHE_ENTRIES);
    }
}
