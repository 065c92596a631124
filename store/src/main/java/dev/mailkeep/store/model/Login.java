// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.Objects;

/**
 * A successful password check: the account, and which of its passwords matched.
 *
 * @param appPassword the app password that matched; null when it was the account's main password
 */
public record Login(Account account, Credential appPassword) {
    public Login {
        Objects.requireNonNull(account, "account");
    }
}
