// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import java.io.InputStream;
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
     * mailboxes, one per {@link MailboxRole}, in one transaction.
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

    /** The bytes of a blob that the account references; empty when it does not reference it. */
    Optional<InputStream> openBlob(AccountId account, BlobId blob);

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
     * Drops change-log entries committed before {@code olderThan} (the retention setting), in all
     * accounts; a later {@link #changes} from a state older than what is kept throws
     * {@link CannotCalculateChangesException}. Returns how many entries were removed.
     */
    long trimChanges(java.time.Instant olderThan);

    @Override
    void close();
}
