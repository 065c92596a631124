// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Uploads (RFC 8620 section 6), Email/import (RFC 8621 section 4.8) and the blob sweeper. */
interface BlobContract extends StoreFixture {
    Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private byte[] read(Account account, BlobId blob) throws Exception {
        try (InputStream in = store().openBlob(account.id(), blob).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    default void uploadedBlobIsReadableOnlyByTheUploader() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        byte[] data = "any bytes at all \u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        BlobId blob = store().uploadBlob(bob.id(), data);
        assertArrayEquals(data, read(bob, blob));
        assertTrue(store().openBlob(eve.id(), blob).isEmpty());
    }

    @Test
    default void importsUploadedMessageIntoChosenMailboxes() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        byte[] raw = crlf(TestMessages.QUOTED_PRINTABLE);
        BlobId blob = store().uploadBlob(bob.id(), raw);
        BlobId evesBlob = store().uploadBlob(eve.id(), crlf(TestMessages.HTML_ONLY));
        MailboxId archive = box(bob, MailboxRole.ARCHIVE).id();
        Instant receivedAt = Instant.parse("2026-01-02T03:04:05Z");
        State before = store().state(bob.id(), DataType.EMAIL);

        Map<String, EmailImport> imports = new LinkedHashMap<>();
        imports.put("ok", new EmailImport(blob, Set.of(archive), Set.of("$Seen"), receivedAt));
        imports.put("eves", new EmailImport(evesBlob, Set.of(archive), Set.of(), null));
        imports.put("missing", new EmailImport(new BlobId("f".repeat(64)), Set.of(archive), Set.of(), null));
        imports.put("nowhere", new EmailImport(blob, Set.of(), Set.of(), null));
        imports.put("badbox", new EmailImport(blob, Set.of(new MailboxId("M99")), Set.of(), null));
        imports.put("badkeyword", new EmailImport(blob, Set.of(archive), Set.of("a b"), null));
        ImportResult result = store().importEmails(bob.id(), imports);

        assertEquals(Set.of("ok"), result.created().keySet());
        assertEquals(SetFailure.Type.NOT_FOUND, result.notCreated().get("eves").type());
        assertEquals(SetFailure.Type.NOT_FOUND, result.notCreated().get("missing").type());
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notCreated().get("nowhere").type());
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notCreated().get("badbox").type());
        assertEquals(SetFailure.Type.INVALID_PROPERTIES, result.notCreated().get("badkeyword").type());

        EmailId id = result.created().get("ok");
        EmailRecord email = get(bob, id);
        assertEquals(Set.of(archive), email.mailboxIds());
        assertEquals(Set.of("$seen"), email.keywords());
        assertEquals(receivedAt, email.receivedAt());
        assertEquals(blob, email.blobId());
        assertEquals(raw.length, email.size());
        assertEquals("Grüße aus Köln", email.summary().subject());
        assertEquals(List.of(1L, 0L, 1L, 0L), counts(bob, MailboxRole.ARCHIVE));
        assertEquals(List.of(id.value()), since(bob, DataType.EMAIL, before).created());
        assertEquals(List.of(id), store().searchEmails(bob.id(),
                new EmailSearch(EmailFilter.Condition.any().withText("köln"), List.of(), 0, 10)).ids());
    }

    @Test
    default void sweeperDeletesOnlyBlobsNothingReferences() throws Exception {
        Account bob = newAccount("bob@localhost");
        BlobId orphan = store().uploadBlob(bob.id(), "never imported".getBytes());
        BlobId adopted = store().uploadBlob(bob.id(), crlf(TestMessages.MULTIPART));
        store().importEmails(bob.id(), Map.of("c", new EmailImport(adopted, Set.of(box(bob, MailboxRole.INBOX).id()),
                Set.of(), null)));
        EmailId delivered = deliverTo(bob, crlf(TestMessages.RAW_UTF8));
        BlobId deliveredBlob = get(bob, delivered).blobId();

        assertEquals(0, store().sweepBlobs(FAR_FUTURE, Duration.ofHours(1)), "the grace period protects new files");
        assertTrue(store().openBlob(bob.id(), orphan).isEmpty(), "an expired upload is no longer the account's");

        Thread.sleep(20);
        assertEquals(1, store().sweepBlobs(FAR_FUTURE, Duration.ZERO));
        assertTrue(read(bob, adopted).length > 0);
        assertTrue(read(bob, deliveredBlob).length > 0);

        store().destroyEmails(bob.id(), List.of(delivered));
        Thread.sleep(20);
        assertEquals(1, store().sweepBlobs(FAR_FUTURE, Duration.ZERO));
        assertTrue(store().openBlob(bob.id(), deliveredBlob).isEmpty());
        assertTrue(read(bob, adopted).length > 0);
    }

    @Test
    default void theEmailsOfAMessageBlobAreFoundThroughMergesAndDestroys() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        byte[] plan = TestMessages.simple("x@t", "Plan", null);
        EmailId first = deliverTo(bob, plan);
        EmailId again = deliverTo(bob, plan);
        EmailId evesCopy = deliverTo(eve, plan);
        EmailId other = deliverTo(bob, TestMessages.simple("y@t", "Plan", null));
        BlobId planBlob = get(bob, first).blobId();
        BlobId otherBlob = get(bob, other).blobId();
        assertEquals(Map.of(planBlob, List.of(first, again), otherBlob, List.of(other)),
                store().emailsOfBlobs(bob.id(), List.of(planBlob, otherBlob)));
        assertEquals(Map.of(planBlob, List.of(evesCopy)), store().emailsOfBlobs(eve.id(), List.of(planBlob)));

        // A message linking both threads merges them; emails of the merged thread get new ids.
        deliverTo(bob, TestMessages.crlf("Message-ID: <z@t>\nReferences: <x@t> <y@t>\nIn-Reply-To: <y@t>\n"
                + "From: a@example.org\nTo: b@localhost\nSubject: Re: Plan\n\nbody\n"));
        Set<EmailId> now = new java.util.HashSet<>(store().queryEmails(bob.id(),
                new EmailQuery(null, true, 0, 100)).ids());
        List<EmailId> planEmails = store().emailsOfBlobs(bob.id(), List.of(planBlob)).get(planBlob);
        List<EmailId> otherEmails = store().emailsOfBlobs(bob.id(), List.of(otherBlob)).get(otherBlob);
        assertEquals(2, planEmails.size());
        assertEquals(1, otherEmails.size());
        assertTrue(now.containsAll(planEmails) && now.containsAll(otherEmails), "current ids only: " + now);
        planEmails.forEach(id -> assertEquals(planBlob, get(bob, id).blobId()));

        store().destroyEmails(bob.id(), List.of(planEmails.getFirst()));
        assertEquals(List.of(planEmails.get(1)), store().emailsOfBlobs(bob.id(), List.of(planBlob)).get(planBlob));
        store().destroyEmails(bob.id(), List.of(planEmails.get(1)));
        assertEquals(Map.of(planBlob, List.of()), store().emailsOfBlobs(bob.id(), List.of(planBlob)));
        assertEquals(Map.of(planBlob, List.of(evesCopy)), store().emailsOfBlobs(eve.id(), List.of(planBlob)),
                "eve's copy is eve's");
    }
}
