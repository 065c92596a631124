// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Mailbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mailbox/set (RFC 8621 section 2.5): creation rules, updates, destroys with and without emails. */
interface MailboxSetContract extends StoreFixture {

    private Mailbox byId(Account account, MailboxId id) {
        return store().mailboxes(account.id()).stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    private MailboxSetResult create(Account account, String creationId, MailboxSpec spec) {
        return store().setMailboxes(account.id(), Map.of(creationId, spec), Map.of(), List.of(), false);
    }

    @Test
    default void createsMailboxesUnderTheRules() throws Exception {
        Account bob = newAccount("bob@localhost");
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        State before = store().state(bob.id(), DataType.MAILBOX);
        Map<String, MailboxSpec> create = new LinkedHashMap<>();
        create.put("work", new MailboxSpec(" Work ", inbox, null, 5, true));
        create.put("work2", new MailboxSpec("Work", inbox, null, 0, false));
        create.put("top", new MailboxSpec("Work", null, null, 0, false));
        create.put("role", new MailboxSpec("Other inbox", null, MailboxRole.INBOX, 0, true));
        create.put("orphan", new MailboxSpec("Orphan", new MailboxId("M99"), null, 0, true));
        create.put("empty", new MailboxSpec("  ", null, null, 0, true));
        MailboxSetResult result = store().setMailboxes(bob.id(), create, Map.of(), List.of(), false);

        assertEquals(Set.of("work", "top"), result.created().keySet());
        for (String bad : List.of("work2", "role", "orphan", "empty")) {
            assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notCreated().get(bad).type(), bad);
        }
        Mailbox work = byId(bob, result.created().get("work"));
        assertEquals("Work", work.name());
        assertEquals(inbox, work.parentId());
        assertNull(work.role());
        assertEquals(5, work.sortOrder());
        assertEquals(List.of(0L, 0L, 0L, 0L),
                List.of(work.totalEmails(), work.unreadEmails(), work.totalThreads(), work.unreadThreads()));
        assertNull(byId(bob, result.created().get("top")).parentId());
        assertEquals(8, store().mailboxes(bob.id()).size());
        MailboxChanges changes = store().mailboxChanges(bob.id(), before, 100);
        assertEquals(Set.copyOf(result.created().values().stream().map(MailboxId::value).toList()),
                Set.copyOf(changes.changes().created()));
    }

