// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.BlobParse;
import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailCopy;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailImport;
import dev.mailkeep.store.IdentityId;
import dev.mailkeep.store.IdentitySetResult;
import dev.mailkeep.store.IdentitySpec;
import dev.mailkeep.store.ImportResult;
import dev.mailkeep.store.model.Identity;
import dev.mailkeep.store.model.VacationResponse;
import dev.mailkeep.store.SetFailure;
import dev.mailkeep.store.SubmissionCancel;
import dev.mailkeep.store.SubmissionId;
import dev.mailkeep.store.model.Submission;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.EmailSetResult;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.ThreadId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxChanges;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxSetResult;
import dev.mailkeep.store.MailboxSpec;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.State;
import dev.mailkeep.store.account.PasswordHasher;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.index.SearchIndex;
import dev.mailkeep.store.index.Snippets;
import dev.mailkeep.store.mime.MessageParser;
import dev.mailkeep.store.mime.BodyStructure;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import dev.mailkeep.store.model.Snippet;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The embedded {@link MailStore}: records in one Xodus environment ({@code dataDir/store}, every
 * commit fsynced), message bytes as content-addressed files ({@code dataDir/blobs}). Writers take
 * Xodus's exclusive transaction one at a time; readers see a snapshot and never wait.
 */
public final class XodusMailStore implements MailStore {
    private final Db db;
    private final BlobStore blobs;
    private final SearchSide search;
    private final PasswordHasher hasher = PasswordHasher.standard();
    private final Credentials credentials;
    private final PushSubscriptionRows pushSubscriptions;

    private XodusMailStore(Db db, BlobStore blobs, SearchIndex index) {
        this.db = db;
        this.blobs = blobs;
        this.search = new SearchSide(db, blobs, index);
        this.credentials = new Credentials(db, hasher);
        this.pushSubscriptions = new PushSubscriptionRows(db.env);
    }

    /**
     * Opens (creating if needed) the store in a data folder.
     *
     * @throws dev.mailkeep.store.StoreLockedException when another process holds the folder
     */
    public static XodusMailStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps receivedAt and account creation. */
    public static XodusMailStore open(Path dataDir, Clock clock) {
        Db db = new Db(StoreEnvironment.open(dataDir), clock);
        SearchIndex index = null;
        try {
            index = SearchIndex.open(dataDir.resolve("index"));
            return new XodusMailStore(db, new BlobStore(dataDir.resolve("blobs")), index);
        } catch (RuntimeException e) {
            if (index != null) {
                index.close();
            }
            db.close();
            throw e;
        }
    }

    // ---- accounts --------------------------------------------------------------------------

    @Override
    public Account createAccount(String address, char[] password) throws AccountExistsException {
        String hash = hasher.hash(password);
        return db.<Account, AccountExistsException>writeOrThrow(
                tx -> Accounts.create(tx, address, hash, tx.now).toAccount());
    }

    @Override
    public boolean setPassword(String address, char[] password) {
        String hash = hasher.hash(password);
        return db.write(tx -> {
            AccountRow row = Accounts.byAddress(tx.txn, db.tables, address);
            if (row == null) {
                return false;
            }
            Accounts.put(tx, row.withHash(hash));
            return true;
        });
    }

    @Override
    public Optional<Account> findAccount(String address) {
        return Optional.ofNullable(db.read(txn -> Accounts.byAddress(txn, db.tables, address))).map(AccountRow::toAccount);
    }

    @Override
    public Optional<Account> account(AccountId id) {
        long num = Ids.decode(Ids.ACCOUNT, id.value());
        return Optional.ofNullable(db.read(txn -> Accounts.byNum(txn, db.tables, num))).map(AccountRow::toAccount);
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        return credentials.login(address, password).map(dev.mailkeep.store.model.Login::account);
    }

    @Override
    public List<Account> accounts() {
        return db.read(txn -> Accounts.all(txn, db.tables)).stream().map(AccountRow::toAccount).toList();
    }

    // ---- mailboxes -------------------------------------------------------------------------

