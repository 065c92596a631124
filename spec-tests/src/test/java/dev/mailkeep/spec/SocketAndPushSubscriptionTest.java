// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMAP over WebSocket (RFC 8887) and PushSubscription (RFC 8620 section 7.2) against the jar: a
 * request and its response over the socket, push enabled on it seeing an SMTP delivery, and a
 * PushSubscription whose verification and StateChange reach a loopback receiver (allowed by
 * {@code [push] allow_private_addresses}), signed with the session's VAPID key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketAndPushSubscriptionTest {
    private static final String USER = "erik@example.test";
    private static final String PASSWORD = "erik's password";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    MailkeepProcess mailkeep;
    Jmap erik;
    String account;
    HttpServer receiver;
    final BlockingQueue<String[]> pushes = new LinkedBlockingQueue<>();

    @BeforeAll
    void start() throws Exception {
        mailkeep = new MailkeepProcess(work, "[push]\nallow_private_addresses = true\n");
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin").exitCode());
        mailkeep.start();
        erik = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        account = erik.session().getString("primaryAccounts.'" + Jmap.MAIL + "'");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            pushes.add(new String[] {String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    private void deliver(String subject) throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO client.example").expect("250 ");
            smtp.send("MAIL FROM:<someone@sender.example>").expect("250 2.1.0");
            smtp.send("RCPT TO:<" + USER + ">").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(("Subject: " + subject + "\r\n\r\nhello\r\n.\r\n").getBytes(StandardCharsets.US_ASCII))
                    .expect("250 2.0.0");
        }
    }

    private String emailState() {
        return erik.call("[[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": [], \"properties\": [\"id\"]}, \"0\"]]")
                .getString("methodResponses[0][1].state");
    }

    private static final class Collector implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
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

        JsonNode next() throws Exception {
            String message = messages.poll(15, TimeUnit.SECONDS);
            assertNotNull(message, "a message on the socket within 15 seconds");
            return JSON.readTree(message);
        }
    }

    @Test
    void requestsAndPushOverTheWebSocket() throws Exception {
        String url = erik.session().getString("capabilities.'urn:ietf:params:jmap:websocket'.url");
        assertEquals(mailkeep.baseUrl().replaceFirst("^https", "wss") + "/jmap/ws", url);
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        Collector listener = new Collector();
        try (HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build()) {
            WebSocket socket = client.newWebSocketBuilder()
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .subprotocols("jmap")
                    .buildAsync(URI.create(url), listener).get(30, TimeUnit.SECONDS);
            assertEquals("jmap", socket.getSubprotocol());

            socket.sendText("{\"@type\": \"Request\", \"id\": \"r1\", \"using\": [\"urn:ietf:params:jmap:core\"],"
                    + " \"methodCalls\": [[\"Core/echo\", {\"hello\": [1, \"two\"]}, \"c1\"]]}", true).get(30, TimeUnit.SECONDS);
            JsonNode response = listener.next();
            assertEquals("Response", response.path("@type").asText());
            assertEquals("r1", response.path("requestId").asText());
            assertEquals(JSON.readTree("[[\"Core/echo\", {\"hello\": [1, \"two\"]}, \"c1\"]]"), response.path("methodResponses"));
            assertTrue(response.path("sessionState").isTextual(), response.toString());

            socket.sendText("{\"@type\": \"WebSocketPushEnable\", \"dataTypes\": [\"Email\"]}", true).get(30, TimeUnit.SECONDS);
            socket.sendText("{\"@type\": \"Request\", \"id\": \"sync\", \"using\": [\"urn:ietf:params:jmap:core\"],"
                    + " \"methodCalls\": [[\"Core/echo\", {}, \"c\"]]}", true).get(30, TimeUnit.SECONDS);
            assertEquals("sync", listener.next().path("requestId").asText(), "push is enabled before the delivery");
            deliver("over the socket");
            JsonNode change = listener.next();
            assertEquals("StateChange", change.path("@type").asText(), change.toString());
            assertEquals(emailState(), change.path("changed").path(account).path("Email").asText(), change.toString());
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPushSubscriptionIsVerifiedThenGetsStateChangesSignedWithVapid() throws Exception {
        String pushUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/push";
        JsonNode created = JSON.readTree(erik.api("[[\"PushSubscription/set\", {\"create\": {\"p1\": {"
                + "\"deviceClientId\": \"phone\", \"url\": \"" + pushUrl + "\", \"types\": [\"Email\"]}}}, \"s\"]]").asString());
        String id = created.at("/methodResponses/0/1/created/p1/id").asText();
        assertTrue(!id.isEmpty(), created.toString());

        String[] verification = pushes.poll(15, TimeUnit.SECONDS);
        assertNotNull(verification, "the PushVerification reached the URL");
        JsonNode body = JSON.readTree(verification[1]);
        assertEquals("PushVerification", body.path("@type").asText());
        assertEquals(id, body.path("pushSubscriptionId").asText());
        String key = erik.session().getString("capabilities.'urn:ietf:params:jmap:webpush-vapid'.applicationServerKey");
        assertTrue(verification[0].startsWith("vapid t=") && verification[0].endsWith(", k=" + key), verification[0]);

        deliver("before verification");
        erik.call("[[\"PushSubscription/set\", {\"update\": {\"" + id + "\": {\"verificationCode\": \""
                + body.path("verificationCode").asText() + "\"}}}, \"u\"]]");
        deliver("after verification");
        String[] change = pushes.poll(15, TimeUnit.SECONDS);
        assertNotNull(change, "a StateChange after verification");
        JsonNode stateChange = JSON.readTree(change[1]);
        assertEquals("StateChange", stateChange.path("@type").asText(), change[1]);
        assertEquals(emailState(), stateChange.path("changed").path(account).path("Email").asText(), change[1]);
        assertEquals(null, pushes.poll(1, TimeUnit.SECONDS), "no push for the delivery before verification");
    }
}
