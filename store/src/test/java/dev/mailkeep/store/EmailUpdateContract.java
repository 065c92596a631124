// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keyword changes, mailbox moves and destroys (RFC 8621 section 4.6) with exact counts and changes. */
interface EmailUpdateContract extends StoreFixture {

    @Test
    default void markingSeenMovesUnreadCountsAndLogsEmailAndMailbox() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId root = deliverTo(bob, simple("r@x", "Topic", null));
        EmailId reply = deliverTo(bob, simple("s@x", "Re: Topic", "r@x"));
        assertEquals(List.of(2L, 2L, 1L, 1L), counts(bob, MailboxRole.INBOX));
        State email0 = store().state(bob.id(), DataType.EMAIL);
        State mailbox0 = store().state(bob.id(), DataType.MAILBOX);
        State thread0 = store().state(bob.id(), DataType.THREAD);

        EmailSetResult result = store().updateEmails(bob.id(), Map.of(root, EmailUpdate.keyword("$Seen", true)));
        assertEquals(List.of(root), result.succeeded());
        assertEquals(Set.of("$seen"), get(bob, root).keywords());
        assertEquals(List.of(2L, 1L, 1L, 1L), counts(bob, MailboxRole.INBOX));

        store().updateEmails(bob.id(), Map.of(reply, EmailUpdate.keywords(Set.of("$seen", "$flagged"))));
        assertEquals(List.of(2L, 0L, 1L, 0L), counts(bob, MailboxRole.INBOX));
        assertEquals(Set.of("$seen", "$flagged"), get(bob, reply).keywords());

        assertEquals(Set.of(root.value(), reply.value()), Set.copyOf(since(bob, DataType.EMAIL, email0).updated()));
        assertEquals(List.of(box(bob, MailboxRole.INBOX).id().value()), since(bob, DataType.MAILBOX, mailbox0).updated());
        assertEquals(thread0, store().state(bob.id(), DataType.THREAD));

