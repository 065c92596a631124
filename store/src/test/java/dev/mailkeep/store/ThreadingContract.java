// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mailkeep.store.model.Account;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8621 section 3 threading, including threads merged by a late-arriving link. */
interface ThreadingContract extends StoreFixture {

    @Test
    default void replyJoinsThreadOnlyWithTheSameBaseSubject() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId root = deliverTo(bob, simple("root@x", "Lunch?", null));
        clock().advanceSeconds(1);
        EmailId reply = deliverTo(bob, simple("reply@x", "RE: [team] Fwd: lunch?", "root@x"));
        EmailId other = deliverTo(bob, simple("other@x", "Something else", "root@x"));
        ThreadId thread = get(bob, root).threadId();
        assertEquals(thread, get(bob, reply).threadId());
        assertNotEquals(thread, get(bob, other).threadId());
        assertEquals(Map.of(thread, List.of(root, reply)), store().threads(bob.id(), List.of(thread)));
        assertEquals(List.of(3L, 3L, 2L, 2L), counts(bob, MailboxRole.INBOX));
    }

    @Test
    default void parentArrivingAfterItsReplyJoinsTheReplysThread() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId reply = deliverTo(bob, simple("reply@x", "Re: plan", "root@x"));
        clock().advanceSeconds(1);
        EmailId root = deliverTo(bob, simple("root@x", "Plan", null));
        assertEquals(get(bob, reply).threadId(), get(bob, root).threadId());
        assertEquals(List.of(reply, root), store().threads(bob.id(), List.of(get(bob, root).threadId()))
                .get(get(bob, root).threadId()));
    }

    @Test
    default void lateLinkingMessageMergesTwoThreads() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId a = deliverTo(bob, simple("a@x", "Plan", null));
        clock().advanceSeconds(1);
        EmailId c = deliverTo(bob, simple("c@x", "Re: Plan", "b@x"));
        ThreadId threadA = get(bob, a).threadId();
        ThreadId threadC = get(bob, c).threadId();
        assertNotEquals(threadA, threadC);
        assertEquals(List.of(2L, 2L, 2L, 2L), counts(bob, MailboxRole.INBOX));
        State threads0 = store().state(bob.id(), DataType.THREAD);
        State emails0 = store().state(bob.id(), DataType.EMAIL);

        clock().advanceSeconds(1);
        EmailId b = deliverTo(bob, simple("b@x", "Re: Plan", "a@x"));
        ThreadId merged = get(bob, b).threadId();
        assertEquals(merged, get(bob, a).threadId());
        assertEquals(merged, get(bob, c).threadId());
        assertEquals(Map.of(merged, List.of(a, c, b)),
                store().threads(bob.id(), List.of(threadA, threadC)));
        assertEquals(List.of(3L, 3L, 1L, 1L), counts(bob, MailboxRole.INBOX));

        ThreadId gone = merged.equals(threadA) ? threadC : threadA;
        Changes threadChanges = since(bob, DataType.THREAD, threads0);
        assertEquals(List.of(merged.value()), threadChanges.updated());
        assertEquals(List.of(gone.value()), threadChanges.destroyed());
        Changes emailChanges = since(bob, DataType.EMAIL, emails0);
        assertEquals(List.of(b.value()), emailChanges.created());
        EmailId moved = merged.equals(threadA) ? c : a;
        assertEquals(List.of(moved.value()), emailChanges.updated());
    }

    @Test
    default void siblingsQuotingTheSameMissingParentShareAThread() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId one = deliverTo(bob, simple("one@x", "Re: idea", "missing@x"));
        EmailId two = deliverTo(bob, simple("two@x", "Re: idea", "missing@x"));
        assertEquals(get(bob, one).threadId(), get(bob, two).threadId());
    }

    @Test
    default void threadsOfOneDeliveryBatchAreConsistent() throws Exception {
        Account bob = newAccount("bob@localhost");
        List<EmailId> ids = store().deliver(List.of(
                new Delivery(bob.id(), MailboxRole.INBOX, simple("p@x", "Batch", null), Set.of()),
                new Delivery(bob.id(), MailboxRole.INBOX, simple("q@x", "Re: Batch", "p@x"), Set.of("$seen"))));
        assertEquals(get(bob, ids.get(0)).threadId(), get(bob, ids.get(1)).threadId());
        assertEquals(List.of(2L, 1L, 1L, 1L), counts(bob, MailboxRole.INBOX));
        Changes threads = since(bob, DataType.THREAD, State.INITIAL);
        assertEquals(List.of(get(bob, ids.get(0)).threadId().value()), threads.created());
    }

    @Test
    default void threadsOfAnotherAccountAreAbsent() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        ThreadId thread = get(bob, deliverTo(bob, simple("x@x", "x", null))).threadId();
        assertEquals(Map.of(), store().threads(eve.id(), List.of(thread)));
        assertEquals(Map.of(), store().threads(bob.id(), List.of(new ThreadId("T999"), new ThreadId("E1"))));
    }
}
