// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

/** What a listener is for, which decides TLS, AUTH and which recipients it accepts. */
public enum SmtpMode {
    /** Port 25 style (RFC 5321): mail for local recipients only, no AUTH; STARTTLS offered when available. */
    INGRESS,
    /** Port 587 (RFC 6409): STARTTLS, then AUTH, before any MAIL. */
    SUBMISSION,
    /** Port 465 (RFC 8314 section 3.3): TLS from the first byte, then AUTH. */
    SUBMISSIONS
}
