// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.testing;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real Xodus store in a test folder, seen through a proxy that records every deliver() call and
 * can fail them or invent accounts on demand. Tests read the delivered emails back from the store.
 */
public final class RecordingStore implements AutoCloseable {
    private final XodusMailStore real;
    private final MailStore proxy;
    private final List<List<Delivery>> deliverCalls = new CopyOnWriteArrayList<>();
    private volatile boolean failDeliveries;
    private volatile Function<String, Optional<Account>> extraAccounts = address -> Optional.empty();

    public RecordingStore(Path folder) {
        this.real = XodusMailStore.open(folder);
        this.proxy = (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (self, method, args) -> {
                    if (method.getName().equals("deliver")) {
                        if (failDeliveries) {
                            throw new StoreException("disk full (simulated)");
                        }
                        @SuppressWarnings("unchecked")
                        List<Delivery> deliveries = (List<Delivery>) args[0];
                        deliverCalls.add(List.copyOf(deliveries));
                    }
                    if (method.getName().equals("findAccount")) {
                        Optional<Account> invented = extraAccounts.apply((String) args[0]);
                        if (invented.isPresent()) {
                            return invented;
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The store to give the SMTP server. */
    public MailStore store() {
        return proxy;
    }

    public Account createAccount(String address, String password) throws Exception {
        return real.createAccount(address, password.toCharArray());
    }

    /** Every deliver() call the server made, in order. */
    public List<List<Delivery>> deliverCalls() {
        return deliverCalls;
    }

    public void failDeliveries(boolean fail) {
        failDeliveries = fail;
    }

    /** Makes findAccount() answer with an invented account for the addresses {@code accept} takes. */
    public void inventAccounts(java.util.function.Predicate<String> accept) {
        extraAccounts = address -> accept.test(address)
                ? Optional.of(new Account(new AccountId("invented"), address, Instant.EPOCH))
                : Optional.empty();
    }

    /** The raw bytes of every email in the account's inbox, oldest first. */
    public List<byte[]> inbox(String address) {
        AccountId account = real.findAccount(address).orElseThrow().id();
        List<byte[]> messages = new ArrayList<>();
        for (EmailRecord record : inboxRecords(address)) {
            try (InputStream in = real.openBlob(account, record.blobId()).orElseThrow()) {
                messages.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** The parsed records of the account's inbox, oldest first. */
    public List<EmailRecord> inboxRecords(String address) {
        AccountId account = real.findAccount(address).orElseThrow().id();
        var inbox = real.mailboxByRole(account, MailboxRole.INBOX).orElseThrow();
        List<EmailId> ids = real.queryEmails(account, new EmailQuery(inbox.id(), true, 0, 1000)).ids();
        var records = real.emails(account, ids);
        return ids.stream().map(records::get).toList();
    }

    /** The one message in the account's inbox whose bytes contain {@code marker} (UTF-8). */
    public byte[] delivered(String address, String marker) {
        List<byte[]> found = inbox(address).stream()
                .filter(m -> new String(m, java.nio.charset.StandardCharsets.UTF_8).contains(marker))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " messages with " + marker + " for " + address);
        }
        return found.getFirst();
    }

    /** Forgets recorded calls and stops failing or inventing, between tests sharing one store. */
    public void reset() {
        deliverCalls.clear();
        failDeliveries = false;
        extraAccounts = address -> Optional.empty();
    }

    @Override
    public void close() {
        real.close();
    }
}
