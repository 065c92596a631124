// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;
import java.util.Set;

/**
 * One copy of a message to file into one account. The bytes are the complete message as it is to
 * be stored, including any trace headers the receiving side prepended for this recipient.
 *
 * @param target the role of the mailbox to file into: INBOX normally, JUNK for quarantined mail
 * @param keywords lowercase keywords to set on the new email, usually none
 */
public record Delivery(AccountId account, MailboxRole target, byte[] message, Set<String> keywords) {
    public Delivery {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        keywords = Set.copyOf(keywords);
    }
}
