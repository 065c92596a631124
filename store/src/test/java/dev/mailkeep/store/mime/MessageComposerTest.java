// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.mime.MessageComposer.Header;
import dev.mailkeep.store.mime.MessageComposer.Leaf;
import dev.mailkeep.store.mime.MessageComposer.Multi;
import dev.mailkeep.store.mime.MessageComposer.Value;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import dev.mailkeep.store.model.EmailSummary;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the composer writes must read back, through the store's own parser, as what was given. */
class MessageComposerTest {
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '4', 0, (byte) 0xff, (byte) 0xfe, 10, 13, 0};

    private static List<Header> headers() {
        return List.of(
                new Header("From", new Value.Addresses(List.of(new EmailAddress("Zoë Müller", "zoe@example.test")))),
                new Header("To", new Value.Addresses(List.of(new EmailAddress(null, "bob@example.org"),
                        new EmailAddress("Smith, John", "john@example.org")))),
                new Header("Subject", new Value.Text("Grüße – the report you asked for, and a subject long enough to fold")),
                new Header("Date", new Value.Date(OffsetDateTime.parse("2026-11-23T10:15:00+01:00"))),
                new Header("Message-ID", new Value.MessageIds(List.of("draft-1@example.test"))),
                new Header("References", new Value.MessageIds(List.of("a@x.example", "b@y.example"))),
                new Header("List-Unsubscribe", new Value.Urls(List.of("mailto:leave@example.org"))),
                new Header("X-Custom", new Value.Raw(" kept\r\n  as it is")));
    }

    @Test
    void alternativeWithAttachmentReadsBackAsGiven() {
        Leaf text = new Leaf("text/plain", null, "Hallo,\r\nÄpfel für alle.\r\n".getBytes(StandardCharsets.UTF_8),
                null, null, null, null, null, null);
        Leaf html = new Leaf("text/html", null, "<p>Hallo, <b>Äpfel</b></p>".getBytes(StandardCharsets.UTF_8),
                null, null, null, List.of("de"), null, null);
        Leaf pdf = new Leaf("application/pdf", null, PDF, "attachment", "Bericht März.pdf", null, null, null, null);
        byte[] message = MessageComposer.compose(headers(),
                new Multi("mixed", List.of(new Multi("alternative", List.of(text, html), null), pdf), null));
        String raw = new String(message, StandardCharsets.US_ASCII);
        assertTrue(raw.lines().allMatch(line -> line.length() <= 78), "every line folded:\n" + raw);
        assertTrue(raw.contains("\r\nMIME-Version: 1.0\r\n"), raw);
        assertTrue(raw.contains("X-Custom: kept\r\n  as it is\r\n"), raw);
        assertTrue(raw.contains("Date: Mon, 23 Nov 2026 10:15:00 +0100\r\n"), raw);
        assertTrue(raw.contains("List-Unsubscribe: <mailto:leave@example.org>\r\n"), raw);
        for (int i = 0; i < message.length; i++) {
            assertTrue(message[i] > 0 && message[i] < 0x80, "7-bit clean at " + i);
        }

        EmailSummary summary = MessageParser.parse(message);
        assertEquals(List.of(new EmailAddress("Zoë Müller", "zoe@example.test")), summary.from());
        assertEquals(List.of(new EmailAddress(null, "bob@example.org"), new EmailAddress("Smith, John", "john@example.org")),
                summary.to());
        assertEquals("Grüße – the report you asked for, and a subject long enough to fold", summary.subject());
        assertEquals(OffsetDateTime.parse("2026-11-23T10:15:00+01:00"), summary.sentAt());
        assertEquals(List.of("draft-1@example.test"), summary.messageId());
        assertEquals(List.of("a@x.example", "b@y.example"), summary.references());
        assertTrue(summary.hasAttachment());

        EmailBody body = BodyStructure.of("B1", message);
        assertEquals("multipart/mixed", body.bodyStructure().type());
        assertEquals(List.of("text/plain"), body.textBody().stream().map(EmailBodyPart::type).toList());
        assertEquals(List.of("text/html"), body.htmlBody().stream().map(EmailBodyPart::type).toList());
        EmailBodyPart attachment = body.attachments().getFirst();
        assertEquals("Bericht März.pdf", attachment.name());
        assertEquals("attachment", attachment.disposition());
        assertEquals("Hallo,\nÄpfel für alle.\n", body.textValues().get(body.textBody().getFirst().partId()));
        assertArrayEquals(PDF, BodyStructure.partBytes(message, attachment.partId()).orElseThrow());
    }

    @Test
    void shortAsciiTextGoesAsSevenBitAndInlineImagesKeepTheirContentId() {
        Leaf html = new Leaf("text/html", null, "<img src=\"cid:logo@x\">".getBytes(StandardCharsets.US_ASCII),
                null, null, null, null, null, null);
        Leaf logo = new Leaf("image/png", null, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "inline", "logo.png", "logo@x",
                null, null, null);
        byte[] message = MessageComposer.compose(List.of(new Header("Subject", new Value.Text("plain"))),
                new Multi("related", List.of(html, logo), null));
        String raw = new String(message, StandardCharsets.US_ASCII);
        assertTrue(raw.contains("Content-Transfer-Encoding: 7bit"), raw);
        assertTrue(raw.contains("Content-ID: <logo@x>"), raw);
        assertTrue(raw.contains("Content-Transfer-Encoding: base64"), raw);
        EmailBody body = BodyStructure.of("B1", message);
        assertEquals("logo@x", body.bodyStructure().subParts().get(1).cid());
        assertFalse(raw.contains("Subject: =?"), "ASCII text is not encoded");
    }

    @Test
    void headerValuesCannotStartAnotherField() {
        Leaf empty = new Leaf("text/plain", null, new byte[0], null, null, null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> MessageComposer.compose(
                List.of(new Header("Subject", new Value.Text("hi\r\nBcc: victim@example.org"))), empty));
        assertThrows(IllegalArgumentException.class, () -> MessageComposer.compose(
                List.of(new Header("X-Raw", new Value.Raw(" a\r\nBcc: victim@example.org"))), empty));
        assertThrows(IllegalArgumentException.class, () -> MessageComposer.compose(
                List.of(new Header("To", new Value.Addresses(List.of(new EmailAddress("x\ny", "a@b.example"))))), empty));
        assertThrows(IllegalArgumentException.class, () -> new Header("Bad Name", new Value.Text("x")));
        assertTrue(MessageComposer.isSevenBit("a\r\nb".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(MessageComposer.isSevenBit("a\nb".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(MessageComposer.isSevenBit("x".repeat(999).getBytes(StandardCharsets.US_ASCII)));
    }
}
