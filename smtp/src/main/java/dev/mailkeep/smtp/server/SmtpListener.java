// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One socket the SMTP server listens on.
 *
 * @param name the name used in logs, errors and {@link SmtpServer#boundAddresses()}
 * @param bind the address to bind; port 0 picks an ephemeral port
 */
public record SmtpListener(String name, InetSocketAddress bind, SmtpMode mode) {
    public SmtpListener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(mode, "mode");
    }
}
