// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session resource and authentication (RFC 8620 section 2, RFC 8621 section 1.3), over HTTPS. */
class SessionTest {
    private static final JmapLimits LIMITS = new JmapLimits(20_000_000, 3, 5_000_000, 7, 12, 250, 300);
    private static TestJmap jmap;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(LIMITS);
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    @Test
    void wellKnownRedirectsToTheSessionResource() {
        jmap.anonymous().get("/.well-known/jmap").then()
                .statusCode(307)
                .header("Location", jmap.baseUrl() + "/jmap/session");
    }

    @Test
    void theSessionNeedsCredentials() {
        assertEquals(TestJmap.CHALLENGES, jmap.anonymous().get("/jmap/session").then()
                .statusCode(401)
                .extract().headers().getValues("WWW-Authenticate"));
    }

    @Test
    void aWrongPasswordOrUnknownUserGets401() {
        assertEquals(TestJmap.CHALLENGES, jmap.as(TestJmap.ALICE, "wrong").get("/jmap/session").then()
                .statusCode(401)
                .extract().headers().getValues("WWW-Authenticate"));
        assertEquals(TestJmap.CHALLENGES, jmap.as("nobody@localhost", TestJmap.ALICE_PASSWORD).get("/jmap/session").then()
                .statusCode(401)
                .extract().headers().getValues("WWW-Authenticate"));
        jmap.anonymous().header("Authorization", "Basic !!notbase64").get("/jmap/session").then().statusCode(401);
        jmap.anonymous().header("Authorization", "Bearer abc").get("/jmap/session").then().statusCode(401);
    }

    @Test
    void theApiNeedsCredentials() {
        assertEquals(TestJmap.CHALLENGES, jmap.anonymous().body("{\"using\": [], \"methodCalls\": []}").post("/jmap/api").then()
                .statusCode(401)
                .extract().headers().getValues("WWW-Authenticate"));
    }

    @Test
    void describesCapabilitiesWithTheRealLimits() {
        String core = "capabilities.'urn:ietf:params:jmap:core'.";
        jmap.alice().get("/jmap/session").then()
                .statusCode(200)
                .contentType("application/json")
                .body(core + "maxSizeUpload", equalTo(20_000_000))
                .body(core + "maxConcurrentUpload", equalTo(3))
                .body(core + "maxSizeRequest", equalTo(5_000_000))
                .body(core + "maxConcurrentRequests", equalTo(7))
                .body(core + "maxCallsInRequest", equalTo(12))
                .body(core + "maxObjectsInGet", equalTo(250))
                .body(core + "maxObjectsInSet", equalTo(300))
                .body(core + "collationAlgorithms", equalTo(java.util.List.of("i;octet", "i;ascii-casemap", "i;unicode-casemap")))
                .body("capabilities.'urn:ietf:params:jmap:mail'", equalTo(java.util.Map.of()));
    }

    @Test
    void describesTheUsersOwnAccountOnly() {
        String id = jmap.alice.id().value();
        JsonPath session = jmap.alice().get("/jmap/session").then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.List.of(id), java.util.List.copyOf(session.getMap("accounts").keySet()));
        String account = "accounts." + id + ".";
        assertEquals(TestJmap.ALICE, session.getString(account + "name"));
        assertEquals(true, session.getBoolean(account + "isPersonal"));
        assertEquals(false, session.getBoolean(account + "isReadOnly"));
        String mail = account + "accountCapabilities.'urn:ietf:params:jmap:mail'.";
        assertEquals((Object) null, session.get(mail + "maxMailboxesPerEmail"));
        assertEquals((Object) null, session.get(mail + "maxMailboxDepth"));
        assertEquals(255, session.getInt(mail + "maxSizeMailboxName"));
        assertEquals(20_000_000, session.getInt(mail + "maxSizeAttachmentsPerEmail"));
        assertEquals(java.util.List.of("receivedAt", "sentAt", "size", "from", "to", "subject",
                "hasKeyword", "allInThreadHaveKeyword", "someInThreadHaveKeyword"), session.getList(mail + "emailQuerySortOptions"));
        assertEquals(true, session.getBoolean(mail + "mayCreateTopLevelMailbox"));
        String submission = account + "accountCapabilities.'urn:ietf:params:jmap:submission'.";
        assertEquals(2_592_000, session.getInt(submission + "maxDelayedSend"), "30 days of delayed send");
        assertEquals(java.util.List.of("2592000"), session.getList(submission + "submissionExtensions.FUTURERELEASE"));
        assertEquals(id, session.getString("primaryAccounts.'urn:ietf:params:jmap:core'"));
        assertEquals(id, session.getString("primaryAccounts.'urn:ietf:params:jmap:mail'"));
        assertEquals(TestJmap.ALICE, session.getString("username"));
        assertNotEquals("", session.getString("state"));
    }

    @Test
    void urlsAreAbsoluteForTheSchemeAndHostTheClientUsed() {
        JsonPath session = jmap.alice().get("/jmap/session").then().statusCode(200).extract().jsonPath();
        String base = jmap.baseUrl();
        assertEquals(base + "/jmap/api", session.getString("apiUrl"));
        assertEquals(base + "/jmap/download/{accountId}/{blobId}/{name}?type={type}", session.getString("downloadUrl"));
        assertEquals(base + "/jmap/upload/{accountId}/", session.getString("uploadUrl"));
        String eventSource = session.getString("eventSourceUrl");
        assertTrue(eventSource.matches(java.util.regex.Pattern.quote(base
                + "/jmap/eventsource?types={types}&closeafter={closeafter}&ping={ping}&access_token=")
                + "[A-Za-z0-9]+\\.[0-9]+\\.[A-Za-z0-9_-]+"), eventSource);

        jmap.alice().header("Host", "mail.example.org:8443").get("/jmap/session").then()
                .statusCode(200)
                .body("apiUrl", equalTo("https://mail.example.org:8443/jmap/api"));
    }

    @Test
    void eachUserSeesTheirOwnSessionWithItsOwnState() {
        JsonPath alice = jmap.alice().get("/jmap/session").then().extract().jsonPath();
        jmap.bob().get("/jmap/session").then()
                .statusCode(200)
                .body("username", equalTo(TestJmap.BOB))
                .body("accounts", hasKey(jmap.bob.id().value()))
                .body("accounts", not(hasKey(jmap.alice.id().value())))
                .body("primaryAccounts.values()", hasItems(jmap.bob.id().value()))
                .body("state", not(equalTo(alice.getString("state"))));
    }
}
