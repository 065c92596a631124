// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.spec.MailkeepProcess;
import dev.mailkeep.spec.SmtpDialogue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import rs.ltt.jmap.client.JmapClient;
import rs.ltt.jmap.client.MethodResponses;
import rs.ltt.jmap.client.session.Session;
import rs.ltt.jmap.common.entity.AddedItem;
import rs.ltt.jmap.common.entity.Email;
import rs.ltt.jmap.common.entity.EmailAddress;
import rs.ltt.jmap.common.entity.EmailBodyPart;
import rs.ltt.jmap.common.entity.EmailBodyValue;
import rs.ltt.jmap.common.entity.EmailSubmission;
import rs.ltt.jmap.common.entity.Identity;
import rs.ltt.jmap.common.entity.Keyword;
import rs.ltt.jmap.common.entity.Mailbox;
import rs.ltt.jmap.common.entity.Role;
import rs.ltt.jmap.common.entity.capability.MailAccountCapability;
import rs.ltt.jmap.common.entity.filter.EmailFilterCondition;
import rs.ltt.jmap.common.entity.query.EmailQuery;
import rs.ltt.jmap.common.method.MethodCall;
import rs.ltt.jmap.common.method.MethodResponse;
import rs.ltt.jmap.common.method.call.email.ChangesEmailMethodCall;
import rs.ltt.jmap.common.method.call.email.GetEmailMethodCall;
import rs.ltt.jmap.common.method.call.email.QueryChangesEmailMethodCall;
import rs.ltt.jmap.common.method.call.email.QueryEmailMethodCall;
import rs.ltt.jmap.common.method.call.email.SetEmailMethodCall;
import rs.ltt.jmap.common.method.call.identity.GetIdentityMethodCall;
import rs.ltt.jmap.common.method.call.mailbox.ChangesMailboxMethodCall;
import rs.ltt.jmap.common.method.call.mailbox.GetMailboxMethodCall;
import rs.ltt.jmap.common.method.call.submission.SetEmailSubmissionMethodCall;
import rs.ltt.jmap.common.method.response.email.ChangesEmailMethodResponse;
import rs.ltt.jmap.common.method.response.email.GetEmailMethodResponse;
import rs.ltt.jmap.common.method.response.email.QueryChangesEmailMethodResponse;
import rs.ltt.jmap.common.method.response.email.QueryEmailMethodResponse;
import rs.ltt.jmap.common.method.response.email.SetEmailMethodResponse;
import rs.ltt.jmap.common.method.response.identity.GetIdentityMethodResponse;
import rs.ltt.jmap.common.method.response.mailbox.ChangesMailboxMethodResponse;
import rs.ltt.jmap.common.method.response.mailbox.GetMailboxMethodResponse;
import rs.ltt.jmap.common.method.response.submission.SetEmailSubmissionMethodResponse;

