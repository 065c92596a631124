// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import java.util.List;
import java.util.Objects;

/**
 * A message whose DATA (or last BDAT chunk) has been received and that now waits for its 250.
 *
 * @param mailFrom the reverse-path address, the empty string for the null reverse-path {@code <>}
 * @param content the message exactly as received, after dot-unstuffing, CRLF line ends
 */
public record InboundMessage(Trace trace, String mailFrom, List<LocalRecipient> recipients, byte[] content) {
    public InboundMessage {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        Objects.requireNonNull(content, "content");
    }

    /** The same message with other content, e.g. with authentication fields prepended. */
    public InboundMessage withContent(byte[] newContent) {
        return new InboundMessage(trace, mailFrom, recipients, newContent);
    }
}
