// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.State;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.index.SearchIndex;
import dev.mailkeep.store.mime.MessageParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;

/**
 * Brings the search index up to the store: for each account, replays the Email change log from
 * the position the index's last commit recorded (created: index the blob's text; destroyed:
 * delete), or rebuilds the account's documents when the log no longer reaches back that far.
 */
final class IndexSync {
    private final Environment env;
    private final Tables tables;
    private final Counters counters;
    private final ChangeLog log;
    private final BlobStore blobs;
    private final SearchIndex index;

    IndexSync(Environment env, Tables tables, Counters counters, ChangeLog log, BlobStore blobs, SearchIndex index) {
        this.env = env;
        this.tables = tables;
        this.counters = counters;
        this.log = log;
        this.blobs = blobs;
        this.index = index;
    }

    /** Replays what the index misses, for every account; returns how many emails were (re)indexed. */
    long catchUp() {
        long indexed = 0;
        for (AccountRow account : env.computeInReadonlyTransaction(txn -> Accounts.all(txn, tables))) {
            indexed += catchUp(account.num());
        }
        index.commit();
        return indexed;
    }

    /** Deletes and re-adds every document (the {@code reindex} command). */
    long rebuild() {
        long indexed = 0;
        for (AccountRow account : env.computeInReadonlyTransaction(txn -> Accounts.all(txn, tables))) {
            indexed += rebuild(account.num());
        }
        index.commit();
        return indexed;
    }

    private long catchUp(long account) {
        long from = index.positions().getOrDefault(account, 0L);
        record Todo(long current, Changes changes) {}
        Todo todo = env.computeInReadonlyTransaction(txn -> {
            long current = counters.get(txn, account, Counters.modseq(DataType.EMAIL));
            if (current == from) {
                return new Todo(current, null);
            }
            try {
                return new Todo(current, log.read(txn, account, DataType.EMAIL, new State(from), Integer.MAX_VALUE).changes());
            } catch (CannotCalculateChangesException e) {
                return new Todo(current, null);
            }
        });
        if (todo.current() == from) {
            return 0;
        }
        if (todo.changes() == null) {
            return rebuild(account);
        }
        long indexed = 0;
        for (String id : todo.changes().created()) {
            indexed += indexOne(account, Ids.decode(Ids.EMAIL, id)) ? 1 : 0;
        }
        for (String id : todo.changes().destroyed()) {
            index.delete(account, Ids.decode(Ids.EMAIL, id));
        }
        index.setPosition(account, todo.changes().newState().modseq());
        return indexed;
    }

    private long rebuild(long account) {
        index.deleteAccount(account);
        long[] position = new long[1];
        List<Long> nums = env.computeInReadonlyTransaction(txn -> {
            position[0] = counters.get(txn, account, Counters.modseq(DataType.EMAIL));
            List<Long> all = new ArrayList<>();
            byte[] prefix = Key.bytes(Key.of(account).build());
            try (Cursor cursor = tables.emails.openCursor(txn)) {
                boolean ok = cursor.getSearchKeyRange(Key.of(account).build()) != null;
                while (ok) {
                    byte[] key = Key.bytes(cursor.getKey());
                    if (!Key.startsWith(key, prefix)) {
                        break;
                    }
                    all.add(Key.u64(key, 8));
                    ok = cursor.getNext();
                }
            }
            return all;
        });
        long indexed = 0;
        for (long num : nums) {
            indexed += indexOne(account, num) ? 1 : 0;
        }
        index.setPosition(account, position[0]);
        return indexed;
    }

    /** Indexes one email from its blob; false when the email or its blob is gone. */
    boolean indexOne(long account, long num) {
        EmailRow row = env.computeInReadonlyTransaction(txn -> Reads.email(txn, tables, account, num));
        if (row == null) {
            return false;
        }
        byte[] bytes;
        try (InputStream in = blobs.open(row.blob()).orElse(null)) {
            if (in == null) {
                return false;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        index.add(account, num, row.receivedAtMillis(), row.size(), MessageParser.parseFull(bytes));
        return true;
    }
}
