// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * What the receiving session knows about where a message came from, for its {@code Received}
 * header (RFC 5321 section 4.4).
 *
 * @param heloName the name the client gave in EHLO or HELO
 * @param protocol the {@code with} keyword, see {@link #protocol}
 * @param id the transaction id this server logs and quotes in its 250 reply
 */
public record Trace(String heloName, InetAddress client, String protocol, String id, Instant receivedAt) {
    public Trace {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * The {@code with} protocol name from the IANA "Mail Transmission Types" registry: SMTP after
     * HELO, ESMTP after EHLO, with S for TLS and A for authentication (RFC 3848), UTF8 prefixed when
     * the transaction used SMTPUTF8 (RFC 6531 section 3.7.3).
     */
    public static String protocol(boolean extended, boolean tls, boolean authenticated, boolean smtpUtf8) {
        if (!extended) {
            return "SMTP";
        }
        return (smtpUtf8 ? "UTF8SMTP" : "ESMTP") + (tls ? "S" : "") + (authenticated ? "A" : "");
    }
}
