// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.IdentityId;
import dev.mailkeep.store.IdentitySetResult;
import dev.mailkeep.store.IdentitySpec;
import dev.mailkeep.store.SetFailure;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.Identity;
import dev.mailkeep.store.model.VacationResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;

/**
 * Identities (RFC 8621 section 6; {@code identities}: account | identity) and the vacation
 * response singleton (section 8; {@code vacation}: account), each change logged under its type.
 */
final class Identities {
    private static final long FIRST = 1;

    private Identities() {}

    /** The identity every account starts with: its own address, not deletable. */
    static void createDefault(Tx tx, AccountRow account) {
        long num = tx.counters.next(tx.txn, account.num(), Counters.IDENTITY_SEQ);
        put(tx, account.num(), num, new IdentitySpec("", account.address(), null, null, "", ""));
        tx.changed(account.num(), DataType.IDENTITY, Ids.encode(Ids.IDENTITY, num), ChangeKind.CREATED);
    }

    static List<Identity> all(Transaction txn, Tables tables, long account) {
        List<Identity> all = new ArrayList<>();
        byte[] prefix = Key.bytes(Key.of(account).build());
        try (Cursor cursor = tables.identities.openCursor(txn)) {
            boolean ok = cursor.getSearchKeyRange(Key.of(account).build()) != null;
            while (ok && Key.startsWith(Key.bytes(cursor.getKey()), prefix)) {
                all.add(decode(Key.u64(Key.bytes(cursor.getKey()), 8), cursor.getValue()));
                ok = cursor.getNext();
            }
        }
        return all;
    }

    static IdentitySetResult apply(Tx tx, AccountRow account, Map<String, IdentitySpec> create,
            Map<IdentityId, IdentitySpec> update, List<IdentityId> destroy) {
        long acc = account.num();
        Map<String, IdentityId> created = new LinkedHashMap<>();
        Map<String, SetFailure> notCreated = new LinkedHashMap<>();
        create.forEach((creationId, spec) -> {
            if (!Accounts.normalize(spec.email()).equals(account.address())) {
                notCreated.put(creationId, forbiddenFrom(spec));
                return;
            }
            long num = tx.counters.next(tx.txn, acc, Counters.IDENTITY_SEQ);
            put(tx, acc, num, spec);
            IdentityId id = new IdentityId(Ids.encode(Ids.IDENTITY, num));
            tx.changed(acc, DataType.IDENTITY, id.value(), ChangeKind.CREATED);
            created.put(creationId, id);
        });
        List<IdentityId> updated = new ArrayList<>();
        Map<IdentityId, SetFailure> notUpdated = new LinkedHashMap<>();
        update.forEach((id, spec) -> {
            long num = Ids.decode(Ids.IDENTITY, id.value());
            if (get(tx.txn, tx.tables, acc, num) == null) {
                notUpdated.put(id, new SetFailure(SetFailure.Type.NOT_FOUND, "no identity " + id));
            } else if (!Accounts.normalize(spec.email()).equals(account.address())) {
                notUpdated.put(id, forbiddenFrom(spec));
            } else {
                put(tx, acc, num, spec);
                tx.changed(acc, DataType.IDENTITY, id.value(), ChangeKind.UPDATED);
                updated.add(id);
            }
        });
        List<IdentityId> destroyed = new ArrayList<>();
        Map<IdentityId, SetFailure> notDestroyed = new LinkedHashMap<>();
        for (IdentityId id : destroy) {
            long num = Ids.decode(Ids.IDENTITY, id.value());
            if (get(tx.txn, tx.tables, acc, num) == null) {
                notDestroyed.put(id, new SetFailure(SetFailure.Type.NOT_FOUND, "no identity " + id));
            } else if (num == FIRST) {
                notDestroyed.put(id, new SetFailure(SetFailure.Type.FORBIDDEN, "the account's own identity stays"));
            } else {
                tx.tables.identities.delete(tx.txn, Key.of(acc).u64(num).build());
                tx.changed(acc, DataType.IDENTITY, id.value(), ChangeKind.DESTROYED);
                destroyed.add(id);
            }
        }
        return new IdentitySetResult(created, updated, destroyed, notCreated, notUpdated, notDestroyed);
    }

