// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Submission;
import dev.mailkeep.store.model.Submission.Delivery;
import dev.mailkeep.store.model.Submission.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EmailSubmission records as the outbound queue (RFC 8621 section 7). */
interface SubmissionContract extends StoreFixture {

    @Test
    default void submissionQueuesEveryRecipientUntilAttemptsAreFinal() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId email = deliverTo(bob, simple("out@x", "Outgoing", null));
        Instant t0 = clock().instant();
        State before = store().state(bob.id(), DataType.EMAIL_SUBMISSION);

        Submission s = store().submit(bob.id(), email, "I1", "bob@localhost",
                List.of("a@example.org", "b@example.net", "a@example.org"), null).orElseThrow();
        assertEquals(List.of(new Recipient("a@example.org", Delivery.QUEUED, ""),
                new Recipient("b@example.net", Delivery.QUEUED, "")), s.recipients());
        assertEquals(email, s.emailId());
        assertEquals("I1", s.identityId());
        assertEquals(get(bob, email).blobId(), s.blobId());
        assertEquals(t0, s.sendAt());
        assertEquals(t0, s.nextAttempt());
        assertFalse(s.isFinal());
        assertEquals(List.of(s.id().value()), since(bob, DataType.EMAIL_SUBMISSION, before).created());
        assertEquals(List.of(s), store().dueSubmissions(t0, 10));
        assertEquals(List.of(), store().dueSubmissions(t0.minusMillis(1), 10));

        Instant retry = t0.plus(Duration.ofMinutes(15));
        Submission after = store().recordAttempt(bob.id(), s.id(), List.of(
                new Recipient("a@example.org", Delivery.DELIVERED, "250 2.0.0 OK"),
                new Recipient("b@example.net", Delivery.QUEUED, "451 4.3.0 try later")), retry).orElseThrow();
        assertEquals(1, after.attempts());
        assertEquals(retry, after.nextAttempt());
        assertEquals(List.of(), store().dueSubmissions(t0, 10));
        assertEquals(List.of(after), store().dueSubmissions(retry, 10));

