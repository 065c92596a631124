// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.testing;

import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.State;
import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory MailStore for the parts SMTP uses: accounts, passwords and deliver(). It records
 * every deliver() call as one batch, and can be told to fail the next one.
 */
public final class FakeMailStore implements MailStore {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, char[]> passwords = new ConcurrentHashMap<>();
    private final List<List<Delivery>> batches = new CopyOnWriteArrayList<>();
    private volatile boolean failDeliveries;

    /** Every deliver() call, in order, each with its deliveries. */
    public List<List<Delivery>> batches() {
        return batches;
    }

    public void failDeliveries(boolean fail) {
        failDeliveries = fail;
    }

    @Override
    public Account createAccount(String address, char[] password) throws AccountExistsException {
        String key = address.toLowerCase(Locale.ROOT);
        Account account = new Account(new AccountId("a" + accounts.size()), key, Instant.now());
        if (accounts.putIfAbsent(key, account) != null) {
            throw new AccountExistsException(address);
        }
        passwords.put(key, password.clone());
        return account;
    }

    @Override
    public boolean setPassword(String address, char[] password) {
        return passwords.replace(address.toLowerCase(Locale.ROOT), password.clone()) != null;
    }

    @Override
    public Optional<Account> findAccount(String address) {
        return Optional.ofNullable(accounts.get(address.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Account> account(AccountId id) {
        return accounts.values().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        char[] expected = passwords.get(address.toLowerCase(Locale.ROOT));
        return expected != null && Arrays.equals(expected, password) ? findAccount(address) : Optional.empty();
    }

    @Override
    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    @Override
    public List<Mailbox> mailboxes(AccountId account) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Mailbox> mailboxByRole(AccountId account, MailboxRole role) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<EmailId> deliver(List<Delivery> deliveries) {
        if (failDeliveries) {
            throw new StoreException("disk full (simulated)");
        }
        batches.add(List.copyOf(deliveries));
        List<EmailId> ids = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            ids.add(new EmailId("e" + batches.size() + "_" + i));
        }
        return ids;
    }

    @Override
    public Map<EmailId, EmailRecord> emails(AccountId account, Collection<EmailId> ids) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResult queryEmails(AccountId account, EmailQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<InputStream> openBlob(AccountId account, BlobId blob) {
        throw new UnsupportedOperationException();
    }

    @Override
    public State state(AccountId account, DataType type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Changes changes(AccountId account, DataType type, State since, int maxChanges) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
