// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;

/**
 * Which emails of an account are made of a message blob: table {@code blobEmails}
 * ({@code account | blob | 0x00 | email} to nothing), written with the email rows (created,
 * destroyed, renumbered by a thread merge), so Blob/lookup (RFC 9404 section 4.3) reads the
 * emails of a blob instead of every email of the account. Stores written before the table existed
 * are indexed once when opened ({@link #ensureBuilt}).
 */
final class BlobEmails {
    private static final int VERSION = 1;
    private static final int BUILD_BATCH = 20_000;

    private BlobEmails() {}

    static void add(Tx tx, long account, String blob, long email) {
        tx.tables.blobEmails.put(tx.txn, key(account, blob, email), Wire.EMPTY);
    }

    static void remove(Tx tx, long account, String blob, long email) {
        tx.tables.blobEmails.delete(tx.txn, key(account, blob, email));
    }

    /** The numbers of the account's emails whose message is {@code blob}, ascending. */
    static List<Long> emails(Transaction txn, Tables tables, long account, String blob) {
        List<Long> emails = new ArrayList<>();
        byte[] prefix = Key.bytes(Key.of(account).utf8(blob).u8(0).build());
        try (Cursor cursor = tables.blobEmails.openCursor(txn)) {
            boolean ok = cursor.getSearchKeyRange(new ArrayByteIterable(prefix)) != null;
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix) || key.length != prefix.length + 8) {
                    break;
                }
                emails.add(Key.u64(key, prefix.length));
                ok = cursor.getNext();
            }
        }
        return emails;
    }

    private static ByteIterable key(long account, String blob, long email) {
        return Key.of(account).utf8(blob).u8(0).u64(email).build();
    }

    /** Indexes every email row once when the store has not got this table (or its version) yet. */
    static void ensureBuilt(Environment env, Tables tables, Counters counters) {
        if (env.computeInReadonlyTransaction(txn -> counters.get(txn, Counters.GLOBAL, Counters.BLOB_EMAILS))
                == VERSION) {
            return;
        }
        byte[][] resume = {null};
        boolean done = false;
        while (!done) {
            done = env.computeInExclusiveTransaction(txn -> {
                int rows = 0;
                try (Cursor cursor = tables.emails.openCursor(txn)) {
                    boolean ok = resume[0] == null ? cursor.getNext()
                            : cursor.getSearchKeyRange(new ArrayByteIterable(resume[0])) != null;
                    while (ok && rows < BUILD_BATCH) {
                        byte[] key = Key.bytes(cursor.getKey());
                        long account = Key.u64(key, 0);
                        long num = Key.u64(key, 8);
                        EmailRow row = EmailRow.decode(num, cursor.getValue());
                        tables.blobEmails.put(txn, key(account, row.blob(), num), Wire.EMPTY);
                        rows++;
                        ok = cursor.getNext();
                        if (ok) {
                            resume[0] = Key.bytes(cursor.getKey());
                        }
                    }
                    return !ok;
                }
            });
        }
        env.executeInExclusiveTransaction(txn -> counters.set(txn, Counters.GLOBAL, Counters.BLOB_EMAILS, VERSION));
    }
}
