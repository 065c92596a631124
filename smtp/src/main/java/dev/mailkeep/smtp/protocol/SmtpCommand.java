// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import java.util.Optional;

/** A parsed SMTP command line (RFC 5321 section 4.1.1 and the extensions this server offers). */
public sealed interface SmtpCommand {

    /** EHLO or HELO (RFC 5321 section 4.1.1.1). */
    record Hello(String clientName, boolean extended) implements SmtpCommand {}

    /** MAIL FROM (RFC 5321 section 4.1.1.2); an empty sender is the null reverse-path {@code <>}. */
    record Mail(Optional<Mailbox> sender, MailParameters parameters) implements SmtpCommand {}

    /** RCPT TO (RFC 5321 section 4.1.1.3). */
    record Rcpt(Mailbox recipient) implements SmtpCommand {}

    record Data() implements SmtpCommand {}

    /** BDAT (RFC 3030 section 2): a chunk of exactly {@code size} octets follows the command line. */
    record Bdat(long size, boolean last) implements SmtpCommand {}

    record Rset() implements SmtpCommand {}

    record Noop() implements SmtpCommand {}

    record Quit() implements SmtpCommand {}

    record Vrfy(String argument) implements SmtpCommand {}

    record Help() implements SmtpCommand {}

    /** STARTTLS (RFC 3207 section 4). */
    record StartTls() implements SmtpCommand {}

    /**
     * AUTH (RFC 4954 section 4).
     *
     * @param mechanism upper case SASL mechanism name
     * @param initialResponse the base64 initial response, {@code "="} for an empty one, null if absent
     */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {}
}
