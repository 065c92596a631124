// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.model.Submission;
import dev.mailkeep.store.model.Submission.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of the outbound queue the store keeps as EmailSubmission records (RFC 8621
 * section 7): it takes each submission once its sendAt has come and delivers it to the recipients
 * on this server at once, as final delivery into their inboxes with the same trace headers an SMTP
 * delivery gets, the copy and the recipients' new deliveryStatus in one store transaction
 * ({@link MailStore#deliverSubmission}). A recipient in a served domain that no account owns fails
 * with {@code 550 5.1.1}. Every copy leaves without its {@code Bcc} header field (RFC 5322
 * section 3.6.3), which stays in the sender's own email only.
 *
 * <p>Recipients elsewhere stay {@code queued} for the MX sender, which is not built yet; the
 * submission is looked at again after {@code remoteRetry}. The queue wakes when a commit changes an
 * EmailSubmission state and otherwise every {@code poll}, so a delayed send leaves at most that long
 * after its sendAt.
 */
public final class SubmissionQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubmissionQueue.class);
    private static final int BATCH = 100;
    static final String DELIVERED = "250 2.0.0 delivered to a mailbox on this server";
    static final String NO_SUCH_USER = "550 5.1.1 no mailbox here by that name";
    static final String NO_CONTENT = "554 5.3.0 the message's bytes are no longer in the store";

    private final MailStore store;
    private final String hostname;
    private final Predicate<String> servedDomain;
    private final Clock clock;
    private final Duration remoteRetry;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean closed;
    private Thread worker;
    private AutoCloseable listener;

    /**
     * @param servedDomain true for the domains this server is the final destination of
     * @param remoteRetry how long a submission with recipients elsewhere waits before it is looked
     *     at again
     */
    public SubmissionQueue(MailStore store, String hostname, Predicate<String> servedDomain, Clock clock,
                           Duration remoteRetry) {
        this.store = Objects.requireNonNull(store, "store");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.servedDomain = Objects.requireNonNull(servedDomain, "servedDomain");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remoteRetry = Objects.requireNonNull(remoteRetry, "remoteRetry");
    }

    /** Starts the worker thread: it runs what is due now, then whenever woken or every {@code poll}. */
    public synchronized SubmissionQueue start(Duration poll) {
        if (worker != null) {
            throw new IllegalStateException("already started");
        }
        listener = store.addStateListener((account, types, delivered) -> {
            if (types.contains(DataType.EMAIL_SUBMISSION)) {
                wake();
            }
        });
        worker = Thread.ofVirtual().name("submission-queue").start(() -> loop(poll));
        return this;
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop(Duration poll) {
        while (!closed) {
            try {
                while (runDue() == BATCH && !closed) {
                    // a full batch: more may be due
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("submission queue pass failed; trying again in {}", poll, e);
            }
            synchronized (signal) {
                if (!woken && !closed) {
                    try {
                        signal.wait(Math.max(1, poll.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /**
     * One pass over the submissions due now (at most one batch); returns how many it looked at.
     * Each is settled in its own transaction, so one that fails leaves the others done.
     */
    public int runDue() {
        List<Submission> due = store.dueSubmissions(clock.instant(), BATCH);
        for (Submission submission : due) {
            try {
                settle(submission);
            } catch (StoreException | UncheckedIOException e) {
                log.warn("submission {} of account {}: delivery failed, trying again in {}", submission.id().value(),
                        submission.account().value(), remoteRetry, e);
                store.recordAttempt(submission.account(), submission.id(), List.of(), clock.instant().plus(remoteRetry));
            }
        }
        return due.size();
    }

    private void settle(Submission submission) {
        Instant now = clock.instant();
        List<LocalRecipient> local = new ArrayList<>();
        List<Recipient> results = new ArrayList<>();
        for (Recipient recipient : submission.recipients()) {
            if (recipient.delivery() != Submission.Delivery.QUEUED) {
                continue;
            }
            String address = recipient.address();
            String domain = address.substring(address.lastIndexOf('@') + 1);
            if (!servedDomain.test(domain)) {
                continue; // the MX sender's: stays queued
            }
            Optional<AccountId> account = LocalAddresses.lookup(store, address, domain);
            if (account.isPresent()) {
                local.add(new LocalRecipient(address, account.get()));
                results.add(new Recipient(address, Submission.Delivery.DELIVERED, DELIVERED));
            } else {
                results.add(new Recipient(address, Submission.Delivery.FAILED, NO_SUCH_USER));
            }
        }
        Instant next = now.plus(remoteRetry);
        if (local.isEmpty()) {
            store.recordAttempt(submission.account(), submission.id(), results, next);
            return;
        }
        Optional<byte[]> content = content(submission);
        if (content.isEmpty()) {
            List<Recipient> failed = submission.recipients().stream()
                    .filter(r -> r.delivery() == Submission.Delivery.QUEUED)
                    .map(r -> new Recipient(r.address(), Submission.Delivery.FAILED, NO_CONTENT)).toList();
            store.recordAttempt(submission.account(), submission.id(), failed, next);
            return;
        }
        byte[] message = BccRemoval.apply(content.get());
        List<Delivery> copies = new ArrayList<>(local.size());
        for (LocalRecipient recipient : local) {
            byte[] headers = TraceHeaders.renderSubmitted(hostname, submission.id().value(), submission.mailFrom(),
                    recipient.address(), now);
            byte[] copy = new byte[headers.length + message.length];
            System.arraycopy(headers, 0, copy, 0, headers.length);
            System.arraycopy(message, 0, copy, headers.length, message.length);
            copies.add(new Delivery(recipient.account(), MailboxRole.INBOX, copy, Set.of()));
        }
        store.deliverSubmission(submission.account(), submission.id(), copies, results, next);
        log.info("submission {} of account {} delivered to {} local recipient(s)", submission.id().value(),
                submission.account().value(), local.size());
    }

    private Optional<byte[]> content(Submission submission) {
        Optional<InputStream> in = store.openBlob(submission.account(), submission.blobId());
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = worker;
        }
        wake();
        if (listener != null) {
            try {
                listener.close();
            } catch (Exception e) {
                log.debug("closing the state listener", e);
            }
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
