// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import jetbrains.exodus.ByteIterable;

/**
 * Adds or removes one email's contribution to its mailboxes: the query index rows and the exact
 * counts of RFC 8621 section 2 (totalEmails, unreadEmails, totalThreads, unreadThreads). Every
 * change to an email's mailboxes, keywords or thread is "remove the old row, add the new one", so
 * the counts stay exact without ever being recounted. An email is unread without {@code $seen};
 * a thread is unread in a mailbox when one of its emails in that mailbox is unread.
 */
final class Membership {
    static final long ALL = 0;

    private Membership() {}

    static void add(Tx tx, long account, EmailRow email) {
        apply(tx, account, email, 1);
    }

    static void remove(Tx tx, long account, EmailRow email) {
        apply(tx, account, email, -1);
    }

    private static void apply(Tx tx, long account, EmailRow email, int sign) {
        index(tx, account, ALL, email, sign);
        tx.counters.add(tx.txn, account, Counters.EMAIL_TOTAL, sign);
        for (long mailbox : email.mailboxes()) {
            MailboxRow row = tx.mailbox(account, mailbox);
            if (row == null) {
                continue;
            }
            index(tx, account, mailbox, email, sign);
            int unread = email.unread() ? sign : 0;
            row.totalEmails += sign;
            row.unreadEmails += unread;
            ByteIterable key = Key.of(account).u64(mailbox).u64(email.thread()).build();
            ByteIterable value = tx.tables.mailboxThreads.get(tx.txn, key);
            Wire.In in = value == null ? null : new Wire.In(value);
            long count = in == null ? 0 : in.i64();
            long unreadCount = in == null ? 0 : in.i64();
            long nextCount = count + sign;
            long nextUnread = unreadCount + unread;
            if ((count == 0) != (nextCount == 0)) {
                row.totalThreads += sign;
            }
            if ((unreadCount == 0) != (nextUnread == 0)) {
                row.unreadThreads += sign;
            }
            if (nextCount == 0) {
                tx.tables.mailboxThreads.delete(tx.txn, key);
            } else {
                tx.tables.mailboxThreads.put(tx.txn, key, new Wire.Out().i64(nextCount).i64(nextUnread).build());
            }
            tx.changed(account, DataType.MAILBOX, Ids.encode(Ids.MAILBOX, mailbox), ChangeKind.UPDATED, true);
        }
    }

    private static void index(Tx tx, long account, long mailbox, EmailRow email, int sign) {
        ByteIterable key = indexKey(account, mailbox, email.receivedAtMillis(), email.num());
        if (sign > 0) {
            tx.tables.mailboxIndex.put(tx.txn, key, Wire.EMPTY);
        } else {
            tx.tables.mailboxIndex.delete(tx.txn, key);
        }
        ListingCounts.moved(tx, account, mailbox, email.receivedAtMillis(), sign);
    }

    static ByteIterable indexKey(long account, long mailbox, long receivedAt, long email) {
        return Key.of(account).u64(mailbox).s64(receivedAt).u64(email).build();
    }
}
