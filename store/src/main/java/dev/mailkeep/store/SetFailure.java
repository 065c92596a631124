// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/** Why one object of a /set-like store call was not changed (RFC 8620 section 5.3 SetError types). */
public record SetFailure(Type type, String description) {
    public enum Type {
        /** The id does not exist in the account (JMAP {@code notFound}). */
        NOT_FOUND,
        /** A value is not allowed, e.g. an unknown mailbox or no mailbox at all (JMAP {@code invalidProperties}). */
        INVALID_PROPERTIES,
        /** A mailbox to destroy still has child mailboxes (RFC 8621 {@code mailboxHasChild}). */
        MAILBOX_HAS_CHILD,
        /** A mailbox to destroy still has emails and removing them was not asked for ({@code mailboxHasEmail}). */
        MAILBOX_HAS_EMAIL,
        /** The identity's email is not an address the user may send as (RFC 8621 {@code forbiddenFrom}). */
        FORBIDDEN_FROM,
        /** The object may not be destroyed (e.g. the account's own identity; JMAP {@code forbidden}). */
        FORBIDDEN
    }

    public SetFailure {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }
}
