// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mailkeep.jmap.push.PushSettings;
import dev.mailkeep.jmap.push.VapidKey;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VAPID (RFC 8292) on push requests and its key in the session (RFC 9749): the
 * {@code Authorization} header a push service checks, verified here with the advertised key.
 */
class VapidPushTest {
    private static final KeyPair KEYS = VapidKey.generateKeyPair();
    private static TestJmap jmap;
    private static HttpServer receiver;
    private static final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults(), UnaryOperator.identity(),
                new PushSettings(true, Duration.ofDays(2), new VapidKey(KEYS, "mailto:postmaster@localhost")));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            exchange.getRequestBody().readAllBytes();
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

    @Test
    void theSessionAdvertisesTheKeyAndEveryPushIsSignedWithIt() throws Exception {
        JsonPath session = jmap.alice().get("/jmap/session").then().statusCode(200).extract().jsonPath();
        String key = session.getString("capabilities.'urn:ietf:params:jmap:webpush-vapid'.applicationServerKey");
        byte[] point = Base64.getUrlDecoder().decode(key);
        assertEquals(65, point.length, "an uncompressed P-256 point");
        assertEquals(0x04, point[0]);
        assertEquals(((ECPublicKey) KEYS.getPublic()).getW().getAffineX(), new java.math.BigInteger(1,
                java.util.Arrays.copyOfRange(point, 1, 33)));

        String origin = "http://127.0.0.1:" + receiver.getAddress().getPort();
        jmap.alice().contentType("application/json").body("""
                {"using": ["urn:ietf:params:jmap:core"], "methodCalls": [["PushSubscription/set",
                 {"create": {"p": {"deviceClientId": "browser", "url": "%s/push", "types": ["Email"]}}}, "c"]]}
                """.formatted(origin)).post("/jmap/api").then().statusCode(200);
        String authorization = authorizations.poll(10, TimeUnit.SECONDS);
        assertNotNull(authorization, "the verification push arrived");

        // RFC 8292 section 3: vapid t=<JWT>, k=<the advertised key>
        assertTrue(authorization.matches("vapid t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+, k=[A-Za-z0-9_-]+"),
                authorization);
        String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(", k="));
        assertEquals(key, authorization.substring(authorization.indexOf(", k=") + 4));
        String[] parts = jwt.split("\\.");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("ES256", header.path("alg").asText());
        assertEquals(origin, claims.path("aud").asText(), "the push service's origin, port included");
        assertEquals("mailto:postmaster@localhost", claims.path("sub").asText());
        long exp = claims.path("exp").asLong();
        long now = Instant.now().getEpochSecond();
        assertTrue(exp > now && exp <= now + 24 * 3600, "at most 24 hours ahead: " + exp);

        PublicKey advertised = KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
                new java.security.spec.ECPoint(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33)),
                        new java.math.BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65))),
                ((ECPublicKey) KEYS.getPublic()).getParams()));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(advertised);
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(es256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by the advertised key");
    }

    @Test
    void aServerWithoutAKeyAdvertisesNone() throws Exception {
        try (TestJmap plain = TestJmap.start(JmapLimits.defaults())) {
            JsonPath session = plain.alice().get("/jmap/session").then().statusCode(200).extract().jsonPath();
            assertNull(session.get("capabilities.'urn:ietf:params:jmap:webpush-vapid'"));
        }
    }

    @Test
    void onlyP256KeysAndContactUrisAreAccepted() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new VapidKey(rsa.generateKeyPair(), "mailto:postmaster@localhost"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new VapidKey(KEYS, "postmaster@localhost"));
    }
}
