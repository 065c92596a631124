// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/**
 * The client-settable properties of a mailbox (RFC 8621 section 2), for Mailbox/set create and
 * update (an update gives the whole new value; the caller merges a JMAP patch first).
 *
 * @param parentId null for a top-level mailbox
 * @param role null for none; at most one mailbox of an account has each role
 */
public record MailboxSpec(String name, MailboxId parentId, MailboxRole role, int sortOrder, boolean isSubscribed) {
    public MailboxSpec {
        Objects.requireNonNull(name, "name");
    }
}
