// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** What {@link MailStore#destroySubmissions} did with one submission id (RFC 8621 section 7.5). */
public enum SubmissionDestroy {
    /** The record is gone, its change logged; the mail it sent or canceled is unaffected. */
    DESTROYED,
    /** Recipients are still queued: destroying it would lose their delivery; cancel it or wait. */
    PENDING,
    /** No such submission in the account. */
    NOT_FOUND
}
