// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JMAP over WebSocket (RFC 8887): Request and Response objects over a wss:// socket with Basic auth. */
class WebSocketTest {
    private static TestJmap jmap;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 100_000, 4, 16, 500, 500));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(jmap.trustStore());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(tls).build();
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
    }

    private static CompletableFuture<WebSocket> open(String user, String password, Collector listener) {
        String url = jmap.alice().get("/jmap/session").then().extract()
                .path("capabilities.'urn:ietf:params:jmap:websocket'.url");
        return client.newWebSocketBuilder()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .subprotocols("jmap")
                .buildAsync(URI.create(url), listener);
    }

    @Test
    void requestsAndResponsesTravelOverTheSocket() throws Exception {
        Collector listener = new Collector();
        WebSocket socket = open(TestJmap.ALICE, TestJmap.ALICE_PASSWORD, listener).get(30, TimeUnit.SECONDS);
        assertEquals("jmap", socket.getSubprotocol());

        socket.sendText("{\"@type\": \"Request\", \"id\": \"r1\", \"using\": [\"urn:ietf:params:jmap:core\"],"
                + " \"methodCalls\": [[\"Core/echo\", {\"hello\": true}, \"c1\"]]}", true).get(30, TimeUnit.SECONDS);
        JsonPath response = JsonPath.from(listener.messages.poll(30, TimeUnit.SECONDS));
        assertEquals("Response", response.getString("'@type'"));
        assertEquals("r1", response.getString("requestId"));
        assertEquals(List.of("Core/echo", java.util.Map.of("hello", true), "c1"), response.getList("methodResponses[0]"));

        socket.sendText("{\"@type\": \"Request\", \"id\": \"r2\", \"using\": [\"urn:example:nope\"], \"methodCalls\": []}", true)
                .get(30, TimeUnit.SECONDS);
        JsonPath problem = JsonPath.from(listener.messages.poll(30, TimeUnit.SECONDS));
        assertEquals("RequestError", problem.getString("'@type'"));
        assertEquals("r2", problem.getString("requestId"));
        assertEquals("urn:ietf:params:jmap:error:unknownCapability", problem.getString("type"));

        String big = "{\"@type\": \"Request\", \"id\": \"r3\", \"using\": [\"urn:ietf:params:jmap:core\"], \"methodCalls\": "
                + "[[\"Core/echo\", {\"x\": \"" + "y".repeat(150_000) + "\"}, \"c1\"]]}";
        socket.sendText(big, true).get(30, TimeUnit.SECONDS);
        JsonPath limit = JsonPath.from(listener.messages.poll(30, TimeUnit.SECONDS));
        assertEquals("maxSizeRequest", limit.getString("limit"));

        socket.sendText("{\"using\": [], \"methodCalls\": []}", true).get(30, TimeUnit.SECONDS);
        assertEquals("urn:ietf:params:jmap:error:notRequest",
                JsonPath.from(listener.messages.poll(30, TimeUnit.SECONDS)).getString("type"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
    }

    @Test
    void theUpgradeNeedsCredentials() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> open(TestJmap.ALICE, "wrong", new Collector()).get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
        assertEquals(401, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
}
