// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.store.account.LoginLimits;
import dev.mailkeep.store.account.LoginThrottle;
import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Settings shared by every SMTP listener.
 *
 * @param hostname the name this server gives in its greeting, EHLO reply and Received headers
 * @param domains the mail domains served; stored in lower-case ASCII (IDNA) form
 * @param maxMessageSize the SIZE limit in octets (RFC 1870), at most {@code Integer.MAX_VALUE - 8}
 * @param tls null for no TLS: STARTTLS is not offered, AUTH never is, and SUBMISSIONS listeners
 *     are refused at start
 * @param logins the failed-login limiter AUTH consults and feeds; the server shares one with JMAP
 */
public record SmtpSettings(String hostname, Set<String> domains, long maxMessageSize, SSLContext tls,
                           LoginThrottle logins) {
    public SmtpSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(logins, "logins");
        domains = domains.stream().map(SmtpSettings::normalizeDomain).collect(Collectors.toUnmodifiableSet());
        if (maxMessageSize <= 0 || maxMessageSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxMessageSize must be 1.." + (Integer.MAX_VALUE - 8) + ": " + maxMessageSize);
        }
    }

    /** With a limiter of its own at the default limits. */
    public SmtpSettings(String hostname, Set<String> domains, long maxMessageSize, SSLContext tls) {
        this(hostname, domains, maxMessageSize, tls, new LoginThrottle(LoginLimits.DEFAULTS));
    }

    /** True when {@code domain} (any case, U-labels or A-labels) is one this server serves. */
    public boolean serves(String domain) {
        try {
            return domains.contains(normalizeDomain(domain));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalizeDomain(String domain) {
        return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }
}
