// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link MailStore#addStateListener}: listeners hear about commits after they happen, in commit
 * order, per account, and never about a transaction that failed. Since notifications keep commit
 * order, "nothing about X" is checked by waiting for a later commit's notification.
 */
interface StateListenerContract extends StoreFixture {

    record Heard(AccountId account, Set<DataType> types, boolean delivered) {}

    private static Heard next(BlockingQueue<Heard> heard) throws InterruptedException {
        Heard h = heard.poll(10, TimeUnit.SECONDS);
        if (h == null) {
            throw new AssertionError("no state change heard");
        }
        return h;
    }

    @Test
    default void aDeliveryIsHeardForItsAccountOnlyAfterItCommitted() throws Exception {
        Account bob = newAccount("bob@localhost");
        newAccount("eve@localhost");
        BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
        BlockingQueue<State> stateSeen = new LinkedBlockingQueue<>();
        try (AutoCloseable registration = store().addStateListener((account, types, delivered) -> {
            heard.add(new Heard(account, Set.copyOf(types), delivered));
            stateSeen.add(store().state(account, DataType.EMAIL));
        })) {
            EmailId id = deliverTo(bob, TestMessages.crlf("Subject: hello\n\nhi\n"));
            Heard h = next(heard);
            assertEquals(new Heard(bob.id(), Set.of(DataType.EMAIL, DataType.MAILBOX, DataType.THREAD), true), h);
            State afterCommit = stateSeen.take();
            assertEquals(List.of(id.value()), since(bob, DataType.EMAIL, State.INITIAL).created());
            assertEquals(store().state(bob.id(), DataType.EMAIL), afterCommit, "the listener sees the committed state");
            assertTrue(heard.isEmpty(), "one notification per transaction and account: " + heard);
        }
    }

    @Test
    default void otherChangesAreHeardWithoutTheDeliveryFlag() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId id = deliverTo(bob, TestMessages.crlf("Subject: hello\n\nhi\n"));
        BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
        try (AutoCloseable registration = store().addStateListener(
                (account, types, delivered) -> heard.add(new Heard(account, Set.copyOf(types), delivered)))) {
            store().updateEmails(bob.id(), Map.of(id, EmailUpdate.keyword("$seen", true)));
            Heard h = next(heard);
            assertEquals(bob.id(), h.account());
            assertFalse(h.delivered());
            assertTrue(h.types().contains(DataType.EMAIL), h.types().toString());
            assertFalse(h.types().contains(DataType.IDENTITY), h.types().toString());
        }
    }

    @Test
    default void aFailedTransactionIsNotHeardAndClosingStopsListening() throws Exception {
        newAccount("bob@localhost");
        BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
        AutoCloseable registration = store().addStateListener(
                (account, types, delivered) -> heard.add(new Heard(account, Set.copyOf(types), delivered)));
        assertThrows(AccountExistsException.class, () -> newAccount("bob@localhost"));
        Account carol = newAccount("carol@localhost");
        Heard h = next(heard);
        assertEquals(carol.id(), h.account(), "the failed createAccount was not announced");
        assertFalse(h.delivered());
        assertTrue(h.types().contains(DataType.MAILBOX), h.types().toString());

        registration.close();
        BlockingQueue<Heard> stillListening = new LinkedBlockingQueue<>();
        try (AutoCloseable other = store().addStateListener(
                (account, types, delivered) -> stillListening.add(new Heard(account, types, delivered)))) {
            Account dave = newAccount("dave@localhost");
            assertEquals(dave.id(), next(stillListening).account());
            assertTrue(heard.isEmpty(), "a closed registration hears nothing: " + heard);
        }
    }
}
