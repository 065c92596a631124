// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import dev.mailkeep.store.account.LoginLimits;
import dev.mailkeep.store.account.LoginThrottle;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how the JMAP server listens.
 *
 * @param bind the address to listen on; port 0 picks an ephemeral port
 * @param tls the TLS context for HTTPS (HTTP/2 offered by ALPN, and HTTP/1.1); null serves plain
 *     HTTP/1.1, which is meant for tests only
 * @param login the failed-login limiter, shared with the other protocols that check passwords
 * @param corsOrigins browser origins ({@code https://host[:port]}, or {@code *} for any) allowed
 *     to call the JMAP endpoints from scripts; empty allows none
 */
public record JmapSettings(InetSocketAddress bind, SSLContext tls, JmapLimits limits, LoginThrottle login,
                           List<String> corsOrigins) {
    public JmapSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(login, "login");
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** A limiter of its own with the default login limits, no CORS origins. */
    public JmapSettings(InetSocketAddress bind, SSLContext tls, JmapLimits limits) {
        this(bind, tls, limits, new LoginThrottle(LoginLimits.DEFAULTS), List.of());
    }
}
