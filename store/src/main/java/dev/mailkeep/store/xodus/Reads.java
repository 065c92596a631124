// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.State;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.ThreadId;
import dev.mailkeep.store.model.EmailRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;

/** Read paths over one snapshot: mailboxes of an account, emails by id, and mailbox queries. */
final class Reads {
    private Reads() {}

    static List<MailboxRow> mailboxes(Transaction txn, Tables tables, long account) {
        byte[] prefix = Key.bytes(Key.of(account).build());
        List<MailboxRow> rows = new ArrayList<>();
        try (Cursor cursor = tables.mailboxes.openCursor(txn)) {
            boolean ok = cursor.getSearchKeyRange(Key.of(account).build()) != null;
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix)) {
                    break;
                }
                rows.add(MailboxRow.decode(Key.u64(key, 8), cursor.getValue()));
                ok = cursor.getNext();
            }
        }
        return rows;
    }

    static MailboxRow mailboxByRole(Transaction txn, Tables tables, long account, MailboxRole role) {
        return mailboxes(txn, tables, account).stream().filter(m -> m.role == role).findFirst().orElse(null);
    }

    static MailboxRow mailbox(Transaction txn, Tables tables, long account, long mailbox) {
        ByteIterable value = mailbox <= 0 ? null : tables.mailboxes.get(txn, Key.of(account).u64(mailbox).build());
        return value == null ? null : MailboxRow.decode(mailbox, value);
    }

    static EmailRow email(Transaction txn, Tables tables, long account, long email) {
        ByteIterable value = email <= 0 ? null : tables.emails.get(txn, Key.of(account).u64(email).build());
        return value == null ? null : EmailRow.decode(email, value);
    }

    /** The emails found among {@code ids}, in the order asked. */
    static Map<EmailId, EmailRecord> emails(Transaction txn, Tables tables, long account, Collection<EmailId> ids) {
        Map<EmailId, EmailRecord> found = new LinkedHashMap<>();
        for (EmailId id : ids) {
            EmailRow row = email(txn, tables, account, Ids.decode(Ids.EMAIL, id.value()));
            if (row != null) {
                found.put(id, row.toRecord());
            }
        }
        return found;
    }

    /** The email ids of each thread found, oldest receivedAt first. */
    static Map<ThreadId, List<EmailId>> threads(Transaction txn, Tables tables, long account, Collection<ThreadId> ids) {
        Map<ThreadId, List<EmailId>> found = new LinkedHashMap<>();
        for (ThreadId id : ids) {
            long thread = Ids.decode(Ids.THREAD, id.value());
            ByteIterable value = thread <= 0 ? null : tables.threads.get(txn, Key.of(account).u64(thread).build());
            if (value != null) {
                found.put(id, ThreadRow.decode(thread, value).emails().stream()
                        .map(e -> new EmailId(Ids.encode(Ids.EMAIL, e[1]))).toList());
            }
        }
        return found;
    }

    /**
     * A cursor walk over {@code account | mailbox | receivedAt | email} from the requested end,
     * skipping {@code position} entries; the total comes from the stored count, not a scan.
     */
    static QueryResult query(Transaction txn, Tables tables, Counters counters, long account, EmailQuery query) {
        State state = new State(counters.get(txn, account, Counters.modseq(DataType.EMAIL)));
        long mailbox = Membership.ALL;
        long total;
        if (query.inMailbox() != null) {
            mailbox = Ids.decode(Ids.MAILBOX, query.inMailbox().value());
            MailboxRow row = mailbox(txn, tables, account, mailbox);
            if (row == null) {
                return new QueryResult(List.of(), query.position(), 0, state);
            }
            total = row.totalEmails;
        } else {
            total = counters.get(txn, account, Counters.EMAIL_TOTAL);
        }
        byte[] prefix = Key.bytes(Key.of(account).u64(mailbox).build());
        List<EmailId> ids = new ArrayList<>();
        try (Cursor cursor = tables.mailboxIndex.openCursor(txn)) {
            boolean ok = query.receivedAtAscending() ? first(cursor, account, mailbox) : last(cursor, account, mailbox);
            long skipped = 0;
            while (ok && ids.size() < query.limit()) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix)) {
                    break;
                }
                if (skipped++ >= query.position()) {
                    ids.add(new EmailId(Ids.encode(Ids.EMAIL, Key.u64(key, 24))));
                }
                ok = query.receivedAtAscending() ? cursor.getNext() : cursor.getPrev();
            }
        }
        return new QueryResult(ids, query.position(), total, state);
    }

    private static boolean first(Cursor cursor, long account, long mailbox) {
        return cursor.getSearchKeyRange(Key.of(account).u64(mailbox).build()) != null;
    }

    /** Positions on the last key of the mailbox: the first key past it, then one step back. */
    private static boolean last(Cursor cursor, long account, long mailbox) {
        if (cursor.getSearchKeyRange(Key.of(account).u64(mailbox + 1).build()) != null) {
            return cursor.getPrev();
        }
        return cursor.getLast();
    }
}
