// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.model.Account;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Push over EventSource (RFC 8620 section 7.3) against a real server and store. */
class EventSourceTest {
    private static TestJmap jmap;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 100_000, 4, 16, 500, 500));
        client = EventStream.client(jmap);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        jmap.close();
    }

    private static String url(String query) {
        return jmap.baseUrl() + "/jmap/eventsource?" + query;
    }

    private static String state(Account account, DataType type) {
        return jmap.store.state(account.id(), type).encode();
    }

    @Test
    void aDeliveryWakesTheStreamWithTheNewStatesOfItsAccountOnly() throws Exception {
        try (EventStream stream = EventStream.open(client, url("types=Email,EmailDelivery,Mailbox&closeafter=no&ping=0"),
                TestJmap.ALICE, TestJmap.ALICE_PASSWORD)) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));

            jmap.deliver(jmap.bob, "Subject: for bob\r\n\r\nnot alice's business\r\n");
            String email = jmap.deliver(jmap.alice, "Subject: for alice\r\n\r\nhello\r\n").value();
            EventStream.Event event = stream.next();
            assertEquals("state", event.name());
            assertEquals("StateChange", event.json().getString("'@type'"));
            Map<String, Object> changed = event.json().getMap("changed");
            assertEquals(java.util.Set.of(jmap.alice.id().value()), changed.keySet(), "bob's delivery came first, unseen");
            assertEquals(Map.of("Email", state(jmap.alice, DataType.EMAIL),
                            "EmailDelivery", state(jmap.alice, DataType.EMAIL),
                            "Mailbox", state(jmap.alice, DataType.MAILBOX)),
                    changed.get(jmap.alice.id().value()));

            String seen = state(jmap.alice, DataType.EMAIL);
            jmap.alice().contentType("application/json").body("""
                    {"using": ["urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail"],
                     "methodCalls": [["Email/set", {"accountId": "%s", "update": {"%s": {"keywords/$seen": true}}}, "c1"]]}
                    """.formatted(jmap.alice.id().value(), email)).post("/jmap/api").then().statusCode(200);
            EventStream.Event update = stream.next();
            Map<String, String> states = update.json().getMap("changed." + jmap.alice.id().value());
            assertTrue(!seen.equals(states.get("Email")), "the Email state moved: " + states);
            assertNull(states.get("EmailDelivery"), "no new mail was delivered: " + states);
        }
    }

    @Test
    void closeafterStateEndsTheStreamAfterTheFirstChange() throws Exception {
        try (EventStream stream = EventStream.open(client, url("types=*&closeafter=state&ping=0"),
                TestJmap.BOB, TestJmap.BOB_PASSWORD)) {
            jmap.deliver(jmap.bob, "Subject: one\r\n\r\nfirst\r\n");
            EventStream.Event event = stream.next();
            assertEquals("state", event.name());
            assertEquals(state(jmap.bob, DataType.THREAD),
                    event.json().getString("changed." + jmap.bob.id().value() + ".Thread"));
            assertEquals(EventStream.Event.END, stream.next());
        }
    }

    @Test
    void pingsComeAtTheAskedIntervalWhileNothingChanges() throws Exception {
        try (EventStream stream = EventStream.open(client, url("types=VacationResponse&closeafter=no&ping=1"),
                TestJmap.ALICE, TestJmap.ALICE_PASSWORD)) {
            EventStream.Event ping = stream.next();
            assertEquals("ping", ping.name());
            assertEquals(1, ping.json().getInt("interval"));
            assertEquals("ping", stream.next().name());
        }
    }

    @Test
    void theSessionsSignedUrlWorksWithoutAnAuthorizationHeader() throws Exception {
        String template = jmap.bob().get("/jmap/session").then().statusCode(200).extract().path("eventSourceUrl");
        assertTrue(template.contains("&access_token="), template);
        String url = template.replace("{types}", "Mailbox").replace("{closeafter}", "state").replace("{ping}", "0");
        try (EventStream stream = EventStream.open(client, url, null, null)) {
            assertEquals(200, stream.response.statusCode());
            jmap.deliver(jmap.bob, "Subject: two\r\n\r\nsecond\r\n");
            EventStream.Event event = stream.next();
            assertEquals(state(jmap.bob, DataType.MAILBOX),
                    event.json().getString("changed." + jmap.bob.id().value() + ".Mailbox"));
        }

        String token = url.substring(url.indexOf("access_token=") + "access_token=".length());
        String tampered = token.replaceFirst("^A[0-9a-z]+\\.", jmap.alice.id().value() + ".");
        assertEquals(401, status(url.replace(token, tampered)));
        assertEquals(401, status(url.replace(token, token.substring(0, token.length() - 2) + "AA")));
        assertEquals(401, status(url("types=*&access_token=")));
        assertEquals(401, status(url("types=*")));
        jmap.anonymous().queryParam("access_token", token).contentType("application/json")
                .body("{\"using\": [], \"methodCalls\": []}").post("/jmap/api").then().statusCode(401);
    }

    @Test
    void stoppingTheServerEndsOpenStreams() throws Exception {
        try (TestJmap other = TestJmap.start(new JmapLimits(50_000_000, 4, 100_000, 4, 16, 500, 500));
             HttpClient otherClient = EventStream.client(other);
             EventStream stream = EventStream.open(otherClient, other.baseUrl() + "/jmap/eventsource?types=*&ping=0",
                     TestJmap.ALICE, TestJmap.ALICE_PASSWORD)) {
            assertEquals(200, stream.response.statusCode());
            other.server.close();
            assertEquals(EventStream.Event.END, stream.next());
        }
    }

    @Test
    void badParametersAreRefusedWithAProblem() {
        for (String query : new String[] {"types=Email&closeafter=maybe", "types=Emails", "types=", "ping=-1",
                "ping=soon", "types=Email&types=Mailbox"}) {
            jmap.alice().get("/jmap/eventsource?" + query).then()
                    .statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("status", org.hamcrest.Matchers.equalTo(400))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
    }

    private static int status(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
