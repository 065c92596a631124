// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.MailboxSetResult;
import dev.mailkeep.store.MailboxSpec;
import dev.mailkeep.store.SetFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jetbrains.exodus.env.Cursor;

/**
 * Mailbox/set inside one transaction (RFC 8621 section 2.5): create, update, destroy, in that
 * order. The inbox keeps its role and cannot be destroyed, since deliveries file into it.
 */
final class MailboxEdits {
    private static final int MAX_NAME = 255;

    private MailboxEdits() {}

    /** The emails a destroy removed (to drop from the search index) are added to {@code destroyedEmails}. */
    static MailboxSetResult apply(Tx tx, long account, Map<String, MailboxSpec> create, Map<MailboxId, MailboxSpec> update,
            List<MailboxId> destroy, boolean removeEmails, List<Long> destroyedEmails) {
        Map<String, MailboxId> created = new LinkedHashMap<>();
        Map<String, SetFailure> notCreated = new LinkedHashMap<>();
        // A create whose parent is another create of this call waits until that one is made, in
        // as many passes as the nesting needs; one whose parent failed fails too.
        Map<String, MailboxSpec> pending = new LinkedHashMap<>(create);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, MailboxSpec> entry = it.next();
                String creationId = entry.getKey();
                MailboxSpec spec = entry.getValue();
                String ref = spec.parentCreationId();
                if (ref != null) {
                    if (created.containsKey(ref)) {
                        spec = spec.withParent(created.get(ref));
                    } else if (!pending.containsKey(ref) || ref.equals(creationId)) {
                        notCreated.put(creationId, invalid("parentId: #" + ref + " is not a mailbox created here"));
                        it.remove();
                        progress = true;
                        continue;
                    } else {
                        continue;
                    }
                }
                it.remove();
                progress = true;
                String problem = check(tx, account, 0, spec);
                if (problem != null) {
                    notCreated.put(creationId, invalid(problem));
                    continue;
                }
                long num = tx.counters.next(tx.txn, account, Counters.MAILBOX_SEQ);
                tx.newMailbox(account, new MailboxRow(num, spec.name().strip(), parent(spec), spec.role(),
                        spec.sortOrder(), spec.isSubscribed()));
                created.put(creationId, new MailboxId(Ids.encode(Ids.MAILBOX, num)));
            }
        }
        pending.keySet().forEach(creationId -> notCreated.put(creationId,
                invalid("parentId: creation ids that are each other's parents")));
        List<MailboxId> updated = new ArrayList<>();
        Map<MailboxId, SetFailure> notUpdated = new LinkedHashMap<>();
        update.forEach((id, spec) -> {
            long num = Ids.decode(Ids.MAILBOX, id.value());
            MailboxRow row = tx.mailbox(account, num);
            if (row == null) {
                notUpdated.put(id, new SetFailure(SetFailure.Type.NOT_FOUND, "no mailbox " + id));
                return;
            }
            if (row.role == MailboxRole.INBOX && spec.role() != MailboxRole.INBOX) {
                notUpdated.put(id, new SetFailure(SetFailure.Type.FORBIDDEN, "the inbox keeps its role: mail arrives there"));
                return;
            }
            String problem = check(tx, account, num, spec);
            if (problem != null) {
                notUpdated.put(id, invalid(problem));
                return;
            }
            row.name = spec.name().strip();
            row.parent = parent(spec);
            row.role = spec.role();
            row.sortOrder = spec.sortOrder();
            row.subscribed = spec.isSubscribed();
            tx.changed(account, DataType.MAILBOX, id.value(), ChangeKind.UPDATED, false);
            updated.add(id);
        });
        List<MailboxId> destroyed = new ArrayList<>();
        Map<MailboxId, SetFailure> notDestroyed = new LinkedHashMap<>();
        for (MailboxId id : destroy) {
            long num = Ids.decode(Ids.MAILBOX, id.value());
            MailboxRow row = tx.mailbox(account, num);
            if (row == null) {
                notDestroyed.put(id, new SetFailure(SetFailure.Type.NOT_FOUND, "no mailbox " + id));
            } else if (row.role == MailboxRole.INBOX) {
                notDestroyed.put(id, new SetFailure(SetFailure.Type.FORBIDDEN, "the inbox cannot be destroyed"));
            } else if (children(tx, account).contains(num)) {
                notDestroyed.put(id, new SetFailure(SetFailure.Type.MAILBOX_HAS_CHILD, "mailbox " + id + " has children"));
            } else if (row.totalEmails > 0 && !removeEmails) {
                notDestroyed.put(id, new SetFailure(SetFailure.Type.MAILBOX_HAS_EMAIL, "mailbox " + id + " has emails"));
            } else {
                emptyOut(tx, account, num, destroyedEmails);
                tx.deleteMailbox(account, num);
                destroyed.add(id);
            }
        }
        return new MailboxSetResult(created, updated, destroyed, notCreated, notUpdated, notDestroyed);
    }

    /** Takes every email out of the mailbox: destroyed when it was its only mailbox. */
    private static void emptyOut(Tx tx, long account, long mailbox, List<Long> destroyedEmails) {
        List<Long> emails = new ArrayList<>();
        byte[] prefix = Key.bytes(Key.of(account).u64(mailbox).build());
        try (Cursor cursor = tx.tables.mailboxIndex.openCursor(tx.txn)) {
            boolean ok = cursor.getSearchKeyRange(Key.of(account).u64(mailbox).build()) != null;
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix)) {
                    break;
                }
                emails.add(Key.u64(key, 24));
                ok = cursor.getNext();
            }
        }
        for (long num : emails) {
            EmailId id = new EmailId(Ids.encode(Ids.EMAIL, num));
            EmailRow row = Reads.email(tx.txn, tx.tables, account, num);
            if (row.mailboxes().size() == 1) {
                EmailChanges.destroy(tx, account, List.of(id));
                destroyedEmails.add(num);
            } else {
                MailboxId box = new MailboxId(Ids.encode(Ids.MAILBOX, mailbox));
                EmailChanges.update(tx, account, Map.of(id, EmailUpdate.mailbox(box, false)));
            }
        }
    }

    /** A description of what is wrong with the spec for mailbox {@code self} (0 when new), or null. */
    private static String check(Tx tx, long account, long self, MailboxSpec spec) {
        String name = spec.name().strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            return "name: must be 1 to 255 characters without control characters";
        }
        long parent = parent(spec);
        if (spec.parentId() != null && (parent <= 0 || tx.mailbox(account, parent) == null)) {
            return "parentId: no mailbox " + spec.parentId();
        }
        for (long p = parent; p != 0; p = tx.mailbox(account, p).parent) {
            if (p == self) {
                return "parentId: a mailbox cannot be inside itself";
            }
        }
        for (MailboxRow other : all(tx, account)) {
            if (other.num == self) {
                continue;
            }
            if (other.parent == parent && other.name.equals(name)) {
                return "name: a sibling already has this name";
            }
            if (spec.role() != null && other.role == spec.role()) {
                return "role: another mailbox already has role " + spec.role().jmapName();
            }
        }
        return null;
    }

    private static List<MailboxRow> all(Tx tx, long account) {
        return Reads.mailboxes(tx.txn, tx.tables, account).stream().map(m -> tx.mailbox(account, m.num))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static List<Long> children(Tx tx, long account) {
        return all(tx, account).stream().map(m -> m.parent).toList();
    }

    private static long parent(MailboxSpec spec) {
        return spec.parentId() == null ? 0 : Ids.decode(Ids.MAILBOX, spec.parentId().value());
    }

    private static SetFailure invalid(String description) {
        return new SetFailure(SetFailure.Type.INVALID_PROPERTIES, description);
    }
}
