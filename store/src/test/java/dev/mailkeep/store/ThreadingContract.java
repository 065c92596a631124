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
        assertEquals(threadA, merged, "the older thread survives");
        assertEquals(merged, get(bob, a).threadId());
        assertEquals(Map.of(), store().emails(bob.id(), List.of(c)), "threadId is immutable: c is re-created");
        List<EmailId> thread = store().threads(bob.id(), List.of(threadA)).get(threadA);
        assertEquals(3, thread.size());
        assertEquals(List.of(a, b), List.of(thread.get(0), thread.get(2)));
        EmailId newC = thread.get(1);
        assertEquals(List.of("c@x"), get(bob, newC).summary().messageId());
        assertEquals(merged, get(bob, newC).threadId());
        assertEquals(Map.of(), store().threads(bob.id(), List.of(threadC)));
        assertEquals(List.of(3L, 3L, 1L, 1L), counts(bob, MailboxRole.INBOX));

        Changes threadChanges = since(bob, DataType.THREAD, threads0);
        assertEquals(List.of(merged.value()), threadChanges.updated());
        assertEquals(List.of(threadC.value()), threadChanges.destroyed());
        Changes emailChanges = since(bob, DataType.EMAIL, emails0);
        assertEquals(Set.of(b.value(), newC.value()), Set.copyOf(emailChanges.created()));
        assertEquals(List.of(c.value()), emailChanges.destroyed());
        assertEquals(List.of(), emailChanges.updated());
        assertEquals(Set.of(a, b, newC), Set.copyOf(store().searchEmails(bob.id(), new EmailSearch(
                EmailFilter.Condition.any().withText("body"), List.of(), 0, 10)).ids()));
    }

    @Test
    default void batchWhoseLastEmailMergesThreadsReturnsCurrentIds() throws Exception {
        Account bob = newAccount("bob@localhost");
        List<EmailId> ids = store().deliver(List.of(
                new Delivery(bob.id(), MailboxRole.INBOX, simple("p@x", "Late", null), Set.of()),
                new Delivery(bob.id(), MailboxRole.INBOX, simple("r@x", "Re: Late", "q@x"), Set.of()),
                new Delivery(bob.id(), MailboxRole.INBOX, simple("q@x", "Re: Late", "p@x"), Set.of())));
        Map<EmailId, dev.mailkeep.store.model.EmailRecord> found = store().emails(bob.id(), ids);
        assertEquals(3, found.size(), "every returned id exists");
        assertEquals(1, found.values().stream().map(e -> e.threadId()).distinct().count());
        assertEquals(Set.copyOf(ids.stream().map(EmailId::value).toList()),
                Set.copyOf(since(bob, DataType.EMAIL, State.INITIAL).created()));
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
