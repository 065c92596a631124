// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.time.Clock;
import java.util.function.Function;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;

/**
 * The Xodus environment with its tables, and the two ways in: a read-only snapshot, or Xodus's
 * exclusive write transaction (one writer at a time, so no transaction ever retries) wrapped in
 * a {@link Tx} that appends the change log before commit and tells the {@link StateListeners}
 * after it.
 */
final class Db implements AutoCloseable {
    final Environment env;
    final Tables tables;
    final Counters counters;
    final ChangeLog changeLog;
    final Clock clock;
    final StateListeners stateListeners = new StateListeners();

    Db(Environment env, Clock clock) {
        this.env = env;
        this.tables = Tables.open(env);
        this.counters = new Counters(tables.counters);
        this.changeLog = new ChangeLog(tables.changes, counters);
        ListingCounts.ensureBuilt(env, tables, counters);
        BlobEmails.ensureBuilt(env, tables, counters);
        this.clock = clock;
    }

    <T> T read(Function<Transaction, T> body) {
        return env.computeInReadonlyTransaction(body::apply);
    }

    <T> T write(Function<Tx, T> body) {
        Tx[] last = new Tx[1];
        T committed = env.computeInExclusiveTransaction(txn -> {
            Tx tx = new Tx(txn, tables, counters, changeLog, clock.millis());
            last[0] = tx;
            T result = body.apply(tx);
            tx.finish();
            return result;
        });
        stateListeners.committed(last[0].changedTypes(), last[0].deliveredAccounts());
        return committed;
    }

    /** A body that may throw a checked exception, which aborts the transaction and reaches the caller. */
    interface Body<I, T, E extends Exception> {
        T apply(I in) throws E;
    }

    <T, E extends Exception> T writeOrThrow(Body<Tx, T, E> body) throws E {
        try {
            return write(tx -> call(body, tx));
        } catch (Rethrow e) {
            throw e.<E>checked();
        }
    }

    <T, E extends Exception> T readOrThrow(Body<Transaction, T, E> body) throws E {
        try {
            return read(txn -> call(body, txn));
        } catch (Rethrow e) {
            throw e.<E>checked();
        }
    }

    private static <I, T> T call(Body<I, T, ?> body, I in) {
        try {
            return body.apply(in);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new Rethrow(e);
        }
    }

    @Override
    public void close() {
        stateListeners.close();
        env.close();
    }

    /** Carries a checked exception out of a Xodus transaction lambda. */
    private static final class Rethrow extends RuntimeException {
        Rethrow(Exception cause) {
            super(cause);
        }

        @SuppressWarnings("unchecked")
        <E extends Exception> E checked() {
            return (E) getCause();
        }
    }
}
