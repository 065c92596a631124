// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Identity;
import dev.mailkeep.store.model.Mailbox;
import dev.mailkeep.store.model.Snippet;
import dev.mailkeep.store.model.Submission;
import dev.mailkeep.store.model.VacationResponse;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mail store as {@code jmap} and {@code smtp} see it: accounts, mailboxes, emails, blobs and
 * the change log, with no storage types in sight.
 *
 * <p>Every method that changes data runs as one durable transaction and returns only after it
 * committed: a caller may acknowledge (SMTP 250, a JMAP response) as soon as it returns. Every
 * read is of one consistent snapshot. Methods taking an {@link AccountId} treat ids of other
 * accounts as absent. Implementations are safe for use from many threads.
 */
public interface MailStore extends AutoCloseable {

    // ---- accounts ----------------------------------------------------------------------------

    /**
     * Creates an account for a login address (lowercased) with its password hashed, and its
     * mailboxes, one per {@link MailboxRole}, and its identity, in one transaction.
     *
     * @throws IllegalArgumentException when the address is not of the form local@domain
     */
    Account createAccount(String address, char[] password) throws AccountExistsException;

    /** Replaces the password hash; returns false when no such account exists. */
    boolean setPassword(String address, char[] password);

    /** The account for an address, compared case-insensitively. */
    Optional<Account> findAccount(String address);

    Optional<Account> account(AccountId id);

    /** The account when the password matches its hash; empty otherwise (also for unknown users). */
    Optional<Account> authenticate(String address, char[] password);

    /** All accounts, ordered by address. */
    List<Account> accounts();

    // ---- mailboxes -----------------------------------------------------------------------------

    /** All mailboxes of the account with their current counts. */
    List<Mailbox> mailboxes(AccountId account);

    Optional<Mailbox> mailboxByRole(AccountId account, MailboxRole role);

    /**
     * Mailbox/set (RFC 8621 section 2.5) in one transaction: creates, then updates, then
     * destroys. Names must be non-empty and unique among siblings, parents must exist without
     * cycles, and a role may belong to one mailbox only. Destroying a mailbox with children fails;
     * with emails it fails unless {@code onDestroyRemoveEmails}, which destroys the emails only in
     * it and takes the others out of it. The inbox keeps its role and stays ({@code FORBIDDEN});
     * a delivery whose target role no mailbox has any more goes to the inbox.
     */
    MailboxSetResult setMailboxes(AccountId account, Map<String, MailboxSpec> create, Map<MailboxId, MailboxSpec> update,
            List<MailboxId> destroy, boolean onDestroyRemoveEmails);

    // ---- emails --------------------------------------------------------------------------------

    /**
     * Stores each delivery as a new email (blob first, fsynced; then the records, counts and change
     * log in one transaction for all of them) and returns the new ids in the same order.
     */
    List<EmailId> deliver(List<Delivery> deliveries);

    /** The emails found among {@code ids}; ids not found (or of another account) are absent. */
    Map<EmailId, EmailRecord> emails(AccountId account, Collection<EmailId> ids);

    QueryResult queryEmails(AccountId account, EmailQuery query);

    /**
     * A full Email/query (RFC 8621 section 4.4): filters over text (from the search index) and over
     * mailboxes and keywords (from the records), any sort, with the exact total.
     */
    QueryResult searchEmails(AccountId account, EmailSearch search);

    /**
     * The account's emails whose message is each of {@code messageBlobs} (an email's
     * {@link dev.mailkeep.store.model.EmailRecord#blobId()}), from an index kept with the email
     * records, not a scan of the account (RFC 9404 Blob/lookup). Blobs no email is made of map to
     * an empty list.
     */
    Map<BlobId, List<EmailId>> emailsOfBlobs(AccountId account, Collection<BlobId> messageBlobs);

    /**
     * The index of each given email in the listing an {@link EmailSearch} with at most an inMailbox
     * condition and one receivedAt sort returns ({@code mailbox} null: all emails of the account),
     * with the listing's total and state, in one snapshot. Costs a few short reads per email
     * however deep it lies, where reading the listing up to it costs its depth (Email/queryChanges).
     */
    ListingPositions listingPositions(AccountId account, MailboxId mailbox, boolean ascending, Collection<EmailId> ids);

    /**
     * SearchSnippet/get (RFC 8621 section 5.1): for each email found among {@code ids}, its
     * subject and a section of its body with the words the filter's text conditions match (the
     * same text semantics as {@link #searchEmails}) marked; ids not found are absent.
     */
    Map<EmailId, Snippet> snippets(AccountId account, EmailFilter filter, Collection<EmailId> ids);

    /** Rebuilds the search index from the records and blobs; returns how many emails it indexed. */
    long rebuildSearchIndex();

    /**
     * Applies keyword and mailbox changes to several emails in one transaction (RFC 8621 section
     * 4.6); counts and the change log move with them. An email that is absent, would end in no
     * mailbox, or names an unknown mailbox or an invalid keyword is left unchanged and reported.
     */
    EmailSetResult updateEmails(AccountId account, Map<EmailId, EmailUpdate> updates);

