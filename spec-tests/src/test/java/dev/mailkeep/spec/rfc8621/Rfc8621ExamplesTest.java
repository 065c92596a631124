// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec.rfc8621;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mailkeep.spec.Jmap;
import dev.mailkeep.spec.JsonExpect;
import dev.mailkeep.spec.MailkeepProcess;
import dev.mailkeep.spec.SmtpDialogue;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request/response examples of RFC 8621, replayed as fixtures ({@code src/test/resources/rfc8621},
 * whose README explains the format) against the real server, in file-name order. A fixture's
 * {@code setup} first puts in place the data its example needs: messages delivered over SMTP, or
 * uploaded and imported through JMAP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc8621ExamplesTest {
    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "alice's example password";
    private static final String SUBMISSION = "urn:ietf:params:jmap:submission";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    MailkeepProcess mailkeep;
    Jmap alice;
    final Map<String, JsonNode> bound = new HashMap<>();

    @BeforeAll
    void startServer() throws Exception {
        mailkeep = new MailkeepProcess(work);
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin").exitCode());
        assertEquals(0, mailkeep.cli("bob's password\n", "user", "add", "bob@example.test", "--password-stdin").exitCode());
        mailkeep.start();
        alice = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        bound.put("accountId", TextNode.valueOf(alice.session().getString("primaryAccounts.'urn:ietf:params:jmap:mail'")));
    }

    @AfterAll
    void stopServer() {
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("/rfc8621").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "the fixtures are on the test class path: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file)));
    }

    private void replay(Path file) throws Exception {
        JsonNode fixture = JSON.readTree(file.toFile());
        for (JsonNode step : fixture.path("setup")) {
            if (step.has("deliver")) {
                deliver(step.get("deliver"));
            } else if (step.has("import")) {
                importMessage(step.get("import"));
            } else {
                throw new IllegalArgumentException("unknown setup step " + step);
            }
        }
        Response response = alice.request().contentType("application/json")
                .body(JSON.writeValueAsString(substitute(fixture.get("request")))).post("/jmap/api");
        String body = response.asString();
        assertEquals(200, response.statusCode(), fixture.get("rfc").asText() + "\n" + body);
        JsonExpect.assertMatches(fixture.get("response"), JSON.readTree(body), bound);
    }

    /** Delivers {@code message} (lines, joined with CRLF) to {@code to} over SMTP. */
    private void deliver(JsonNode step) throws Exception {
        StringBuilder message = new StringBuilder();
        step.get("message").forEach(line -> message.append(line.asText()).append("\r\n"));
        message.append(".\r\n");
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220 ");
            smtp.send("EHLO client.sender.example").expect("250 ");
            smtp.send("MAIL FROM:<bounces@sender.example>").expect("250 ");
            smtp.send("RCPT TO:<" + step.path("to").asText(USER) + ">").expect("250 ");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(message.toString().getBytes(StandardCharsets.UTF_8)).expect("250 ");
            smtp.send("QUIT").expect("221");
        }
        if (step.path("pause").asBoolean(false)) {
            // receivedAt has second precision in the examples' sorts: keep them strictly increasing.
            Thread.sleep(1100);
        }
    }

    /** Uploads {@code message} and imports it with Email/import into {@code mailboxIds}, binding its id to {@code bind}. */
    private void importMessage(JsonNode step) throws Exception {
        StringBuilder message = new StringBuilder();
        step.get("message").forEach(line -> message.append(line.asText()).append("\r\n"));
        String account = bound.get("accountId").asText();
        String blobId = alice.request().contentType("message/rfc822").body(message.toString().getBytes(StandardCharsets.UTF_8))
                .post("/jmap/upload/" + account + "/").then().statusCode(201).extract().path("blobId");
        ObjectNode email = JSON.createObjectNode().put("blobId", blobId);
        email.set("mailboxIds", substitute(step.get("mailboxIds")));
        email.set("keywords", step.path("keywords").isMissingNode() ? JSON.createObjectNode() : step.get("keywords"));
        ObjectNode arguments = JSON.createObjectNode().put("accountId", account);
        arguments.putObject("emails").set("i", email);
        ObjectNode request = JSON.createObjectNode();
        request.set("using", JSON.valueToTree(List.of(Jmap.CORE, Jmap.MAIL, SUBMISSION)));
        request.putArray("methodCalls").addArray().add("Email/import").add(arguments).add("0");
        JsonNode response = JSON.readTree(alice.request().contentType("application/json")
                .body(request.toString()).post("/jmap/api").then().statusCode(200).extract().asString());
        JsonNode created = response.at("/methodResponses/0/1/created/i/id");
        assertTrue(created.isTextual(), "imported: " + response);
        bound.put(step.get("bind").asText(), created);
    }

    /** Replaces {@code "$name"} strings and keys in a request with what earlier responses bound. */
    private JsonNode substitute(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("$") && bound.containsKey(node.asText().substring(1))) {
            return bound.get(node.asText().substring(1));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(substituteKey(e.getKey()), substitute(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(substitute(element)));
            return copy;
        }
        return node;
    }

    /** Keys such as {@code "mailboxIds/$drafts"} or {@code "#$draft"} name bound ids after a prefix. */
    private String substituteKey(String key) {
        int dollar = key.indexOf('$');
        if (dollar >= 0 && bound.containsKey(key.substring(dollar + 1))) {
            return key.substring(0, dollar) + bound.get(key.substring(dollar + 1)).asText();
        }
        return key;
    }
}
