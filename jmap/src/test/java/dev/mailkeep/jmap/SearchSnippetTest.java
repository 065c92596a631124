// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SearchSnippet/get (RFC 8621 section 5) over HTTPS against a real store and its index. */
class SearchSnippetTest {
    private static final String USING = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
            + " \"methodCalls\": [";
    private static final String CARTOON = "From: tom@example.com\r\nSubject: Tom & Jerry <3\r\n\r\nJerry ran off with"
            + " the cheese.\r\n";

    private static TestJmap jmap;
    private static String account;
    private static EmailId dinner;
    private static EmailId cartoon;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500));
        account = jmap.alice.id().value();
        List<EmailId> ids = jmap.store.deliver(List.of(
                new Delivery(jmap.alice.id(), MailboxRole.INBOX, Messages.DINNER.getBytes(StandardCharsets.UTF_8), Set.of()),
                new Delivery(jmap.alice.id(), MailboxRole.INBOX, CARTOON.getBytes(StandardCharsets.UTF_8), Set.of())));
        dinner = ids.get(0);
        cartoon = ids.get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static JsonPath post(String calls) {
        return jmap.alice().body(USING + calls + "]}").post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void snippetsOfAQueryMarkTheMatchedWordsInSubjectAndPreview() {
        String filter = "{\"text\": \"dinner eight\"}";
        JsonPath response = post("[\"Email/query\", {\"accountId\": \"" + account + "\", \"filter\": " + filter + "}, \"q\"],"
                + "[\"SearchSnippet/get\", {\"accountId\": \"" + account + "\", \"filter\": " + filter + ", \"#emailIds\":"
                + " {\"resultOf\": \"q\", \"name\": \"Email/query\", \"path\": \"/ids\"}}, \"s\"]");

        assertEquals("SearchSnippet/get", response.getString("methodResponses[1][0]"));
        assertEquals(account, response.getString("methodResponses[1][1].accountId"));
        assertEquals(List.of(Map.of("emailId", dinner.value(), "subject", "<mark>Dinner</mark> on Thursday?",
                "preview", "Shall we meet at <mark>eight</mark>?")), response.getList("methodResponses[1][1].list"));
        assertNull(response.get("methodResponses[1][1].notFound"));
    }

    @Test
    void aSubjectConditionMarksTheEscapedSubjectOnlyAndUnmatchedPartsAreNull() {
        JsonPath response = post("[\"SearchSnippet/get\", {\"accountId\": \"" + account + "\", \"filter\":"
                + " {\"subject\": \"jerry\"}, \"emailIds\": [\"" + cartoon.value() + "\", \"" + dinner.value() + "\"]}, \"s\"]");

        Map<String, Object> first = new HashMap<>();
        first.put("emailId", cartoon.value());
        first.put("subject", "Tom &amp; <mark>Jerry</mark> &lt;3");
        first.put("preview", null);
        Map<String, Object> second = new HashMap<>();
        second.put("emailId", dinner.value());
        second.put("subject", null);
        second.put("preview", null);
        assertEquals(List.of(first, second), response.getList("methodResponses[0][1].list"));
    }

    @Test
    void unknownIdsAreNotFoundAndEmailIdsAreRequired() {
        JsonPath response = post("[\"SearchSnippet/get\", {\"accountId\": \"" + account + "\", \"filter\":"
                + " {\"text\": \"cheese\"}, \"emailIds\": [\"E999\", \"not an id\", \"" + cartoon.value() + "\"]}, \"s\"]");
        assertEquals(List.of("E999", "not an id"), response.getList("methodResponses[0][1].notFound"));
        assertEquals("Jerry ran off with the <mark>cheese</mark>.",
                response.getString("methodResponses[0][1].list[0].preview"));

        JsonPath missing = post("[\"SearchSnippet/get\", {\"accountId\": \"" + account + "\", \"filter\": null}, \"s\"]");
        assertEquals("error", missing.getString("methodResponses[0][0]"));
        assertEquals("invalidArguments", missing.getString("methodResponses[0][1].type"));
        JsonPath other = post("[\"SearchSnippet/get\", {\"accountId\": \"" + jmap.bob.id().value()
                + "\", \"emailIds\": []}, \"s\"]");
        assertEquals("accountNotFound", other.getString("methodResponses[0][1].type"));
    }
}
