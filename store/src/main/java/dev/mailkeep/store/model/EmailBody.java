// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.List;
import java.util.Map;

/**
 * The body properties of an email (RFC 8621 section 4.1.4): the MIME tree, the parts a client
 * shows as text or HTML body and the attachments, chosen by the RFC's parseStructure algorithm,
 * and the decoded text of every text part in textBody or htmlBody, by partId.
 */
public record EmailBody(EmailBodyPart bodyStructure, List<EmailBodyPart> textBody, List<EmailBodyPart> htmlBody,
        List<EmailBodyPart> attachments, Map<String, String> textValues) {
    public EmailBody {
        textBody = List.copyOf(textBody);
        htmlBody = List.copyOf(htmlBody);
        attachments = List.copyOf(attachments);
        textValues = Map.copyOf(textValues);
    }
}
