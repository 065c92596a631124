// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.model.EmailRecord;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blob/lookup (RFC 9404 section 4.3) and Blob/copy (RFC 8620 section 6.3) over HTTPS: registered
 * under their capabilities, advertised in the session, and checked against the caller's account.
 */
class BlobLookupCopyApiTest {
    private static TestJmap jmap;
    private static String account;
    private static EmailRecord dinner;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500));
        account = jmap.alice.id().value();
        EmailId id = jmap.deliver(jmap.alice, Messages.DINNER);
        dinner = jmap.store.emails(jmap.alice.id(), List.of(id)).get(id);
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static JsonPath calls(String using, String calls) {
        return jmap.alice().body("{\"using\": [" + using + "], \"methodCalls\": [" + calls + "]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theSessionListsTheTypesBlobLookupAnswers() {
        assertEquals(List.of("Mailbox", "Thread", "Email"), jmap.alice().get("/jmap/session").then().statusCode(200)
                .extract().jsonPath().getList("accounts." + account + ".accountCapabilities.'urn:ietf:params:jmap:blob'"
                        + ".supportedTypeNames"));
    }

    @Test
    void lookupFindsTheDeliveredEmailItsThreadAndItsMailbox() {
        JsonPath response = calls("\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\", \"urn:ietf:params:jmap:blob\"",
                "[\"Blob/lookup\", {\"accountId\": \"" + account + "\", \"typeNames\": [\"Email\", \"Thread\", \"Mailbox\"],"
                        + " \"ids\": [\"" + dinner.blobId().value() + "\"]}, \"l\"]");
        assertEquals("Blob/lookup", response.getString("methodResponses[0][0]"));
        String matched = "methodResponses[0][1].list[0].matchedIds.";
        assertEquals(List.of(dinner.id().value()), response.getList(matched + "Email"));
        assertEquals(List.of(dinner.threadId().value()), response.getList(matched + "Thread"));
        assertEquals(dinner.mailboxIds().stream().map(m -> m.value()).toList(), response.getList(matched + "Mailbox"));

        JsonPath withoutBlob = calls("\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"",
                "[\"Blob/lookup\", {\"accountId\": \"" + account + "\", \"typeNames\": [\"Email\"], \"ids\": []}, \"l\"]");
        assertEquals("unknownMethod", withoutBlob.getString("methodResponses[0][1].type"),
                "Blob/lookup needs the blob capability in using");
    }

    @Test
    void copyFromAnotherUsersAccountIsFromAccountNotFound() {
        JsonPath response = calls("\"urn:ietf:params:jmap:core\"",
                "[\"Blob/copy\", {\"fromAccountId\": \"" + jmap.bob.id().value() + "\", \"accountId\": \"" + account
                        + "\", \"blobIds\": [\"" + dinner.blobId().value() + "\"]}, \"c\"],"
                        + "[\"Blob/copy\", {\"fromAccountId\": \"" + account + "\", \"accountId\": \"" + jmap.bob.id().value()
                        + "\", \"blobIds\": [\"" + dinner.blobId().value() + "\"]}, \"d\"],"
                        + "[\"Blob/copy\", {\"fromAccountId\": \"" + account + "\", \"accountId\": \"" + account
                        + "\", \"blobIds\": [\"" + dinner.blobId().value() + "\", \"nosuch\"]}, \"e\"]");
        assertEquals("error", response.getString("methodResponses[0][0]"));
        assertEquals("fromAccountNotFound", response.getString("methodResponses[0][1].type"));
        assertEquals("accountNotFound", response.getString("methodResponses[1][1].type"));
        assertEquals("Blob/copy", response.getString("methodResponses[2][0]"));
        assertEquals(dinner.blobId().value(), response.getString("methodResponses[2][1].copied." + dinner.blobId().value()));
        assertEquals("notFound", response.getString("methodResponses[2][1].notCopied.nosuch.type"));
    }
}
