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
 * @param charset for text parts (us-ascii when the message names none), else null
 * @param cid the Content-ID without angle brackets, or null
 */
public record EmailBodyPart(String partId, BlobId blobId, long size, String name, String type, String charset,
        String disposition, String cid, List<EmailBodyPart> subParts) {
    public EmailBodyPart {
        subParts = List.copyOf(subParts);
    }
}