    static VacationResponse vacation(Transaction txn, Tables tables, long account) {
        ByteIterable value = tables.vacation.get(txn, Key.of(account).build());
        if (value == null) {
            return VacationResponse.disabled();
        }
        Wire.In in = new Wire.In(value);
        boolean enabled = in.bool();
        long from = in.i64();
        long to = in.i64();
        return new VacationResponse(enabled, from == Long.MIN_VALUE ? null : Instant.ofEpochMilli(from),
                to == Long.MIN_VALUE ? null : Instant.ofEpochMilli(to), in.str(), in.str(), in.str());
    }

    static void setVacation(Tx tx, long account, VacationResponse v) {
        tx.tables.vacation.put(tx.txn, Key.of(account).build(), new Wire.Out().bool(v.isEnabled())
                .i64(v.fromDate() == null ? Long.MIN_VALUE : v.fromDate().toEpochMilli())
                .i64(v.toDate() == null ? Long.MIN_VALUE : v.toDate().toEpochMilli())
                .str(v.subject()).str(v.textBody()).str(v.htmlBody()).build());
        tx.changed(account, DataType.VACATION_RESPONSE, VacationResponse.ID, ChangeKind.UPDATED);
        forgetReplies(tx, account);
    }

    /**
     * RFC 3834 section 2: an auto-reply to {@code sender} is due when the response is active and
     * the sender was not answered within {@code period}; a due reply is recorded at once.
     */
    static boolean claimReply(Tx tx, long account, String sender, Instant now, java.time.Duration period) {
        if (!vacation(tx.txn, tx.tables, account).isActiveAt(now)) {
            return false;
        }
        ByteIterable key = Key.of(account).utf8(sender.toLowerCase(java.util.Locale.ROOT)).build();
        ByteIterable last = tx.tables.vacationReplies.get(tx.txn, key);
        if (last != null && now.isBefore(Instant.ofEpochMilli(new Wire.In(last).i64()).plus(period))) {
            return false;
        }
        tx.tables.vacationReplies.put(tx.txn, key, new Wire.Out().i64(now.toEpochMilli()).build());
        return true;
    }

    /** A changed vacation response is news to everyone: who was answered is forgotten. */
    private static void forgetReplies(Tx tx, long account) {
        byte[] prefix = Key.bytes(Key.of(account).build());
        try (jetbrains.exodus.env.Cursor cursor = tx.tables.vacationReplies.openCursor(tx.txn)) {
            boolean ok = cursor.getSearchKeyRange(Key.of(account).build()) != null;
            while (ok && Key.startsWith(Key.bytes(cursor.getKey()), prefix)) {
                cursor.deleteCurrent();
                ok = cursor.getNext();
            }
        }
    }

    private static SetFailure forbiddenFrom(IdentitySpec spec) {
        return new SetFailure(SetFailure.Type.FORBIDDEN_FROM, "may not send as " + spec.email());
    }

    private static Identity get(Transaction txn, Tables tables, long account, long num) {
        ByteIterable value = num <= 0 ? null : tables.identities.get(txn, Key.of(account).u64(num).build());
        return value == null ? null : decode(num, value);
    }

    private static void put(Tx tx, long account, long num, IdentitySpec spec) {
        Wire.Out out = new Wire.Out().str(spec.name()).str(spec.email()).str(spec.textSignature()).str(spec.htmlSignature());
        addresses(out, spec.replyTo());
        addresses(out, spec.bcc());
        tx.tables.identities.put(tx.txn, Key.of(account).u64(num).build(), out.build());
    }

    private static Identity decode(long num, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        String name = in.str();
        String email = in.str();
        String text = in.str();
        String html = in.str();
        return new Identity(new IdentityId(Ids.encode(Ids.IDENTITY, num)), name, email, addresses(in), addresses(in),
                text, html, num != FIRST);
    }

    private static void addresses(Wire.Out out, List<EmailAddress> list) {
        out.i32(list == null ? -1 : list.size());
        if (list != null) {
            list.forEach(a -> out.str(a.name()).str(a.email()));
        }
    }

    private static List<EmailAddress> addresses(Wire.In in) {
        int n = in.i32();
        if (n < 0) {
            return null;
        }
        List<EmailAddress> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new EmailAddress(in.str(), in.str()));
        }
        return list;
    }
}
