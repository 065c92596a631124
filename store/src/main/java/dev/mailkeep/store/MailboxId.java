// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of a mailbox; URL-safe, usable as a JMAP Id as it is. */
public record MailboxId(String value) {
    public MailboxId {
        Id.check("mailbox", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