        Submission done = store().recordAttempt(bob.id(), s.id(), List.of(
                new Recipient("b@example.net", Delivery.FAILED, "550 5.1.1 no such user")), retry.plusSeconds(60))
                .orElseThrow();
        assertTrue(done.isFinal());
        assertNull(done.nextAttempt());
        assertEquals(Delivery.DELIVERED, done.recipients().get(0).delivery());
        assertEquals("550 5.1.1 no such user", done.recipients().get(1).smtpReply());
        assertEquals(List.of(), store().dueSubmissions(Instant.parse("2100-01-01T00:00:00Z"), 10));
        assertEquals(Map.of(s.id(), done), store().submissions(bob.id(), List.of(s.id())));
        assertEquals(List.of(s.id()), store().submissionIds(bob.id()));
        assertEquals(List.of(s.id().value()), since(bob, DataType.EMAIL_SUBMISSION, before).created());
    }

    @Test
    default void submissionsAreTheAccountsOwnAndKeepTheirBytes() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        EmailId email = deliverTo(bob, simple("keep@x", "Keep", null));
        assertTrue(store().submit(eve.id(), new EmailId("E99"), null, "eve@localhost", List.of("x@y"), null).isEmpty());
        Submission s = store().submit(bob.id(), email, null, "bob@localhost", List.of("x@example.org"), null)
                .orElseThrow();
        assertEquals(Map.of(), store().submissions(eve.id(), List.of(s.id())));
        assertEquals(List.of(), store().submissionIds(eve.id()));
        assertTrue(store().recordAttempt(eve.id(), s.id(), List.of(), null).isEmpty());

        store().destroyEmails(bob.id(), List.of(email));
        Thread.sleep(20);
        store().sweepBlobs(Instant.parse("2100-01-01T00:00:00Z"), Duration.ZERO);
        assertTrue(store().openBlob(bob.id(), s.blobId()).isPresent(), "a queued message keeps its bytes");
    }

    @Test
    default void aDelayedSubmissionCanBeCanceledBeforeReleaseAndIsNeverHandedOut() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        EmailId email = deliverTo(bob, simple("later@x", "Later", null));
        Instant t0 = clock().instant();
        Submission later = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("a@example.org"),
                t0.plusSeconds(600)).orElseThrow();
        Submission now = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("b@example.org"), null)
                .orElseThrow();
        State before = store().state(bob.id(), DataType.EMAIL_SUBMISSION);

        assertEquals(SubmissionCancel.Outcome.NOT_FOUND, store().cancelSubmission(eve.id(), later.id()).outcome());
        assertEquals(SubmissionCancel.Outcome.CANNOT_UNSEND, store().cancelSubmission(bob.id(), now.id()).outcome(),
                "sendAt has come: the sender may already hold it");
        SubmissionCancel canceled = store().cancelSubmission(bob.id(), later.id());
        assertEquals(SubmissionCancel.Outcome.CANCELED, canceled.outcome());
        assertTrue(canceled.submission().isCanceled());
        assertFalse(canceled.submission().isFinal());
        assertEquals(List.of(new Recipient("a@example.org", Delivery.CANCELED, "")), canceled.submission().recipients());
        assertEquals(List.of(later.id().value()), since(bob, DataType.EMAIL_SUBMISSION, before).updated());
        assertEquals(List.of(now.id()), store().dueSubmissions(t0.plusSeconds(3600), 10).stream()
                .map(Submission::id).toList(), "the canceled one is never due");
        assertEquals(SubmissionCancel.Outcome.CANNOT_UNSEND, store().cancelSubmission(bob.id(), later.id()).outcome());
        assertEquals(canceled.submission(), store().submissions(bob.id(), List.of(later.id())).get(later.id()));

        Submission missed = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("c@example.org"),
                t0.plusSeconds(60)).orElseThrow();
        clock().advanceSeconds(60);
        assertEquals(SubmissionCancel.Outcome.CANNOT_UNSEND, store().cancelSubmission(bob.id(), missed.id()).outcome());
    }

    @Test
    default void localCopiesAndTheAttemptCommitTogether() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account carol = newAccount("carol@localhost");
        EmailId email = deliverTo(bob, simple("hi@x", "Hello Carol", null));
        Submission s = store().submit(bob.id(), email, "I1", "bob@localhost",
                List.of("carol@localhost", "far@example.org"), null).orElseThrow();
        State carolBefore = store().state(carol.id(), DataType.EMAIL);
        Instant retry = clock().instant().plusSeconds(3600);

        Submission after = store().deliverSubmission(bob.id(), s.id(),
                List.of(new dev.mailkeep.store.Delivery(carol.id(), MailboxRole.INBOX, simple("hi@x", "Hello Carol", null), java.util.Set.of())),
                List.of(new Recipient("carol@localhost", Delivery.DELIVERED, "250 2.0.0 delivered")), retry)
                .orElseThrow();
        assertEquals(List.of(new Recipient("carol@localhost", Delivery.DELIVERED, "250 2.0.0 delivered"),
                new Recipient("far@example.org", Delivery.QUEUED, "")), after.recipients());
        assertEquals(retry, after.nextAttempt(), "the remote recipient waits");
        assertEquals(1, since(carol, DataType.EMAIL, carolBefore).created().size());
        assertEquals(1, store().mailboxByRole(carol.id(), MailboxRole.INBOX).orElseThrow().totalEmails());

        Submission later = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("carol@localhost"),
                clock().instant().plusSeconds(600)).orElseThrow();
        store().cancelSubmission(bob.id(), later.id());
        State carolNow = store().state(carol.id(), DataType.EMAIL);
        assertTrue(store().deliverSubmission(bob.id(), later.id(),
                List.of(new dev.mailkeep.store.Delivery(carol.id(), MailboxRole.INBOX, simple("hi@x", "Hello Carol", null), java.util.Set.of())),
                List.of(new Recipient("carol@localhost", Delivery.DELIVERED, "250")), null).isEmpty(),
                "a canceled submission is never delivered");
        assertEquals(carolNow, store().state(carol.id(), DataType.EMAIL));
    }

    @Test
    default void onlyFinishedOrCanceledSubmissionsCanBeDestroyed() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        EmailId email = deliverTo(bob, simple("bye@x", "Bye", null));
        Submission pending = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("a@example.org"), null)
                .orElseThrow();
        Submission done = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("b@example.org"), null)
                .orElseThrow();
        store().recordAttempt(bob.id(), done.id(), List.of(new Recipient("b@example.org", Delivery.DELIVERED, "250")),
                null);
        Submission later = store().submit(bob.id(), email, "I1", "bob@localhost", List.of("c@example.org"),
                clock().instant().plusSeconds(600)).orElseThrow();
        store().cancelSubmission(bob.id(), later.id());
        State before = store().state(bob.id(), DataType.EMAIL_SUBMISSION);

        assertEquals(Map.of(done.id(), SubmissionDestroy.NOT_FOUND),
                store().destroySubmissions(eve.id(), List.of(done.id())), "another account's");
        Map<SubmissionId, SubmissionDestroy> outcomes = store().destroySubmissions(bob.id(),
                List.of(pending.id(), done.id(), later.id(), new SubmissionId("S999")));
        assertEquals(List.of(SubmissionDestroy.PENDING, SubmissionDestroy.DESTROYED, SubmissionDestroy.DESTROYED,
                SubmissionDestroy.NOT_FOUND), List.copyOf(outcomes.values()));
        assertEquals(List.of(pending.id()), store().submissionIds(bob.id()));
        assertEquals(java.util.Set.of(done.id().value(), later.id().value()),
                java.util.Set.copyOf(since(bob, DataType.EMAIL_SUBMISSION, before).destroyed()));
        assertEquals(List.of(pending.id()), store().dueSubmissions(clock().instant().plusSeconds(3600), 10).stream()
                .map(Submission::id).toList(), "the pending one is still queued");

        store().destroyEmails(bob.id(), List.of(email));
        store().destroySubmissions(bob.id(), List.of(pending.id()));
        Thread.sleep(20);
        store().sweepBlobs(Instant.parse("2100-01-01T00:00:00Z"), Duration.ZERO);
        assertTrue(store().openBlob(bob.id(), pending.blobId()).isPresent(), "the pending submission keeps its bytes");

        store().recordAttempt(bob.id(), pending.id(), List.of(new Recipient("a@example.org", Delivery.DELIVERED, "250")),
                null);
        assertEquals(SubmissionDestroy.DESTROYED, store().destroySubmissions(bob.id(), List.of(pending.id()))
                .get(pending.id()));
        Thread.sleep(20);
        store().sweepBlobs(Instant.parse("2100-01-01T00:00:00Z"), Duration.ZERO);
        assertTrue(store().openBlob(bob.id(), pending.blobId()).isEmpty(), "nothing holds the bytes any more");
    }
}