/**
 * A scripted session with a real JMAP client library (rs.ltt.jmap jmap-client 0.8.18, as a mobile
 * or desktop client uses it) against the running server over HTTPS: log in through
 * {@code /.well-known/jmap}, list mailboxes, read a message delivered over SMTP, flag it, move it,
 * search, send with EmailSubmission, and resync through /changes and /queryChanges after a second
 * client changed the account. The steps run in order and build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JmapClientSessionTest {
    static final String ALICE = "alice@example.test";
    static final String BOB = "bob@example.test";
    static final String ALICE_PASSWORD = "alice's client password";
    static final String BOB_PASSWORD = "bob's client password";
    private static final long TIMEOUT_SECONDS = 20;

    @TempDir
    static Path work;

    MailkeepProcess mailkeep;
    JmapClient alice;
    JmapClient aliceOnPhone;
    JmapClient bob;
    String account;
    String inbox;
    String archive;
    String sent;
    String delivered;

    @BeforeAll
    void start() throws Exception {
        mailkeep = new MailkeepProcess(work);
        assertEquals(0, mailkeep.cli(ALICE_PASSWORD + "\n", "user", "add", ALICE, "--password-stdin").exitCode());
        assertEquals(0, mailkeep.cli(BOB_PASSWORD + "\n", "user", "add", BOB, "--password-stdin").exitCode());
        mailkeep.start();
        ServerCertificate.trust(mailkeep.dataDir, work);
        HttpUrl wellKnown = HttpUrl.get(mailkeep.baseUrl() + "/.well-known/jmap");
        alice = new JmapClient(ALICE, ALICE_PASSWORD, wellKnown);
        aliceOnPhone = new JmapClient(ALICE, ALICE_PASSWORD, wellKnown);
        bob = new JmapClient(BOB, BOB_PASSWORD, wellKnown);
    }

    @AfterAll
    void stop() {
        for (JmapClient client : new JmapClient[] {alice, aliceOnPhone, bob}) {
            if (client != null) {
                client.close();
            }
        }
        if (mailkeep != null) {
            mailkeep.close();
        }
        ServerCertificate.forget();
    }

    @Test
    @Order(1)
    void logsInThroughTheWellKnownUrlAndListsMailboxes() throws Exception {
        Session session = alice.getSession().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        account = session.getPrimaryAccount(MailAccountCapability.class);
        assertNotNull(account, "the session names a primary mail account");
        Mailbox[] mailboxes = call(alice, GetMailboxMethodCall.builder().accountId(account).build(),
                GetMailboxMethodResponse.class).getList();
        inbox = roleOf(mailboxes, Role.INBOX);
        archive = roleOf(mailboxes, Role.ARCHIVE);
        sent = roleOf(mailboxes, Role.SENT);
        assertEquals("Inbox", Arrays.stream(mailboxes).filter(m -> m.getId().equals(inbox)).findFirst()
                .orElseThrow().getName());
    }

    @Test
    @Order(2)
    void readsAnEmailDeliveredOverSmtp() throws Exception {
        smtp("zoe@sender.example", ALICE, "Quarterly figures", "The attached figures are final, Alice.");
        String[] ids = call(alice, QueryEmailMethodCall.builder().accountId(account)
                .query(EmailQuery.of(EmailFilterCondition.builder().inMailbox(inbox).build())).build(),
                QueryEmailMethodResponse.class).getIds();
        assertEquals(1, ids.length);
        delivered = ids[0];
        Email email = call(alice, emailGet().accountId(account).ids(ids)
                .fetchTextBodyValues(true).build(), GetEmailMethodResponse.class).getList()[0];
        assertEquals("Quarterly figures", email.getSubject());
        assertEquals("zoe@sender.example", email.getFrom().getFirst().getEmail());
        assertEquals(Map.of(inbox, true), email.getMailboxIds());
        String partId = email.getTextBody().getFirst().getPartId();
        assertTrue(email.getBodyValues().get(partId).getValue().contains("The attached figures are final"));
    }

    @Test
    @Order(3)
    void flagsAndMovesIt() throws Exception {
        SetEmailMethodResponse flagged = call(alice, SetEmailMethodCall.builder().accountId(account)
                .update(Map.of(delivered, Map.of("keywords/" + Keyword.FLAGGED, true))).build(), SetEmailMethodResponse.class);
        assertTrue(flagged.getUpdated().containsKey(delivered), "updated: " + flagged.getUpdated());
        SetEmailMethodResponse moved = call(alice, SetEmailMethodCall.builder().accountId(account)
                .update(Map.of(delivered, Map.of("mailboxIds", Map.of(archive, true)))).build(), SetEmailMethodResponse.class);
        assertTrue(moved.getUpdated().containsKey(delivered), "updated: " + moved.getUpdated());

        Email email = get(alice, delivered);
        assertEquals(Map.of(archive, true), email.getMailboxIds());
        assertEquals(Boolean.TRUE, email.getKeywords().get(Keyword.FLAGGED));
        assertEquals(0, query(alice, EmailFilterCondition.builder().inMailbox(inbox).build()).length);
        assertArrayEquals(new String[] {delivered},
                query(alice, EmailFilterCondition.builder().inMailbox(archive).hasKeyword(Keyword.FLAGGED).build()));
    }

    @Test
    @Order(4)
    void searchesByText() throws Exception {
        assertArrayEquals(new String[] {delivered}, query(alice, EmailFilterCondition.builder().text("figures").build()));
        assertEquals(0, query(alice, EmailFilterCondition.builder().text("nonexistentword").build()).length);
    }

    @Test
    @Order(5)
    void sendsWithEmailSubmission() throws Exception {
        Identity identity = call(alice, GetIdentityMethodCall.builder().accountId(account).build(),
                GetIdentityMethodResponse.class).getList()[0];
        assertEquals(ALICE, identity.getEmail());
        // The draft is written by Email/set create, as a client composes it; the server writes the MIME.
        Email draft = Email.builder()
                .mailboxId(sent, true).keyword(Keyword.SEEN, true)
                .from(EmailAddress.builder().name("Alice").email(ALICE).build())
                .to(EmailAddress.builder().name("Bob").email(BOB).build())
                .subject("Lunch on Friday?")
                .bodyValue("1", EmailBodyValue.builder().value("Shall we meet at noon?").build())
                .textBody(EmailBodyPart.builder().partId("1").type("text/plain").build())
                .build();
        SetEmailMethodResponse created = call(alice, SetEmailMethodCall.builder().accountId(account)
                .create(Map.of("lunch", draft)).build(), SetEmailMethodResponse.class);
        assertNotNull(created.getCreated(), "notCreated: " + created.getNotCreated());
        String emailId = created.getCreated().get("lunch").getId();
        Email stored = get(alice, emailId);
        assertEquals("Lunch on Friday?", stored.getSubject());
        assertEquals(Map.of(sent, true), stored.getMailboxIds());
        SetEmailSubmissionMethodResponse submitted = call(alice, SetEmailSubmissionMethodCall.builder()
                .accountId(account)
                .create(Map.of("send", EmailSubmission.builder().identityId(identity.getId()).emailId(emailId).build()))
                .build(), SetEmailSubmissionMethodResponse.class);
        assertNotNull(submitted.getCreated(), "notCreated: " + submitted.getNotCreated());
        assertNotNull(submitted.getCreated().get("send").getId());

    }

    @Test
    @Order(6)
    void theSubmissionReachesALocalRecipient() throws Exception {
        // Bob is on this server: the message reaches his inbox.
        String bobAccount = bob.getSession().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .getPrimaryAccount(MailAccountCapability.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(TIMEOUT_SECONDS));
        String[] arrived;
        do {
            arrived = call(bob, QueryEmailMethodCall.builder().accountId(bobAccount)
                    .query(EmailQuery.of(EmailFilterCondition.builder().subject("Lunch").build())).build(),
                    QueryEmailMethodResponse.class).getIds();
            if (arrived.length == 0) {
                Thread.sleep(200);
            }
        } while (arrived.length == 0 && Instant.now().isBefore(deadline));
        assertEquals(1, arrived.length, "the submission reached bob's account");
    }

    @Test
    @Order(7)
    void resyncsThroughChangesAfterASecondClientChangedTheAccount() throws Exception {
        String mailboxState = call(alice, GetMailboxMethodCall.builder().accountId(account).build(),
                GetMailboxMethodResponse.class).getState();
        EmailQuery archiveQuery = EmailQuery.of(EmailFilterCondition.builder().inMailbox(archive).build());
        QueryEmailMethodResponse before = call(alice, QueryEmailMethodCall.builder().accountId(account)
                .query(archiveQuery).build(), QueryEmailMethodResponse.class);
        assertTrue(before.isCanCalculateChanges(), "Email/query says Email/queryChanges will answer");
        String emailState = call(alice, emailGet().accountId(account).ids(new String[0]).build(),
                GetEmailMethodResponse.class).getState();

        // The phone: a new message arrives and is archived there, the old one is unflagged and read.
        smtp("carol@sender.example", ALICE, "Figures, second round", "Here are the revised figures.");
        String fresh = query(aliceOnPhone, EmailFilterCondition.builder().inMailbox(inbox).build())[0];
        call(aliceOnPhone, SetEmailMethodCall.builder().accountId(account).update(Map.of(
                fresh, Map.of("mailboxIds", Map.of(archive, true)),
                delivered, Map.of("keywords", Map.of(Keyword.SEEN, true)))).build(), SetEmailMethodResponse.class);

        ChangesMailboxMethodResponse mailboxChanges = call(alice, ChangesMailboxMethodCall.builder().accountId(account)
                .sinceState(mailboxState).build(), ChangesMailboxMethodResponse.class);
        assertTrue(Arrays.asList(mailboxChanges.getUpdated()).contains(archive), "the archive's counts changed");
        ChangesEmailMethodResponse emailChanges = call(alice, ChangesEmailMethodCall.builder().accountId(account)
                .sinceState(emailState).build(), ChangesEmailMethodResponse.class);
        assertEquals(List.of(fresh), Arrays.asList(emailChanges.getCreated()));
        assertEquals(List.of(delivered), Arrays.asList(emailChanges.getUpdated()));
        List<String> changed = new ArrayList<>(List.of(emailChanges.getCreated()));
        changed.addAll(List.of(emailChanges.getUpdated()));
        Email[] refreshed = call(alice, emailGet().accountId(account)
                .ids(changed.toArray(String[]::new)).build(), GetEmailMethodResponse.class).getList();
        assertEquals(2, refreshed.length);

        QueryChangesEmailMethodResponse queryChanges = call(alice, QueryChangesEmailMethodCall.builder()
                .accountId(account).query(archiveQuery).sinceQueryState(before.getQueryState()).build(),
                QueryChangesEmailMethodResponse.class);
        assertEquals(emailChanges.getNewState(), queryChanges.getNewQueryState());
        List<String> cached = new ArrayList<>(List.of(before.getIds()));
        cached.removeAll(List.of(queryChanges.getRemoved()));
        for (AddedItem<String> added : queryChanges.getAdded()) {
            cached.add((int) added.getIndex(), added.getItem());
        }
        assertEquals(List.of(query(alice, EmailFilterCondition.builder().inMailbox(archive).build())), cached);
        assertEquals(List.of(fresh, delivered), cached, "newest first");
    }

    /**
     * Email/get as the library builds it, with bodyProperties named: the RFC 8621 default list holds
     * language and location, which this server's Email/get does not serve yet and so refuses.
     */
    private static GetEmailMethodCall.GetEmailMethodCallBuilder emailGet() {
        return GetEmailMethodCall.builder()
                .bodyProperties(new String[] {"partId", "blobId", "size", "name", "type", "charset", "disposition", "cid"});
    }

    private static String roleOf(Mailbox[] mailboxes, Role role) {
        return Arrays.stream(mailboxes).filter(m -> m.getRole() == role).findFirst().orElseThrow().getId();
    }

    private String[] query(JmapClient client, EmailFilterCondition filter) throws Exception {
        return call(client, QueryEmailMethodCall.builder().accountId(account).query(EmailQuery.of(filter)).build(),
                QueryEmailMethodResponse.class).getIds();
    }

    private Email get(JmapClient client, String id) throws Exception {
        return call(client, emailGet().accountId(account).ids(new String[] {id}).build(),
                GetEmailMethodResponse.class).getList()[0];
    }

    private static <T extends MethodResponse> T call(JmapClient client, MethodCall call, Class<T> type) throws Exception {
        MethodResponses responses = client.call(call).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return responses.getMain(type);
    }

    private void smtp(String from, String to, String subject, String body) throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO client.sender.example").expect("250 ");
            smtp.send("MAIL FROM:<" + from + ">").expect("250");
            smtp.send("RCPT TO:<" + to + ">").expect("250");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(String.join("\r\n", "From: <" + from + ">", "To: <" + to + ">", "Subject: " + subject,
                    "Message-ID: <" + Instant.now().toEpochMilli() + "." + subject.length() + "@sender.example>",
                    "", body, ".", "").getBytes(StandardCharsets.UTF_8)).expect("250");
            smtp.send("QUIT").expect("221");
        }
    }
}
