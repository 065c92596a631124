// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RFC 8620 examples and error rules, replayed as fixtures ({@code src/test/resources/rfc8620},
 * whose README explains the format) against the real server: one process, one user, three
 * messages delivered over SMTP before the first exchange.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc8620ExamplesTest {
    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "a long enough password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    @TempDir
    static Path work;

    MailkeepProcess mailkeep;
    Jmap alice;
    final Map<String, JsonNode> bound = new HashMap<>();

    @BeforeAll
    void startServerWithThreeMessages() throws Exception {
        mailkeep = new MailkeepProcess(work);
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin").exitCode());
        mailkeep.start();
        alice = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        bound.put("base", TextNode.valueOf(mailkeep.baseUrl()));
        bound.put("port", TextNode.valueOf(Integer.toString(mailkeep.port("jmap"))));
        deliver("Joe Bloggs <joe@sender.example>", "Lunch plans", "<m1@sender.example>", null, "Shall we?");
        deliver("Ann <ann@other.example>", "Quarterly report", "<m2@other.example>", null, "Attached soon.");
        deliver("Joe Bloggs <joe@sender.example>", "Re: Lunch plans", "<m3@sender.example>", "<m1@sender.example>", "Noon it is.");
    }

    @AfterAll
    void stopServer() {
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    /** Delivers one message over SMTP; a pause keeps receivedAt strictly increasing for the sort in fixture 08. */
    private void deliver(String from, String subject, String messageId, String inReplyTo, String body) throws Exception {
        StringBuilder message = new StringBuilder()
                .append("From: ").append(from).append("\r\n")
                .append("To: alice@example.test\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Message-ID: ").append(messageId).append("\r\n")
                .append("Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n");
        if (inReplyTo != null) {
            message.append("In-Reply-To: ").append(inReplyTo).append("\r\nReferences: ").append(inReplyTo).append("\r\n");
        }
        message.append("\r\n").append(body).append("\r\n.\r\n");
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220 ");
            smtp.send("EHLO client.sender.example").expect("250 ");
            smtp.send("MAIL FROM:<bounces@sender.example>").expect("250 ");
            smtp.send("RCPT TO:<alice@example.test>").expect("250 ");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(message.toString().getBytes(StandardCharsets.UTF_8)).expect("250 ");
            smtp.send("QUIT").expect("221");
        }
        Thread.sleep(1100);
    }

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        URL folder = getClass().getResource("/rfc8620");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 12, "the fixtures are on the test class path: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file)));
    }

    private void replay(Path file) throws IOException {
        JsonNode fixture = JSON.readTree(file.toFile());
        JsonNode request = fixture.get("request");
        RequestSpecification http = alice.request();
        if (request.has("body")) {
            http = http.contentType("application/json").body(JSON.writeValueAsString(substitute(request.get("body"))));
        } else if (request.has("rawBody")) {
            String type = request.has("contentType") ? request.get("contentType").asText() : "application/json";
            http = http.contentType(type).body(request.get("rawBody").asText().getBytes(StandardCharsets.UTF_8));
        }
        String path = template(request.get("path").asText());
        Response response = switch (request.get("method").asText()) {
            case "GET" -> http.get(path);
            case "POST" -> http.post(path);
            default -> throw new IllegalArgumentException("method " + request.get("method"));
        };
        String body = response.asString();
        assertEquals(fixture.get("status").asInt(), response.statusCode(), fixture.get("rfc").asText() + "\n" + body);
        assertEquals(fixture.get("contentType").asText(), response.contentType().replaceFirst(";.*", "").strip(),
                "Content-Type of " + file.getFileName());
        JsonExpect.assertMatches(expand(fixture.get("response")), JSON.readTree(body), bound);
    }

    /** Replaces {@code "$name"} strings in a request with what earlier responses bound. */
    private JsonNode substitute(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("$") && bound.containsKey(node.asText().substring(1))) {
            return bound.get(node.asText().substring(1));
        }
        if (node.isTextual()) {
            return TextNode.valueOf(template(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(template(e.getKey()), substitute(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(substitute(element)));
            return copy;
        }
        return node;
    }

    /**
     * Expands {@code ${name}} templates in the expected document; the markers are left for
     * {@link JsonExpect}.
     */
    private JsonNode expand(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return text.contains("${") ? TextNode.valueOf(template(text)) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey().contains("${") ? template(e.getKey()) : e.getKey(), expand(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(expand(element)));
            return copy;
        }
        return node;
    }

    private String template(String text) {
        Matcher m = TEMPLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = bound.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("template ${" + m.group(1) + "} used before it was bound");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** RFC 8620 section 6.2: the download of fixture 12's blob, whole and as a byte range. */
    @Test
    void downloadsTheUploadedBlobWholeAndByRange() throws IOException {
        String account = alice.session().getMap("accounts").keySet().iterator().next().toString();
        byte[] text = "Hello JMAP, these are 40 octets of text.".getBytes(StandardCharsets.UTF_8);
        String blobId = alice.request().contentType("text/plain").body(text)
                .post("/jmap/upload/" + account + "/").then().statusCode(201).extract().path("blobId");
        Response whole = alice.request().get("/jmap/download/" + account + "/" + blobId + "/hello.txt?type=text/plain");
        assertEquals(200, whole.statusCode());
        assertEquals("text/plain", whole.contentType().replaceFirst(";.*", ""));
        assertTrue(whole.header("Content-Disposition").contains("hello.txt"), whole.header("Content-Disposition"));
        assertEquals(new String(text, StandardCharsets.UTF_8), whole.asString());

        Response range = alice.request().header("Range", "bytes=6-9")
                .get("/jmap/download/" + account + "/" + blobId + "/hello.txt?type=text/plain");
        assertEquals(206, range.statusCode());
        assertEquals("bytes 6-9/40", range.header("Content-Range"));
        assertEquals("JMAP", range.asString());

        assertEquals(404, alice.request().get("/jmap/download/" + account + "/Gnot-a-blob/x.txt?type=text/plain").statusCode());
    }
}
