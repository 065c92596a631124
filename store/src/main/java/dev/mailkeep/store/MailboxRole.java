// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Locale;

/** Mailbox roles from the IANA "IMAP Mailbox Name Attributes" registry that Mailkeep creates (RFC 8621 section 2). */
public enum MailboxRole {
    INBOX("Inbox"), DRAFTS("Drafts"), SENT("Sent"), TRASH("Trash"), JUNK("Junk"), ARCHIVE("Archive");

    private final String defaultName;

    MailboxRole(String defaultName) {
        this.defaultName = defaultName;
    }

    /** The name given to the mailbox created with this role for a new account. */
    public String defaultName() {
        return defaultName;
    }

    /** The role as JMAP writes it: lowercase. */
    public String jmapName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
