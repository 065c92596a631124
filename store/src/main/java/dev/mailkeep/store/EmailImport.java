// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One Email/import request (RFC 8621 section 4.8): an uploaded blob to store as an email.
 *
 * @param receivedAt null for "now"
 */
public record EmailImport(BlobId blobId, Set<MailboxId> mailboxIds, Set<String> keywords, Instant receivedAt) {
    public EmailImport {
        Objects.requireNonNull(blobId, "blobId");
        mailboxIds = Set.copyOf(mailboxIds);
        keywords = Set.copyOf(keywords);
    }
}
