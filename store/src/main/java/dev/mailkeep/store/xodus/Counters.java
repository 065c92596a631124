// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.bindings.LongBinding;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/** Per-account counters: id sequences that never go back, modseqs, and the account's email total. */
final class Counters {
    static final long GLOBAL = 0;
    static final int ACCOUNT_SEQ = 1;
    static final int MAILBOX_SEQ = 2;
    static final int EMAIL_SEQ = 3;
    static final int THREAD_SEQ = 4;
    static final int EMAIL_TOTAL = 5;
    static final int SUBMISSION_SEQ = 6;
    static final int IDENTITY_SEQ = 7;
    /** Global: the layout version of the listing counts ({@link ListingCounts}). */
    static final int LISTING_COUNTS = 8;
    /** Global: the layout version of the blob-to-email index ({@link BlobEmails}). */
    static final int BLOB_EMAILS = 9;
    private static final int MODSEQ = 32;
    private static final int LOG_FLOOR = 64;

    private final Store store;

    Counters(Store store) {
        this.store = store;
    }

    static int modseq(DataType type) {
        return MODSEQ + type.ordinal();
    }

    /** The lowest modseq a client may still ask changes from (older entries were trimmed). */
    static int logFloor(DataType type) {
        return LOG_FLOOR + type.ordinal();
    }

    long get(Transaction txn, long account, int kind) {
        ByteIterable value = store.get(txn, key(account, kind));
        return value == null ? 0 : LongBinding.compressedEntryToLong(value);
    }

    void set(Transaction txn, long account, int kind, long value) {
        store.put(txn, key(account, kind), LongBinding.longToCompressedEntry(value));
    }

    long add(Transaction txn, long account, int kind, long delta) {
        long next = get(txn, account, kind) + delta;
        set(txn, account, kind, next);
        return next;
    }

    /** The next value of a sequence, starting at 1. */
    long next(Transaction txn, long account, int kind) {
        return add(txn, account, kind, 1);
    }

    private static ByteIterable key(long account, int kind) {
        return Key.of(account).u8(kind).build();
    }
}
