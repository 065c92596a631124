// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Email/copy (RFC 8621 section 4.7) over HTTPS: a user reaches only their own account, so every
 * copy is refused with the RFC 8620 section 5.4 errors (the copy itself: EmailCopyMethodTest and
 * the store's CopyContract).
 */
class EmailCopyTest {
    private static TestJmap jmap;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500));
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static JsonPath copy(String from, String to) {
        return jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
                        + " \"methodCalls\": [[\"Email/copy\", {\"fromAccountId\": \"" + from + "\", \"accountId\": \""
                        + to + "\", \"create\": {\"k1\": {\"id\": \"E1\", \"mailboxIds\": {\"M1\": true}}}}, \"c\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath().setRootPath("methodResponses[0]");
    }

    @Test
    void copyingFromAnotherUsersAccountIsFromAccountNotFound() {
        JsonPath response = copy(jmap.bob.id().value(), jmap.alice.id().value());
        assertEquals("error", response.getString("[0]"));
        assertEquals("fromAccountNotFound", response.getString("[1].type"));
        assertEquals("c", response.getString("[2]"));
    }

    @Test
    void copyingIntoAnotherUsersAccountIsAccountNotFound() {
        JsonPath response = copy(jmap.alice.id().value(), jmap.bob.id().value());
        assertEquals("accountNotFound", response.getString("[1].type"));
    }

    @Test
    void copyingWithinOneAccountIsInvalidArguments() {
        JsonPath response = copy(jmap.alice.id().value(), jmap.alice.id().value());
        assertEquals("invalidArguments", response.getString("[1].type"));
        assertEquals(0, jmap.store.mailboxes(jmap.alice.id()).stream().mapToLong(m -> m.totalEmails()).sum());
    }
}
