// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mailkeep.jmap.push.PushSettings;
import dev.mailkeep.store.DataType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PushSubscription/get and /set (RFC 8620 section 7.2) with a real push receiver on loopback: the
 * verification comes first, StateChanges only after the client set the verification code.
 */
class PushSubscriptionTest {
    private static TestJmap jmap;
    private static HttpServer receiver;
    private static final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 100_000, 4, 16, 500, 500), UnaryOperator.identity(),
                new PushSettings(true, Duration.ofDays(2)));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() throws IOException {
        receiver.stop(0);
        jmap.close();
    }

    private static String pushUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/push";
    }

    private static JsonPath call(String method, String arguments) {
        return jmap.alice().contentType("application/json").body("""
                {"using": ["urn:ietf:params:jmap:core"], "methodCalls": [["%s", %s, "c1"]]}
                """.formatted(method, arguments)).post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath next() throws InterruptedException {
        String body = received.poll(10, TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("no push request within 10 seconds");
        }
        return JsonPath.from(body);
    }

    /** Waits until the store's notifier has handled every commit so far (listeners run in order). */
    private static void notifierCaughtUp() throws Exception {
        BlockingQueue<Boolean> heard = new LinkedBlockingQueue<>();
        try (AutoCloseable registration = jmap.store.addStateListener((account, types, delivered) -> heard.add(true))) {
            jmap.deliver(jmap.bob, "Subject: marker\r\n\r\nfor ordering\r\n");
            assertTrue(heard.poll(10, TimeUnit.SECONDS) != null, "the store announced the marker delivery");
        }
    }

    @Test
    void verificationComesFirstAndStateChangesOnlyAfterTheCodeIsSet() throws Exception {
        Instant far = Instant.now().plus(Duration.ofDays(30));
        JsonPath set = call("PushSubscription/set", """
                {"create": {"p1": {"deviceClientId": "phone", "url": "%s", "types": ["Email", "Mailbox"],
                 "expires": "%s"}}}""".formatted(pushUrl(), far));
        String id = set.getString("methodResponses[0][1].created.p1.id");
        Instant expires = Instant.parse(set.getString("methodResponses[0][1].created.p1.expires"));
        assertTrue(expires.isBefore(Instant.now().plus(Duration.ofDays(2)).plusSeconds(5)), "clamped: " + expires);

        JsonPath verification = next();
        assertEquals("PushVerification", verification.getString("'@type'"));
        assertEquals(id, verification.getString("pushSubscriptionId"));
        String code = verification.getString("verificationCode");

        JsonPath got = call("PushSubscription/get", "{\"ids\": null}");
        Map<String, Object> listed = got.getMap("methodResponses[0][1].list[0]");
        assertEquals(id, listed.get("id"));
        assertEquals("phone", listed.get("deviceClientId"));
        assertNull(listed.get("verificationCode"));
        assertTrue(!listed.containsKey("url") && !listed.containsKey("keys"), listed.toString());
        assertEquals(List.of("Mailbox", "Email"), listed.get("types"));

        jmap.deliver(jmap.alice, "Subject: before verification\r\n\r\nnot pushed\r\n");
        notifierCaughtUp();

        JsonPath wrong = call("PushSubscription/set", "{\"update\": {\"" + id + "\": {\"verificationCode\": \"nope\"}}}");
        assertEquals(List.of("verificationCode"), wrong.getList("methodResponses[0][1].notUpdated." + id + ".properties"));
        JsonPath right = call("PushSubscription/set", "{\"update\": {\"" + id + "\": {\"verificationCode\": \"" + code + "\"}}}");
        assertTrue(right.getMap("methodResponses[0][1].updated").containsKey(id), right.prettify());

        jmap.deliver(jmap.alice, "Subject: after verification\r\n\r\npushed\r\n");
        JsonPath change = next();
        assertEquals("StateChange", change.getString("'@type'"));
        assertEquals(Map.of("Email", jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode(),
                        "Mailbox", jmap.store.state(jmap.alice.id(), DataType.MAILBOX).encode()),
                change.getMap("changed." + jmap.alice.id().value()));

        JsonPath destroyed = call("PushSubscription/set", "{\"destroy\": [\"" + id + "\"]}");
        assertEquals(List.of(id), destroyed.getList("methodResponses[0][1].destroyed"));
        assertEquals(List.of(id), call("PushSubscription/get", "{\"ids\": [\"" + id + "\"]}")
                .getList("methodResponses[0][1].notFound"));
        jmap.deliver(jmap.alice, "Subject: after destroy\r\n\r\nnot pushed\r\n");
        notifierCaughtUp();
        assertNull(received.poll(), "nothing after destroy");
    }

    @Test
    void malformedKeysBadUrlsAndAPresetCodeAreRefused() {
        JsonPath set = call("PushSubscription/set", """
                {"create": {
                  "keys": {"deviceClientId": "d", "url": "%s", "keys": {"p256dh": "x", "auth": "y"}},
                  "ftp": {"deviceClientId": "d", "url": "ftp://example.org/push"},
                  "code": {"deviceClientId": "d", "url": "%s", "verificationCode": "123"}
                }}""".formatted(pushUrl(), pushUrl()));
        assertEquals(List.of("keys"), set.getList("methodResponses[0][1].notCreated.keys.properties"));
        assertEquals(List.of("url"), set.getList("methodResponses[0][1].notCreated.ftp.properties"));
        assertEquals(List.of("verificationCode"), set.getList("methodResponses[0][1].notCreated.code.properties"));
        assertNull(set.get("methodResponses[0][1].created"));
    }

    @Test
    void byDefaultPrivateAndLoopbackAddressesAreRefused() throws Exception {
        try (TestJmap strict = TestJmap.start(new JmapLimits(50_000_000, 4, 100_000, 4, 16, 500, 500))) {
            JsonPath set = strict.alice().contentType("application/json").body("""
                    {"using": ["urn:ietf:params:jmap:core"], "methodCalls": [["PushSubscription/set", {"create": {
                      "loopback": {"deviceClientId": "d", "url": "%s"},
                      "private": {"deviceClientId": "d", "url": "https://10.1.2.3/push"},
                      "metadata": {"deviceClientId": "d", "url": "http://169.254.169.254/latest"},
                      "v6": {"deviceClientId": "d", "url": "https://[fd00::1]/push"}}}, "c1"]]}
                    """.formatted(pushUrl())).post("/jmap/api").then().statusCode(200).extract().jsonPath();
            for (String name : List.of("loopback", "private", "metadata", "v6")) {
                assertEquals(List.of("url"), set.getList("methodResponses[0][1].notCreated." + name + ".properties"), name);
            }
        }
        assertNull(received.poll(), "the refused URLs were never called");
    }
}
