// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.List;
import java.util.Map;

/** The outcome of one Mailbox/set transaction (RFC 8620 section 5.3), by creation id or mailbox id. */
public record MailboxSetResult(
        Map<String, MailboxId> created,
        List<MailboxId> updated,
        List<MailboxId> destroyed,
        Map<String, SetFailure> notCreated,
        Map<MailboxId, SetFailure> notUpdated,
        Map<MailboxId, SetFailure> notDestroyed) {
    public MailboxSetResult {
        created = Map.copyOf(created);
        updated = List.copyOf(updated);
        destroyed = List.copyOf(destroyed);
        notCreated = Map.copyOf(notCreated);
        notUpdated = Map.copyOf(notUpdated);
        notDestroyed = Map.copyOf(notDestroyed);
    }
}