    @Test
    default void aCreateMayNameAnotherCreateOfTheSameCallAsItsParentInAnyOrder() throws Exception {
        Account bob = newAccount("bob@localhost");
        State before = store().state(bob.id(), DataType.MAILBOX);
        Map<String, MailboxSpec> create = new LinkedHashMap<>();
        create.put("leaf", new MailboxSpec("March", null, null, 0, true, "q1"));
        create.put("q1", new MailboxSpec("Q1", null, null, 0, true, "projects"));
        create.put("projects", new MailboxSpec("Projects", null, null, 0, true, null));
        create.put("lost", new MailboxSpec("Lost", null, null, 0, true, "nowhere"));
        create.put("loopA", new MailboxSpec("A", null, null, 0, true, "loopB"));
        create.put("loopB", new MailboxSpec("B", null, null, 0, true, "loopA"));
        create.put("badChild", new MailboxSpec("Child", null, null, 0, true, "badParent"));
        create.put("badParent", new MailboxSpec(" ", null, null, 0, true, null));
        MailboxSetResult result = store().setMailboxes(bob.id(), create, Map.of(), List.of(), false);

        assertEquals(Set.of("leaf", "q1", "projects"), result.created().keySet());
        assertEquals(result.created().get("q1"), byId(bob, result.created().get("leaf")).parentId());
        assertEquals(result.created().get("projects"), byId(bob, result.created().get("q1")).parentId());
        assertNull(byId(bob, result.created().get("projects")).parentId());
        for (String bad : List.of("lost", "loopA", "loopB", "badChild", "badParent")) {
            assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notCreated().get(bad).type(), bad);
        }
        assertEquals(Set.copyOf(result.created().values().stream().map(MailboxId::value).toList()),
                Set.copyOf(store().mailboxChanges(bob.id(), before, 100).changes().created()));
    }

    @Test
    default void updatesRenameAndMoveButNeverIntoItself() throws Exception {
        Account bob = newAccount("bob@localhost");
        MailboxId a = create(bob, "a", new MailboxSpec("A", null, null, 0, true)).created().get("a");
        MailboxId b = create(bob, "b", new MailboxSpec("B", a, null, 0, true)).created().get("b");
        State before = store().state(bob.id(), DataType.MAILBOX);

        Map<MailboxId, MailboxSpec> update = new LinkedHashMap<>();
        update.put(b, new MailboxSpec("Bee", null, MailboxRole.ARCHIVE, 3, false));
        update.put(a, new MailboxSpec("A", b, null, 0, true));
        update.put(new MailboxId("M99"), new MailboxSpec("X", null, null, 0, true));
        MailboxSetResult result = store().setMailboxes(bob.id(), Map.of(), update, List.of(), false);
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notUpdated().get(b).type(), "archive role is taken");
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notUpdated().get(a).type(), "b is inside a");
        assertEquals(SetFailure.Type.NOT_FOUND, result.notUpdated().get(new MailboxId("M99")).type());

        MailboxSetResult ok = store().setMailboxes(bob.id(), Map.of(),
                Map.of(b, new MailboxSpec("Bee", null, null, 3, false)), List.of(), false);
        assertEquals(List.of(b), ok.updated());
        Mailbox bee = byId(bob, b);
        assertEquals("Bee", bee.name());
        assertNull(bee.parentId());
        assertEquals(false, bee.isSubscribed());
        MailboxChanges changes = store().mailboxChanges(bob.id(), before, 100);
        assertEquals(List.of(b.value()), changes.changes().updated());
        assertEquals(false, changes.onlyCountsChanged());
    }

    @Test
    default void inboxStaysAndDeliveriesToAGoneRoleLandInIt() throws Exception {
        Account bob = newAccount("bob@localhost");
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        MailboxId junk = box(bob, MailboxRole.JUNK).id();
        MailboxSetResult result = store().setMailboxes(bob.id(), Map.of(),
                Map.of(inbox, new MailboxSpec("Inbox", null, null, 10, true)), List.of(inbox, junk), false);
        assertEquals(SetFailure.Type.FORBIDDEN, result.notUpdated().get(inbox).type());
        assertEquals(SetFailure.Type.FORBIDDEN, result.notDestroyed().get(inbox).type());
        assertEquals(List.of(junk), result.destroyed());
        EmailId spam = store().deliver(List.of(new Delivery(bob.id(), MailboxRole.JUNK, simple("s@x", "spam", null),
                Set.of()))).getFirst();
        assertEquals(Set.of(inbox), get(bob, spam).mailboxIds());
    }

    @Test
    default void destroyRefusesChildrenAndEmailsUnlessAskedToRemoveThem() throws Exception {
        Account bob = newAccount("bob@localhost");
        MailboxId parent = create(bob, "p", new MailboxSpec("Parent", null, null, 0, true)).created().get("p");
        MailboxId child = create(bob, "c", new MailboxSpec("Child", parent, null, 0, true)).created().get("c");
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        EmailId only = deliverTo(bob, simple("only@x", "only here", null));
        EmailId shared = deliverTo(bob, simple("shared@x", "in two", null));
        store().updateEmails(bob.id(), Map.of(only, EmailUpdate.mailboxes(Set.of(child)),
                shared, EmailUpdate.mailbox(child, true)));
        State emails0 = store().state(bob.id(), DataType.EMAIL);

        MailboxSetResult refused = store().setMailboxes(bob.id(), Map.of(), Map.of(), List.of(parent, child), false);
        assertEquals(SetFailure.Type.MAILBOX_HAS_CHILD, refused.notDestroyed().get(parent).type());
        assertEquals(SetFailure.Type.MAILBOX_HAS_EMAIL, refused.notDestroyed().get(child).type());

        MailboxSetResult done = store().setMailboxes(bob.id(), Map.of(), Map.of(), List.of(child, parent), true);
        assertEquals(List.of(child, parent), done.destroyed());
        assertNull(byId(bob, child));
        assertEquals(Map.of(), store().emails(bob.id(), List.of(only)));
        assertEquals(Set.of(inbox), get(bob, shared).mailboxIds());
        assertEquals(List.of(1L, 1L, 1L, 1L), counts(bob, MailboxRole.INBOX));
        Changes emailChanges = since(bob, DataType.EMAIL, emails0);
        assertEquals(List.of(only.value()), emailChanges.destroyed());
        assertEquals(List.of(shared.value()), emailChanges.updated());
        assertTrue(store().searchEmails(bob.id(), new EmailSearch(EmailFilter.Condition.any().withText("only"),
                List.of(), 0, 10)).ids().isEmpty());
    }
}