    @Override
    public List<Mailbox> mailboxes(AccountId account) {
        long num = accountNum(account);
        return db.read(txn -> Reads.mailboxes(txn, db.tables, num)).stream().map(MailboxRow::toMailbox).toList();
    }

    @Override
    public Optional<Mailbox> mailboxByRole(AccountId account, MailboxRole role) {
        long num = accountNum(account);
        return Optional.ofNullable(db.read(txn -> Reads.mailboxByRole(txn, db.tables, num, role))).map(MailboxRow::toMailbox);
    }

    @Override
    public MailboxSetResult setMailboxes(AccountId account, Map<String, MailboxSpec> create,
            Map<MailboxId, MailboxSpec> update, List<MailboxId> destroy, boolean onDestroyRemoveEmails) {
        long num = accountNum(account);
        if (account(account).isEmpty()) {
            throw new IllegalArgumentException("no such account: " + account);
        }
        return search.locked(() -> {
            List<Long> destroyedEmails = new ArrayList<>();
            MailboxSetResult result = db.write(tx -> {
                destroyedEmails.clear();
                return MailboxEdits.apply(tx, num, create, update, destroy, onDestroyRemoveEmails, destroyedEmails);
            });
            search.deleted(num, destroyedEmails);
            return result;
        });
    }

    // ---- emails ----------------------------------------------------------------------------

    @Override
    public List<EmailId> deliver(List<Delivery> deliveries) {
        return deliver(deliveries, tx -> true);
    }

    @Override
    public Optional<Submission> deliverSubmission(AccountId account, SubmissionId id, List<Delivery> copies,
            List<Submission.Recipient> results, Instant nextAttempt) {
        long num = accountNum(account);
        long submission = Ids.decode(Ids.SUBMISSION, id.value());
        Submission[] recorded = new Submission[1];
        deliver(copies, tx -> {
            Submission before = Submissions.get(tx.txn, tx.tables, num, submission);
            if (before == null || before.isCanceled()) {
                recorded[0] = null;
                return false;
            }
            recorded[0] = Submissions.recordAttempt(tx, num, submission, results, nextAttempt);
            return true;
        });
        return Optional.ofNullable(recorded[0]);
    }

