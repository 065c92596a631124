// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Which local account owns an address of a served domain; shared by RCPT TO and the queue. */
public final class LocalAddresses {
    private LocalAddresses() {}

    /**
     * The account owning {@code address}; blocks on the store. An internationalized domain is
     * tried in the form written, then in its other IDNA form (RFC 5890), since accounts may be
     * registered under either.
     *
     * @param domain the domain part of {@code address}, as written
     */
    public static Optional<AccountId> lookup(MailStore store, String address, String domain) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(address);
        try {
            String local = address.substring(0, address.length() - domain.length());
            candidates.add(local + IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED));
            candidates.add(local + IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            // not a valid IDN: only the form as written can match
        }
        return candidates.stream()
                .map(store::findAccount)
                .flatMap(Optional::stream)
                .map(Account::id)
                .findFirst();
    }
}
