// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailImport;
import dev.mailkeep.store.ImportResult;
import dev.mailkeep.store.SetFailure;
import dev.mailkeep.store.SubmissionId;
import dev.mailkeep.store.model.Submission;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.EmailSort;
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
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Transaction;

/**
 * The embedded {@link MailStore}: records in one Xodus environment ({@code dataDir/store}, every
 * commit fsynced), message bytes as content-addressed files ({@code dataDir/blobs}). Writers take
 * Xodus's exclusive transaction one at a time; readers see a snapshot and never wait.
 */
public final class XodusMailStore implements MailStore {
    private final Environment env;
    private final Tables tables;
    private final Counters counters;
    private final ChangeLog changeLog;
    private final BlobStore blobs;
    private final PasswordHasher hasher = PasswordHasher.standard();
    private final Clock clock;
    private final SearchIndex index;
    private final IndexSync indexSync;
    /** Orders index updates like the commits they follow (Xodus already runs one writer at a time). */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ScheduledExecutorService committer;

    private XodusMailStore(Environment env, BlobStore blobs, SearchIndex index, Clock clock) {
        this.env = env;
        this.tables = Tables.open(env);
        this.counters = new Counters(tables.counters);
        this.changeLog = new ChangeLog(tables.changes, counters);
        this.blobs = blobs;
        this.clock = clock;
        this.index = index;
        this.indexSync = new IndexSync(env, tables, counters, changeLog, blobs, index);
        indexSync.catchUp();
        this.committer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mailkeep-index-commit").factory());
        committer.scheduleWithFixedDelay(this::commitIndex, 2, 2, TimeUnit.SECONDS);
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
        Environment env = StoreEnvironment.open(dataDir);
        SearchIndex index = null;
        try {
            index = SearchIndex.open(dataDir.resolve("index"));
            return new XodusMailStore(env, new BlobStore(dataDir.resolve("blobs")), index, clock);
        } catch (RuntimeException e) {
            if (index != null) {
                index.close();
            }
            env.close();
            throw e;
        }
    }

    // ---- accounts --------------------------------------------------------------------------

    @Override
    public Account createAccount(String address, char[] password) throws AccountExistsException {
        String hash = hasher.hash(password);
        try {
            return write(tx -> {
                try {
                    return Accounts.create(tx, address, hash, clock.millis()).toAccount();
                } catch (AccountExistsException e) {
                    throw new Rethrow(e);
                }
            });
        } catch (Rethrow e) {
            throw (AccountExistsException) e.getCause();
        }
    }

    @Override
    public boolean setPassword(String address, char[] password) {
        String hash = hasher.hash(password);
        return write(tx -> {
            AccountRow row = Accounts.byAddress(tx.txn, tables, address);
            if (row == null) {
                return false;
            }
            Accounts.put(tx, row.withHash(hash));
            return true;
        });
    }

    @Override
    public Optional<Account> findAccount(String address) {
        return Optional.ofNullable(read(txn -> Accounts.byAddress(txn, tables, address))).map(AccountRow::toAccount);
    }

    @Override
    public Optional<Account> account(AccountId id) {
        long num = Ids.decode(Ids.ACCOUNT, id.value());
        return Optional.ofNullable(read(txn -> Accounts.byNum(txn, tables, num))).map(AccountRow::toAccount);
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        AccountRow row = read(txn -> Accounts.byAddress(txn, tables, address));
        boolean match = hasher.verify(password, row == null ? null : row.passwordHash());
        return match && row != null ? Optional.of(row.toAccount()) : Optional.empty();
    }

    @Override
    public List<Account> accounts() {
        return read(txn -> Accounts.all(txn, tables)).stream().map(AccountRow::toAccount).toList();
    }

    // ---- mailboxes -------------------------------------------------------------------------

    @Override
    public List<Mailbox> mailboxes(AccountId account) {
        long num = accountNum(account);
        return read(txn -> Reads.mailboxes(txn, tables, num)).stream().map(MailboxRow::toMailbox).toList();
    }

