// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.SubmissionCancel;
import dev.mailkeep.store.SubmissionDestroy;
import dev.mailkeep.store.model.Submission;
import java.time.Instant;
import java.util.List;

/**
 * Cancels a delayed submission before it is released (RFC 8621 section 7.5, undoStatus
 * canceled; RFC 4865 FUTURERELEASE). Only a submission that is still pending, was never
 * attempted and whose sendAt is after the transaction's time can be canceled: the queue only
 * hands out submissions whose first attempt (sendAt) is due, so such a submission cannot be in the
 * sender's hands. Its queued recipients become CANCELED and it leaves the due index, in one
 * transaction logged as an EmailSubmission update.
 */
final class SubmissionCanceling {
    private SubmissionCanceling() {}

    static SubmissionCancel cancel(Tx tx, long account, long num) {
        Submission old = Submissions.get(tx.txn, tx.tables, account, num);
        if (old == null) {
            return new SubmissionCancel(SubmissionCancel.Outcome.NOT_FOUND, null);
        }
        if (old.isFinal() || old.isCanceled() || old.attempts() > 0
                || !old.sendAt().isAfter(Instant.ofEpochMilli(tx.now))) {
            return new SubmissionCancel(SubmissionCancel.Outcome.CANNOT_UNSEND, old);
        }
        List<Submission.Recipient> recipients = old.recipients().stream()
                .map(r -> r.delivery() == Submission.Delivery.QUEUED
                        ? new Submission.Recipient(r.address(), Submission.Delivery.CANCELED, "") : r)
                .toList();
        Submission canceled = new Submission(old.id(), old.account(), old.emailId(), old.identityId(), old.mailFrom(),
                recipients, old.blobId(), old.sendAt(), null, old.attempts());
        Submissions.put(tx, account, num, old, canceled);
        tx.changed(account, DataType.EMAIL_SUBMISSION, canceled.id().value(), ChangeKind.UPDATED);
        return new SubmissionCancel(SubmissionCancel.Outcome.CANCELED, canceled);
    }

    /**
     * Removes a submission that is final or canceled (RFC 8621 section 7.5 destroy): its record
     * and its hold on the blob go, logged as an EmailSubmission destroy. One with recipients still
     * queued stays, since the sender still needs it.
     */
    static SubmissionDestroy destroy(Tx tx, long account, long num) {
        Submission old = Submissions.get(tx.txn, tx.tables, account, num);
        if (old == null) {
            return SubmissionDestroy.NOT_FOUND;
        }
        if (!old.isFinal() && !old.isCanceled()) {
            return SubmissionDestroy.PENDING;
        }
        Submissions.delete(tx, account, num, old);
        tx.changed(account, DataType.EMAIL_SUBMISSION, old.id().value(), ChangeKind.DESTROYED);
        return SubmissionDestroy.DESTROYED;
    }
}
