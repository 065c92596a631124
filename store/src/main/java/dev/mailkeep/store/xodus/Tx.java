// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Transaction;

/**
 * One write transaction: the Xodus transaction, the mailboxes whose counts it moved, and the
 * changes it made. {@link #finish()} writes both, giving every data type it changed in every
 * account one new modseq, inside the same transaction.
 */
final class Tx {
    final Transaction txn;
    final Tables tables;
    final Counters counters;
    private final ChangeLog log;
    private final Map<String, MailboxRow> mailboxes = new LinkedHashMap<>();
    private final Map<String, Long> mailboxAccounts = new LinkedHashMap<>();
    private final java.util.Set<String> deletedMailboxes = new java.util.HashSet<>();
    private final Map<Long, Map<DataType, Map<String, ChangeLog.Entry>>> changes = new LinkedHashMap<>();

    final long now;
    private final Map<ListingCounts.Span, Long> listingDeltas = new java.util.HashMap<>();

    Tx(Transaction txn, Tables tables, Counters counters, ChangeLog log, long now) {
        this.now = now;
        this.txn = txn;
        this.tables = tables;
        this.counters = counters;
        this.log = log;
    }

    /** The mailbox for update within this transaction, or null when absent. */
    MailboxRow mailbox(long account, long mailbox) {
        String cacheKey = account + "/" + mailbox;
        MailboxRow row = mailboxes.get(cacheKey);
        if (row == null && !deletedMailboxes.contains(cacheKey)) {
            ByteIterable value = tables.mailboxes.get(txn, Key.of(account).u64(mailbox).build());
            if (value == null) {
                return null;
            }
            row = MailboxRow.decode(mailbox, value);
            mailboxes.put(cacheKey, row);
            mailboxAccounts.put(cacheKey, account);
        }
        return row;
    }

    /** Adds a mailbox created in this transaction. */
    void newMailbox(long account, MailboxRow row) {
        String cacheKey = account + "/" + row.num;
        mailboxes.put(cacheKey, row);
        mailboxAccounts.put(cacheKey, account);
        tables.mailboxes.put(txn, Key.of(account).u64(row.num).build(), row.encode());
        changed(account, DataType.MAILBOX, Ids.encode(Ids.MAILBOX, row.num), ChangeKind.CREATED, false);
    }

    /** An email that a thread merge re-created under a new number: account, old number, new number. */
    record Renumbered(long account, long from, long to) {}

    private final java.util.List<Renumbered> renumbered = new java.util.ArrayList<>();

    void renumbered(long account, long from, long to) {
        renumbered.add(new Renumbered(account, from, to));
    }

    /** The emails re-created under new numbers in this transaction, in order (a chain may repeat). */
    java.util.List<Renumbered> renumbered() {
        return java.util.List.copyOf(renumbered);
    }

    /** The number an email has at the end of this transaction. */
    long currentNumber(long account, long email) {
        long current = email;
        for (Renumbered r : renumbered) {
            if (r.account() == account && r.from() == current) {
                current = r.to();
            }
        }
        return current;
    }

    /** Deletes a mailbox (its counts must be zero) and logs it destroyed. */
    void deleteMailbox(long account, long mailbox) {
        String cacheKey = account + "/" + mailbox;
        mailboxes.remove(cacheKey);
        mailboxAccounts.remove(cacheKey);
        deletedMailboxes.add(cacheKey);
        tables.mailboxes.delete(txn, Key.of(account).u64(mailbox).build());
        changed(account, DataType.MAILBOX, Ids.encode(Ids.MAILBOX, mailbox), ChangeKind.DESTROYED, false);
    }

    void changed(long account, DataType type, String id, ChangeKind kind) {
        changed(account, type, id, kind, false);
    }

    /** Records a change; {@code countsOnly} is cleared by any other update of the same id. */
    void changed(long account, DataType type, String id, ChangeKind kind, boolean countsOnly) {
        Map<String, ChangeLog.Entry> byId = changes.computeIfAbsent(account, a -> new LinkedHashMap<>())
                .computeIfAbsent(type, t -> new LinkedHashMap<>());
        ChangeLog.Entry before = byId.get(id);
        if (before == null) {
            byId.put(id, new ChangeLog.Entry(id, kind, countsOnly));
            return;
        }
        ChangeKind net = before.kind().then(kind);
        if (net == null) {
            byId.remove(id);
        } else {
            byId.put(id, new ChangeLog.Entry(id, net, before.countsOnly() && countsOnly));
        }
    }

    private final java.util.Set<Long> delivered = new java.util.HashSet<>();

    /** Marks that this transaction delivers new mail to the account (for push, RFC 8621 section 1.5). */
    void delivered(long account) {
        delivered.add(account);
    }

    /** The accounts this transaction delivered new mail to. */
    java.util.Set<Long> deliveredAccounts() {
        return java.util.Set.copyOf(delivered);
    }

    /** The data types whose state this transaction moves, per account number. */
    Map<Long, java.util.Set<DataType>> changedTypes() {
        Map<Long, java.util.Set<DataType>> result = new LinkedHashMap<>();
        changes.forEach((account, byType) -> byType.forEach((type, byId) -> {
            if (!byId.isEmpty()) {
                result.computeIfAbsent(account, a -> java.util.EnumSet.noneOf(DataType.class)).add(type);
            }
        }));
        return result;
    }

    /** A change of one listing span's count, written net at {@link #finish()}. */
    void listingDelta(ListingCounts.Span span, int delta) {
        listingDeltas.merge(span, (long) delta, Long::sum);
    }

    /** Writes the touched mailboxes and appends the change log; call last, inside the transaction. */
    void finish() {
        ListingCounts.write(txn, tables, listingDeltas);
        mailboxes.forEach((cacheKey, row) -> tables.mailboxes.put(txn,
                Key.of(mailboxAccounts.get(cacheKey)).u64(row.num).build(), row.encode()));
        changes.forEach((account, byType) -> byType.forEach((type, byId) -> {
            if (!byId.isEmpty()) {
                long modseq = counters.next(txn, account, Counters.modseq(type));
                log.append(txn, account, type, modseq, now, new ArrayList<>(byId.values()));
            }
        }));
    }
}
