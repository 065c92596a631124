// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.State;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Email/parse (RFC 8621 section 4.9) over HTTPS against a real store. */
class EmailParseTest {
    private static final String USING = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
            + " \"methodCalls\": [";

    private static TestJmap jmap;
    private static String account;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500));
        account = jmap.alice.id().value();
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static String upload(String bytes) {
        return jmap.alice().contentType("message/rfc822").body(bytes.getBytes(StandardCharsets.UTF_8))
                .post("/jmap/upload/" + account + "/").then().statusCode(201).extract().jsonPath().getString("blobId");
    }

    private static JsonPath call(String arguments) {
        return jmap.alice().body(USING + "[\"Email/parse\", {\"accountId\": \"" + account + "\", " + arguments
                        + "}, \"p\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath().setRootPath("methodResponses[0]");
    }

    @Test
    void anUploadedMessageIsReturnedAsAnEmailAndNotStored() {
        String blob = upload(Messages.DINNER);
        State before = jmap.store.state(jmap.alice.id(), DataType.EMAIL);

        JsonPath response = call("\"blobIds\": [\"" + blob + "\"], \"bodyProperties\": [\"partId\", \"type\"],"
                + " \"fetchTextBodyValues\": true, \"maxBodyValueBytes\": 9");

        assertEquals("Email/parse", response.getString("[0]"));
        Map<String, Object> email = response.getMap("[1].parsed." + blob);
        assertEquals(new java.util.TreeSet<>(List.of("messageId", "inReplyTo", "references", "sender", "from", "to",
                "cc", "bcc", "replyTo", "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody",
                "htmlBody", "attachments")), new java.util.TreeSet<>(email.keySet()));
        assertEquals("Dinner on Thursday?", email.get("subject"));
        assertEquals("2014-10-30T14:12:00+08:00", email.get("sentAt"));
        assertEquals(List.of(Map.of("name", "Joe Bloggs", "email", "joe@example.com")), email.get("from"));
        assertEquals(List.of("1234@local.machine.example"), email.get("messageId"));
        assertEquals(List.of(Map.of("partId", "1", "type", "text/plain")), email.get("textBody"));
        assertEquals(Map.of("1", Map.of("value", "Shall we ", "isEncodingProblem", false, "isTruncated", true)),
                email.get("bodyValues"));
        assertNull(response.get("[1].notFound"));
        assertNull(response.get("[1].notParsable"));
        assertEquals(before, jmap.store.state(jmap.alice.id(), DataType.EMAIL));
    }

    @Test
    void aBlobUploadedInTheSameRequestIsParsedThroughItsCreationId() {
        String message = Messages.BARE.replace("\r\n", "\\r\\n");
        JsonPath response = jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\","
                        + " \"urn:ietf:params:jmap:blob\"], \"methodCalls\": ["
                        + "[\"Blob/upload\", {\"accountId\": \"" + account + "\", \"create\": {\"m\": {\"type\": \"message/rfc822\","
                        + " \"data\": [{\"data:asText\": \"" + message + "\"}]}}}, \"u\"],"
                        + "[\"Email/parse\", {\"accountId\": \"" + account + "\", \"blobIds\": [\"#m\"],"
                        + " \"properties\": [\"from\", \"preview\"]}, \"p\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath();
        Map<String, Object> from = new java.util.HashMap<>();
        from.put("name", null);
        from.put("email", "someone@example.com");
        assertEquals(Map.of("from", List.of(from), "preview", "hi"),
                response.getMap("methodResponses[1][1].parsed.'#m'"));
    }

    @Test
    void metadataOfAStoredEmailIsNullAndBlobIdAndSizeAreTheBlobs() {
        String blob = upload(Messages.BARE);
        JsonPath response = call("\"blobIds\": [\"" + blob + "\"], \"properties\": [\"id\", \"blobId\", \"threadId\","
                + " \"mailboxIds\", \"keywords\", \"receivedAt\", \"size\", \"subject\"]");
        Map<String, Object> email = response.getMap("[1].parsed." + blob);
        Map<String, Object> expected = new java.util.HashMap<>();
        for (String property : List.of("id", "threadId", "mailboxIds", "keywords", "receivedAt", "subject")) {
            expected.put(property, null);
        }
        expected.put("blobId", blob);
        expected.put("size", Messages.BARE.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(expected, email);
    }

    @Test
    void anAttachedMessageIsParsedFromItsPartBlob() {
        String forward = String.join("\r\n", "From: carol@example.org", "Subject: Fwd: dinner", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"o\"", "", "--o", "Content-Type: text/plain", "", "FYI",
                "--o", "Content-Type: message/rfc822", "", Messages.DINNER, "--o--", "");
        EmailId id = jmap.store.deliver(List.of(new Delivery(jmap.alice.id(), MailboxRole.INBOX,
                forward.getBytes(StandardCharsets.UTF_8), Set.of()))).getFirst();
        String part = jmap.alice().body(USING + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": [\""
                        + id.value() + "\"], \"properties\": [\"attachments\"], \"bodyProperties\": [\"blobId\", \"type\"]}, \"g\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath()
                .getString("methodResponses[0][1].list[0].attachments[0].blobId");

        JsonPath response = call("\"blobIds\": [\"" + part + "\"], \"properties\": [\"subject\", \"from\"]");

        assertEquals(Map.of("subject", "Dinner on Thursday?",
                        "from", List.of(Map.of("name", "Joe Bloggs", "email", "joe@example.com"))),
                response.getMap("[1].parsed." + part));
    }

    @Test
    void blobsOfOthersAreNotFoundAndTextWithoutHeadersIsNotParsable() {
        String bobs = jmap.store.uploadBlob(jmap.bob.id(), Messages.DINNER.getBytes(StandardCharsets.UTF_8)).value();
        String words = upload("no header here, only words\r\n");

        JsonPath response = call("\"blobIds\": [\"" + bobs + "\", \"Gmissing\", \"" + words + "\"],"
                + " \"properties\": [\"subject\"]");

        assertNull(response.get("[1].parsed"));
        assertEquals(List.of(bobs, "Gmissing"), response.getList("[1].notFound"));
        assertEquals(List.of(words), response.getList("[1].notParsable"));
    }

    @Test
    void headersComeInRawFormAndFormsTheRfcForbidsAreRefused() {
        String blob = upload(Messages.DINNER.replace("Subject:", "X-Test: headers\r\nSubject:"));
        JsonPath headers = call("\"blobIds\": [\"" + blob + "\"], \"properties\": [\"headers\", \"header:subject:asText\"]");
        List<Map<String, String>> fields = headers.getList("[1].parsed.'" + blob + "'.headers");
        assertTrue(fields.contains(Map.of("name", "Subject", "value", " Dinner on Thursday?")), fields.toString());
        assertEquals("Dinner on Thursday?", headers.getString("[1].parsed.'" + blob + "'.'header:subject:asText'"));

        JsonPath refused = call("\"blobIds\": [\"" + blob + "\"], \"properties\": [\"header:Subject:asDate\"]");
        assertEquals("invalidArguments", refused.getString("[1].type"));
        assertTrue(refused.getString("[1].description").contains("header:Subject:asDate"),
                refused.getString("[1].description"));

        JsonPath missing = call("\"properties\": [\"subject\"]");
        assertEquals("invalidArguments", missing.getString("[1].type"));
    }
}
