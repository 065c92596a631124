// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import dev.mailkeep.jmap.core.Capability;
import dev.mailkeep.jmap.core.MethodRegistry;
import dev.mailkeep.jmap.core.QueryChangesWithoutHistory;

/** Registers every method this module implements under its RFC name. */
public final class MailMethods {
    private MailMethods() {}

    public static MethodRegistry registry() {
        return new MethodRegistry()
                .register("Core/echo", Capability.CORE, new CoreEcho())
                .register("Mailbox/get", Capability.MAIL, new MailboxGet())
                .register("Mailbox/changes", Capability.MAIL, new MailboxChanges())
                .register("Mailbox/query", Capability.MAIL, new MailboxQuery())
                .register("Mailbox/set", Capability.MAIL, new MailboxSet())
                .register("Mailbox/queryChanges", Capability.MAIL, new MailboxQueryChanges())
                .register("Thread/get", Capability.MAIL, new ThreadGet())
                .register("Thread/changes", Capability.MAIL, new ThreadChanges())
                .register("Email/query", Capability.MAIL, new EmailQuery())
                .register("Email/queryChanges", Capability.MAIL, new EmailQueryChanges())
                .register("Email/get", Capability.MAIL, new EmailGet())
                .register("Email/changes", Capability.MAIL, new EmailChanges())
                .register("Email/set", Capability.MAIL, new EmailSet())
                .register("Email/import", Capability.MAIL, new EmailImport())
                .register("Email/parse", Capability.MAIL, new EmailParse())
                .register("Email/copy", Capability.MAIL, new EmailCopy())
                .register("SearchSnippet/get", Capability.MAIL, new SearchSnippetGet())
                .register("Identity/get", Capability.SUBMISSION, new IdentityGet())
                .register("Identity/changes", Capability.SUBMISSION, new IdentityChanges())
                .register("Identity/set", Capability.SUBMISSION, new IdentitySet())
                .register("EmailSubmission/get", Capability.SUBMISSION, new EmailSubmissionGet())
                .register("EmailSubmission/changes", Capability.SUBMISSION, new EmailSubmissionChanges())
                .register("EmailSubmission/set", Capability.SUBMISSION, new EmailSubmissionSet())
                .register("EmailSubmission/query", Capability.SUBMISSION, new EmailSubmissionQuery())
                .register("EmailSubmission/queryChanges", Capability.SUBMISSION, new QueryChangesWithoutHistory())
                .register("Blob/upload", Capability.BLOB, new BlobUpload())
                .register("Blob/get", Capability.BLOB, new BlobGet())
                .register("Blob/lookup", Capability.BLOB, new BlobLookup())
                .register("Blob/copy", Capability.CORE, new BlobCopy())
                .register("VacationResponse/get", Capability.VACATION_RESPONSE, new VacationResponseGet())
                .register("VacationResponse/set", Capability.VACATION_RESPONSE, new VacationResponseSet());
    }
}
