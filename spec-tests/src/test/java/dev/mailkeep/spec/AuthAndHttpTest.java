// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.spec.MailkeepProcess.CliResult;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and HTTP of the running server (issue 4, "Authentication and HTTP"): app passwords
 * and bearer tokens made with the CLI while the server runs (admin socket), accepted by JMAP and
 * SMTP submission and refused once revoked; the configured failed-login limit; CORS for the
 * configured origin only; gzip; HTTP/2 by ALPN.
 */
class AuthAndHttpTest {
    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "alice main password";
    private static final String ORIGIN = "https://webmail.example.test";
    private static final List<String> CHALLENGES = List.of("Basic realm=\"Mailkeep\"", "Bearer realm=\"Mailkeep\"");
    private static final String ECHO = "[[\"Core/echo\", {\"hello\": [1, \"two\"]}, \"c1\"]]";

    @TempDir
    static Path work;
    private static MailkeepProcess mailkeep;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        mailkeep = new MailkeepProcess(work, """
                [auth]
                max_failures_per_user = 3
                max_failures_per_ip = 1000
                failure_window_seconds = 600
                [cors]
                allowed_origins = ["https://webmail.example.test"]
                """);
        CliResult added = mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin");
        assertEquals(0, added.exitCode(), added.stderr());
        mailkeep.start();
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2).build();
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    @Test
    void appPasswordFromTheCliWorksForJmapAndSubmissionUntilRevoked() throws Exception {
        CliResult added = mailkeep.cli(null, "user", "app-password", "add", USER, "phone");
        assertEquals(0, added.exitCode(), added.stderr());
        List<String> lines = added.stdout().lines().toList();
        assertEquals(2, lines.size(), added.stdout());
        String secret = lines.get(1);
        assertTrue(secret.matches("[a-z2-9]{6}(-[a-z2-9]{6}){4}"), secret);
        String id = secret.substring(0, 6);
        assertEquals("created app password \"phone\" (id " + id + ") for " + USER + "; it is shown only this once:",
                lines.get(0));

        CliResult listed = mailkeep.cli(null, "user", "app-password", "list", USER);
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertTrue(listed.stdout().strip().matches(id + "\tphone\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), listed.stdout());

        Jmap app = new Jmap(mailkeep.baseUrl(), USER, secret);
        app.request().get("/jmap/session").then().statusCode(200).body("username", equalTo(USER));
        assertEquals("235", submissionAuth(USER, secret));
        assertEquals("235", submissionAuth(USER, PASSWORD));

        CliResult revoked = mailkeep.cli(null, "user", "app-password", "revoke", USER, "phone");
        assertEquals(0, revoked.exitCode(), revoked.stderr());
        assertEquals("revoked app password \"phone\" (id " + id + ") of " + USER + "\n", revoked.stdout());
        assertRefused(app.request().get("/jmap/session"));
        assertEquals("535", submissionAuth(USER, secret));
        new Jmap(mailkeep.baseUrl(), USER, PASSWORD).request().get("/jmap/session").then().statusCode(200);

        CliResult again = mailkeep.cli(null, "user", "app-password", "revoke", USER, id);
        assertEquals(1, again.exitCode());
        assertEquals("mailkeep: " + USER + " has no app password with the id or label \"" + id + "\"\n", again.stderr());
    }

    @Test
    void bearerTokenFromTheCliWorksOnJmapUntilRevoked() throws Exception {
        CliResult added = mailkeep.cli(null, "user", "token", "add", USER, "web client");
        assertEquals(0, added.exitCode(), added.stderr());
        String token = added.stdout().lines().toList().getLast();
        assertTrue(token.matches("mkt_[A-Za-z0-9_-]{43}"), token);
        String id = mailkeep.cli(null, "user", "token", "list", USER).stdout().strip().split("\t")[0];

        Jmap anonymous = new Jmap(mailkeep.baseUrl(), USER, "unused");
        anonymous.request().auth().none().header("Authorization", "Bearer " + token).get("/jmap/session").then()
                .statusCode(200).body("username", equalTo(USER));
        anonymous.request().auth().none().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"using\": [\"urn:ietf:params:jmap:core\"], \"methodCalls\": " + ECHO + "}")
                .post("/jmap/api").then().statusCode(200)
                .body("methodResponses", equalTo(List.of(List.of("Core/echo", java.util.Map.of("hello", List.of(1, "two")), "c1"))));
        // A token is not a password.
        assertRefused(new Jmap(mailkeep.baseUrl(), USER, token).request().get("/jmap/session"));

        CliResult revoked = mailkeep.cli(null, "user", "token", "revoke", USER, id);
        assertEquals(0, revoked.exitCode(), revoked.stderr());
        assertEquals("revoked token \"web client\" (id " + id + ") of " + USER + "\n", revoked.stdout());
        assertRefused(anonymous.request().auth().none().header("Authorization", "Bearer " + token).get("/jmap/session"));
    }

    @Test
    void theConfiguredNumberOfFailuresHoldsTheUserNameWith429() {
        // Counted per user name, known or not, so a name under attack says nothing about whether it exists.
        Jmap wrong = new Jmap(mailkeep.baseUrl(), "target@example.test", "wrong password");
        for (int i = 0; i < 3; i++) {
            assertRefused(wrong.request().get("/jmap/session"));
        }
        Response held = new Jmap(mailkeep.baseUrl(), "target@example.test", "right password?").request().get("/jmap/session");
        assertEquals(429, held.statusCode());
        assertEquals("too many failed logins; try again later\n", held.asString());
        long retryAfter = Long.parseLong(held.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 600, "within the configured 600 s window: " + retryAfter);
        new Jmap(mailkeep.baseUrl(), USER, PASSWORD).request().get("/jmap/session").then().statusCode(200);
    }

    @Test
    void guessesOverSmtpAndOverJmapCountInOneLimit() throws Exception {
        String sam = "sam@example.test";
        String samPassword = "sam's password";
        assertEquals(0, mailkeep.cli(samPassword + "\n", "user", "add", sam, "--password-stdin").exitCode());
        for (int i = 0; i < 3; i++) {
            assertEquals("535", submissionAuth(sam, "guess " + i));
        }
        assertEquals(429, new Jmap(mailkeep.baseUrl(), sam, samPassword).request().get("/jmap/session").statusCode(),
                "held on JMAP after three wrong passwords over SMTP");
        assertEquals("454", submissionAuth(sam, samPassword), "and on SMTP, right password or not");

        String tom = "tom@example.test";
        String tomPassword = "tom's password";
        assertEquals(0, mailkeep.cli(tomPassword + "\n", "user", "add", tom, "--password-stdin").exitCode());
        for (int i = 0; i < 3; i++) {
            assertRefused(new Jmap(mailkeep.baseUrl(), tom, "guess " + i).request().get("/jmap/session"));
        }
        assertEquals("454", submissionAuth(tom, tomPassword), "held on SMTP after three wrong passwords over JMAP");
    }

    @Test
    void corsPreflightIsAnsweredForTheConfiguredOriginOnly() {
        Jmap jmap = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        Response allowed = jmap.request().auth().none().header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").options("/jmap/api");
        assertEquals(204, allowed.statusCode());
        assertEquals(ORIGIN, allowed.header("Access-Control-Allow-Origin"));
        assertEquals("GET, POST, OPTIONS", allowed.header("Access-Control-Allow-Methods"));
        assertEquals("Authorization, Content-Type, Accept, Last-Event-ID", allowed.header("Access-Control-Allow-Headers"));
        assertEquals("600", allowed.header("Access-Control-Max-Age"));
        assertEquals("Origin", allowed.header("Vary"));

        Response other = jmap.request().auth().none().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST").options("/jmap/api");
        assertEquals(204, other.statusCode());
        assertTrue(other.headers().asList().stream().noneMatch(h -> h.getName().startsWith("Access-Control-")),
                other.headers().toString());

        Response actual = jmap.request().header("Origin", ORIGIN).get("/jmap/session");
        assertEquals(200, actual.statusCode());
        assertEquals(ORIGIN, actual.header("Access-Control-Allow-Origin"));
    }

    @Test
    void jsonIsCompressedAndHttp2IsNegotiated() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(mailkeep.baseUrl() + "/jmap/session"))
                .header("Authorization", basic(USER, PASSWORD))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(Optional.of("gzip"), response.headers().firstValue("Content-Encoding"));
        JsonPath session = JsonPath.from(new String(
                new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(USER, session.getString("username"));
        assertEquals(mailkeep.baseUrl() + "/jmap/api", session.getString("apiUrl"));

        HttpResponse<byte[]> br = http.send(HttpRequest.newBuilder(URI.create(mailkeep.baseUrl() + "/jmap/session"))
                .header("Authorization", basic(USER, PASSWORD))
                .header("Accept-Encoding", "gzip, deflate, br").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(Optional.of("br"), br.headers().firstValue("Content-Encoding"), "the jar carries Brotli's natives");
        com.aayushatharva.brotli4j.Brotli4jLoader.ensureAvailability();
        assertEquals(USER, JsonPath.from(new String(com.aayushatharva.brotli4j.decoder.Decoder.decompress(br.body())
                .getDecompressedData(), StandardCharsets.UTF_8)).getString("username"));
    }

    private static void assertRefused(Response response) {
        assertEquals(401, response.statusCode());
        assertEquals(CHALLENGES, response.headers().getValues("WWW-Authenticate"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** AUTH PLAIN (RFC 4954) on the implicit-TLS submission port; returns the reply code. */
    private static String submissionAuth(String user, String password) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        try (Socket plain = new Socket("127.0.0.1", mailkeep.port("submissions"));
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertEquals("220", code(in));
            out.write("EHLO client.example.test\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("250", code(in));
            String plainAuth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            out.write(("AUTH PLAIN " + plainAuth + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return code(in);
        }
    }

    /** Reads a whole (possibly multi-line) SMTP reply and returns its code. */
    private static String code(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line.substring(0, 3);
    }

    /** The server's certificate is self-signed for its hostname: tests accept it as it is. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