    @Override
    public Optional<Mailbox> mailboxByRole(AccountId account, MailboxRole role) {
        long num = accountNum(account);
        return Optional.ofNullable(read(txn -> Reads.mailboxByRole(txn, tables, num, role))).map(MailboxRow::toMailbox);
    }

    @Override
    public MailboxSetResult setMailboxes(AccountId account, Map<String, MailboxSpec> create,
            Map<MailboxId, MailboxSpec> update, List<MailboxId> destroy, boolean onDestroyRemoveEmails) {
        long num = accountNum(account);
        if (account(account).isEmpty()) {
            throw new IllegalArgumentException("no such account: " + account);
        }
        writeLock.lock();
        try {
            List<Long> destroyedEmails = new ArrayList<>();
            MailboxSetResult result = write(tx -> {
                destroyedEmails.clear();
                return MailboxEdits.apply(tx, num, create, update, destroy, onDestroyRemoveEmails, destroyedEmails);
            });
            destroyedEmails.forEach(email -> index.delete(num, email));
            indexedUpTo(num);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    // ---- emails ----------------------------------------------------------------------------

    @Override
    public List<EmailId> deliver(List<Delivery> deliveries) {
        List<Delivering.Prepared> prepared = deliveries.stream()
                .map(d -> Delivering.prepare(d, blobs, clock.millis())).toList();
        writeLock.lock();
        try {
            List<EmailId> ids = write(tx -> Delivering.commit(tx, prepared));
            for (int i = 0; i < ids.size(); i++) {
                Delivering.Prepared p = prepared.get(i);
                index.add(accountNum(p.delivery().account()), Ids.decode(Ids.EMAIL, ids.get(i).value()), p.receivedAt(),
                        p.delivery().message().length, p.parsed());
            }
            prepared.stream().map(p -> accountNum(p.delivery().account())).distinct().forEach(this::indexedUpTo);
            return ids;
        } finally {
            writeLock.unlock();
        }
    }

    /** Records that the index holds every Email change of the account committed so far. */
    private void indexedUpTo(long account) {
        index.setPosition(account, read(txn -> counters.get(txn, account, Counters.modseq(DataType.EMAIL))));
    }

    private void commitIndex() {
        writeLock.lock();
        try {
            index.commit();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public QueryResult searchEmails(AccountId account, EmailSearch search) {
        if (isMailboxListing(search)) {
            EmailFilter.Condition c = (EmailFilter.Condition) search.filter();
            return queryEmails(account, new EmailQuery(c == null ? null : c.inMailbox(),
                    search.sort().getFirst().ascending(), search.position(), search.limit()));
        }
        long num = accountNum(account);
        return read(txn -> {
            State state = new State(counters.get(txn, num, Counters.modseq(DataType.EMAIL)));
            SearchIndex.Hits hits = index.search(num, search.filter(), search.sort(), search.position(), search.limit(),
                    new MutableFilter(txn, tables, num));
            List<EmailId> ids = hits.emails().stream().map(e -> new EmailId(Ids.encode(Ids.EMAIL, e))).toList();
            return new QueryResult(ids, search.position(), hits.total(), state);
        });
    }

    /** A query the mailbox index answers alone: at most an inMailbox condition, sorted by receivedAt. */
    private static boolean isMailboxListing(EmailSearch search) {
        boolean byReceived = search.sort().size() == 1
                && search.sort().getFirst().property() == EmailSort.Property.RECEIVED_AT;
        return byReceived && (search.filter() == null || (search.filter() instanceof EmailFilter.Condition c
                && c.equals(EmailFilter.Condition.any().withInMailbox(c.inMailbox()))));
    }

    @Override
    public long rebuildSearchIndex() {
        writeLock.lock();
        try {
            return indexSync.rebuild();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Map<EmailId, EmailRecord> emails(AccountId account, Collection<EmailId> ids) {
        long num = accountNum(account);
        return read(txn -> {
            Map<EmailId, EmailRecord> found = new LinkedHashMap<>();
            for (EmailId id : ids) {
                EmailRow row = Reads.email(txn, tables, num, Ids.decode(Ids.EMAIL, id.value()));
                if (row != null) {
                    found.put(id, row.toRecord());
                }
            }
            return found;
        });
    }

    @Override
    public QueryResult queryEmails(AccountId account, EmailQuery query) {
        long num = accountNum(account);
        return read(txn -> Reads.query(txn, tables, counters, num, query));
    }

    @Override
    public EmailSetResult updateEmails(AccountId account, Map<EmailId, EmailUpdate> updates) {
        long num = accountNum(account);
        writeLock.lock();
        try {
            EmailSetResult result = write(tx -> EmailChanges.update(tx, num, updates));
            indexedUpTo(num);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public EmailSetResult destroyEmails(AccountId account, Collection<EmailId> ids) {
        long num = accountNum(account);
        writeLock.lock();
        try {
            EmailSetResult result = write(tx -> EmailChanges.destroy(tx, num, ids));
            result.succeeded().forEach(id -> index.delete(num, Ids.decode(Ids.EMAIL, id.value())));
            indexedUpTo(num);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Map<ThreadId, List<EmailId>> threads(AccountId account, Collection<ThreadId> ids) {
        long num = accountNum(account);
        return read(txn -> {
            Map<ThreadId, List<EmailId>> found = new LinkedHashMap<>();
            for (ThreadId id : ids) {
                long thread = Ids.decode(Ids.THREAD, id.value());
                var value = thread <= 0 ? null : tables.threads.get(txn, Key.of(num).u64(thread).build());
                if (value != null) {
                    found.put(id, ThreadRow.decode(thread, value).emails().stream()
                            .map(e -> new EmailId(Ids.encode(Ids.EMAIL, e[1]))).toList());
                }
            }
            return found;
        });
    }

    // ---- blobs -----------------------------------------------------------------------------

    @Override
    public Optional<InputStream> openBlob(AccountId account, BlobId blob) {
        long num = accountNum(account);
        boolean accessible = read(txn -> Blobs.accessible(txn, tables, num, blob.value()));
        return accessible ? blobs.open(blob.value()) : Optional.empty();
    }

    @Override
    public BlobId uploadBlob(AccountId account, byte[] data) {
        long num = accountNum(account);
        if (account(account).isEmpty()) {
            throw new IllegalArgumentException("no such account: " + account);
        }
        String hex = blobs.put(data);
        write(tx -> {
            Blobs.upload(tx, num, hex);
            return null;
        });
        return new BlobId(hex);
    }

    @Override
    public ImportResult importEmails(AccountId account, Map<String, EmailImport> imports) {
        long num = accountNum(account);
        Map<String, Importing.Prepared> prepared = Importing.prepare(imports, blobs);
        Map<String, EmailId> created = new LinkedHashMap<>();
        Map<String, Importing.Filed> filed = new LinkedHashMap<>();
        Map<String, SetFailure> notCreated = new LinkedHashMap<>();
        writeLock.lock();
        try {
            write(tx -> {
                created.clear();
                filed.clear();
                notCreated.clear();
                Importing.commit(tx, num, prepared, created, filed, notCreated);
                return null;
            });
            filed.values().forEach(f -> index.add(num, f.email(), f.receivedAt(), f.size(), f.parsed()));
            indexedUpTo(num);
        } finally {
            writeLock.unlock();
        }
        return new ImportResult(created, notCreated);
    }

    @Override
    public long sweepBlobs(Instant uploadsBefore, Duration grace) {
        write(tx -> Blobs.expireUploads(tx, uploadsBefore.toEpochMilli()));
        // file times are wall-clock times, whatever clock stamps the records
        return blobs.sweep(Instant.now().minus(grace), hex -> read(txn -> Blobs.referenced(txn, tables, hex)));
    }

    // ---- submissions -----------------------------------------------------------------------

    @Override
    public Optional<Submission> submit(AccountId account, EmailId email, String identityId, String mailFrom,
            List<String> rcptTo, Instant sendAt) {
        long num = accountNum(account);
        return Optional.ofNullable(write(tx -> {
            EmailRow row = Reads.email(tx.txn, tables, num, Ids.decode(Ids.EMAIL, email.value()));
            return row == null ? null : Submissions.create(tx, num, row, identityId, mailFrom, rcptTo,
                    sendAt == null ? Instant.ofEpochMilli(tx.now) : sendAt);
        }));
    }

    @Override
    public List<Submission> dueSubmissions(Instant now, int limit) {
        return read(txn -> Submissions.due(txn, tables, now, limit));
    }

    @Override
    public Optional<Submission> recordAttempt(AccountId account, SubmissionId id, List<Submission.Recipient> results,
            Instant nextAttempt) {
        long num = accountNum(account);
        return Optional.ofNullable(write(tx -> Submissions.recordAttempt(tx, num,
                Ids.decode(Ids.SUBMISSION, id.value()), results, nextAttempt)));
    }

    @Override
    public Map<SubmissionId, Submission> submissions(AccountId account, Collection<SubmissionId> ids) {
        long num = accountNum(account);
        return read(txn -> {
            Map<SubmissionId, Submission> found = new LinkedHashMap<>();
            for (SubmissionId id : ids) {
                Submission s = Submissions.get(txn, tables, num, Ids.decode(Ids.SUBMISSION, id.value()));
                if (s != null) {
                    found.put(id, s);
                }
            }
            return found;
        });
    }

    @Override
    public List<SubmissionId> submissionIds(AccountId account) {
        long num = accountNum(account);
        return read(txn -> Submissions.ids(txn, tables, num));
    }

    // ---- state and changes -----------------------------------------------------------------

    @Override
    public State state(AccountId account, DataType type) {
        long num = accountNum(account);
        return new State(read(txn -> counters.get(txn, num, Counters.modseq(type))));
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
    public long trimChanges(Instant olderThan) {
        return write(tx -> changeLog.trim(tx.txn, olderThan.toEpochMilli()));
    }

    private MailboxChanges readChanges(AccountId account, DataType type, State since, int maxChanges)
            throws CannotCalculateChangesException {
        long num = accountNum(account);
        try {
            return read(txn -> {
                try {
                    return changeLog.read(txn, num, type, since, maxChanges);
                } catch (CannotCalculateChangesException e) {
                    throw new Rethrow(e);
                }
            });
        } catch (Rethrow e) {
            throw (CannotCalculateChangesException) e.getCause();
        }
    }

    @Override
    public void close() {
        committer.shutdownNow();
        writeLock.lock();
        try {
            index.close();
        } finally {
            writeLock.unlock();
            env.close();
        }
    }

    // ---- plumbing --------------------------------------------------------------------------

    /** The account number for an id; -1 (which matches nothing) for a malformed or unknown id. */
    private static long accountNum(AccountId account) {
        return Ids.decode(Ids.ACCOUNT, account.value());
    }

    private <T> T read(Function<Transaction, T> body) {
        return env.computeInReadonlyTransaction(body::apply);
    }

    private <T> T write(Function<Tx, T> body) {
        return env.computeInExclusiveTransaction(txn -> {
            Tx tx = new Tx(txn, tables, counters, changeLog, clock.millis());
            T result = body.apply(tx);
            tx.finish();
            return result;
        });
    }

    /** Carries a checked exception out of a Xodus transaction lambda (the transaction aborts). */
    private static final class Rethrow extends RuntimeException {
        Rethrow(Exception cause) {
            super(cause);
        }
    }
}
