// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.allOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through of issue 2, black-box: two users made with the CLI, a message sent over a
 * real SMTP socket, read back over HTTPS JMAP with every listed property checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstMailTest {
    static final String ALICE = "alice@example.test";
    static final String BOB = "bob@example.test";
    static final String ALICE_PASSWORD = "correct horse battery";
    static final String BOB_PASSWORD = "bob's own password";

    @TempDir
    static Path work;

    MailkeepProcess mailkeep;
    Jmap alice;
    Jmap bob;
    Instant sentAfter;
    Instant sentBefore;

    @BeforeAll
    void startServer() throws Exception {
        mailkeep = new MailkeepProcess(work);
        assertEquals(0, mailkeep.cli(ALICE_PASSWORD + "\n", "user", "add", ALICE, "--password-stdin").exitCode());
        assertEquals(0, mailkeep.cli(BOB_PASSWORD + "\n", "user", "add", BOB, "--password-stdin").exitCode());
        mailkeep.start();
        alice = new Jmap(mailkeep.baseUrl(), ALICE, ALICE_PASSWORD);
        bob = new Jmap(mailkeep.baseUrl(), BOB, BOB_PASSWORD);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    static byte[] message() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = String.join("\r\n",
                "From: Zoë Sender <zoe@sender.example>",
                "To: Alice <alice@example.test>",
                "Subject: Grüße aus Köln ✓",
                "Date: Mon, 23 Nov 2026 10:15:00 +0100",
                "Message-ID: <spec-1@sender.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Hallo Alice,",
                "..a line that starts with a dot",
                "Äpfel und Öl für 5 €.",
                ".",
                "");
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    @Order(1)
    void listenersAreWrittenForScripts() {
        for (String name : List.of("jmap", "smtp", "submission", "submissions")) {
            assertTrue(mailkeep.port(name) > 0, name + " has a bound port");
            assertEquals("127.0.0.1", mailkeep.listeners().get(name).get("address").asText());
        }
        String log = mailkeep.log();
        for (String name : List.of("jmap", "smtp", "submission", "submissions")) {
            assertThat(log, containsString(name + " listening on 127.0.0.1:" + mailkeep.port(name)));
        }
    }

    @Test
    @Order(2)
    void deliversOverSmtp() throws Exception {
        sentAfter = Instant.now().minusSeconds(1);
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220 mx.example.test");
            assertThat(smtp.send("EHLO client.sender.example").expect("250 "),
                    allOf(containsString("SMTPUTF8"), containsString("8BITMIME")));
            smtp.send("MAIL FROM:<zoe@sender.example> BODY=8BITMIME SMTPUTF8").expect("250 2.1.0");
            smtp.send("RCPT TO:<alice@example.test>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(message()).expect("250 2.0.0");
            smtp.send("QUIT").expect("221 2.0.0");
        }
        sentBefore = Instant.now().plusSeconds(1);
    }

    @Test
    @Order(3)
    void sessionDescribesTheAccount() {
        alice.request().get("/.well-known/jmap").then().statusCode(oneOf(301, 302, 307, 308))
                .header("Location", endsWith("/jmap/session"));
        JsonPath session = alice.session();
        assertEquals(ALICE, session.getString("username"));
        Map<String, Object> accounts = session.getMap("accounts");
        assertEquals(1, accounts.size());
        String accountId = accounts.keySet().iterator().next();
        assertEquals(accountId, session.getString("primaryAccounts.'" + Jmap.MAIL + "'"));
        assertTrue(session.getBoolean("accounts." + accountId + ".isPersonal"));
        assertThat(session.getMap("capabilities"), allOf(hasKey(Jmap.CORE), hasKey(Jmap.MAIL)));
        assertThat(session.getString("apiUrl"), startsWith(mailkeep.baseUrl()));
    }

    @Test
    @Order(4)
    void mailboxCountsShowTheNewMessage() {
        JsonPath r = alice.call("[[\"Mailbox/get\", {\"accountId\": \"" + accountId(alice) + "\", \"ids\": null}, \"0\"]]");
        assertEquals("Mailbox/get", r.getString("methodResponses[0][0]"));
        List<Map<String, Object>> boxes = r.getList("methodResponses[0][1].list");
        assertThat(boxes.stream().map(b -> b.get("role")).toList(),
                containsInAnyOrder("inbox", "drafts", "sent", "trash", "junk", "archive"));
        for (Map<String, Object> box : boxes) {
            int expected = "inbox".equals(box.get("role")) ? 1 : 0;
            assertEquals(expected, box.get("totalEmails"), box.get("role") + " totalEmails");
            assertEquals(expected, box.get("unreadEmails"), box.get("role") + " unreadEmails");
            assertEquals(expected, box.get("totalThreads"), box.get("role") + " totalThreads");
            assertEquals(expected, box.get("unreadThreads"), box.get("role") + " unreadThreads");
        }
    }

    @Test
    @Order(5)
    void queryAndGetReturnEveryListedProperty() {
        String account = accountId(alice);
        String inbox = inboxId(alice);
        JsonPath r = alice.call("""
                [["Email/query", {"accountId": "%1$s", "filter": {"inMailbox": "%2$s"},
                   "sort": [{"property": "receivedAt", "isAscending": false}], "limit": 10, "calculateTotal": true}, "q"],
                 ["Email/get", {"accountId": "%1$s", "#ids": {"resultOf": "q", "name": "Email/query", "path": "/ids"},
                   "properties": ["id", "blobId", "threadId", "mailboxIds", "keywords", "size", "receivedAt",
                     "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
                     "subject", "sentAt", "hasAttachment", "preview"]}, "g"]]
                """.formatted(account, inbox));
        assertEquals(1, r.getInt("methodResponses[0][1].total"));
        assertEquals(0, r.getInt("methodResponses[0][1].position"));
        List<String> ids = r.getList("methodResponses[0][1].ids");
        assertEquals(1, ids.size());

        Map<String, Object> email = r.getMap("methodResponses[1][1].list[0]");
        assertEquals(ids.get(0), email.get("id"));
        assertThat((String) email.get("blobId"), not(org.hamcrest.Matchers.blankOrNullString()));
        assertThat((String) email.get("threadId"), not(org.hamcrest.Matchers.blankOrNullString()));
        assertEquals(Map.of(inbox, true), email.get("mailboxIds"));
        assertEquals(Map.of(), email.get("keywords"));
        assertEquals(List.of("spec-1@sender.example"), email.get("messageId"));
        assertNull(email.get("inReplyTo"));
        assertNull(email.get("references"));
        assertNull(email.get("sender"));
        assertEquals(List.of(Map.of("name", "Zoë Sender", "email", "zoe@sender.example")), email.get("from"));
        assertEquals(List.of(Map.of("name", "Alice", "email", "alice@example.test")), email.get("to"));
        assertNull(email.get("cc"));
        assertNull(email.get("bcc"));
        assertNull(email.get("replyTo"));
        assertEquals("Grüße aus Köln ✓", email.get("subject"));
        assertEquals("2026-11-23T10:15:00+01:00", email.get("sentAt"));
        assertEquals(false, email.get("hasAttachment"));
        assertEquals("Hallo Alice, .a line that starts with a dot Äpfel und Öl für 5 €.", email.get("preview"));

        // The stored message is what was sent (dot-unstuffed) plus the trace headers Mailkeep prepends.
        int sentSize = message().length - ".\r\n".length() - 1;
        assertThat(((Number) email.get("size")).intValue(), greaterThan(sentSize));
        Instant receivedAt = Instant.parse((String) email.get("receivedAt"));
        assertThat((String) email.get("receivedAt"), endsWith("Z"));
        assertTrue(!receivedAt.isBefore(sentAfter) && !receivedAt.isAfter(sentBefore),
                receivedAt + " is within the send window " + sentAfter + ".." + sentBefore);
    }

    @Test
    @Order(6)
    void relayToAForeignDomainIsRefused() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO client.sender.example").expect("250 ");
            smtp.send("MAIL FROM:<zoe@sender.example>").expect("250 2.1.0");
            smtp.send("RCPT TO:<victim@elsewhere.example>").expect("550 5.7.1");
            smtp.send("RCPT TO:<nobody@example.test>").expect("550 5.1.1");
            // The session goes on: a local recipient is still accepted afterwards.
            smtp.send("RCPT TO:<bob@example.test>").expect("250 2.1.5");
            smtp.send("RSET").expect("250");
            smtp.send("QUIT").expect("221");
        }
    }

    @Test
    @Order(7)
    void wrongPasswordGets401() {
        new Jmap(mailkeep.baseUrl(), ALICE, "not the password").request().get("/jmap/session")
                .then().statusCode(401);
        new Jmap(mailkeep.baseUrl(), "nobody@example.test", "whatever123").request().get("/jmap/session")
                .then().statusCode(401);
        new Jmap(mailkeep.baseUrl(), ALICE, "not the password").api("[[\"Core/echo\", {}, \"0\"]]")
                .then().statusCode(401);
    }

    @Test
    @Order(8)
    void oneUserCannotSeeTheOthersMail() {
        String aliceAccount = accountId(alice);
        String bobAccount = accountId(bob);
        assertThat(bobAccount, not(aliceAccount));

        JsonPath mailboxes = bob.call("[[\"Mailbox/get\", {\"accountId\": \"" + aliceAccount + "\"}, \"0\"]]");
        assertEquals("error", mailboxes.getString("methodResponses[0][0]"));
        assertEquals("accountNotFound", mailboxes.getString("methodResponses[0][1].type"));

        String aliceEmail = alice.call("[[\"Email/query\", {\"accountId\": \"" + aliceAccount + "\"}, \"0\"]]")
                .getString("methodResponses[0][1].ids[0]");
        JsonPath emails = bob.call("[[\"Email/get\", {\"accountId\": \"" + bobAccount + "\", \"ids\": [\""
                + aliceEmail + "\"], \"properties\": [\"id\", \"subject\"]}, \"0\"]]");
        assertEquals(List.of(), emails.getList("methodResponses[0][1].list"));
        assertEquals(List.of(aliceEmail), emails.getList("methodResponses[0][1].notFound"));

        JsonPath bobsInbox = bob.call("[[\"Email/query\", {\"accountId\": \"" + bobAccount + "\"}, \"0\"]]");
        assertEquals(List.of(), bobsInbox.getList("methodResponses[0][1].ids"));
    }

    @Test
    @Order(9)
    void fullTextSearchFindsTheMessageAndHighlightsTheMatch() {
        String account = accountId(alice);
        JsonPath r = alice.call("""
                [["Email/query", {"accountId": "%1$s", "filter": {"text": "köln"}}, "q"],
                 ["SearchSnippet/get", {"accountId": "%1$s", "filter": {"text": "köln"},
                   "#emailIds": {"resultOf": "q", "name": "Email/query", "path": "/ids"}}, "s"],
                 ["Email/query", {"accountId": "%1$s", "filter": {"body": "Äpfel"}}, "b"],
                 ["Email/query", {"accountId": "%1$s", "filter": {"text": "nowhere-to-be-found"}}, "n"]]
                """.formatted(account));
        List<String> ids = r.getList("methodResponses[0][1].ids");
        assertEquals(1, ids.size());
        assertEquals("SearchSnippet/get", r.getString("methodResponses[1][0]"));
        assertEquals(ids.get(0), r.getString("methodResponses[1][1].list[0].emailId"));
        assertEquals("Grüße aus <mark>Köln</mark> ✓", r.getString("methodResponses[1][1].list[0].subject"));
        assertEquals(ids, r.getList("methodResponses[2][1].ids"));
        assertEquals(List.of(), r.getList("methodResponses[3][1].ids"));
    }

    static String accountId(Jmap jmap) {
        return jmap.session().getString("primaryAccounts.'" + Jmap.MAIL + "'");
    }

    static String inboxId(Jmap jmap) {
        JsonPath r = jmap.call("[[\"Mailbox/get\", {\"accountId\": \"" + accountId(jmap) + "\"}, \"0\"]]");
        List<Map<String, Object>> boxes = r.getList("methodResponses[0][1].list");
        return (String) boxes.stream().filter(b -> "inbox".equals(b.get("role"))).findFirst().orElseThrow().get("id");
    }
}
