// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/**
 * A store-level email query: which emails of an account, in which order, and which slice.
 *
 * @param inMailbox only emails in this mailbox; null for all emails of the account
 * @param receivedAtAscending sort by receivedAt ascending instead of the default descending; ties
 *     are broken by email id in the same direction so the order is total
 * @param position zero-based index of the first result to return
 * @param limit maximum number of ids to return
 */
public record EmailQuery(MailboxId inMailbox, boolean receivedAtAscending, int position, int limit) {
    public EmailQuery {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
    }

    public static EmailQuery inMailbox(MailboxId mailbox, int position, int limit) {
        return new EmailQuery(Objects.requireNonNull(mailbox), false, position, limit);
    }
}
