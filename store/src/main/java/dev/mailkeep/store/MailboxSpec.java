// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/**
 * The client-settable properties of a mailbox (RFC 8621 section 2), for Mailbox/set create and
 * update (an update gives the whole new value; the caller merges a JMAP patch first).
 *
 * @param parentId null for a top-level mailbox (or one whose parent is {@code parentCreationId})
 * @param role null for none; at most one mailbox of an account has each role
 * @param parentCreationId for a create only: the creation id of another create in the same
 *     Mailbox/set whose mailbox is the parent (RFC 8620 section 5.3); null otherwise
 */
public record MailboxSpec(String name, MailboxId parentId, MailboxRole role, int sortOrder, boolean isSubscribed,
        String parentCreationId) {
    public MailboxSpec {
        Objects.requireNonNull(name, "name");
        if (parentId != null && parentCreationId != null) {
            throw new IllegalArgumentException("a parent by id or by creation id, not both");
        }
    }

    public MailboxSpec(String name, MailboxId parentId, MailboxRole role, int sortOrder, boolean isSubscribed) {
        this(name, parentId, role, sortOrder, isSubscribed, null);
    }

    /** The same spec with its parent given by id (a resolved creation id). */
    public MailboxSpec withParent(MailboxId parent) {
        return new MailboxSpec(name, parent, role, sortOrder, isSubscribed, null);
    }
}
