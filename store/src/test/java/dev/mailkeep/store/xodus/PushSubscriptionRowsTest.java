// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.State;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.PushSubscription;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PushSubscriptions in the store (RFC 8620 section 7.2): per account, durable across a reopen, no state moved. */
class PushSubscriptionRowsTest {
    @TempDir
    Path dir;

    private static PushSubscription subscription(String id, String verificationCode, List<String> types) {
        return new PushSubscription(id, "phone", "https://push.example/" + id, "BCVx", "BTBZ", "expected-" + id,
                verificationCode, Instant.parse("2026-12-01T10:00:00Z"), types, Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void subscriptionsAreKeptPerAccountAcrossAReopen() throws Exception {
        Account bob;
        Account eve;
        PushSubscription first = subscription("P1", null, List.of("Email", "Mailbox"));
        PushSubscription second = new PushSubscription("P2", "laptop", "http://push.example/2", null, null, "code-2",
                null, Instant.parse("2026-11-30T00:00:00Z"), null, Instant.parse("2026-11-23T11:00:00Z"));
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            bob = store.createAccount("bob@localhost", "pw".toCharArray());
            eve = store.createAccount("eve@localhost", "pw".toCharArray());
            State before = store.state(bob.id(), DataType.MAILBOX);
            store.putPushSubscription(bob.id(), first);
            store.putPushSubscription(bob.id(), second);
            assertEquals(before, store.state(bob.id(), DataType.MAILBOX), "not data of a JMAP type: no state moves");
            assertEquals(List.of(), store.pushSubscriptions(eve.id()));
            assertFalse(store.deletePushSubscription(eve.id(), "P1"), "another account's id is absent");
            assertThrows(IllegalArgumentException.class,
                    () -> store.putPushSubscription(new AccountId("Aunknown"), first));
        }
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            assertEquals(List.of(first, second), store.pushSubscriptions(bob.id()));
            PushSubscription verified = subscription("P1", "expected-P1", null);
            store.putPushSubscription(bob.id(), verified);
            assertTrue(store.deletePushSubscription(bob.id(), "P2"));
            assertFalse(store.deletePushSubscription(bob.id(), "P2"));
        }
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            assertEquals(List.of(subscription("P1", "expected-P1", null)), store.pushSubscriptions(bob.id()));
        }
    }
}
