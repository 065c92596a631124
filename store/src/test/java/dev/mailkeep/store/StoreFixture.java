// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import java.util.List;
import java.util.Set;

/** What the contract test interfaces need from the running test: the store and small helpers. */
interface StoreFixture {
    MailStore store();

    TestClock clock();

    default Account newAccount(String address) throws AccountExistsException {
        return store().createAccount(address, "secret".toCharArray());
    }

    default EmailId deliverTo(Account account, byte[] message) {
        return store().deliver(List.of(new Delivery(account.id(), MailboxRole.INBOX, message, Set.of()))).getFirst();
    }

    default Mailbox box(Account account, MailboxRole role) {
        return store().mailboxByRole(account.id(), role).orElseThrow();
    }

    default EmailRecord get(Account account, EmailId id) {
        return store().emails(account.id(), List.of(id)).get(id);
    }

    /** totalEmails, unreadEmails, totalThreads, unreadThreads of a mailbox. */
    default List<Long> counts(Account account, MailboxRole role) {
        Mailbox m = box(account, role);
        return List.of(m.totalEmails(), m.unreadEmails(), m.totalThreads(), m.unreadThreads());
    }

    default Changes since(Account account, DataType type, State state) {
        try {
            return store().changes(account.id(), type, state, 1000);
        } catch (CannotCalculateChangesException e) {
            throw new AssertionError(e);
        }
    }
}
