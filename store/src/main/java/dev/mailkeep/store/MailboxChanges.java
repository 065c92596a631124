// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/**
 * Mailbox changes with the RFC 8621 section 2.2 hint: {@code onlyCountsChanged} is true when every
 * change in the range was an update of counts (totalEmails, unreadEmails, totalThreads,
 * unreadThreads) only, so JMAP can answer {@code updatedProperties} with those four names.
 */
public record MailboxChanges(Changes changes, boolean onlyCountsChanged) {
    public MailboxChanges {
        Objects.requireNonNull(changes, "changes");
    }
}
