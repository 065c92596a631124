// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.spec.Jmap;
import dev.mailkeep.spec.MailkeepProcess;
import dev.mailkeep.spec.SmtpDialogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
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
 * The MIME corpus of {@code src/test/resources/mime}: each {@code .eml} is delivered over SMTP to
 * the running server and read back with Email/get (RFC 8621 section 4.2), which must equal the
 * hand-written expectation in the {@code .json} beside it (see the README there). Server-chosen
 * values (id, blobId, threadId, receivedAt) are left out; partIds are compared after renumbering
 * the leaves of bodyStructure depth-first from 1, since RFC 8621 leaves their form to the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MimeCorpusTest {
    private static final String ALICE = "alice@example.test";
    private static final String PASSWORD = "corpus password";
    private static final List<String> PART_PROPERTIES = List.of("partId", "type", "charset", "disposition", "cid", "name");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    MailkeepProcess mailkeep;
    Jmap alice;
    String account;

    @BeforeAll
    void startServer() throws Exception {
        mailkeep = new MailkeepProcess(work);
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", ALICE, "--password-stdin").exitCode());
        mailkeep.start();
        alice = new Jmap(mailkeep.baseUrl(), ALICE, PASSWORD);
        account = alice.session().getString("primaryAccounts.'urn:ietf:params:jmap:mail'");
    }

    @AfterAll
    void stopServer() {
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyMessageOfTheCorpusReadsAsItsExpectation() throws IOException, URISyntaxException {
        Path folder = Path.of(MimeCorpusTest.class.getResource("/mime").toURI());
        List<Path> messages;
        try (Stream<Path> files = Files.list(folder)) {
            messages = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertTrue(messages.size() >= 20, "the corpus holds at least 20 shapes: " + messages.size());
        return messages.stream().map(eml -> DynamicTest.dynamicTest(eml.getFileName().toString(), () -> {
            String name = eml.getFileName().toString().replaceFirst("\\.eml$", "");
            JsonNode expected = JSON.readTree(folder.resolve(name + ".json").toFile());
            String id = deliver(Files.readAllBytes(eml));
            JsonNode actual = get(id, expected);
            assertTrue(expected.get("email").equals(actual), name + ": " + expected.path("description").asText()
                    + "\nexpected: " + expected.get("email").toPrettyString() + "\nactual:   " + actual.toPrettyString());
        }));
    }

    /** Sends one message over SMTP and returns the id of the email it became (from Email/changes). */
    private String deliver(byte[] message) throws IOException {
        String state = alice.call("[[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": []}, \"s\"]]")
                .getString("methodResponses[0][1].state");
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO corpus.example").expect("250");
            smtp.send("MAIL FROM:<corpus@sender.example> BODY=8BITMIME SMTPUTF8").expect("250");
            smtp.send("RCPT TO:<" + ALICE + ">").expect("250");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(dotStuffed(message)).expect("250");
            smtp.send("QUIT").expect("221");
        }
        List<String> created = alice.call("[[\"Email/changes\", {\"accountId\": \"" + account + "\", \"sinceState\": \""
                + state + "\"}, \"c\"]]").getList("methodResponses[0][1].created");
        assertEquals(1, created.size(), "one email per delivery: " + created);
        return created.get(0);
    }

    /** RFC 5321 section 4.5.2: a leading dot doubled on every line, then the end-of-data line. */
    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 8);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        out.writeBytes(lineStart ? ".\r\n".getBytes() : "\r\n.\r\n".getBytes());
        return out.toByteArray();
    }

    /** Email/get of the expectation's properties, normalised for comparison. */
    private JsonNode get(String id, JsonNode expected) throws IOException {
        ObjectNode arguments = JSON.createObjectNode().put("accountId", account);
        arguments.putArray("ids").add(id);
        ArrayNode properties = arguments.putArray("properties");
        expected.get("email").fieldNames().forEachRemaining(properties::add);
        JsonNode request = expected.path("request");
        if (request.has("bodyProperties")) {
            arguments.set("bodyProperties", request.get("bodyProperties"));
        } else {
            PART_PROPERTIES.forEach(arguments.putArray("bodyProperties")::add);
        }
        arguments.put("fetchAllBodyValues", true);
        if (request.has("maxBodyValueBytes")) {
            arguments.set("maxBodyValueBytes", request.get("maxBodyValueBytes"));
        }
        ArrayNode calls = JSON.createArrayNode();
        calls.addArray().add("Email/get").add(arguments).add("g");
        JsonNode response = JSON.readTree(alice.api(calls.toString()).then().statusCode(200).extract().asString());
        assertEquals("Email/get", response.at("/methodResponses/0/0").asText(), response.toPrettyString());
        ObjectNode email = (ObjectNode) response.at("/methodResponses/0/1/list/0");
        email.remove(List.of("id", "blobId", "threadId", "receivedAt"));
        Map<String, String> renumbered = new HashMap<>();
        number(email.get("bodyStructure"), renumbered);
        for (String list : List.of("bodyStructure", "textBody", "htmlBody", "attachments")) {
            renumber(email.get(list), renumbered);
        }
        if (email.get("bodyValues") instanceof ObjectNode values) {
            ObjectNode copy = JSON.createObjectNode();
            values.properties().forEach(e -> copy.set(renumbered.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
            email.set("bodyValues", copy);
        }
        return email;
    }

    private static void number(JsonNode part, Map<String, String> renumbered) {
        if (part == null) {
            return;
        }
        if (part.path("partId").isTextual()) {
            renumbered.putIfAbsent(part.get("partId").asText(), Integer.toString(renumbered.size() + 1));
        }
        part.path("subParts").forEach(p -> number(p, renumbered));
    }

    private static void renumber(JsonNode node, Map<String, String> renumbered) {
        if (node instanceof ArrayNode array) {
            array.forEach(p -> renumber(p, renumbered));
        } else if (node instanceof ObjectNode part) {
            part.remove("blobId");
            if (part.path("partId").isTextual()) {
                part.put("partId", renumbered.get(part.get("partId").asText()));
            }
            renumber(part.get("subParts"), renumbered);
        }
    }
}
