// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.model.PushSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;

/**
 * PushSubscriptions (RFC 8620 section 7.2) in their own Xodus store, {@code pushSubscriptions}:
 * account | id (UTF-8) -> the subscription. They are not data of a JMAP type, so writing them
 * moves no state and appends nothing to the change log; each write is one durable commit.
 */
final class PushSubscriptionRows {
    private static final int VERSION = 1;

    private final Environment env;
    private final Store rows;

    PushSubscriptionRows(Environment env) {
        this.env = env;
        this.rows = env.computeInTransaction(txn ->
                env.openStore("pushSubscriptions", StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn));
    }

    List<PushSubscription> all(long account) {
        return env.computeInReadonlyTransaction(txn -> {
            List<PushSubscription> all = new ArrayList<>();
            byte[] prefix = Key.bytes(Key.of(account).build());
            try (Cursor cursor = rows.openCursor(txn)) {
                boolean ok = cursor.getSearchKeyRange(Key.of(account).build()) != null;
                while (ok && Key.startsWith(Key.bytes(cursor.getKey()), prefix)) {
                    all.add(decode(cursor.getValue()));
                    ok = cursor.getNext();
                }
            }
            return all;
        });
    }

    void put(long account, PushSubscription subscription) {
        env.executeInExclusiveTransaction(txn -> rows.put(txn, key(account, subscription.id()), encode(subscription)));
    }

    boolean delete(long account, String id) {
        return env.computeInExclusiveTransaction(txn -> rows.delete(txn, key(account, id)));
    }

    private static ByteIterable key(long account, String id) {
        return Key.of(account).utf8(id).build();
    }

    private static ByteIterable encode(PushSubscription s) {
        Wire.Out out = new Wire.Out().u8(VERSION).str(s.id()).str(s.deviceClientId()).str(s.url())
                .str(s.keysP256dh()).str(s.keysAuth()).str(s.expectedCode()).str(s.verificationCode())
                .i64(s.expires().toEpochMilli()).i64(s.created().toEpochMilli());
        if (s.types() == null) {
            out.i32(-1);
        } else {
            out.i32(s.types().size());
            s.types().forEach(out::str);
        }
        return out.build();
    }

    private static PushSubscription decode(ByteIterable value) {
        Wire.In in = new Wire.In(value);
        int version = in.u8();
        if (version != VERSION) {
            throw new IllegalStateException("push subscription record of unknown version " + version);
        }
        String id = in.str();
        String deviceClientId = in.str();
        String url = in.str();
        String p256dh = in.str();
        String auth = in.str();
        String expectedCode = in.str();
        String verificationCode = in.str();
        Instant expires = Instant.ofEpochMilli(in.i64());
        Instant created = Instant.ofEpochMilli(in.i64());
        int count = in.i32();
        List<String> types = null;
        if (count >= 0) {
            types = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                types.add(in.str());
            }
        }
        return new PushSubscription(id, deviceClientId, url, p256dh, auth, expectedCode, verificationCode, expires,
                types, created);
    }
}