    /** Destroys emails in one transaction; their threads shrink (or go) and counts drop. */
    EmailSetResult destroyEmails(AccountId account, Collection<EmailId> ids);

    /**
     * The email ids of each thread found, oldest receivedAt first (RFC 8621 section 3 Thread/get);
     * ids not found (or of another account) are absent.
     */
    Map<ThreadId, List<EmailId>> threads(AccountId account, Collection<ThreadId> ids);

    // ---- blobs ---------------------------------------------------------------------------------

    /**
     * The bytes of a blob that the account references; empty when it does not reference it. The
     * blob id of a body part ({@link EmailBodyPart#blobId()}) yields the
     * part's decoded bytes.
     */
    Optional<InputStream> openBlob(AccountId account, BlobId blob);

    /**
     * The body properties of an email (RFC 8621 section 4.1.4: bodyStructure, textBody, htmlBody,
     * attachments, and the decoded text values), parsed from its blob on demand.
     */
    Optional<EmailBody> emailBody(AccountId account, EmailId email);

    /**
     * Parses a blob the account may read (an upload, an email, or a body part holding a message)
     * as an email without storing it (RFC 8621 section 4.9 Email/parse), with the same parser as
     * delivery.
     */
    BlobParse parseBlob(AccountId account, BlobId blob);

    /**
     * Stores uploaded bytes as a blob the account may use (RFC 8620 section 6.1); it is kept at
     * least until {@link #sweepBlobs} is called with a time after the upload.
     */
    BlobId uploadBlob(AccountId account, byte[] data);

    /**
     * Imports uploaded (or already referenced) blobs as emails (RFC 8621 section 4.8), parsed once,
     * in one transaction. A missing blob is {@code NOT_FOUND}; unknown or no mailboxes and invalid
     * keywords are {@code INVALID_PROPERTIES}.
     */
    ImportResult importEmails(AccountId account, Map<String, EmailImport> imports);

    /**
     * Email/copy (RFC 8621 section 4.7): stores emails of account {@code from} again in account
     * {@code to}, sharing their blobs, in one transaction, with the mailboxes given and the
     * original's keywords and receivedAt unless given. An original that is absent (or destroyed
     * meanwhile) is {@code NOT_FOUND}; mailboxes and keywords are checked as for an import. The
     * originals are left as they are.
     */
    ImportResult copyEmails(AccountId from, AccountId to, Map<String, EmailCopy> copies);

    /**
     * Forgets uploads made before {@code uploadsBefore} that no email adopted, and deletes blob
     * files nothing references and that were not written during the last {@code grace} (so a
     * delivery still in flight never loses its blob). Returns how many files were deleted.
     */
    long sweepBlobs(Instant uploadsBefore, Duration grace);

    // ---- submissions (the outbound queue) --------------------------------------------------

    /**
     * Queues an email of the account for sending (RFC 8621 section 7.5 EmailSubmission/set
     * create) in one transaction: the envelope, every recipient {@code QUEUED}, first attempt at
     * {@code sendAt} (null: now). The email's blob is what will be sent. Empty when the email is
     * not in the account.
     */
    Optional<Submission> submit(AccountId account, EmailId email, String identityId,
            String mailFrom, List<String> rcptTo, Instant sendAt);

    /**
     * Final delivery of a submission to recipients on this server: stores {@code copies} (as
     * {@link #deliver} does) and records {@code results} as the attempt ({@link #recordAttempt}) in
     * one transaction, so a crash leaves either both or neither. Empty, with nothing delivered,
     * when the submission is gone or was canceled.
     */
    Optional<Submission> deliverSubmission(AccountId account, SubmissionId id, List<Delivery> copies,
            List<Submission.Recipient> results, Instant nextAttempt);

    /**
     * EmailSubmission/set destroy (RFC 8621 section 7.5) in one transaction: each submission that
     * is final or canceled is removed; one with recipients still queued is left alone
     * ({@link SubmissionDestroy#PENDING}). Returns the outcome per id, in the order given.
     */
    Map<SubmissionId, SubmissionDestroy> destroySubmissions(AccountId account, List<SubmissionId> ids);

    /** Submissions of all accounts with queued recipients whose next attempt is due, soonest first. */
    List<Submission> dueSubmissions(Instant now, int limit);

    /**
     * Records a delivery attempt: the new status of the recipients it tried (by address) and when
     * to try the rest ({@code nextAttempt}; ignored once no recipient is queued). Logged as an
     * EmailSubmission update. Returns the updated submission, empty when absent.
     */
    Optional<Submission> recordAttempt(AccountId account, SubmissionId id,
            List<Submission.Recipient> results, Instant nextAttempt);

    /** The submissions found among {@code ids}; ids not found (or of another account) are absent. */
    Map<SubmissionId, Submission> submissions(AccountId account, Collection<SubmissionId> ids);

    /** All submissions of the account, newest first (for EmailSubmission/query). */
    List<SubmissionId> submissionIds(AccountId account);

    // ---- identities and vacation response -------------------------------------------------

    /** The account's identities (RFC 8621 section 6); every account has one for its own address. */
    List<Identity> identities(AccountId account);

