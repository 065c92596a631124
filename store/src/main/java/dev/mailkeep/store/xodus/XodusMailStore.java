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
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.EmailSetResult;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.ThreadId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxChanges;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.State;
import dev.mailkeep.store.account.PasswordHasher;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private XodusMailStore(Environment env, BlobStore blobs, Clock clock) {
        this.env = env;
        this.tables = Tables.open(env);
        this.counters = new Counters(tables.counters);
        this.changeLog = new ChangeLog(tables.changes, counters);
        this.blobs = blobs;
        this.clock = clock;
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
        try {
            return new XodusMailStore(env, new BlobStore(dataDir.resolve("blobs")), clock);
        } catch (RuntimeException e) {
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

    // ---- emails ----------------------------------------------------------------------------

    @Override
    public List<EmailId> deliver(List<Delivery> deliveries) {
        List<Delivering.Prepared> prepared = deliveries.stream()
                .map(d -> Delivering.prepare(d, blobs, clock.millis())).toList();
        return write(tx -> Delivering.commit(tx, prepared));
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
        return write(tx -> EmailChanges.update(tx, num, updates));
    }

    @Override
    public EmailSetResult destroyEmails(AccountId account, Collection<EmailId> ids) {
        long num = accountNum(account);
        return write(tx -> EmailChanges.destroy(tx, num, ids));
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
        boolean referenced = read(txn -> tables.blobRefs.get(txn, Delivering.blobKey(num, blob.value())) != null);
        return referenced ? blobs.open(blob.value()) : Optional.empty();
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
        env.close();
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
