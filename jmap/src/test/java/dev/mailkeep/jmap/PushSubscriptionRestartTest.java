// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mailkeep.jmap.push.PushSettings;
import dev.mailkeep.jmap.push.WebPushDecryption;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.PushSubscription;
import dev.mailkeep.store.xodus.XodusMailStore;
import io.restassured.config.SSLConfig;
import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PushSubscriptions kept in the store (RFC 8620 section 7.2): a verified subscription with RFC 8291
 * keys survives a restart of server and store and goes on receiving encrypted StateChanges without
 * a new verification, while one that expired while the server was down is gone.
 */
class PushSubscriptionRestartTest {
    private static final String USER = "dana@localhost";
    private static final String PASSWORD = "dana's secret";

    /** One POST the push receiver got. */
    record Received(String path, String contentEncoding, String ttl, byte[] body) {}

    @TempDir
    Path dir;
    private HttpServer receiver;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private SelfSignedTls tls;
    private MailStore store;
    private JmapServer server;
    private KeyPair userAgent;
    private byte[] auth;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Encoding"),
                    exchange.getRequestHeaders().getFirst("TTL"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        receiver.start();
        tls = SelfSignedTls.create();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        userAgent = generator.generateKeyPair();
        auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
    }

    @AfterEach
    void stop() {
        stopServer();
        receiver.stop(0);
    }

    private void startServer() {
        store = XodusMailStore.open(dir);
        server = JmapServer.start(new JmapSettings(new InetSocketAddress("127.0.0.1", 0), tls.serverContext(),
                JmapLimits.defaults()), store, new PushSettings(true, Duration.ofDays(2)));
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            store.close();
            server = null;
        }
    }

    private JsonPath call(String method, String arguments) {
        return given().baseUri("https://127.0.0.1:" + server.boundAddress().getPort())
                .config(io.restassured.config.RestAssuredConfig.config()
                        .sslConfig(SSLConfig.sslConfig().trustStore(tls.trustStore())))
                .auth().preemptive().basic(USER, PASSWORD).contentType("application/json").body("""
                        {"using": ["urn:ietf:params:jmap:core"], "methodCalls": [["%s", %s, "c1"]]}
                        """.formatted(method, arguments)).post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    private Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no push request within 10 seconds");
        }
        return next;
    }

    private JsonPath decrypt(Received message) throws Exception {
        assertEquals("aes128gcm", message.contentEncoding());
        assertEquals("86400", message.ttl());
        return JsonPath.from(new String(WebPushDecryption.decrypt(message.body(), userAgent.getPrivate(),
                uncompressed((ECPublicKey) userAgent.getPublic()), auth), StandardCharsets.UTF_8));
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aVerifiedSubscriptionOutlivesARestartAndAnExpiredOneDoesNot() throws Exception {
        startServer();
        Account dana = store.createAccount(USER, PASSWORD.toCharArray());
        String p256dh = Base64.getUrlEncoder().withoutPadding().encodeToString(uncompressed((ECPublicKey) userAgent.getPublic()));
        JsonPath created = call("PushSubscription/set", """
                {"create": {
                  "enc": {"deviceClientId": "phone", "url": "%s", "types": ["Email"],
                          "keys": {"p256dh": "%s", "auth": "%s"}},
                  "plain": {"deviceClientId": "laptop", "url": "%s"}}}"""
                .formatted(receiverUrl("/enc"), p256dh, Base64.getUrlEncoder().encodeToString(auth), receiverUrl("/plain")));
        String encrypted = created.getString("methodResponses[0][1].created.enc.id");
        String plain = created.getString("methodResponses[0][1].created.plain.id");
        String expires = created.getString("methodResponses[0][1].created.enc.expires");
        for (int i = 0; i < 2; i++) {
            Received verification = next();
            JsonPath json = verification.path().equals("/enc") ? decrypt(verification)
                    : JsonPath.from(new String(verification.body(), StandardCharsets.UTF_8));
            assertEquals("PushVerification", json.getString("'@type'"));
            String id = json.getString("pushSubscriptionId");
            assertEquals(verification.path().equals("/enc") ? encrypted : plain, id);
            call("PushSubscription/set", "{\"update\": {\"" + id + "\": {\"verificationCode\": \""
                    + json.getString("verificationCode") + "\"}}}");
        }
        stopServer();

        // While the server is down the laptop's subscription runs out.
        try (MailStore offline = XodusMailStore.open(dir)) {
            PushSubscription laptop = offline.pushSubscriptions(dana.id()).stream()
                    .filter(s -> s.id().equals(plain)).findFirst().orElseThrow();
            offline.putPushSubscription(dana.id(), new PushSubscription(laptop.id(), laptop.deviceClientId(), laptop.url(),
                    null, null, laptop.expectedCode(), laptop.verificationCode(), Instant.now().minusSeconds(60),
                    laptop.types(), laptop.created()));
        }
        startServer();

        JsonPath listed = call("PushSubscription/get", "{\"ids\": null}");
        List<Map<String, Object>> list = listed.getList("methodResponses[0][1].list");
        assertEquals(1, list.size(), list.toString());
        assertEquals(encrypted, list.getFirst().get("id"));
        assertEquals("phone", list.getFirst().get("deviceClientId"));
        assertEquals(expires, list.getFirst().get("expires"));
        assertEquals(List.of("Email"), list.getFirst().get("types"));
        assertTrue(list.getFirst().get("verificationCode") != null, "still verified");
        assertEquals(List.of(encrypted), store.pushSubscriptions(dana.id()).stream().map(PushSubscription::id).toList(),
                "the expired subscription was deleted from the store");

        store.deliver(List.of(new Delivery(dana.id(), MailboxRole.INBOX,
                "Subject: after the restart\r\n\r\nhello\r\n".getBytes(StandardCharsets.UTF_8), Set.of())));
        Received change = next();
        assertEquals("/enc", change.path(), "no new verification, and nothing for the expired subscription");
        JsonPath json = decrypt(change);
        assertEquals("StateChange", json.getString("'@type'"));
        assertEquals(Map.of("Email", store.state(dana.id(), DataType.EMAIL).encode()),
                json.getMap("changed." + dana.id().value()));
        assertNull(received.poll(200, TimeUnit.MILLISECONDS), "one message only");
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copy(key.getW().getAffineX(), out, 1);
        copy(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copy(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }
}
