// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Body properties (RFC 8621 section 4.1.4) and part blobs. */
interface BodyContract extends StoreFixture {
    String ALTERNATIVE = """
            Subject: alt
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Gr=FC=DFe
            --alt
            Content-Type: text/html; charset=utf-8

            <p>Grüße</p>
            --alt--
            """;

    private static List<String> ids(List<EmailBodyPart> parts) {
        return parts.stream().map(EmailBodyPart::partId).toList();
    }

    @Test
    default void multipartWithAttachmentHasTreeBodiesAndPartBlobs() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        EmailId id = deliverTo(bob, crlf(TestMessages.MULTIPART));
        EmailBody body = store().emailBody(bob.id(), id).orElseThrow();

        EmailBodyPart root = body.bodyStructure();
        assertEquals("multipart/mixed", root.type());
        assertNull(root.partId());
        assertNull(root.blobId());
        assertEquals(2, root.subParts().size());
        EmailBodyPart text = root.subParts().get(0);
        EmailBodyPart pdf = root.subParts().get(1);
        assertEquals(List.of("1", "text/plain", "utf-8"), List.of(text.partId(), text.type(), text.charset()));
        assertEquals(List.of("2", "application/pdf", "report.pdf", "attachment"),
                List.of(pdf.partId(), pdf.type(), pdf.name(), pdf.disposition()));
        assertNull(pdf.charset());
        assertEquals(List.of("1"), ids(body.textBody()));
        assertEquals(List.of("1"), ids(body.htmlBody()));
        assertEquals(List.of("2"), ids(body.attachments()));
        // RFC 8621 section 4.1.4 EmailBodyValue: CRLF replaced by LF.
        assertEquals("Hello Bob,\n   please find    the report attached.\n\nAlice", body.textValues().get("1"));

        byte[] expectedPdf = Base64.getDecoder().decode("JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K");
        assertEquals(expectedPdf.length, pdf.size());
        try (InputStream in = store().openBlob(bob.id(), pdf.blobId()).orElseThrow()) {
            assertArrayEquals(expectedPdf, in.readAllBytes());
        }
        assertTrue(store().openBlob(eve.id(), pdf.blobId()).isEmpty());
        assertTrue(store().emailBody(eve.id(), new EmailId("E99")).isEmpty());
    }

    @Test
    default void alternativeSplitsTextAndHtmlAndDecodesCharsets() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailBody body = store().emailBody(bob.id(), deliverTo(bob, crlf(ALTERNATIVE))).orElseThrow();
        assertEquals(List.of("1"), ids(body.textBody()));
        assertEquals(List.of("2"), ids(body.htmlBody()));
        assertEquals(List.of(), body.attachments());
        assertEquals("Grüße", body.textValues().get("1"));
        assertEquals("<p>Grüße</p>", body.textValues().get("2"));
        assertEquals("iso-8859-1", body.bodyStructure().subParts().get(0).charset());
    }

    @Test
    default void inlineImageOfRelatedIsListedAsAttachment() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailBody body = store().emailBody(bob.id(), deliverTo(bob, crlf(TestMessages.HTML_ONLY))).orElseThrow();
        assertEquals(List.of("1"), ids(body.textBody()));
        assertEquals(List.of("1"), ids(body.htmlBody()));
        assertEquals(List.of("2"), ids(body.attachments()));
        assertEquals("logo", body.attachments().getFirst().cid());
        assertEquals("inline", body.attachments().getFirst().disposition());
    }
}