        store().updateEmails(bob.id(), Map.of(root, EmailUpdate.keyword("$seen", false)));
        assertEquals(List.of(2L, 1L, 1L, 1L), counts(bob, MailboxRole.INBOX));
    }

    @Test
    default void movingBetweenMailboxesMovesCountsAndQueryRows() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId id = deliverTo(bob, simple("m@x", "Move me", null));
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        MailboxId archive = box(bob, MailboxRole.ARCHIVE).id();

        store().updateEmails(bob.id(), Map.of(id, EmailUpdate.mailboxes(Set.of(archive))));
        assertEquals(Set.of(archive), get(bob, id).mailboxIds());
        assertEquals(List.of(0L, 0L, 0L, 0L), counts(bob, MailboxRole.INBOX));
        assertEquals(List.of(1L, 1L, 1L, 1L), counts(bob, MailboxRole.ARCHIVE));
        assertEquals(List.of(), store().queryEmails(bob.id(), EmailQuery.inMailbox(inbox, 0, 10)).ids());
        assertEquals(List.of(id), store().queryEmails(bob.id(), EmailQuery.inMailbox(archive, 0, 10)).ids());

        store().updateEmails(bob.id(), Map.of(id, EmailUpdate.mailbox(inbox, true)));
        assertEquals(Set.of(archive, inbox), get(bob, id).mailboxIds());
        assertEquals(List.of(1L, 1L, 1L, 1L), counts(bob, MailboxRole.INBOX));
        assertEquals(1, store().queryEmails(bob.id(), new EmailQuery(null, false, 0, 10)).total());
    }

    @Test
    default void invalidUpdatesAreRefusedOneByOneAndChangeNothing() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        EmailId good = deliverTo(bob, simple("g@x", "good", null));
        EmailId other = deliverTo(bob, simple("o@x", "other", null));
        deliverTo(eve, simple("e1@x", "eve's", null));
        deliverTo(eve, simple("e2@x", "eve's", null));
        // ids are per account: eve's third email id is one bob's account does not have
        EmailId eves = deliverTo(eve, simple("e3@x", "eve's", null));
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        State before = store().state(bob.id(), DataType.EMAIL);

        Map<EmailId, EmailUpdate> updates = new LinkedHashMap<>();
        updates.put(good, EmailUpdate.keyword("$seen", true));
        updates.put(other, EmailUpdate.mailbox(inbox, false));
        updates.put(eves, EmailUpdate.keyword("$seen", true));
        updates.put(new EmailId("E99"), EmailUpdate.keyword("$seen", true));
        EmailSetResult result = store().updateEmails(bob.id(), updates);
        assertEquals(List.of(good), result.succeeded());
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.failed().get(other).type());
        assertEquals(SetFailure.Type.NOT_FOUND, result.failed().get(eves).type());
        assertEquals(SetFailure.Type.NOT_FOUND, result.failed().get(new EmailId("E99")).type());

        EmailSetResult bad = store().updateEmails(bob.id(), Map.of(
                other, EmailUpdate.mailboxes(Set.of(new MailboxId("M99")))));
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, bad.failed().get(other).type());
        EmailSetResult badKeyword = store().updateEmails(bob.id(), Map.of(other, EmailUpdate.keyword("bad word", true)));
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, badKeyword.failed().get(other).type());

        assertEquals(Set.of(inbox), get(bob, other).mailboxIds());
        assertEquals(Set.of(), get(bob, other).keywords());
        assertEquals(Set.of(), get(eve, eves).keywords());
        assertEquals(List.of(2L, 1L, 2L, 1L), counts(bob, MailboxRole.INBOX));
        assertEquals(List.of(good.value()), since(bob, DataType.EMAIL, before).updated());
    }

    @Test
    default void destroyShrinksThreadsCountsAndBlobAccess() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId root = deliverTo(bob, simple("r@x", "Topic", null));
        EmailId reply = deliverTo(bob, simple("s@x", "Re: Topic", "r@x"));
        ThreadId thread = get(bob, root).threadId();
        BlobId blob = get(bob, root).blobId();
        State email0 = store().state(bob.id(), DataType.EMAIL);
        State thread0 = store().state(bob.id(), DataType.THREAD);

        EmailSetResult result = store().destroyEmails(bob.id(), List.of(root, new EmailId("E99")));
        assertEquals(List.of(root), result.succeeded());
        assertEquals(SetFailure.Type.NOT_FOUND, result.failed().get(new EmailId("E99")).type());
        assertEquals(Map.of(), store().emails(bob.id(), List.of(root)));
        assertEquals(Map.of(thread, List.of(reply)), store().threads(bob.id(), List.of(thread)));
        assertEquals(List.of(1L, 1L, 1L, 1L), counts(bob, MailboxRole.INBOX));
        assertTrue(store().openBlob(bob.id(), blob).isEmpty());
        assertEquals(List.of(root.value()), since(bob, DataType.EMAIL, email0).destroyed());
        assertEquals(List.of(thread.value()), since(bob, DataType.THREAD, thread0).updated());

        store().destroyEmails(bob.id(), List.of(reply));
        assertEquals(Map.of(), store().threads(bob.id(), List.of(thread)));
        assertEquals(List.of(0L, 0L, 0L, 0L), counts(bob, MailboxRole.INBOX));
        assertEquals(List.of(thread.value()), since(bob, DataType.THREAD, thread0).destroyed());
        assertEquals(List.of(), store().queryEmails(bob.id(), new EmailQuery(null, false, 0, 10)).ids());
        assertEquals(0, store().queryEmails(bob.id(), new EmailQuery(null, false, 0, 10)).total());
    }

    /**
     * Table-driven: rows of store actions, each one transaction; after all rows, the Email changes
     * since the state before each row are exactly the hand-written {created, updated, destroyed}.
     */
    @Test
    default void emailChangesSinceEveryEarlierStateAreExact() throws Exception {
        Account bob = newAccount("bob@localhost");
        MailboxId archive = box(bob, MailboxRole.ARCHIVE).id();
        Map<String, EmailId> ids = new HashMap<>();
        // action: "deliver X", "seen X", "move X", "destroy X", "deliver2 X Y" (one transaction)
        List<String> rows = List.of("deliver a", "deliver2 b c", "seen a", "move b", "destroy a", "seen c",
                "deliver d", "destroy d", "destroy c");
        List<List<Set<String>>> expected = List.of(
                List.of(Set.of("b"), Set.of(), Set.of()),
                List.of(Set.of("b"), Set.of(), Set.of("a")),
                List.of(Set.of(), Set.of("b"), Set.of("a", "c")),
                List.of(Set.of(), Set.of("b"), Set.of("a", "c")),
                List.of(Set.of(), Set.of(), Set.of("a", "c")),
                List.of(Set.of(), Set.of(), Set.of("c")),
                List.of(Set.of(), Set.of(), Set.of("c")),
                List.of(Set.of(), Set.of(), Set.of("c", "d")),
                List.of(Set.of(), Set.of(), Set.of("c")),
                List.of(Set.of(), Set.of(), Set.of()));
        List<State> states = new ArrayList<>();
        for (String row : rows) {
            states.add(store().state(bob.id(), DataType.EMAIL));
            String[] parts = row.split(" ");
            switch (parts[0]) {
                case "deliver" -> ids.put(parts[1], deliverTo(bob, simple(parts[1] + "@x", parts[1], null)));
                case "deliver2" -> {
                    List<EmailId> two = store().deliver(List.of(
                            new Delivery(bob.id(), MailboxRole.INBOX, simple(parts[1] + "@x", parts[1], null), Set.of()),
                            new Delivery(bob.id(), MailboxRole.INBOX, simple(parts[2] + "@x", parts[2], null), Set.of())));
                    ids.put(parts[1], two.get(0));
                    ids.put(parts[2], two.get(1));
                }
                case "seen" -> store().updateEmails(bob.id(), Map.of(ids.get(parts[1]), EmailUpdate.keyword("$seen", true)));
                case "move" -> store().updateEmails(bob.id(), Map.of(ids.get(parts[1]), EmailUpdate.mailboxes(Set.of(archive))));
                case "destroy" -> store().destroyEmails(bob.id(), List.of(ids.get(parts[1])));
                default -> throw new IllegalArgumentException(row);
            }
        }
        states.add(store().state(bob.id(), DataType.EMAIL));
        Map<String, String> names = new HashMap<>();
        ids.forEach((name, id) -> names.put(id.value(), name));
        for (int i = 0; i < states.size(); i++) {
            Changes changes = since(bob, DataType.EMAIL, states.get(i));
            List<Set<String>> actual = List.of(named(changes.created(), names), named(changes.updated(), names),
                    named(changes.destroyed(), names));
            assertEquals(expected.get(i), actual, "since the state before row " + i);
            assertEquals(states.getLast(), changes.newState());
        }
    }

    private static Set<String> named(List<String> ids, Map<String, String> names) {
        Set<String> out = new java.util.HashSet<>();
        ids.forEach(id -> out.add(names.get(id)));
        return out;
    }
}
