// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailBodyPart;
import dev.mailkeep.store.model.ParsedEmail;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Email/parse (RFC 8621 section 4.9): blobs parsed as emails without storing them. */
interface ParseContract extends StoreFixture {
    String FORWARD = """
            Subject: Fwd: minutes
            From: Carol <carol@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain

            See below.
            --outer
            Content-Type: message/rfc822

            Subject: minutes
            From: Dave <dave@example.org>
            Content-Type: multipart/mixed; boundary="inner"

            --inner
            Content-Type: text/plain

            We met.
            --inner
            Content-Type: text/csv; name="votes.csv"
            Content-Disposition: attachment

            yes,no
            --inner--
            --outer--
            """;

    @Test
    default void anUploadIsParsedWithoutBecomingAnEmail() throws Exception {
        Account bob = newAccount("bob@localhost");
        BlobId blob = store().uploadBlob(bob.id(), crlf(TestMessages.MULTIPART));
        State before = store().state(bob.id(), DataType.EMAIL);

        BlobParse result = store().parseBlob(bob.id(), blob);

        assertEquals(BlobParse.Outcome.PARSED, result.outcome());
        assertEquals(before, store().state(bob.id(), DataType.EMAIL));
        assertEquals(0, box(bob, MailboxRole.INBOX).totalEmails());
        ParsedEmail email = result.email();
        assertEquals(blob, email.blobId());
        assertEquals(crlf(TestMessages.MULTIPART).length, email.size());
        EmailBodyPart pdf = email.body().attachments().getFirst();
        assertEquals(List.of("application/pdf", "report.pdf"), List.of(pdf.type(), pdf.name()));
        assertEquals(blob.value() + "_2", pdf.blobId().value());
        assertEquals(List.of("1"), email.body().textBody().stream().map(EmailBodyPart::partId).toList());
    }

    @Test
    default void anAttachedMessageIsParsedFromItsPartBlobAndItsPartsCanBeRead() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId id = deliverTo(bob, crlf(FORWARD));
        EmailBodyPart attached = store().emailBody(bob.id(), id).orElseThrow().attachments().getFirst();
        assertEquals("message/rfc822", attached.type());

        ParsedEmail inner = store().parseBlob(bob.id(), attached.blobId()).email();

        assertEquals("minutes", inner.summary().subject());
        assertEquals("dave@example.org", inner.summary().from().getFirst().email());
        assertEquals("We met.", inner.body().textValues().get("1").strip());
        EmailBodyPart csv = inner.body().attachments().getFirst();
        assertEquals("votes.csv", csv.name());
        try (InputStream in = store().openBlob(bob.id(), csv.blobId()).orElseThrow()) {
            assertEquals("yes,no", new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    @Test
    default void blobsOfOtherAccountsAreNotFoundAndTextWithoutHeadersIsNotParsable() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        BlobId blob = store().uploadBlob(bob.id(), crlf(TestMessages.MULTIPART));
        assertEquals(BlobParse.notFound(), store().parseBlob(eve.id(), blob));
        assertEquals(BlobParse.notFound(), store().parseBlob(bob.id(), new BlobId(blob.value() + "_9")));

        BlobId words = store().uploadBlob(bob.id(), "just some words, no header\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(BlobParse.notParsable(), store().parseBlob(bob.id(), words));
        assertNull(store().parseBlob(bob.id(), words).email());
    }
}
