// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.config;

import dev.mailkeep.smtp.delivery.Network;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration of one Mailkeep server, every value resolved (defaults applied, paths
 * absolute). Built by {@link ConfigLoader}; see README.md for each key.
 *
 * @param changeRetentionDays how long the change log behind JMAP /changes is kept
 * @param dnsResolvers empty: use the system's resolvers
 * @param trustedNetworks SMTP clients in these networks are not put through SPF/DKIM/DMARC
 * @param certificate PEM certificate chain used by every TLS listener
 * @param privateKey PEM private key of {@code certificate}
 * @param pushAllowPrivateAddresses whether JMAP PushSubscription URLs may point at loopback or
 *     private addresses (off: clients cannot make the server probe its own network)
 * @param access failed-login limits and CORS origins of the JMAP listener
 * @param generateCertificate true when no certificate was configured: a self-signed one is made
 *     at these paths on first start
 */
public record MailkeepConfig(
        String hostname,
        List<String> domains,
        Path dataDir,
        long maxMessageSize,
        int changeRetentionDays,
        List<InetSocketAddress> dnsResolvers,
        List<Network> trustedNetworks,
        Path certificate,
        Path privateKey,
        boolean generateCertificate,
        ListenerConfig jmap,
        ListenerConfig smtp,
        ListenerConfig submission,
        ListenerConfig submissions,
        boolean pushAllowPrivateAddresses,
        int pushMaxExpiryDays,
        AccessConfig access) {

    public MailkeepConfig {
        domains = List.copyOf(domains);
        dnsResolvers = List.copyOf(dnsResolvers);
        trustedNetworks = List.copyOf(trustedNetworks);
    }

    public List<ListenerConfig> listeners() {
        return List.of(jmap, smtp, submission, submissions);
    }

    /** Where the running server writes the addresses it bound. */
    public Path listenersFile() {
        return dataDir.resolve("run").resolve("listeners.json");
    }

    /** The running server's admin socket, through which the CLI manages users while it runs. */
    public Path adminSocket() {
        return dataDir.resolve("run").resolve("admin.sock");
    }

    /** True when the address is in one of the served domains (case-insensitive). */
    public boolean servesAddress(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && domains.contains(address.substring(at + 1).toLowerCase(java.util.Locale.ROOT));
    }
}
