// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of an email submission (an outbound queue entry); URL-safe, usable as a JMAP Id as it is. */
public record SubmissionId(String value) {
    public SubmissionId {
        Id.check("submission", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
