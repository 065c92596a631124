// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.Objects;

/** A mailbox address from a header (RFC 8621 section 4.1.2.3): display name may be null. */
public record EmailAddress(String name, String email) {
    public EmailAddress {
        Objects.requireNonNull(email, "email");
    }
}
