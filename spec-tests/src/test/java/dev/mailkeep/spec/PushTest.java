// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * Push on the running server: an EventSource client that authenticates the way a browser must
 * (the token in the session's eventSourceUrl, no Authorization header) receives a StateChange
 * for its own account when a message is delivered over SMTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushTest {
    static final String CAROL = "carol@example.test";
    static final String PASSWORD = "carol's password";

    @TempDir
    static Path work;

    MailkeepProcess mailkeep;

    @BeforeAll
    void start() throws Exception {
        mailkeep = new MailkeepProcess(work);
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", CAROL, "--password-stdin").exitCode());
        mailkeep.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    @Test
    void eventSourceWithTheSessionTokenSeesAnSmtpDelivery() throws Exception {
        Jmap carol = new Jmap(mailkeep.baseUrl(), CAROL, PASSWORD);
        var session = carol.session();
        String account = session.getString("primaryAccounts.'" + Jmap.MAIL + "'");
        String url = session.getString("eventSourceUrl")
                .replace("{types}", "Email,EmailDelivery").replace("{closeafter}", "state").replace("{ping}", "0");
        assertThat(url, containsString("access_token="));

        HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
        HttpResponse<InputStream> stream = client.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertThat(stream.headers().firstValue("Content-Type").orElse(""), containsString("text/event-stream"));

        CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> firstStateEvent(stream.body()));
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO client.example").expect("250 ");
            smtp.send("MAIL FROM:<someone@sender.example>").expect("250 2.1.0");
            smtp.send("RCPT TO:<" + CAROL + ">").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.sendRaw("Subject: ping\r\n\r\nhello\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)).expect("250 2.0.0");
        }
        JsonNode change = new ObjectMapper().readTree(event.get(30, TimeUnit.SECONDS));
        assertEquals("StateChange", change.path("@type").asText());
        JsonNode changed = change.path("changed").path(account);
        assertTrue(changed.has("Email"), change.toString());
        assertTrue(changed.has("EmailDelivery"), change.toString());
        String emailState = carol.call("[[\"Email/get\", {\"accountId\": \"" + account
                + "\", \"ids\": [], \"properties\": [\"id\"]}, \"0\"]]").getString("methodResponses[0][1].state");
        assertEquals(emailState, changed.path("Email").asText(), "the event carries the state after the delivery");

        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(
                URI.create(url.replaceAll("access_token=[^&]*", "access_token=forged"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());
    }

    /** Reads server-sent events until the first {@code state} event and returns its data. */
    private static String firstStateEvent(InputStream body) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty()) {
                    if ("state".equals(event)) {
                        return data.toString();
                    }
                    event = null;
                    data.setLength(0);
                }
            }
            throw new IllegalStateException("the stream ended without a state event");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trustAll() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
