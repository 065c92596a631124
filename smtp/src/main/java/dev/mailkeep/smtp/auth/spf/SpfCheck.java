// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.net.InetAddress;

/**
 * The SPF verdict on one SMTP transaction: which identity was checked (RFC 7208 section 2.4,
 * MAIL FROM, or HELO when MAIL FROM is empty, section 2.3), for which domain, and the outcome.
 *
 * @param identity {@code "mailfrom"} or {@code "helo"}, as in RFC 7208 section 9.1
 * @param sender the checked identity as a mailbox ({@code postmaster@helo} for HELO)
 * @param domain the domain whose policy was evaluated
 */
public record SpfCheck(String identity, String sender, String domain, InetAddress client, String helo,
                       SpfOutcome outcome) {
    public SpfResult result() {
        return outcome.result();
    }
}
