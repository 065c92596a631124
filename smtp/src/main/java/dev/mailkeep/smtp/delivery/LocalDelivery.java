// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Final delivery of a received message to local accounts: one copy per recipient, each with its
 * own trace headers (see {@link TraceHeaders}) in front of the bytes exactly as received, all
 * filed into the recipients' inboxes by one {@link MailStore#deliver} call, i.e. one durable
 * transaction. Blocks until the store committed: call it off the event loop, and acknowledge the
 * message (RFC 5321 section 4.1.1.4, the 250 after DATA) only after it returned.
 */
public final class LocalDelivery {
    private final MailStore store;
    private final String hostname;

    public LocalDelivery(MailStore store, String hostname) {
        this.store = Objects.requireNonNull(store, "store");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
    }

    /**
     * Stores one copy per recipient and returns the new email ids in recipient order.
     *
     * @throws dev.mailkeep.store.StoreException when the store could not commit; nothing was stored
     */
    public List<EmailId> deliver(InboundMessage message) {
        return deliver(message, MailboxRole.INBOX);
    }

    /**
     * Stores one copy per recipient into the mailbox with role {@code target} of each recipient
     * and returns the new email ids in recipient order.
     */
    public List<EmailId> deliver(InboundMessage message, MailboxRole target) {
        List<Delivery> copies = new ArrayList<>(message.recipients().size());
        for (LocalRecipient recipient : message.recipients()) {
            byte[] headers = TraceHeaders.render(hostname, message.trace(), message.mailFrom(), recipient.address());
            byte[] copy = new byte[headers.length + message.content().length];
            System.arraycopy(headers, 0, copy, 0, headers.length);
            System.arraycopy(message.content(), 0, copy, headers.length, message.content().length);
            copies.add(new Delivery(recipient.account(), target, copy, Set.of()));
        }
        return store.deliver(copies);
    }
}
