// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One Email/copy request (RFC 8621 section 4.7): an email of another account to store again in
 * this one, with the metadata that may differ.
 *
 * @param id the email in the account copied from
 * @param mailboxIds mailboxes of the account copied to
 * @param keywords null: those of the original
 * @param receivedAt null: that of the original
 */
public record EmailCopy(EmailId id, Set<MailboxId> mailboxIds, Set<String> keywords, Instant receivedAt) {
    public EmailCopy {
        Objects.requireNonNull(id, "id");
        mailboxIds = Set.copyOf(mailboxIds);
        keywords = keywords == null ? null : Set.copyOf(keywords);
    }
}
