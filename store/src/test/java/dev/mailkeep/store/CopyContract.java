// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.EmailFilter.Condition;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Email/copy (RFC 8621 section 4.7) between two accounts. */
interface CopyContract extends StoreFixture {
    @Test
    default void aCopyIsANewEmailOfTheOtherAccountSharingTheBlob() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account carol = newAccount("carol@localhost");
        EmailId original = deliverTo(bob, crlf(TestMessages.MULTIPART));
        store().updateEmails(bob.id(), Map.of(original, EmailUpdate.keyword("$seen", true)));
        EmailRecord before = get(bob, original);
        State carolState = store().state(carol.id(), DataType.EMAIL);
        MailboxId archive = box(carol, MailboxRole.ARCHIVE).id();

        ImportResult result = store().copyEmails(bob.id(), carol.id(),
                Map.of("c1", new EmailCopy(original, Set.of(archive), null, null)));

        assertEquals(Map.of(), result.notCreated());
        EmailRecord copy = get(carol, result.created().get("c1"));
        assertEquals(before.blobId(), copy.blobId());
        assertEquals(before.summary(), copy.summary());
        assertEquals(Set.of("$seen"), copy.keywords());
        assertEquals(before.receivedAt(), copy.receivedAt());
        assertEquals(Set.of(archive), copy.mailboxIds());
        assertEquals(List.of(1L, 0L, 1L, 0L), counts(carol, MailboxRole.ARCHIVE));
        assertEquals(List.of(copy.id().value()), since(carol, DataType.EMAIL, carolState).created());
        assertEquals(before, get(bob, original));
        assertTrue(store().openBlob(carol.id(), copy.blobId()).isPresent());
        assertEquals(List.of(copy.id()), store().searchEmails(carol.id(),
                new EmailSearch(Condition.any().withText("quarterly"), List.of(), 0, 10)).ids());
    }

    @Test
    default void keywordsAndReceivedAtMayBeGivenAndMissingOriginalsOrUnknownMailboxesFail() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account carol = newAccount("carol@localhost");
        EmailId original = deliverTo(bob, crlf(TestMessages.MULTIPART));
        MailboxId inbox = box(carol, MailboxRole.INBOX).id();
        Instant when = Instant.parse("2021-02-03T04:05:06Z");

        ImportResult result = store().copyEmails(bob.id(), carol.id(), Map.of(
                "given", new EmailCopy(original, Set.of(inbox), Set.of("$flagged"), when),
                "missing", new EmailCopy(new EmailId("E99"), Set.of(inbox), null, null),
                "noMailbox", new EmailCopy(original, Set.of(new MailboxId("M99")), null, null)));

        EmailRecord copy = get(carol, result.created().get("given"));
        assertEquals(Set.of("$flagged"), copy.keywords());
        assertEquals(when, copy.receivedAt());
        assertEquals(Set.of("given"), result.created().keySet());
        assertEquals(SetFailure.Type.NOT_FOUND, result.notCreated().get("missing").type());
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notCreated().get("noMailbox").type());
        assertEquals(Set.of(original), store().emails(bob.id(), List.of(original)).keySet());
    }
}
