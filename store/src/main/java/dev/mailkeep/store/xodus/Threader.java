// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.mime.BaseSubject;
import dev.mailkeep.store.model.EmailSummary;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.bindings.LongBinding;
import jetbrains.exodus.env.Cursor;

/**
 * Thread assignment per RFC 8621 section 3: a new email joins the thread of an existing email
 * when one's Message-ID appears in the other's Message-ID, In-Reply-To or References, and their
 * base subjects match. Every such id is indexed ({@code account | id 0x00 thread} -> how many of
 * the thread's emails carry it), which also
 * links an email to replies that arrived before it and to siblings quoting the same parent. When
 * a new email links several threads, they merge into the oldest; the others are destroyed, and
 * their emails get new ids.
 */
final class Threader {
    private Threader() {}

    /** Picks (or creates) the thread of a new email, merging threads it links; returns its number. */
    static long assign(Tx tx, long account, EmailSummary summary) {
        String base = BaseSubject.of(summary.subject());
        Set<String> ids = linkIds(summary);
        TreeSet<Long> matches = new TreeSet<>();
        for (String id : ids) {
            for (long thread : threadsOf(tx, account, id)) {
                ThreadRow row = thread(tx, account, thread);
                if (row != null && row.baseSubject().equals(base)) {
                    matches.add(thread);
                }
            }
        }
        if (matches.isEmpty()) {
            long num = tx.counters.next(tx.txn, account, Counters.THREAD_SEQ);
            tx.tables.threads.put(tx.txn, Key.of(account).u64(num).build(),
                    new ThreadRow(num, base, java.util.List.of()).encode());
            tx.changed(account, DataType.THREAD, Ids.encode(Ids.THREAD, num), ChangeKind.CREATED);
            return num;
        }
        long survivor = matches.first();
        for (long other : matches.tailSet(survivor, false)) {
            merge(tx, account, other, survivor);
        }
        return survivor;
    }

    /** Adds the email to its thread row and indexes its ids; the email row is written by the caller. */
    static void attach(Tx tx, long account, EmailRow email) {
        ThreadRow row = thread(tx, account, email.thread());
        put(tx, account, row.plus(email.receivedAtMillis(), email.num()));
        for (String id : linkIds(email.summary())) {
            addLink(tx, account, id, email.thread(), 1);
        }
        tx.changed(account, DataType.THREAD, Ids.encode(Ids.THREAD, email.thread()), ChangeKind.UPDATED);
    }

    /** Removes a destroyed email from its thread, destroying the thread when it was the last one. */
    static void detach(Tx tx, long account, EmailRow email) {
        ThreadRow row = thread(tx, account, email.thread()).minus(email.num());
        String threadId = Ids.encode(Ids.THREAD, email.thread());
        if (row.emails().isEmpty()) {
            tx.tables.threads.delete(tx.txn, Key.of(account).u64(row.num()).build());
            tx.changed(account, DataType.THREAD, threadId, ChangeKind.DESTROYED);
        } else {
            put(tx, account, row);
            tx.changed(account, DataType.THREAD, threadId, ChangeKind.UPDATED);
        }
        for (String id : linkIds(email.summary())) {
            addLink(tx, account, id, email.thread(), -1);
        }
    }

    /** Counts the emails of a thread that carry a link id; the index entry goes at zero. */
    private static void addLink(Tx tx, long account, String id, long thread, long delta) {
        ByteIterable key = idKey(account, id).u64(thread).build();
        ByteIterable value = tx.tables.messageIds.get(tx.txn, key);
        long next = (value == null ? 0 : LongBinding.compressedEntryToLong(value)) + delta;
        if (next <= 0) {
            tx.tables.messageIds.delete(tx.txn, key);
        } else {
            tx.tables.messageIds.put(tx.txn, key, LongBinding.longToCompressedEntry(next));
        }
    }

    /**
     * Moves every email of thread {@code from} into {@code into}. A threadId is immutable (RFC 8621
     * section 3), so each moved email is destroyed and re-created under a new id.
     */
    private static void merge(Tx tx, long account, long from, long into) {
        ThreadRow source = thread(tx, account, from);
        ThreadRow target = thread(tx, account, into);
        for (long[] entry : source.emails()) {
            ByteIterable key = Key.of(account).u64(entry[1]).build();
            EmailRow email = EmailRow.decode(entry[1], tx.tables.emails.get(tx.txn, key));
            Membership.remove(tx, account, email);
            tx.tables.emails.delete(tx.txn, key);
            long renumbered = tx.counters.next(tx.txn, account, Counters.EMAIL_SEQ);
            EmailRow moved = new EmailRow(renumbered, email.blob(), into, email.mailboxes(), email.keywords(),
                    email.size(), email.receivedAtMillis(), email.summary());
            tx.tables.emails.put(tx.txn, Key.of(account).u64(renumbered).build(), moved.encode());
            BlobEmails.remove(tx, account, email.blob(), email.num());
            BlobEmails.add(tx, account, email.blob(), renumbered);
            Membership.add(tx, account, moved);
            for (String id : linkIds(email.summary())) {
                addLink(tx, account, id, from, -1);
                addLink(tx, account, id, into, 1);
            }
            target = target.plus(entry[0], renumbered);
            tx.changed(account, DataType.EMAIL, Ids.encode(Ids.EMAIL, entry[1]), ChangeKind.DESTROYED);
            tx.changed(account, DataType.EMAIL, Ids.encode(Ids.EMAIL, renumbered), ChangeKind.CREATED);
            tx.renumbered(account, entry[1], renumbered);
        }
        put(tx, account, target);
        tx.tables.threads.delete(tx.txn, Key.of(account).u64(from).build());
        tx.changed(account, DataType.THREAD, Ids.encode(Ids.THREAD, from), ChangeKind.DESTROYED);
        tx.changed(account, DataType.THREAD, Ids.encode(Ids.THREAD, into), ChangeKind.UPDATED);
    }

    static ThreadRow thread(Tx tx, long account, long thread) {
        ByteIterable value = tx.tables.threads.get(tx.txn, Key.of(account).u64(thread).build());
        return value == null ? null : ThreadRow.decode(thread, value);
    }

    private static void put(Tx tx, long account, ThreadRow row) {
        tx.tables.threads.put(tx.txn, Key.of(account).u64(row.num()).build(), row.encode());
    }

    private static Set<Long> threadsOf(Tx tx, long account, String id) {
        byte[] prefix = Key.bytes(idKey(account, id).build());
        Set<Long> threads = new LinkedHashSet<>();
        try (Cursor cursor = tx.tables.messageIds.openCursor(tx.txn)) {
            boolean ok = cursor.getSearchKeyRange(idKey(account, id).build()) != null;
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix) || key.length != prefix.length + 8) {
                    break;
                }
                threads.add(Key.u64(key, prefix.length));
                ok = cursor.getNext();
            }
        }
        return threads;
    }

    private static Key idKey(long account, String id) {
        return Key.of(account).bytes(id.getBytes(StandardCharsets.UTF_8)).u8(0);
    }

    private static Set<String> linkIds(EmailSummary summary) {
        Set<String> ids = new LinkedHashSet<>(summary.messageId());
        ids.addAll(summary.inReplyTo());
        ids.addAll(summary.references());
        ids.removeIf(id -> id.indexOf('\0') >= 0);
        return ids;
    }
}
