// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.ChangesMethod;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.State;
import java.util.List;

/**
 * {@code Mailbox/changes} (RFC 8621 section 2.2): when every change in the range only moved
 * counts, {@code updatedProperties} names the four count properties so a client can refresh just
 * those; otherwise it is null.
 */
final class MailboxChanges extends ChangesMethod {
    static final List<String> COUNTS = List.of("totalEmails", "unreadEmails", "totalThreads", "unreadThreads");

    MailboxChanges() {
        super(DataType.MAILBOX);
    }

    @Override
    protected Changes read(MethodContext context, AccountId account, State since, int maxChanges, ObjectNode response)
            throws CannotCalculateChangesException {
        dev.mailkeep.store.MailboxChanges changes = context.store().mailboxChanges(account, since, maxChanges);
        if (changes.onlyCountsChanged() && !changes.changes().updated().isEmpty()) {
            ArrayNode properties = response.putArray("updatedProperties");
            COUNTS.forEach(properties::add);
        } else {
            response.putNull("updatedProperties");
        }
        return changes.changes();
    }
}
