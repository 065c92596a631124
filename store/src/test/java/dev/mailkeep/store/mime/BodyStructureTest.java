// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import dev.mailkeep.store.model.EmailHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body part properties of RFC 8621 section 4.1.4 from real-world shapes of MIME. */
class BodyStructureTest {

    private static byte[] message(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            byte[] bytes = piece instanceof byte[] b ? b : piece.toString().replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static EmailBodyPart leaf(EmailBody body, int index) {
        return body.bodyStructure().subParts().get(index);
    }

    @Test
    void rfc2231NamesWithContinuationsAndCharsetAndEncodedWordNamesAreDecoded() {
        EmailBody body = BodyStructure.of("B", message("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*0*=UTF-8''%E2%82%AC%20rates;
                 filename*1*=%20for%20;
                 filename*2="2026.pdf"
                Content-Language: en, de (German)
                Content-Location: http://example.com/
                 rates.pdf

                %PDF
                --b
                Content-Type: text/plain; name="=?UTF-8?Q?R=C3=A9sum=C3=A9.txt?="
                Content-Disposition: attachment; filename*=iso-8859-1'en'%A3%20prices.txt
                Content-ID: <part2@example.com>

                text
                --b
                Content-Type: image/png; name="=?UTF-8?Q?R=C3=A9sum=C3=A9.png?="

                x
                --b--
                """));
        EmailBodyPart pdf = leaf(body, 0);
        assertEquals("€ rates for 2026.pdf", pdf.name());
        assertEquals(List.of("en", "de"), pdf.language());
        assertEquals("http://example.com/rates.pdf", pdf.location());
        assertEquals("attachment", pdf.disposition());
        assertNull(pdf.charset(), "not text and no charset parameter");
        assertEquals(List.of(new EmailHeader("Content-Type", " application/pdf"), new EmailHeader("Content-Disposition",
                " attachment;\r\n filename*0*=UTF-8''%E2%82%AC%20rates;\r\n filename*1*=%20for%20;\r\n filename*2=\"2026.pdf\""),
                new EmailHeader("Content-Language", " en, de (German)"),
                new EmailHeader("Content-Location", " http://example.com/\r\n rates.pdf")), pdf.headers());
        assertEquals("£ prices.txt", leaf(body, 1).name(), "Content-Disposition filename wins over the type's name");
        assertEquals("part2@example.com", leaf(body, 1).cid());
        assertEquals("us-ascii", leaf(body, 1).charset());
        assertEquals("Résumé.png", leaf(body, 2).name());
        assertNull(leaf(body, 2).language());
    }

    @Test
    void legacyCharsetsAreDecodedAndCrlfBecomesLf() {
        for (Map.Entry<String, String> c : Map.of("ISO-2022-JP", "日本語のテキスト", "KOI8-R", "Привет, мир",
                "GB2312", "中文邮件", "windows-1252", "“quoted” … text", "ISO-8859-15", "€uro").entrySet()) {
            EmailBody body = BodyStructure.of("B", message("Content-Type: text/plain; charset=\"" + c.getKey()
                    + "\"\nContent-Transfer-Encoding: 8bit\n\n", (c.getValue() + "\r\nline 2\r\n")
                    .getBytes(Charset.forName(c.getKey()))));
            assertEquals(c.getValue() + "\nline 2\n", body.textValues().get("1"), c.getKey());
            assertEquals(c.getKey().toLowerCase(java.util.Locale.ROOT), body.bodyStructure().charset());
            assertTrue(body.encodingProblems().isEmpty(), c.getKey());
        }
    }

    @Test
    void iso88591LabelsReadC1OctetsAsWindows1252() {
        EmailBody body = BodyStructure.of("B", message("Content-Type: text/plain; charset=iso-8859-1\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nCaf=E9 =80 5\n"));
        assertEquals("Café € 5\n", body.textValues().get("1"));
    }

    @Test
    void malformedTextAndUnknownCharsetsAreEncodingProblems() {
        EmailBody badUtf8 = BodyStructure.of("B", message("Content-Type: text/plain; charset=utf-8\n\n",
                new byte[] {'a', (byte) 0xC3, '(', '\r', '\n'}));
        assertEquals("a\uFFFD(\n", badUtf8.textValues().get("1"));
        assertEquals(java.util.Set.of("1"), badUtf8.encodingProblems());

        EmailBody unknown = BodyStructure.of("B", message("Content-Type: text/plain; charset=x-no-such\n\nplain\n"));
        assertEquals("plain\n", unknown.textValues().get("1"));
        assertEquals(java.util.Set.of("1"), unknown.encodingProblems());

        EmailBody uuencoded = BodyStructure.of("B", message("Content-Transfer-Encoding: x-uuencode\n\nbegin\n"));
        assertEquals(java.util.Set.of("1"), uuencoded.encodingProblems());

        EmailBody fine = BodyStructure.of("B", message("Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQ=\n"));
        assertEquals("Hello world", fine.textValues().get("1"));
        assertFalse(fine.encodingProblems().contains("1"));
    }

    @Test
    void base64WithBadPaddingStillDecodesAndIsReported() {
        EmailBody missing = BodyStructure.of("B", message("Content-Type: text/plain\n"
                + "Content-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQ\n"));
        assertEquals("Hello world", missing.textValues().get("1"));
        assertEquals(java.util.Set.of("1"), missing.encodingProblems());
        EmailBody chunks = BodyStructure.of("B", message("Content-Type: text/plain\n"
                + "Content-Transfer-Encoding: base64\n\nSGVsbG8=\nIHdv*cmxk\n"));
        assertEquals("Hello world", chunks.textValues().get("1"));
        assertEquals(java.util.Set.of("1"), chunks.encodingProblems());
        EmailBody twoPads = BodyStructure.of("B", message("Content-Type: text/plain\n"
                + "Content-Transfer-Encoding: base64\n\nSGk=\n"));
        assertEquals("Hi", twoPads.textValues().get("1"));
        assertTrue(twoPads.encodingProblems().isEmpty());
    }

    @Test
    void rawHeadersReplaceOctetsThatAreNotUtf8AndTheFormsParse() {
        EmailBody body = BodyStructure.of("B", message("Subject: caf", new byte[] {(byte) 0xE9},
                "\nTo: Friends: a@example.com, \"B, b\" <b@example.com>;, c@example.com\n\nx\n"));
        assertEquals(new EmailHeader("Subject", " caf\uFFFD"), body.headers().get(0));
        String to = body.headers().get(1).value();
        assertEquals(3, HeaderForms.addresses(to).size());
        assertEquals("Friends", HeaderForms.groupedAddresses(to).get(0).name());
        assertEquals("B, b", HeaderForms.groupedAddresses(to).get(0).addresses().get(1).name());
        assertNull(HeaderForms.groupedAddresses(to).get(1).name());
        assertEquals(List.of("a@b", "c@d"), HeaderForms.messageIds(" <a@b> (comment)\r\n <c@d>"));
        assertNull(HeaderForms.messageIds(" no ids here"));
        assertEquals(List.of("mailto:list@example.com?subject=help", "https://example.com/help"),
                HeaderForms.urls(" <mailto:list@example.com?subject=help> (by mail),\r\n <https://example.com/help>"));
        assertNull(HeaderForms.urls(" NO (posting not allowed)"));
        assertNull(HeaderForms.date(" yesterday"));
        assertEquals("Grüße und Küsse", HeaderForms.text(" =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n =?UTF-8?Q?_und_K=C3=BCsse?="));
    }

    @Test
    void hasAttachmentFollowsTheAttachmentsListAndSkipsInlineParts() {
        assertTrue(MessageParser.parse(message("""
                Content-Type: multipart/alternative; boundary=b

                --b
                Content-Type: text/plain

                hi
                --b
                Content-Type: text/calendar; method=REQUEST

                BEGIN:VCALENDAR
                --b--
                """)).hasAttachment(), "a calendar part lands in attachments");
        assertFalse(MessageParser.parse(message("""
                Content-Type: multipart/related; boundary=b

                --b
                Content-Type: text/html

                <img src="cid:logo">
                --b
                Content-Type: image/png
                Content-Disposition: inline
                Content-ID: <logo>

                x
                --b--
                """)).hasAttachment(), "an inline image is not offered as a download");
    }
}
