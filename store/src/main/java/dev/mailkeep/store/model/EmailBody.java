// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body properties of an email (RFC 8621 section 4.1.4): the MIME tree, the parts a client
 * shows as text or HTML body and the attachments, chosen by the RFC's parseStructure algorithm,
 * and the decoded text of every text part in textBody or htmlBody, by partId.
 *
 * @param headers the message's top-level header fields in order, values in Raw form
 *     (RFC 8621 section 4.1.3), from the same parse
 * @param encodingProblems the partIds among {@code textValues} whose decoding met malformed
 *     octets, an unknown charset or an unknown transfer encoding ({@code isEncodingProblem})
 */
public record EmailBody(EmailBodyPart bodyStructure, List<EmailBodyPart> textBody, List<EmailBodyPart> htmlBody,
        List<EmailBodyPart> attachments, Map<String, String> textValues, List<EmailHeader> headers,
        Set<String> encodingProblems) {
    public EmailBody {
        textBody = List.copyOf(textBody);
        htmlBody = List.copyOf(htmlBody);
        attachments = List.copyOf(attachments);
        textValues = Map.copyOf(textValues);
        headers = List.copyOf(headers);
        encodingProblems = Set.copyOf(encodingProblems);
    }

    /** A body without header fields and without encoding problems. */
    public EmailBody(EmailBodyPart bodyStructure, List<EmailBodyPart> textBody, List<EmailBodyPart> htmlBody,
            List<EmailBodyPart> attachments, Map<String, String> textValues) {
        this(bodyStructure, textBody, htmlBody, attachments, textValues, List.of(), Set.of());
    }
}