    /**
     * Identity/set in one transaction: creates, updates, destroys. An identity's email must be the
     * account's address ({@code FORBIDDEN_FROM} otherwise); the account's first identity cannot be
     * destroyed ({@code FORBIDDEN}).
     */
    IdentitySetResult setIdentities(AccountId account, Map<String, IdentitySpec> create,
            Map<IdentityId, IdentitySpec> update, List<IdentityId> destroy);

    /** The account's vacation response (disabled until set). */
    VacationResponse vacationResponse(AccountId account);

    /**
     * Replaces the vacation response; logged as a VacationResponse update of {@code singleton}. Who
     * was answered under the previous response is forgotten, so the new text reaches everyone once.
     */
    void setVacationResponse(AccountId account, VacationResponse response);

    /**
     * The bookkeeping of the vacation auto-reply (RFC 3834 section 2, one reply per sender per
     * period): true when the account's response is active at {@code now} and {@code sender}
     * (compared without case) was not answered within {@code period} since the response was last
     * set, in which case {@code now} is recorded as the reply time in the same transaction, so
     * concurrent deliveries from the same sender claim one reply. False for an unknown account.
     */
    boolean claimVacationReply(AccountId account, String sender, Instant now, Duration period);

    // ---- state and changes ---------------------------------------------------------------------

    /** The current state of one data type in the account. */
    State state(AccountId account, DataType type);

    /**
     * What changed in one data type since {@code since}, at most {@code maxChanges} ids in all
     * (then {@code hasMoreChanges} is true and {@code newState} is an intermediate state).
     *
     * @throws CannotCalculateChangesException when {@code since} is ahead of the current state or
     *     older than the retained log
     */
    Changes changes(AccountId account, DataType type, State since, int maxChanges)
            throws CannotCalculateChangesException;

    /**
     * As {@link #changes} for {@link DataType#MAILBOX}, telling also whether only mailbox counts
     * changed in the range (RFC 8621 section 2.2 {@code updatedProperties}).
     */
    MailboxChanges mailboxChanges(AccountId account, State since, int maxChanges)
            throws CannotCalculateChangesException;

    /**
     * Registers a listener told about every later commit that changes a data type's state (see
     * {@link StateListener#changed}); closing the returned registration removes it. A listener that
     * throws is logged and stays registered.
     */
    AutoCloseable addStateListener(StateListener listener);

    /**
     * Drops change-log entries committed before {@code olderThan} (the retention setting), in all
     * accounts; a later {@link #changes} from a state older than what is kept throws
     * {@link CannotCalculateChangesException}. Returns how many entries were removed.
     */
    long trimChanges(Instant olderThan);

    // ---- push subscriptions (RFC 8620 section 7.2) -----------------------------------------

    /** The account's push subscriptions, expired ones included, in no particular order. */
    List<dev.mailkeep.store.model.PushSubscription> pushSubscriptions(AccountId account);

    /**
     * Stores a push subscription of the account, replacing the one with the same id, in one
     * durable commit; it moves no data type's state.
     *
     * @throws IllegalArgumentException when there is no such account
     */
    void putPushSubscription(AccountId account, dev.mailkeep.store.model.PushSubscription subscription);

    /** Removes a push subscription; false when the account has none with that id. */
    boolean deletePushSubscription(AccountId account, String id);

    /**
     * EmailSubmission/set update of undoStatus to canceled (RFC 8621 section 7.5): a submission
     * still pending whose sendAt is later than now (a delayed send, RFC 4865) has its queued
     * recipients canceled and is never handed to the sender; one released or final is
     * {@code CANNOT_UNSEND}. Logged as an EmailSubmission update.
     */
    SubmissionCancel cancelSubmission(AccountId account, SubmissionId id);

    @Override
    void close();

    // ---- app passwords and bearer tokens -------------------------------------------------------

    /**
     * The account and which of its passwords matched: the main password or one of its app
     * passwords. {@link #authenticate} accepts the same passwords.
     */
    Optional<dev.mailkeep.store.model.Login> login(String address, char[] password);

    /**
     * Creates an app password or a bearer token for the account; its secret is in the result and
     * nowhere else (only a hash is kept).
     *
     * @throws IllegalArgumentException when the label is empty, too long or taken, or the account
     *     has too many credentials of the kind
     * @throws java.util.NoSuchElementException when the account does not exist
     */
    dev.mailkeep.store.model.IssuedCredential issueCredential(AccountId account,
            dev.mailkeep.store.model.Credential.Kind kind, String label);

    /** The account's credentials of one kind, oldest first, without secrets. */
    List<dev.mailkeep.store.model.Credential> credentials(AccountId account, dev.mailkeep.store.model.Credential.Kind kind);

    /** Deletes the credential with this id or label; it stops working at once. Empty when there is none. */
    Optional<dev.mailkeep.store.model.Credential> revokeCredential(AccountId account,
            dev.mailkeep.store.model.Credential.Kind kind, String labelOrId);

    /** The account an unrevoked bearer token belongs to (RFC 6750); empty for any other string. */
    Optional<Account> authenticateBearer(String token);
}
