// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.account.LoginLimits;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS for configured origins only, gzip and deflate JSON, and HTTP/2 by ALPN, over real HTTPS. */
class HttpFeaturesTest {
    private static final String ALLOWED = "https://app.example.org";
    private static TestJmap jmap;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(LoginLimits.DEFAULTS, List.of(ALLOWED, "http://localhost:5173"));
        client = jmap.httpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        jmap.close();
    }

    private static Response preflight(String origin, String path) {
        return jmap.anonymous().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").options(path);
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredOnEveryEndpoint() {
        for (String path : List.of("/jmap/session", "/jmap/api", "/jmap/upload/A1/", "/jmap/download/A1/B2/x.txt",
                "/jmap/eventsource", "/.well-known/jmap")) {
            Response response = preflight(ALLOWED, path);
            assertEquals(204, response.statusCode(), path);
            assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), path);
            assertEquals("GET, POST, OPTIONS", response.header("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, Accept, Last-Event-ID", response.header("Access-Control-Allow-Headers"));
            assertEquals("600", response.header("Access-Control-Max-Age"));
            assertEquals("Origin", response.header("Vary"));
        }
        assertEquals("http://localhost:5173", preflight("http://localhost:5173", "/jmap/api")
                .header("Access-Control-Allow-Origin"));
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        for (String origin : List.of("https://evil.example", "https://app.example.org.evil.example", "null")) {
            Response response = preflight(origin, "/jmap/api");
            assertEquals(204, response.statusCode());
            assertTrue(response.headers().asList().stream().noneMatch(h -> h.getName().startsWith("Access-Control-")),
                    origin + ": " + response.headers());
            Response actual = jmap.alice().header("Origin", origin).get("/jmap/session");
            assertEquals(200, actual.statusCode());
            assertEquals(null, actual.header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void actualRequestsFromAnAllowedOriginMayReadTheResponseAndItsRefusal() {
        Response ok = jmap.alice().header("Origin", ALLOWED).get("/jmap/session");
        assertEquals(200, ok.statusCode());
        assertEquals(ALLOWED, ok.header("Access-Control-Allow-Origin"));
        assertEquals("WWW-Authenticate, Retry-After, Content-Disposition", ok.header("Access-Control-Expose-Headers"));
        Response refused = jmap.anonymous().header("Origin", ALLOWED).get("/jmap/session");
        assertEquals(401, refused.statusCode());
        assertEquals(ALLOWED, refused.header("Access-Control-Allow-Origin"));
    }

    @Test
    void jsonIsBrotliGzipOrDeflateAsTheClientAsks() throws Exception {
        HttpResponse<byte[]> gzip = session("gzip, deflate;q=0.5");
        assertEquals(Optional.of("gzip"), gzip.headers().firstValue("Content-Encoding"));
        assertEquals(List.of("Origin", "Accept-Encoding"), gzip.headers().allValues("Vary"));
        JsonPath decoded = JsonPath.from(new String(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes(),
                StandardCharsets.UTF_8));
        assertEquals(TestJmap.ALICE, decoded.getString("username"));

        HttpResponse<byte[]> deflate = session("deflate");
        assertEquals(Optional.of("deflate"), deflate.headers().firstValue("Content-Encoding"));
        assertEquals(TestJmap.ALICE, JsonPath.from(new String(new InflaterInputStream(
                new ByteArrayInputStream(deflate.body())).readAllBytes(), StandardCharsets.UTF_8)).getString("username"));

        HttpResponse<byte[]> br = session("gzip, deflate, br");
        assertEquals(Optional.of("br"), br.headers().firstValue("Content-Encoding"), "browsers offer br; it wins");
        assertEquals(TestJmap.ALICE, JsonPath.from(new String(com.aayushatharva.brotli4j.decoder.Decoder
                .decompress(br.body()).getDecompressedData(), StandardCharsets.UTF_8)).getString("username"));

        HttpResponse<byte[]> plain = session(null);
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(TestJmap.ALICE, JsonPath.from(new String(plain.body(), StandardCharsets.UTF_8)).getString("username"));
    }

    @Test
    void http2IsNegotiatedByAlpn() throws Exception {
        HttpResponse<byte[]> response = session(null);
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        try (HttpClient old = HttpClient.newBuilder().sslContext(client.sslContext())
                .version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> http1 = old.send(HttpRequest.newBuilder(URI.create(jmap.baseUrl() + "/jmap/session"))
                    .header("Authorization", basicAlice()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, http1.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, http1.version());
        }
    }

    private static HttpResponse<byte[]> session(String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jmap.baseUrl() + "/jmap/session"))
                .header("Authorization", basicAlice());
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String basicAlice() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (TestJmap.ALICE + ":" + TestJmap.ALICE_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
