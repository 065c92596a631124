// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Set;

/**
 * Hears about committed changes, so push (RFC 8620 section 7) needs no polling. Registered with
 * {@link MailStore#addStateListener}.
 */
@FunctionalInterface
public interface StateListener {
    /**
     * Called once per committed transaction and account, after the commit (never before, never for
     * a transaction that failed), in commit order, on the store's notification thread: it must
     * return quickly. {@code types} are the data types whose state the transaction moved;
     * {@code delivered} is true when the transaction delivered new mail ({@link MailStore#deliver})
     * to the account (RFC 8621 section 1.5, the {@code EmailDelivery} type).
     */
    void changed(AccountId account, Set<DataType> types, boolean delivered);
}
