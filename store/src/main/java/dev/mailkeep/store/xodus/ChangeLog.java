// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * The per-account, per-type change log (RFC 8620 section 5.2 /changes). Keys are
 * {@code account | type | modseq | index}, so reading the changes since a state is one cursor
 * range scan whose cost grows with the number of changes, not with the data.
 */
final class ChangeLog {
    /** One logged change; {@code countsOnly} marks a mailbox whose only change was its counts. */
    record Entry(String id, ChangeKind kind, boolean countsOnly) {}

    private final Store store;

    ChangeLog(Store store) {
        this.store = store;
    }

    void append(Transaction txn, long account, DataType type, long modseq, List<Entry> entries) {
        int index = 0;
        for (Entry entry : entries) {
            ByteIterable key = Key.of(account).u8(type.ordinal()).u64(modseq).u32(index++).build();
            store.put(txn, key, new Wire.Out().u8(entry.kind().ordinal()).bool(entry.countsOnly()).str(entry.id()).build());
        }
    }

    /**
     * Collapses the entries after {@code since} per id, taking whole modseqs only, until
     * {@code maxChanges} distinct ids would be exceeded.
     */
    Changes read(Transaction txn, long account, DataType type, State since, int maxChanges, long current, long floor)
            throws CannotCalculateChangesException {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be positive");
        }
        if (since.modseq() > current) {
            throw new CannotCalculateChangesException("state " + since.encode() + " is ahead of the current state");
        }
        if (since.modseq() < floor) {
            throw new CannotCalculateChangesException("state " + since.encode() + " is older than the retained log");
        }
        byte[] prefix = Key.of(account).u8(type.ordinal()).build().getBytesUnsafe().clone();
        Map<String, ChangeKind[]> net = new LinkedHashMap<>();
        long reached = since.modseq();
        boolean more = false;
        try (Cursor cursor = store.openCursor(txn)) {
            ByteIterable start = Key.of(account).u8(type.ordinal()).u64(since.modseq() + 1).build();
            boolean ok = cursor.getSearchKeyRange(start) != null;
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                if (!Key.startsWith(key, prefix)) {
                    break;
                }
                long modseq = Key.u64(key, prefix.length);
                Map<String, ChangeKind> group = new LinkedHashMap<>();
                while (ok && Key.startsWith(key, prefix) && Key.u64(key, prefix.length) == modseq) {
                    Wire.In in = new Wire.In(cursor.getValue());
                    ChangeKind kind = ChangeKind.values()[in.u8()];
                    in.bool();
                    group.put(in.str(), kind);
                    ok = cursor.getNext();
                    key = ok ? Key.bytes(cursor.getKey()) : key;
                }
                long distinct = net.size() + group.keySet().stream().filter(id -> !net.containsKey(id)).count();
                if (distinct > maxChanges) {
                    if (net.isEmpty()) {
                        throw new CannotCalculateChangesException(
                                "one change touches more than maxChanges (" + maxChanges + ") ids");
                    }
                    more = true;
                    break;
                }
                group.forEach((id, kind) -> net.merge(id, new ChangeKind[] {kind, kind},
                        (old, now) -> new ChangeKind[] {old[0], now[1]}));
                reached = modseq;
            }
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        net.forEach((id, kinds) -> {
            boolean wasCreated = kinds[0] == ChangeKind.CREATED;
            boolean isDestroyed = kinds[1] == ChangeKind.DESTROYED;
            if (wasCreated && !isDestroyed) {
                created.add(id);
            } else if (isDestroyed && !wasCreated) {
                destroyed.add(id);
            } else if (!wasCreated) {
                updated.add(id);
            }
        });
        State newState = more ? new State(reached) : new State(current);
        return new Changes(since, newState, more, created, updated, destroyed);
    }
}
