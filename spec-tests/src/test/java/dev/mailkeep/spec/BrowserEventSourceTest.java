// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser check: a small static page, served only by this test, opens an EventSource
 * on the session's {@code eventSourceUrl} (the token method: a browser's EventSource cannot send an
 * Authorization header) in headless Chromium; a message delivered over SMTP must reach the page as
 * a StateChange for Email, which the page POSTs back to the test.
 *
 * <p>The page comes from another origin than the JMAP server (the server serves no pages): the
 * server is configured to allow that origin ({@code [cors] allowed_origins}), and Chromium runs
 * with its web security on, so the check covers the token URL, CORS on the event stream, the TLS
 * connection and the stream as a browser consumes it.
 * Skipped when Chromium is not installed, unless {@code -Dmailkeep.requireInterop=true}.
 */
class BrowserEventSourceTest {
    private static final String USER = "erin@example.test";
    private static final String PASSWORD = "erin's password";
    private static final String PAGE = """
            <!doctype html>
            <meta charset="utf-8">
            <title>Mailkeep EventSource check</title>
            <script>
            const report = (path, body) => fetch(path, {method: "POST", body: body});
            const events = new EventSource(%s);
            events.onopen = () => report("/opened", "");
            events.addEventListener("state", event => report("/state", event.data));
            events.onerror = () => report("/error", String(events.readyState));
            </script>
            """;

    @TempDir
    Path work;
    private MailkeepProcess mailkeep;
    private HttpServer page;
    private Process browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
        }
        if (page != null) {
            page.stop(0);
        }
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    @Test
    void headlessChromiumReceivesTheStateChangeOfAnSmtpDelivery() throws Exception {
        String chromium = chromium();
        BlockingQueue<String[]> reports = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicReference<String> html = new java.util.concurrent.atomic.AtomicReference<>();
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                reports.add(new String[] {exchange.getRequestURI().getPath(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] body = html.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        page.start();
        String origin = "http://127.0.0.1:" + page.getAddress().getPort();

        mailkeep = new MailkeepProcess(work, "[cors]\nallowed_origins = [\"" + origin + "\"]\n");
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin").exitCode());
        mailkeep.start();
        var session = new Jmap(mailkeep.baseUrl(), USER, PASSWORD).session();
        String account = session.getString("primaryAccounts.'" + Jmap.MAIL + "'");
        String url = session.getString("eventSourceUrl")
                .replace("{types}", "Email").replace("{closeafter}", "no").replace("{ping}", "0");
        assertTrue(url.contains("access_token="), url);
        html.set(PAGE.formatted(new ObjectMapper().writeValueAsString(url)));

        browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--ignore-certificate-errors", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + work.resolve("chromium-profile"), "--remote-debugging-port=0",
                origin + "/")
                .redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile()).start();

        String[] opened = next(reports, "the page's EventSource to open");
        assertEquals("/opened", opened[0], "first report: " + String.join(" ", opened) + log());

        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO client.example").expect("250 ");
            smtp.send("MAIL FROM:<someone@sender.example>").expect("250 2.1.0");
            smtp.send("RCPT TO:<" + USER + ">").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.sendRaw("Subject: for the browser\r\n\r\nhello\r\n.\r\n".getBytes(StandardCharsets.US_ASCII))
                    .expect("250 2.0.0");
        }

        String[] state = next(reports, "a StateChange in the page");
        assertEquals("/state", state[0], "report: " + String.join(" ", state) + log());
        JsonNode change = new ObjectMapper().readTree(state[1]);
        assertEquals("StateChange", change.path("@type").asText(), state[1]);
        String emailState = new Jmap(mailkeep.baseUrl(), USER, PASSWORD).call("[[\"Email/get\", {\"accountId\": \""
                + account + "\", \"ids\": [], \"properties\": [\"id\"]}, \"0\"]]").getString("methodResponses[0][1].state");
        assertEquals(emailState, change.path("changed").path(account).path("Email").asText(), state[1]);
    }

    private String[] next(BlockingQueue<String[]> reports, String what) throws Exception {
        String[] report = reports.poll(15, TimeUnit.SECONDS);
        if (report == null) {
            fail("no report of " + what + " within 15 seconds" + log());
        }
        return report;
    }

    private String log() {
        try {
            Path log = work.resolve("chromium.log");
            return "\nchromium said:\n" + (Files.exists(log) ? Files.readString(log) : "");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The Chromium executable on the PATH; skips (or, when interop is required, fails) without one. */
    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        if (Boolean.getBoolean("mailkeep.requireInterop")) {
            fail("Chromium (Debian package chromium) is required but not installed");
        }
        Assumptions.assumeTrue(false, "Chromium not installed");
        return null;
    }
}
