// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import java.net.InetSocketAddress;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how the JMAP server listens.
 *
 * @param bind the address to listen on; port 0 picks an ephemeral port
 * @param tls the TLS context for HTTPS; null serves plain HTTP, which is meant for tests only
 */
public record JmapSettings(InetSocketAddress bind, SSLContext tls, JmapLimits limits) {
    public JmapSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(limits, "limits");
    }
}