    /**
     * Stores the deliveries in one transaction whose first step is {@code first}: when it answers
     * false, nothing is delivered (the transaction still commits what {@code first} wrote).
     */
    private List<EmailId> deliver(List<Delivery> deliveries, java.util.function.Predicate<Tx> first) {
        List<Delivering.Prepared> prepared = Delivering.prepareAll(deliveries, blobs, db.clock.millis());
        return search.locked(() -> {
            List<Tx.Renumbered> moves = new ArrayList<>();
            List<EmailId> ids = db.write(tx -> {
                moves.clear();
                if (!first.test(tx)) {
                    return List.<EmailId>of();
                }
                List<EmailId> filed = Delivering.commit(tx, prepared);
                prepared.forEach(p -> tx.delivered(accountNum(p.delivery().account())));
                moves.addAll(tx.renumbered());
                return filed;
            });
            Set<Long> indexed = new HashSet<>();
            List<SearchIndex.Pending> pending = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Delivering.Prepared p = prepared.get(i);
                long email = Ids.decode(Ids.EMAIL, ids.get(i).value());
                pending.add(new SearchIndex.Pending(accountNum(p.delivery().account()), email, p.receivedAt(),
                        p.delivery().message().length, p.parsed()));
                indexed.add(email);
            }
            search.indexed(prepared.stream().map(p -> accountNum(p.delivery().account())).distinct().toList(),
                    pending, search.renumbered(moves, indexed));
            return ids;
        });
    }

    @Override
    public Map<BlobId, List<EmailId>> emailsOfBlobs(AccountId account, Collection<BlobId> messageBlobs) {
        long num = accountNum(account);
        return db.read(txn -> {
            Map<BlobId, List<EmailId>> found = new LinkedHashMap<>();
            for (BlobId blob : messageBlobs) {
                found.put(blob, BlobEmails.emails(txn, db.tables, num, blob.value()).stream()
                        .map(email -> new EmailId(Ids.encode(Ids.EMAIL, email))).toList());
            }
            return found;
        });
    }

    @Override
    public dev.mailkeep.store.ListingPositions listingPositions(AccountId account, MailboxId mailbox, boolean ascending,
            Collection<EmailId> ids) {
        long num = accountNum(account);
        return db.read(txn -> {
            State state = new State(db.counters.get(txn, num, Counters.modseq(DataType.EMAIL)));
            long box = Membership.ALL;
            long total;
            if (mailbox != null) {
                box = Ids.decode(Ids.MAILBOX, mailbox.value());
                MailboxRow row = Reads.mailbox(txn, db.tables, num, box);
                if (row == null) {
                    return new dev.mailkeep.store.ListingPositions(Map.of(), 0, state);
                }
                total = row.totalEmails;
            } else {
                total = db.counters.get(txn, num, Counters.EMAIL_TOTAL);
            }
            Map<EmailId, Long> positions = new LinkedHashMap<>();
            for (EmailId id : ids) {
                EmailRow email = Reads.email(txn, db.tables, num, Ids.decode(Ids.EMAIL, id.value()));
                if (email == null || (box != Membership.ALL && !email.mailboxes().contains(box))) {
                    continue;
                }
                long newer = ListingCounts.newerThan(txn, db.tables, num, box, email.receivedAtMillis(), email.num());
                positions.put(id, ascending ? total - 1 - newer : newer);
            }
            return new dev.mailkeep.store.ListingPositions(positions, total, state);
        });
    }

    @Override
    public QueryResult searchEmails(AccountId account, EmailSearch query) {
        return search.search(accountNum(account), query);
    }

    @Override
    public Map<EmailId, Snippet> snippets(AccountId account, EmailFilter filter, Collection<EmailId> ids) {
        Snippets snippets = new Snippets(filter);
        Map<EmailId, Snippet> found = new LinkedHashMap<>();
        emails(account, ids).forEach((id, email) -> blobs.read(email.blobId().value()).ifPresent(bytes ->
                found.put(id, snippets.of(email.summary().subject(), MessageParser.parseFull(bytes).bodyText()))));
        return found;
    }

    @Override
    public long rebuildSearchIndex() {
        return search.rebuild();
    }

    @Override
    public Map<EmailId, EmailRecord> emails(AccountId account, Collection<EmailId> ids) {
        long num = accountNum(account);
        return db.read(txn -> Reads.emails(txn, db.tables, num, ids));
    }

    @Override
    public QueryResult queryEmails(AccountId account, EmailQuery query) {
        long num = accountNum(account);
        return db.read(txn -> Reads.query(txn, db.tables, db.counters, num, query));
    }

    @Override
    public EmailSetResult updateEmails(AccountId account, Map<EmailId, EmailUpdate> updates) {
        long num = accountNum(account);
        return search.locked(() -> {
            EmailSetResult result = db.write(tx -> EmailChanges.update(tx, num, updates));
            search.deleted(num, List.of());
            return result;
        });
    }

    @Override
    public EmailSetResult destroyEmails(AccountId account, Collection<EmailId> ids) {
        long num = accountNum(account);
        return search.locked(() -> {
            EmailSetResult result = db.write(tx -> EmailChanges.destroy(tx, num, ids));
            search.deleted(num, result.succeeded().stream().map(id -> Ids.decode(Ids.EMAIL, id.value())).toList());
            return result;
        });
    }

    @Override
    public Map<ThreadId, List<EmailId>> threads(AccountId account, Collection<ThreadId> ids) {
        long num = accountNum(account);
        return db.read(txn -> Reads.threads(txn, db.tables, num, ids));
    }

    // ---- blobs -----------------------------------------------------------------------------

    @Override
    public Optional<InputStream> openBlob(AccountId account, BlobId blob) {
        long num = accountNum(account);
        String value = blob.value();
        int part = value.indexOf('_');
        String whole = part < 0 ? value : value.substring(0, part);
        if (!db.read(txn -> Blobs.accessible(txn, db.tables, num, whole))) {
            return Optional.empty();
        }
        if (part < 0) {
            return blobs.open(whole);
        }
        Optional<byte[]> bytes = blobs.read(whole);
        for (String partId : value.substring(part + 1).split("_")) {
            // a part of a message held in a part (a parsed message/rfc822 attachment)
            bytes = bytes.flatMap(b -> BodyStructure.partBytes(b, partId));
        }
        return bytes.map(ByteArrayInputStream::new);
    }

    @Override
    public Optional<EmailBody> emailBody(AccountId account, EmailId email) {
        long num = accountNum(account);
        EmailRow row = db.read(txn -> Reads.email(txn, db.tables, num, Ids.decode(Ids.EMAIL, email.value())));
        return row == null ? Optional.empty() : blobs.read(row.blob()).map(bytes -> BodyStructure.of(row.blob(), bytes));
    }

    @Override
    public BlobParse parseBlob(AccountId account, BlobId blob) {
        return Parsing.parse(blob, openBlob(account, blob));
    }


    @Override
    public BlobId uploadBlob(AccountId account, byte[] data) {
        long num = accountNum(account);
        if (account(account).isEmpty()) {
            throw new IllegalArgumentException("no such account: " + account);
        }
        String hex = blobs.put(data);
        db.write(tx -> {
            Blobs.upload(tx, num, hex);
            return null;
        });
        return new BlobId(hex);
    }

    @Override
    public ImportResult importEmails(AccountId account, Map<String, EmailImport> imports) {
        return file(accountNum(account), Importing.prepare(imports, blobs), null);
    }

    @Override
    public ImportResult copyEmails(AccountId from, AccountId to, Map<String, EmailCopy> copies) {
        long source = accountNum(from);
        Map<EmailId, EmailRecord> originals = emails(from, copies.values().stream().map(EmailCopy::id).toList());
        Map<String, Importing.Prepared> prepared = Copying.prepare(copies, originals, blobs);
        ImportResult filed = file(accountNum(to), prepared, tx -> (creationId, p) ->
                Copying.originalExists(tx, source, copies.get(creationId)));
        Map<String, SetFailure> notCreated = new LinkedHashMap<>(filed.notCreated());
        copies.forEach((creationId, copy) -> {
            if (!prepared.containsKey(creationId) || notCreated.get(creationId) != null
                    && notCreated.get(creationId).type() == SetFailure.Type.NOT_FOUND) {
                notCreated.put(creationId, new SetFailure(SetFailure.Type.NOT_FOUND, "no email " + copy.id()));
            }
        });
        return new ImportResult(filed.created(), notCreated);
    }

    /**
     * Files parsed imports in one transaction and indexes them; {@code readable} decides in the
     * transaction whether the account may use each blob (null: it referenced or uploaded it).
     */
    private ImportResult file(long num, Map<String, Importing.Prepared> prepared,
            Function<Tx, BiPredicate<String, Importing.Prepared>> readable) {
        Map<String, EmailId> created = new LinkedHashMap<>();
        Map<String, Importing.Filed> filed = new LinkedHashMap<>();
        Map<String, SetFailure> notCreated = new LinkedHashMap<>();
        return search.locked(() -> {
            List<Tx.Renumbered> moves = new ArrayList<>();
            db.write(tx -> {
                created.clear();
                filed.clear();
                notCreated.clear();
                moves.clear();
                if (readable == null) {
                    Importing.commit(tx, num, prepared, created, filed, notCreated);
                } else {
                    Importing.commit(tx, num, prepared, created, filed, notCreated, readable.apply(tx));
                }
                moves.addAll(tx.renumbered());
                return null;
            });
            Set<Long> indexed = new HashSet<>();
            List<SearchIndex.Pending> pending = new ArrayList<>();
            filed.values().forEach(f -> {
                pending.add(new SearchIndex.Pending(num, f.email(), f.receivedAt(), f.size(), f.parsed()));
                indexed.add(f.email());
            });
            search.indexed(List.of(num), pending, search.renumbered(moves, indexed));
            return new ImportResult(created, notCreated);
        });
    }

    @Override
    public long sweepBlobs(Instant uploadsBefore, Duration grace) {
        db.write(tx -> Blobs.expireUploads(tx, uploadsBefore.toEpochMilli()));
        // file times are wall-clock times, whatever clock stamps the records
        return blobs.sweep(Instant.now().minus(grace), hex -> db.read(txn -> Blobs.referenced(txn, db.tables, hex)));
    }

    // ---- submissions -----------------------------------------------------------------------

    @Override
    public Optional<Submission> submit(AccountId account, EmailId email, String identityId, String mailFrom,
            List<String> rcptTo, Instant sendAt) {
        long num = accountNum(account);
        return Optional.ofNullable(db.write(tx -> {
            EmailRow row = Reads.email(tx.txn, db.tables, num, Ids.decode(Ids.EMAIL, email.value()));
            return row == null ? null : Submissions.create(tx, num, row, identityId, mailFrom, rcptTo,
                    sendAt == null ? Instant.ofEpochMilli(tx.now) : sendAt);
        }));
    }

    @Override
    public List<Submission> dueSubmissions(Instant now, int limit) {
        return db.read(txn -> Submissions.due(txn, db.tables, now, limit));
    }

    @Override
    public Optional<Submission> recordAttempt(AccountId account, SubmissionId id, List<Submission.Recipient> results,
            Instant nextAttempt) {
        long num = accountNum(account);
        return Optional.ofNullable(db.write(tx -> Submissions.recordAttempt(tx, num,
                Ids.decode(Ids.SUBMISSION, id.value()), results, nextAttempt)));
    }

    @Override
    public Map<SubmissionId, Submission> submissions(AccountId account, Collection<SubmissionId> ids) {
        long num = accountNum(account);
        return db.read(txn -> Submissions.byIds(txn, db.tables, num, ids));
    }

    @Override
    public List<SubmissionId> submissionIds(AccountId account) {
        long num = accountNum(account);
        return db.read(txn -> Submissions.ids(txn, db.tables, num));
    }

    // ---- identities and vacation response --------------------------------------------------

    @Override
    public List<Identity> identities(AccountId account) {
        long num = accountNum(account);
        return db.read(txn -> Identities.all(txn, db.tables, num));
    }

    @Override
    public IdentitySetResult setIdentities(AccountId account, Map<String, IdentitySpec> create,
            Map<IdentityId, IdentitySpec> update, List<IdentityId> destroy) {
        long num = accountNum(account);
        return db.write(tx -> {
            AccountRow row = Accounts.byNum(tx.txn, db.tables, num);
            if (row == null) {
                throw new IllegalArgumentException("no such account: " + account);
            }
            return Identities.apply(tx, row, create, update, destroy);
        });
    }

    @Override
    public VacationResponse vacationResponse(AccountId account) {
        long num = accountNum(account);
        return db.read(txn -> Identities.vacation(txn, db.tables, num));
    }

    @Override
    public void setVacationResponse(AccountId account, VacationResponse response) {
        long num = accountNum(account);
        db.write(tx -> {
            if (Accounts.byNum(tx.txn, db.tables, num) == null) {
                throw new IllegalArgumentException("no such account: " + account);
            }
            Identities.setVacation(tx, num, response);
            return null;
        });
    }

    @Override
    public boolean claimVacationReply(AccountId account, String sender, Instant now, Duration period) {
        long num = accountNum(account);
        return db.write(tx -> Accounts.byNum(tx.txn, db.tables, num) != null
                && Identities.claimReply(tx, num, sender, now, period));
    }

    // ---- state and changes -----------------------------------------------------------------

    @Override
    public State state(AccountId account, DataType type) {
        long num = accountNum(account);
        return new State(db.read(txn -> db.counters.get(txn, num, Counters.modseq(type))));
    }

    @Override
    public Changes changes(AccountId account, DataType type, State since, int maxChanges)
            throws CannotCalculateChangesException {
        return readChanges(account, type, since, maxChanges).changes();
    }

    @Override
    public MailboxChanges mailboxChanges(AccountId account, State since, int maxChanges)
            throws CannotCalculateChangesException {
        return readChanges(account, DataType.MAILBOX, since, maxChanges);
    }

    @Override
    public AutoCloseable addStateListener(dev.mailkeep.store.StateListener listener) {
        return db.stateListeners.add(listener);
    }

    @Override
    public long trimChanges(Instant olderThan) {
        return db.write(tx -> db.changeLog.trim(tx.txn, olderThan.toEpochMilli()));
    }

    private MailboxChanges readChanges(AccountId account, DataType type, State since, int maxChanges)
            throws CannotCalculateChangesException {
        long num = accountNum(account);
        return db.<MailboxChanges, CannotCalculateChangesException>readOrThrow(
                txn -> db.changeLog.read(txn, num, type, since, maxChanges));
    }

    @Override
    public void close() {
        try {
            search.close();
        } finally {
            db.close();
        }
    }

    @Override
    public SubmissionCancel cancelSubmission(AccountId account, SubmissionId id) {
        long num = accountNum(account);
        return db.write(tx -> SubmissionCanceling.cancel(tx, num, Ids.decode(Ids.SUBMISSION, id.value())));
    }

    @Override
    public Map<SubmissionId, dev.mailkeep.store.SubmissionDestroy> destroySubmissions(AccountId account,
            List<SubmissionId> ids) {
        long num = accountNum(account);
        return db.write(tx -> {
            Map<SubmissionId, dev.mailkeep.store.SubmissionDestroy> outcomes = new LinkedHashMap<>();
            for (SubmissionId id : ids) {
                outcomes.put(id, SubmissionCanceling.destroy(tx, num, Ids.decode(Ids.SUBMISSION, id.value())));
            }
            return outcomes;
        });
    }

    // ---- plumbing --------------------------------------------------------------------------

    /** The account number for an id; -1 (which matches nothing) for a malformed or unknown id. */
    private static long accountNum(AccountId account) {
        return Ids.decode(Ids.ACCOUNT, account.value());
    }

    // ---- app passwords and bearer tokens (Credentials) --------------------------------------

    @Override
    public Optional<dev.mailkeep.store.model.Login> login(String address, char[] password) {
        return credentials.login(address, password);
    }

    @Override
    public dev.mailkeep.store.model.IssuedCredential issueCredential(AccountId account,
            dev.mailkeep.store.model.Credential.Kind kind, String label) {
        return credentials.issue(accountNum(account), kind, label);
    }

    @Override
    public List<dev.mailkeep.store.model.Credential> credentials(AccountId account,
            dev.mailkeep.store.model.Credential.Kind kind) {
        return credentials.list(accountNum(account), kind);
    }

    @Override
    public Optional<dev.mailkeep.store.model.Credential> revokeCredential(AccountId account,
            dev.mailkeep.store.model.Credential.Kind kind, String labelOrId) {
        return credentials.revoke(accountNum(account), kind, labelOrId);
    }

    @Override
    public Optional<Account> authenticateBearer(String token) {
        return credentials.bearer(token).map(AccountRow::toAccount);
    }

    // ---- push subscriptions ----------------------------------------------------------------

    @Override
    public List<dev.mailkeep.store.model.PushSubscription> pushSubscriptions(AccountId account) {
        return pushSubscriptions.all(accountNum(account));
    }

    @Override
    public void putPushSubscription(AccountId account, dev.mailkeep.store.model.PushSubscription subscription) {
        if (account(account).isEmpty()) {
            throw new IllegalArgumentException("no such account: " + account);
        }
        pushSubscriptions.put(accountNum(account), subscription);
    }

    @Override
    public boolean deletePushSubscription(AccountId account, String id) {
        return pushSubscriptions.delete(accountNum(account), id);
    }
}
