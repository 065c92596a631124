// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import dev.mailkeep.store.model.Submission;
import java.util.Objects;

/**
 * What {@link MailStore#cancelSubmission} did (RFC 8621 section 7.5, undoStatus canceled).
 *
 * @param submission the submission after the call; null when not found
 */
public record SubmissionCancel(Outcome outcome, Submission submission) {

    public enum Outcome {
        /** Every queued recipient is now canceled and the queue will not send it. */
        CANCELED,
        /** Already released for delivery (or finished, or canceled before): it cannot be recalled. */
        CANNOT_UNSEND,
        /** No such submission in the account. */
        NOT_FOUND
    }

    public SubmissionCancel {
        Objects.requireNonNull(outcome, "outcome");
    }
}
