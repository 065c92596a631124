// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import dev.mailkeep.store.AccountId;
import java.time.Instant;
import java.util.Objects;

/** A user account: one login address, one mail account. The password hash never leaves the store. */
public record Account(AccountId id, String address, Instant created) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(created, "created");
    }
}
