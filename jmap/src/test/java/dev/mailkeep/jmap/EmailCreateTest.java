// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Email/set create (RFC 8621 section 4.6): drafts written as MIME, read back through Email/get. */
class EmailCreateTest {
    private TestJmap jmap;
    private String account;
    private String drafts;

    @BeforeEach
    void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 10_000_000, 4, 16, 500, 10));
        account = jmap.alice.id().value();
        drafts = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.DRAFTS).orElseThrow().id().value();
    }

    @AfterEach
    void stop() throws Exception {
        jmap.close();
    }

    private JsonPath calls(String methodCalls) {
        String request = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": "
                + methodCalls + "}";
        return jmap.alice().body(request.getBytes(StandardCharsets.UTF_8))
                .post("/jmap/api").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private JsonPath create(String email) {
        return calls("[[\"Email/set\", {\"accountId\": \"" + account + "\", \"create\": {\"k1\": " + email + "}}, \"c\"]]")
                .setRootPath("methodResponses[0][1]");
    }

    private String upload(byte[] data, String type) {
        return jmap.alice().contentType(type).body(data).post("/jmap/upload/" + account + "/")
                .then().statusCode(201).extract().path("blobId");
    }

    @Test
    void aDraftWithTextHtmlAndAnAttachmentReadsBackAsWritten() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff, 10};
        String blob = upload(pdf, "application/pdf");
        JsonPath r = calls("""
                [["Email/set", {"accountId": "%1$s", "create": {"d1": {
                    "mailboxIds": {"%2$s": true},
                    "keywords": {"$draft": true, "$Seen": true},
                    "from": [{"name": "Älice", "email": "alice@localhost"}],
                    "to": [{"name": "Bob", "email": "bob@example.org"}],
                    "subject": "Grüße, Bob",
                    "sentAt": "2026-11-23T10:15:00+01:00",
                    "inReplyTo": ["orig-1@example.org"],
                    "header:X-Mailer:asText": "Mailkeep test",
                    "textBody": [{"partId": "t", "type": "text/plain"}],
                    "htmlBody": [{"partId": "h", "type": "text/html"}],
                    "attachments": [{"blobId": "%3$s", "type": "application/pdf", "name": "Bericht März.pdf", "disposition": "attachment"}],
                    "bodyValues": {"t": {"value": "Hallo Bob,\\nÄpfel?"}, "h": {"value": "<p>Hallo Bob, <b>Äpfel</b>?</p>"}}
                  }}}, "s"],
                 ["Email/get", {"accountId": "%1$s", "ids": ["#d1"], "properties": ["mailboxIds", "keywords", "from", "to",
                    "subject", "sentAt", "inReplyTo", "messageId", "hasAttachment", "preview", "textBody", "htmlBody",
                    "attachments", "bodyValues"], "bodyProperties": ["partId", "blobId", "size", "name", "type", "charset", "disposition"], "fetchTextBodyValues": true}, "g"]]
                """.formatted(account, drafts, blob));
        Map<String, Object> created = r.getMap("methodResponses[0][1].created.d1");
        assertNotNull(created.get("id"));
        assertNotNull(created.get("blobId"));
        assertNotNull(created.get("threadId"));
        assertTrue(((Number) created.get("size")).intValue() > 0);
        assertNull(r.get("methodResponses[0][1].notCreated"));

        Map<String, Object> email = r.getMap("methodResponses[1][1].list[0]");
        assertNotNull(email, r.prettify());
        assertEquals(created.get("id"), email.get("id"));
        assertEquals(Map.of(drafts, true), email.get("mailboxIds"));
        assertEquals(Map.of("$draft", true, "$seen", true), email.get("keywords"));
        assertEquals(List.of(Map.of("name", "Älice", "email", "alice@localhost")), email.get("from"));
        assertEquals(List.of(Map.of("name", "Bob", "email", "bob@example.org")), email.get("to"));
        assertEquals("Grüße, Bob", email.get("subject"));
        assertEquals("2026-11-23T10:15:00+01:00", email.get("sentAt"));
        assertEquals(List.of("orig-1@example.org"), email.get("inReplyTo"));
        assertEquals(1, ((List<?>) email.get("messageId")).size(), "a Message-ID was added");
        assertTrue(((String) ((List<?>) email.get("messageId")).getFirst()).endsWith("@localhost"));
        try (InputStream in = jmap.store.openBlob(jmap.alice.id(), new BlobId((String) created.get("blobId"))).orElseThrow()) {
            String raw = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(raw.contains("\r\nX-Mailer: Mailkeep test\r\n"), raw);
            assertTrue(raw.contains("\r\nMIME-Version: 1.0\r\n"), raw);
            assertTrue(raw.contains("Content-Type: multipart/mixed;"), raw);
        }
        assertEquals(true, email.get("hasAttachment"));
        assertEquals("Hallo Bob, Äpfel?", email.get("preview"));
        List<Map<String, Object>> text = r.getList("methodResponses[1][1].list[0].textBody");
        assertEquals("text/plain", text.getFirst().get("type"));
        String textPart = (String) text.getFirst().get("partId");
        assertEquals("Hallo Bob,\nÄpfel?", r.getString("methodResponses[1][1].list[0].bodyValues.'" + textPart + "'.value"));
        assertEquals("text/html", r.getString("methodResponses[1][1].list[0].htmlBody[0].type"));
        Map<String, Object> attachment = r.getMap("methodResponses[1][1].list[0].attachments[0]");
        assertEquals("Bericht März.pdf", attachment.get("name"));
        assertEquals("application/pdf", attachment.get("type"));
        try (InputStream in = jmap.store.openBlob(jmap.alice.id(), new BlobId((String) attachment.get("blobId"))).orElseThrow()) {
            assertArrayEquals(pdf, in.readAllBytes(), "the attachment's bytes survive base64");
        }
        assertEquals(1, jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.DRAFTS).orElseThrow().totalEmails());
    }

    @Test
    void bodyStructureIsWrittenAsGiven() {
        JsonPath r = calls("""
                [["Email/set", {"accountId": "%1$s", "create": {"d1": {
                    "mailboxIds": {"%2$s": true}, "subject": "tree",
                    "bodyStructure": {"type": "multipart/alternative", "subParts": [
                        {"partId": "1", "type": "text/plain"}, {"partId": "2", "type": "text/html", "language": ["en"]}]},
                    "bodyValues": {"1": {"value": "plain"}, "2": {"value": "<i>rich</i>"}}}}}, "s"],
                 ["Email/get", {"accountId": "%1$s", "ids": ["#d1"], "properties": ["bodyStructure"],
                    "bodyProperties": ["type", "subParts"]}, "g"]]
                """.formatted(account, drafts));
        assertEquals("multipart/alternative", r.getString("methodResponses[1][1].list[0].bodyStructure.type"));
        assertEquals(List.of("text/plain", "text/html"),
                r.getList("methodResponses[1][1].list[0].bodyStructure.subParts.type"));
    }

    @Test
    void createsAreRefusedOneByOneWithTheRulesOfSection46() {
        String box = "\"mailboxIds\": {\"" + drafts + "\": true}";
        assertRefused(create("{" + box + ", \"id\": \"E1\"}"), "invalidProperties", "id");
        assertRefused(create("{" + box + ", \"headers\": []}"), "invalidProperties", "headers");
        assertRefused(create("{\"subject\": \"no mailbox\"}"), "invalidProperties", "mailboxIds");
        assertRefused(create("{" + box + ", \"from\": [{\"email\": \"a@b.example\"}], \"header:From:asAddresses\": []}"),
                "invalidProperties", "from", "header:From:asAddresses");
        assertRefused(create("{" + box + ", \"header:Content-Type\": \" text/plain\"}"), "invalidProperties",
                "header:Content-Type");
        assertRefused(create("{" + box + ", \"header:Subject:asAddresses\": []}"), "invalidProperties",
                "header:Subject:asAddresses");
        assertRefused(create("{" + box + ", \"subject\": \"hi\\r\\nBcc: victim@example.org\"}"), "invalidProperties", "subject");
        assertRefused(create("{" + box + ", \"bodyStructure\": {\"partId\": \"1\"}, \"textBody\": [{\"partId\": \"1\"}],"
                + " \"bodyValues\": {\"1\": {\"value\": \"x\"}}}"), "invalidProperties", "bodyStructure");
        assertRefused(create("{" + box + ", \"textBody\": [{\"partId\": \"1\", \"type\": \"text/html\"}],"
                + " \"bodyValues\": {\"1\": {\"value\": \"x\"}}}"), "invalidProperties", "textBody");
        assertRefused(create("{" + box + ", \"textBody\": [{\"partId\": \"1\", \"charset\": \"latin1\"}],"
                + " \"bodyValues\": {\"1\": {\"value\": \"x\"}}}"), "invalidProperties", "textBody/0/charset");
        assertRefused(create("{" + box + ", \"textBody\": [{\"partId\": \"missing\"}]}"), "invalidProperties",
                "textBody/0/partId");
        JsonPath blobMissing = create("{" + box + ", \"attachments\": [{\"blobId\": \"Gnothere\", \"type\": \"image/png\"}]}");
        assertRefused(blobMissing, "blobNotFound", "attachments/0/blobId");
        assertEquals(List.of("Gnothere"), blobMissing.getList("notCreated.k1.notFound"));
        assertEquals(0, jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.DRAFTS).orElseThrow().totalEmails());
    }

    @Test
    void anotherUsersBlobCannotBeAttached() {
        String bobsBlob = jmap.bob().contentType("text/plain").body("bob's secret".getBytes(StandardCharsets.UTF_8))
                .post("/jmap/upload/" + jmap.bob.id().value() + "/").then().statusCode(201).extract().path("blobId");
        JsonPath r = create("{\"mailboxIds\": {\"" + drafts + "\": true}, \"attachments\": [{\"blobId\": \"" + bobsBlob
                + "\", \"type\": \"text/plain\"}]}");
        assertRefused(r, "blobNotFound", "attachments/0/blobId");
    }

    private static void assertRefused(JsonPath result, String type, String... properties) {
        assertNull(result.get("created"), "nothing created");
        assertEquals(type, result.getString("notCreated.k1.type"), result.prettify());
        assertEquals(List.of(properties), result.getList("notCreated.k1.properties"), result.prettify());
    }
}
