// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What JMAP lists of a message, parsed once with mime4j when the message arrives and stored with
 * the record, so listing never re-reads the blob (RFC 8621 section 4.1). Header values are
 * decoded (RFC 2047) and unfolded; a header that is absent or unparseable is null (lists: empty).
 *
 * @param messageId the Message-ID values without angle brackets
 * @param sentAt the Date header, with its own offset; null when absent or invalid
 * @param preview up to 256 characters of plain text from the first text body part
 */
public record EmailSummary(
        List<String> messageId,
        List<String> inReplyTo,
        List<String> references,
        List<EmailAddress> sender,
        List<EmailAddress> from,
        List<EmailAddress> to,
        List<EmailAddress> cc,
        List<EmailAddress> bcc,
        List<EmailAddress> replyTo,
        String subject,
        OffsetDateTime sentAt,
        String preview,
        boolean hasAttachment) {
    public EmailSummary {
        messageId = List.copyOf(messageId);
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
        sender = List.copyOf(sender);
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        preview = preview == null ? "" : preview;
    }
}
