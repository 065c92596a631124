// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import java.util.Objects;

/**
 * A mailbox with its counts (RFC 8621 section 2). The counts are kept exact by the store in the
 * same transaction as every change that moves them.
 *
 * @param parentId null for a top-level mailbox
 * @param role null for a mailbox without a role
 */
public record Mailbox(
        MailboxId id,
        String name,
        MailboxId parentId,
        MailboxRole role,
        int sortOrder,
        boolean isSubscribed,
        long totalEmails,
        long unreadEmails,
        long totalThreads,
        long unreadThreads) {
    public Mailbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
