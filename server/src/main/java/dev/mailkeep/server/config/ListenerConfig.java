// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.config;

import java.net.InetSocketAddress;

/**
 * One network listener as configured.
 *
 * @param name the table name in the configuration file: jmap, smtp, submission, submissions
 * @param tls for jmap: HTTPS; for smtp and submission: STARTTLS offered; for submissions: implicit TLS
 */
public record ListenerConfig(String name, boolean enabled, String address, int port, boolean tls) {
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
