// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.SubmissionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An email submission and its outbound queue state (RFC 8621 section 7): the envelope, the bytes
 * to send (a snapshot of the email's blob when it was submitted), and each recipient's status.
 *
 * @param identityId the JMAP identity the client named, stored as given
 * @param nextAttempt when the sender should try the recipients still {@code QUEUED}; null once
 *     every recipient is final
 */
public record Submission(
        SubmissionId id,
        AccountId account,
        EmailId emailId,
        String identityId,
        String mailFrom,
        List<Recipient> recipients,
        BlobId blobId,
        Instant sendAt,
        Instant nextAttempt,
        int attempts) {

    /**
     * Where delivery to one recipient stands (RFC 8621 section 7 deliveryStatus); CANCELED when the
     * submission was canceled before it was released.
     */
    public enum Delivery { QUEUED, DELIVERED, FAILED, CANCELED }

    /** One recipient with the last SMTP reply about it (empty until an attempt was made). */
    public record Recipient(String address, Delivery delivery, String smtpReply) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(delivery, "delivery");
            smtpReply = smtpReply == null ? "" : smtpReply;
        }
    }

    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(sendAt, "sendAt");
    }

    /** RFC 8621 undoStatus: pending while any recipient is still queued, final afterwards. */
    public boolean isFinal() {
        return !isCanceled() && recipients.stream().noneMatch(r -> r.delivery() == Delivery.QUEUED);
    }

    /** RFC 8621 undoStatus canceled: canceled before release, so no recipient will get it. */
    public boolean isCanceled() {
        return recipients.stream().anyMatch(r -> r.delivery() == Delivery.CANCELED);
    }
}
