// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.MailboxChanges;
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
 * {@code account | type | modseq | index}, values {@code kind, countsOnly, commit time, id}, so
 * reading the changes since a state is one cursor range scan whose cost grows with the number of
 * changes, not with the data; trimming removes the oldest entries of each (account, type) and
 * raises its floor, below which a state cannot be calculated.
 */
final class ChangeLog {
    /** One logged change; {@code countsOnly} marks a mailbox whose only change was its counts. */
    record Entry(String id, ChangeKind kind, boolean countsOnly) {}

    private final Store store;
    private final Counters counters;

    ChangeLog(Store store, Counters counters) {
        this.store = store;
        this.counters = counters;
    }

    void append(Transaction txn, long account, DataType type, long modseq, long time, List<Entry> entries) {
        int index = 0;
        for (Entry entry : entries) {
            ByteIterable key = Key.of(account).u8(type.ordinal()).u64(modseq).u32(index++).build();
            store.put(txn, key, new Wire.Out().u8(entry.kind().ordinal()).bool(entry.countsOnly()).i64(time)
                    .str(entry.id()).build());
        }
    }

    /**
     * Collapses the entries after {@code since} per id, taking whole modseqs only, until
     * {@code maxChanges} distinct ids would be exceeded.
     */
    MailboxChanges read(Transaction txn, long account, DataType type, State since, int maxChanges)
            throws CannotCalculateChangesException {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be positive");
        }
        long current = counters.get(txn, account, Counters.modseq(type));
        if (since.modseq() > current) {
            throw new CannotCalculateChangesException("state " + since.encode() + " is ahead of the current state");
        }
        if (since.modseq() < counters.get(txn, account, Counters.logFloor(type))) {
            throw new CannotCalculateChangesException("state " + since.encode() + " is older than the retained log");
        }
        byte[] prefix = Key.bytes(Key.of(account).u8(type.ordinal()).build());
        Map<String, ChangeKind[]> net = new LinkedHashMap<>();
        long reached = since.modseq();
        boolean more = false;
        boolean countsOnly = true;
        try (Cursor cursor = store.openCursor(txn)) {
            boolean ok = cursor.getSearchKeyRange(Key.of(account).u8(type.ordinal()).u64(since.modseq() + 1).build()) != null;
            while (ok && Key.startsWith(Key.bytes(cursor.getKey()), prefix)) {
                long modseq = Key.u64(Key.bytes(cursor.getKey()), prefix.length);
                Map<String, ChangeKind> group = new LinkedHashMap<>();
                boolean groupCountsOnly = true;
                while (ok) {
                    byte[] key = Key.bytes(cursor.getKey());
                    if (!Key.startsWith(key, prefix) || Key.u64(key, prefix.length) != modseq) {
                        break;
                    }
                    Wire.In in = new Wire.In(cursor.getValue());
                    ChangeKind kind = ChangeKind.values()[in.u8()];
                    groupCountsOnly &= in.bool() && kind == ChangeKind.UPDATED;
                    in.i64();
                    group.put(in.str(), kind);
                    ok = cursor.getNext();
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
                countsOnly &= groupCountsOnly;
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
        Changes changes = new Changes(since, newState, more, created, updated, destroyed);
        return new MailboxChanges(changes, countsOnly && !net.isEmpty());
    }

    /**
     * Deletes the entries committed before {@code cutoffMillis} in every (account, type), raising
     * each floor to the newest modseq removed; returns how many entries went. Only whole modseqs
     * are removed, since every entry of one modseq has the same commit time.
     */
    long trim(Transaction txn, long cutoffMillis) {
        long removed = 0;
        try (Cursor cursor = store.openCursor(txn)) {
            boolean ok = cursor.getNext();
            while (ok) {
                byte[] key = Key.bytes(cursor.getKey());
                Wire.In in = new Wire.In(cursor.getValue());
                in.u8();
                in.bool();
                long time = in.i64();
                long account = Key.u64(key, 0);
                int type = key[8] & 0xff;
                if (time < cutoffMillis) {
                    long modseq = Key.u64(key, 9);
                    cursor.deleteCurrent();
                    removed++;
                    int floorKind = Counters.logFloor(DataType.values()[type]);
                    if (counters.get(txn, account, floorKind) < modseq) {
                        counters.set(txn, account, floorKind, modseq);
                    }
                    ok = cursor.getNext();
                } else {
                    ok = cursor.getSearchKeyRange(Key.of(account).u8(type + 1).build()) != null;
                }
            }
        }
        return removed;
    }
}
