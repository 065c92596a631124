// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.bindings.LongBinding;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;

/**
 * Exact counts of each mailbox listing's rows ({@code mailboxIndex}) per span of receivedAt, at
 * five widths (64 ms, 16 s, 70 min, 12 days, 8.7 years; each span holds 256 of the next finer), so
 * the index of an email in "mailbox M by receivedAt" is at most five short range scans and a walk
 * inside one 64 ms span, however deep the email lies (Email/queryChanges, RFC 8620 section 5.6).
 * Without them the index was a walk from the top of the listing, growing with the mailbox.
 *
 * <p>Table {@code listingCounts}: {@code account | mailbox | level | span (signed)} to the count.
 * The counts move with the listing rows ({@link Membership}) and are written once per transaction
 * ({@link Tx#finish}), so a keyword change that removes and re-adds a row writes nothing. Stores
 * written before the table existed are counted once when opened ({@link #ensureBuilt}).
 */
final class ListingCounts {
    /** log2 of the span width in milliseconds, finest first. */
    private static final int[] SHIFTS = {6, 14, 22, 30, 38};
    private static final int TOP = SHIFTS.length - 1;
    /** The version of this layout, kept as a global counter; another value means "count again". */
    private static final int VERSION = 1;
    private static final int BUILD_BATCH = 50_000;

    private ListingCounts() {}

    /** A pending change of one span's count within a transaction. */
    record Span(long account, long mailbox, int level, long span) {
        ByteIterable key() {
            return Key.of(account).u64(mailbox).u8(level).s64(span).build();
        }
    }

    /** Records that a row of {@code mailbox} at {@code receivedAt} was added (+1) or removed (-1). */
    static void moved(Tx tx, long account, long mailbox, long receivedAt, int sign) {
        for (int level = 0; level <= TOP; level++) {
            tx.listingDelta(new Span(account, mailbox, level, receivedAt >> SHIFTS[level]), sign);
        }
    }

    /** Applies a transaction's net changes. */
    static void write(Transaction txn, Tables tables, Map<Span, Long> deltas) {
        deltas.forEach((span, delta) -> {
            if (delta != 0) {
                ByteIterable key = span.key();
                ByteIterable value = tables.listingCounts.get(txn, key);
                long next = (value == null ? 0 : LongBinding.compressedEntryToLong(value)) + delta;
                if (next == 0) {
                    tables.listingCounts.delete(txn, key);
                } else {
                    tables.listingCounts.put(txn, key, LongBinding.longToCompressedEntry(next));
                }
            }
        });
    }

