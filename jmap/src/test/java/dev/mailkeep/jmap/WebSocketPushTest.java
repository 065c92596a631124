// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.DataType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Push over a JMAP WebSocket (RFC 8887 section 4.3.5): WebSocketPushEnable, pushState, WebSocketPushDisable. */
class WebSocketPushTest {
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

    private static final class Collector implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonPath next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 10 seconds");
            }
            return JsonPath.from(message);
        }
    }

    private static WebSocket open(String user, String password, Collector listener) throws Exception {
        String url = jmap.alice().get("/jmap/session").then().extract()
                .path("capabilities.'urn:ietf:params:jmap:websocket'.url");
        return client.newWebSocketBuilder()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .subprotocols("jmap")
                .buildAsync(URI.create(url), listener).get(30, TimeUnit.SECONDS);
    }

    /** Sends a message, then a Core/echo, whose answer proves the server has handled the first. */
    private static void sendAndSync(WebSocket socket, Collector listener, String message) throws Exception {
        socket.sendText(message, true).get(30, TimeUnit.SECONDS);
        socket.sendText("{\"@type\": \"Request\", \"id\": \"sync\", \"using\": [\"urn:ietf:params:jmap:core\"],"
                + " \"methodCalls\": [[\"Core/echo\", {}, \"c\"]]}", true).get(30, TimeUnit.SECONDS);
        JsonPath answer = listener.next();
        assertEquals("Response", answer.getString("'@type'"), answer.prettify());
        assertEquals("sync", answer.getString("requestId"));
    }

    @Test
    void theSessionSaysTheSocketSupportsPush() {
        jmap.alice().get("/jmap/session").then().statusCode(200)
                .body("capabilities.'urn:ietf:params:jmap:websocket'.supportsPush", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void enabledPushSendsStateChangesOfTheAskedTypesUntilDisabled() throws Exception {
        Collector listener = new Collector();
        WebSocket socket = open(TestJmap.ALICE, TestJmap.ALICE_PASSWORD, listener);
        sendAndSync(socket, listener, "{\"@type\": \"WebSocketPushEnable\", \"dataTypes\": [\"Email\", \"Calendar\"]}");

        jmap.deliver(jmap.bob, "Subject: for bob\r\n\r\nnot alice's\r\n");
        jmap.deliver(jmap.alice, "Subject: for alice\r\n\r\nhello\r\n");
        JsonPath change = listener.next();
        assertEquals("StateChange", change.getString("'@type'"));
        assertEquals(Map.of(jmap.alice.id().value(), Map.of("Email", jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode())),
                change.getMap("changed"));
        String pushState = change.getString("pushState");
        assertTrue(pushState != null && !pushState.isEmpty(), change.prettify());

        sendAndSync(socket, listener, "{\"@type\": \"WebSocketPushDisable\"}");
        jmap.deliver(jmap.alice, "Subject: unheard\r\n\r\nwhile disabled\r\n");
        sendAndSync(socket, listener, "{\"@type\": \"WebSocketPushDisable\"}");
        assertNull(listener.messages.poll(), "nothing but answers after disable: " + listener.messages);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);

        Collector again = new Collector();
        WebSocket reconnected = open(TestJmap.ALICE, TestJmap.ALICE_PASSWORD, again);
        reconnected.sendText("{\"@type\": \"WebSocketPushEnable\", \"dataTypes\": null, \"pushState\": \"" + pushState + "\"}",
                true).get(30, TimeUnit.SECONDS);
        JsonPath missed = again.next();
        Map<String, String> states = missed.getMap("changed." + jmap.alice.id().value());
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode(), states.get("Email"));
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.MAILBOX).encode(), states.get("Mailbox"));
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.THREAD).encode(), states.get("Thread"));
        assertNull(states.get("Identity"), "identities did not change: " + states);
        assertTrue(!pushState.equals(missed.getString("pushState")), missed.prettify());
        reconnected.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
    }

    @Test
    void aMalformedEnableIsARequestError() throws Exception {
        Collector listener = new Collector();
        WebSocket socket = open(TestJmap.BOB, TestJmap.BOB_PASSWORD, listener);
        socket.sendText("{\"@type\": \"WebSocketPushEnable\", \"dataTypes\": \"Email\"}", true).get(30, TimeUnit.SECONDS);
        JsonPath error = listener.next();
        assertEquals("RequestError", error.getString("'@type'"));
        assertEquals("urn:ietf:params:jmap:error:notRequest", error.getString("type"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
    }
}
