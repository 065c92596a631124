// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.ThreadId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One email in one account (RFC 8621 section 4.1.1 metadata plus the parsed summary).
 *
 * @param keywords lowercase keywords, e.g. {@code $seen}
 * @param size the size in octets of the raw message (the blob)
 */
public record EmailRecord(
        EmailId id,
        BlobId blobId,
        ThreadId threadId,
        Set<MailboxId> mailboxIds,
        Set<String> keywords,
        long size,
        Instant receivedAt,
        EmailSummary summary) {
    public EmailRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(threadId, "threadId");
        mailboxIds = Set.copyOf(mailboxIds);
        keywords = Set.copyOf(keywords);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(summary, "summary");
    }
}
