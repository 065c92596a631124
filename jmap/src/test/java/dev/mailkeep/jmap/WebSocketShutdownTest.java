// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Stopping the server closes open WebSockets with 1001 instead of waiting for their idle timeout. */
class WebSocketShutdownTest {

    @Test
    void openSocketsAreToldTheServerIsGoingAway() throws Exception {
        TestJmap jmap = TestJmap.start(JmapLimits.defaults());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(jmap.trustStore());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            String url = jmap.alice().get("/jmap/session").then().extract()
                    .path("capabilities.'urn:ietf:params:jmap:websocket'.url");
            CompletableFuture<Integer> closedWith = new CompletableFuture<>();
            client.newWebSocketBuilder()
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (TestJmap.ALICE + ":" + TestJmap.ALICE_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .subprotocols("jmap")
                    .buildAsync(URI.create(url), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                            closedWith.complete(statusCode);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            jmap.close();
            assertEquals(1001, closedWith.get(30, TimeUnit.SECONDS));
        }
    }
}
