// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import dev.mailkeep.store.AccountId;
import java.util.Objects;

/**
 * A recipient accepted at RCPT time because a local account owns the address.
 *
 * @param address the forward-path as the client gave it (RFC 5321 form), for {@code Delivered-To}
 */
public record LocalRecipient(String address, AccountId account) {
    public LocalRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(account, "account");
    }
}
