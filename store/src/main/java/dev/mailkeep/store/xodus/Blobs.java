// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.bindings.LongBinding;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * Who references which blob: per account ({@code blobRefs}: emails using it), uploads not yet
 * expired ({@code uploads}: account | blob -> upload time), and in all ({@code blobTotals}: blob ->
 * references + uploads), which the sweeper reads to find files nothing needs.
 */
final class Blobs {
    private Blobs() {}

    static void addRef(Tx tx, long account, String blob, int delta) {
        add(tx.txn, tx.tables.blobRefs, Key.of(account).utf8(blob).build(), delta);
        add(tx.txn, tx.tables.blobTotals, new Key().utf8(blob).build(), delta);
    }

    static void upload(Tx tx, long account, String blob) {
        ByteIterable key = Key.of(account).utf8(blob).build();
        if (tx.tables.uploads.get(tx.txn, key) == null) {
            add(tx.txn, tx.tables.blobTotals, new Key().utf8(blob).build(), 1);
        }
        tx.tables.uploads.put(tx.txn, key, LongBinding.longToCompressedEntry(tx.now));
    }

    /** True when the account's emails use the blob or the account uploaded it. */
    static boolean accessible(Transaction txn, Tables tables, long account, String blob) {
        ByteIterable key = Key.of(account).utf8(blob).build();
        return tables.blobRefs.get(txn, key) != null || tables.uploads.get(txn, key) != null;
    }

    static boolean referenced(Transaction txn, Tables tables, String blob) {
        return tables.blobTotals.get(txn, new Key().utf8(blob).build()) != null;
    }

    /** Drops uploads older than the cutoff; returns how many. */
    static long expireUploads(Tx tx, long cutoffMillis) {
        long expired = 0;
        try (Cursor cursor = tx.tables.uploads.openCursor(tx.txn)) {
            while (cursor.getNext()) {
                if (LongBinding.compressedEntryToLong(cursor.getValue()) < cutoffMillis) {
                    byte[] key = Key.bytes(cursor.getKey());
                    String blob = new String(key, 8, key.length - 8, java.nio.charset.StandardCharsets.UTF_8);
                    cursor.deleteCurrent();
                    add(tx.txn, tx.tables.blobTotals, new Key().utf8(blob).build(), -1);
                    expired++;
                }
            }
        }
        return expired;
    }

    private static void add(Transaction txn, Store store, ByteIterable key, long delta) {
        ByteIterable value = store.get(txn, key);
        long next = (value == null ? 0 : LongBinding.compressedEntryToLong(value)) + delta;
        if (next <= 0) {
            store.delete(txn, key);
        } else {
            store.put(txn, key, LongBinding.longToCompressedEntry(next));
        }
    }
}
