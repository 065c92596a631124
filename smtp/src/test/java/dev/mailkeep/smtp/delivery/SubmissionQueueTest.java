// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Submission;
import dev.mailkeep.store.model.Submission.Recipient;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's local delivery of JMAP submissions against a real store. */
class SubmissionQueueTest {
    private static final String MESSAGE = """
            From: Alice <alice@example.org>\r
            To: Bob <bob@example.org>\r
            Cc: ghost@example.org\r
            Bcc: dave@example.org,\r
             far@remote.test\r
            Subject: Lunch?\r
            Message-ID: <lunch-1@example.org>\r
            \r
            Noon at the usual place?\r
            Bcc: this line is body text and stays.\r
            """;

    @TempDir
    Path folder;
    private XodusMailStore store;
    private Account alice;
    private Account bob;
    private Account dave;
    private SubmissionQueue queue;

    @BeforeEach
    void open() throws Exception {
        store = XodusMailStore.open(folder);
        alice = store.createAccount("alice@example.org", "pw-alice".toCharArray());
        bob = store.createAccount("bob@example.org", "pw-bob".toCharArray());
        dave = store.createAccount("dave@example.org", "pw-dave".toCharArray());
        queue = new SubmissionQueue(store, "mx.example.org", "example.org"::equalsIgnoreCase, Clock.systemUTC(),
                Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        queue.close();
        store.close();
    }

    private EmailId draft() {
        return store.deliver(List.of(new Delivery(alice.id(), MailboxRole.SENT,
                MESSAGE.getBytes(StandardCharsets.UTF_8), Set.of("$seen")))).getFirst();
    }

    private List<String> inbox(Account account) throws Exception {
        var box = store.mailboxByRole(account.id(), MailboxRole.INBOX).orElseThrow();
        List<EmailId> ids = store.queryEmails(account.id(), EmailQuery.inMailbox(box.id(), 0, 10)).ids();
        var records = store.emails(account.id(), ids);
        List<String> texts = new java.util.ArrayList<>();
        for (EmailId id : ids) {
            try (InputStream in = store.openBlob(account.id(), records.get(id).blobId()).orElseThrow()) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    @Test
    void localRecipientsGetTheirCopyAtOnceWithoutBccAndOthersWait() throws Exception {
        EmailId email = draft();
        Submission submitted = store.submit(alice.id(), email, "I1", "alice@example.org",
                List.of("bob@example.org", "dave@example.org", "ghost@example.org", "far@remote.test"), null)
                .orElseThrow();
        Instant before = Instant.now();
        queue.start(Duration.ofSeconds(30));

        Submission settled = awaitAttempt(submitted);
        assertEquals(List.of(
                new Recipient("bob@example.org", Submission.Delivery.DELIVERED, SubmissionQueue.DELIVERED),
                new Recipient("dave@example.org", Submission.Delivery.DELIVERED, SubmissionQueue.DELIVERED),
                new Recipient("ghost@example.org", Submission.Delivery.FAILED, SubmissionQueue.NO_SUCH_USER),
                new Recipient("far@remote.test", Submission.Delivery.QUEUED, "")), settled.recipients());
        assertFalse(settled.isFinal(), "the remote recipient is still pending");
        assertTrue(!settled.nextAttempt().isBefore(before.plus(Duration.ofMinutes(59))),
                "looked at again after the retry interval, not in a loop: " + settled.nextAttempt());

        for (Account recipient : List.of(bob, dave)) {
            List<String> copies = inbox(recipient);
            assertEquals(1, copies.size());
            String copy = copies.getFirst();
            assertTrue(copy.startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: " + recipient.address()
                    + "\r\nReceived: by mx.example.org with JMAP id " + submitted.id().value() + "\r\n\tfor <"
                    + recipient.address() + ">; "), copy);
            assertFalse(copy.contains("dave@example.org,"), "no Bcc header in any copy:\n" + copy);
            assertFalse(copy.contains("far@remote.test"), copy);
            assertTrue(copy.contains("\r\nCc: ghost@example.org\r\nSubject: Lunch?\r\n"), copy);
            assertTrue(copy.endsWith("\r\n\r\nNoon at the usual place?\r\nBcc: this line is body text and stays.\r\n"), copy);
        }
        try (InputStream own = store.openBlob(alice.id(), submitted.blobId()).orElseThrow()) {
            assertTrue(new String(own.readAllBytes(), StandardCharsets.UTF_8).contains("Bcc: dave@example.org,\r\n"),
                    "the sender's own copy keeps its Bcc");
        }
        assertEquals(List.of(), store.dueSubmissions(Instant.now(), 10), "nothing due until the retry");
    }

    @Test
    void aDelayedSendLeavesOnlyWhenItsTimeHasCome() throws Exception {
        EmailId email = draft();
        Instant sendAt = Instant.now().plusMillis(1500);
        Submission later = store.submit(alice.id(), email, "I1", "alice@example.org", List.of("bob@example.org"),
                sendAt).orElseThrow();
        assertEquals(0, queue.runDue());
        assertEquals(List.of(), inbox(bob));

        while (Instant.now().isBefore(sendAt.plusMillis(20))) {
            Thread.sleep(50);
        }
        assertEquals(1, queue.runDue());
        assertEquals(1, inbox(bob).size());
        Submission done = store.submissions(alice.id(), List.of(later.id())).get(later.id());
        assertTrue(done.isFinal());
        assertEquals(0, queue.runDue(), "delivered once");
        assertEquals(1, inbox(bob).size());
    }

    @Test
    void aRestartedQueueFinishesWhatWasSubmittedWhileItWasDown() throws Exception {
        EmailId email = draft();
        Submission s = store.submit(alice.id(), email, "I1", "alice@example.org", List.of("dave@example.org"), null)
                .orElseThrow();
        queue.start(Duration.ofSeconds(30));
        Submission settled = awaitAttempt(s);
        assertTrue(settled.isFinal());
        assertEquals(1, inbox(dave).size());
    }

    private Submission awaitAttempt(Submission submitted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Submission now = store.submissions(alice.id(), List.of(submitted.id())).get(submitted.id());
            if (now.attempts() > 0) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the queue never settled " + submitted.id());
    }
}