    /**
     * How many rows of the listing come after the row {@code (receivedAt, email)} in ascending
     * order, i.e. the row's index in the listing newest first (ties by receivedAt are ordered by
     * email number, as the listing is).
     */
    static long newerThan(Transaction txn, Tables tables, long account, long mailbox, long receivedAt, long email) {
        long count = 0;
        try (Cursor cursor = tables.listingCounts.openCursor(txn)) {
            for (int level = TOP; level >= 0; level--) {
                long from = (receivedAt >> SHIFTS[level]) + 1;
                long until = level == TOP ? Long.MAX_VALUE
                        : ((receivedAt >> SHIFTS[level + 1]) + 1) << (SHIFTS[level + 1] - SHIFTS[level]);
                byte[] prefix = Key.bytes(Key.of(account).u64(mailbox).u8(level).build());
                boolean ok = from < until
                        && cursor.getSearchKeyRange(new Span(account, mailbox, level, from).key()) != null;
                while (ok) {
                    byte[] key = Key.bytes(cursor.getKey());
                    if (!Key.startsWith(key, prefix) || Key.s64(key, prefix.length) >= until) {
                        break;
                    }
                    count += LongBinding.compressedEntryToLong(cursor.getValue());
                    ok = cursor.getNext();
                }
            }
        }
        long spanEnd = ((receivedAt >> SHIFTS[0]) + 1) << SHIFTS[0];
        byte[] prefix = Key.bytes(Key.of(account).u64(mailbox).build());
        try (Cursor cursor = tables.mailboxIndex.openCursor(txn)) {
            boolean ok = cursor.getSearchKeyRange(Membership.indexKey(account, mailbox, receivedAt, email + 1)) != null;
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix) || Key.s64(key, 16) >= spanEnd) {
                    break;
                }
                count++;
                ok = cursor.getNext();
            }
        }
        return count;
    }

    /**
     * Counts the listings once when the store was written without this table (or with another
     * layout): the table is cleared, then filled from {@code mailboxIndex} in batches of
     * transactions, and the version is recorded last, so an interrupted build starts again.
     * Runs at open, before anything else writes.
     */
    static void ensureBuilt(Environment env, Tables tables, Counters counters) {
        if (env.computeInReadonlyTransaction(txn -> counters.get(txn, Counters.GLOBAL, Counters.LISTING_COUNTS))
                == VERSION) {
            return;
        }
        boolean empty = env.computeInReadonlyTransaction(txn -> {
            try (Cursor cursor = tables.mailboxIndex.openCursor(txn)) {
                return !cursor.getNext();
            }
        });
        if (!empty) {
            clear(env, tables);
            build(env, tables);
        }
        env.executeInExclusiveTransaction(txn -> counters.set(txn, Counters.GLOBAL, Counters.LISTING_COUNTS, VERSION));
    }

    private static void clear(Environment env, Tables tables) {
        boolean more = true;
        while (more) {
            more = env.computeInExclusiveTransaction(txn -> {
                int deleted = 0;
                try (Cursor cursor = tables.listingCounts.openCursor(txn)) {
                    while (deleted < BUILD_BATCH && cursor.getNext()) {
                        cursor.deleteCurrent();
                        deleted++;
                    }
                }
                return deleted == BUILD_BATCH;
            });
        }
    }

    /** Streams the listing rows in key order; each span's count is complete when the scan leaves it. */
    private static void build(Environment env, Tables tables) {
        byte[][] resume = {null};
        Map<Span, Long> open = new HashMap<>();
        while (true) {
            List<Map.Entry<Span, Long>> closed = new ArrayList<>();
            boolean done = env.computeInReadonlyTransaction(txn -> {
                int rows = 0;
                try (Cursor cursor = tables.mailboxIndex.openCursor(txn)) {
                    boolean ok = resume[0] == null ? cursor.getNext()
                            : cursor.getSearchKeyRange(new jetbrains.exodus.ArrayByteIterable(resume[0])) != null;
                    while (ok && rows < BUILD_BATCH) {
                        byte[] key = Key.bytes(cursor.getKey());
                        long account = Key.u64(key, 0);
                        long mailbox = Key.u64(key, 8);
                        long receivedAt = Key.s64(key, 16);
                        for (int level = 0; level <= TOP; level++) {
                            Span span = new Span(account, mailbox, level, receivedAt >> SHIFTS[level]);
                            closeOthers(open, span, closed);
                            open.merge(span, 1L, Long::sum);
                        }
                        rows++;
                        ok = cursor.getNext();
                        if (ok) {
                            resume[0] = Key.bytes(cursor.getKey());
                        }
                    }
                    return !ok;
                }
            });
            if (done) {
                closed.addAll(open.entrySet());
                open.clear();
            }
            env.executeInExclusiveTransaction(txn -> {
                for (Map.Entry<Span, Long> entry : closed) {
                    tables.listingCounts.put(txn, entry.getKey().key(), LongBinding.longToCompressedEntry(entry.getValue()));
                }
            });
            if (done) {
                return;
            }
        }
    }

    /** Moves the open span of the same listing and level as {@code next}, if another, to {@code closed}. */
    private static void closeOthers(Map<Span, Long> open, Span next, List<Map.Entry<Span, Long>> closed) {
        if (open.containsKey(next)) {
            return;
        }
        open.entrySet().removeIf(entry -> {
            Span span = entry.getKey();
            boolean sameLevel = span.level() == next.level();
            if (sameLevel) {
                closed.add(Map.entry(span, entry.getValue()));
            }
            return sameLevel;
        });
    }
}
