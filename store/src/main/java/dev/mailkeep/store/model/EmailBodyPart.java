// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.BlobId;
import java.util.List;

/**
 * One part of a message's MIME tree (RFC 8621 section 4.1.4 EmailBodyPart). Multipart parts have
 * no partId and no blobId, only subParts; a leaf's blobId can be opened with
 * {@code MailStore.openBlob} and yields the part's decoded bytes.
 *
 * @param size the decoded size in octets (0 for multipart parts)
 * @param charset the charset parameter; for text parts without one (or parts without a
 *     Content-Type) us-ascii; null for other parts without one
 * @param cid the Content-ID without angle brackets, or null
 * @param headers the part's own header fields in order, values in Raw form
 * @param language the Content-Language tags (RFC 3282), or null when the part has none
 * @param location the Content-Location URI (RFC 2557), or null
 */
public record EmailBodyPart(String partId, BlobId blobId, long size, String name, String type, String charset,
        String disposition, String cid, List<EmailBodyPart> subParts, List<EmailHeader> headers,
        List<String> language, String location) {
    public EmailBodyPart {
        subParts = List.copyOf(subParts);
        headers = List.copyOf(headers);
        language = language == null ? null : List.copyOf(language);
    }

    /** A part without header fields, language or location. */
    public EmailBodyPart(String partId, BlobId blobId, long size, String name, String type, String charset,
            String disposition, String cid, List<EmailBodyPart> subParts) {
        this(partId, blobId, size, name, type, charset, disposition, cid, subParts, List.of(), null, null);
    }
}
