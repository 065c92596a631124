// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jetbrains.exodus.env.Environment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table-driven change log: each row is one transaction of (action, id) pairs; for every earlier
 * state the expected created / updated / destroyed sets are written out by hand.
 */
class ChangeLogTest {
    private static final long ACCOUNT = 7;

    /** One transaction: pairs of "c", "u" or "d" and an id. */
    private static final List<List<String>> ROWS = List.of(
            List.of("c", "a", "c", "b"),
            List.of("u", "a", "c", "c"),
            List.of("d", "b", "u", "c"),
            List.of("u", "a"),
            List.of("d", "c"),
            List.of("c", "e", "u", "a", "d", "e"));

    /** Expected {created, updated, destroyed} since the state before row i. */
    private static final List<List<Set<String>>> EXPECTED = List.of(
            List.of(Set.of("a"), Set.of(), Set.of()),
            List.of(Set.of(), Set.of("a"), Set.of("b")),
            List.of(Set.of(), Set.of("a"), Set.of("b", "c")),
            List.of(Set.of(), Set.of("a"), Set.of("c")),
            List.of(Set.of(), Set.of("a"), Set.of("c")),
            List.of(Set.of(), Set.of("a"), Set.of()),
            List.of(Set.of(), Set.of(), Set.of()));

    @TempDir
    Path dir;
    private Environment env;
    private Tables tables;
    private Counters counters;
    private ChangeLog log;

    @BeforeEach
    void open() {
        env = StoreEnvironment.open(dir);
        tables = Tables.open(env);
        counters = new Counters(tables.counters);
        log = new ChangeLog(tables.changes, counters);
        for (List<String> row : ROWS) {
            env.executeInExclusiveTransaction(txn -> {
                Tx tx = new Tx(txn, tables, counters, log, 1000L * ROWS.indexOf(row));
                for (int i = 0; i < row.size(); i += 2) {
                    ChangeKind kind = switch (row.get(i)) {
                        case "c" -> ChangeKind.CREATED;
                        case "u" -> ChangeKind.UPDATED;
                        default -> ChangeKind.DESTROYED;
                    };
                    tx.changed(ACCOUNT, DataType.EMAIL, row.get(i + 1), kind);
                }
                tx.finish();
            });
        }
    }

    @AfterEach
    void close() {
        env.close();
    }

    private Changes changes(long since, int max) throws CannotCalculateChangesException {
        try {
            return env.computeInReadonlyTransaction(txn -> {
                try {
                    return log.read(txn, ACCOUNT, DataType.EMAIL, new State(since), max).changes();
                } catch (CannotCalculateChangesException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw (CannotCalculateChangesException) e.getCause();
        }
    }

    @Test
    void everyEarlierStateGetsExactlyTheNetChanges() throws Exception {
        for (int since = 0; since <= ROWS.size(); since++) {
            Changes changes = changes(since, 100);
            List<Set<String>> expected = EXPECTED.get(since);
            assertEquals(expected.get(0), Set.copyOf(changes.created()), "created since " + since);
            assertEquals(expected.get(1), Set.copyOf(changes.updated()), "updated since " + since);
            assertEquals(expected.get(2), Set.copyOf(changes.destroyed()), "destroyed since " + since);
            assertEquals(new State(ROWS.size()), changes.newState());
            assertFalse(changes.hasMoreChanges());
        }
    }

    @Test
    void maxChangesStopsBetweenTransactionsNeverInside() throws Exception {
        Changes first = changes(0, 2);
        assertTrue(first.hasMoreChanges());
        assertEquals(new State(1), first.newState());
        assertEquals(Set.of("a", "b"), Set.copyOf(first.created()));

        Changes second = changes(1, 2);
        assertTrue(second.hasMoreChanges());
        assertEquals(new State(2), second.newState());
        assertEquals(Set.of("c"), Set.copyOf(second.created()));
        assertEquals(Set.of("a"), Set.copyOf(second.updated()));

        Changes rest = changes(2, 50);
        assertFalse(rest.hasMoreChanges());
        assertEquals(new State(ROWS.size()), rest.newState());
    }

    @Test
    void oneTransactionLargerThanMaxChangesCannotBeCalculated() {
        assertThrows(CannotCalculateChangesException.class, () -> changes(0, 1));
    }

    @Test
    void trimmingDropsOldTransactionsAndRefusesStatesBeforeThem() throws Exception {
        long removed = env.computeInExclusiveTransaction(txn -> log.trim(txn, 2500));
        assertEquals(6, removed);
        for (int since = 0; since < 3; since++) {
            int s = since;
            assertThrows(CannotCalculateChangesException.class, () -> changes(s, 100), "since " + since);
        }
        for (int since = 3; since <= ROWS.size(); since++) {
            Changes changes = changes(since, 100);
            assertEquals(EXPECTED.get(since).get(1), Set.copyOf(changes.updated()), "updated since " + since);
            assertEquals(EXPECTED.get(since).get(2), Set.copyOf(changes.destroyed()), "destroyed since " + since);
        }
        assertEquals(0, (long) env.computeInExclusiveTransaction(txn -> log.trim(txn, 2500)));
    }

    @Test
    void stateAheadIsRefused() {
        assertThrows(CannotCalculateChangesException.class, () -> changes(ROWS.size() + 1, 10));
    }
}
