// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/** One Email/query sort comparator (RFC 8621 section 4.4.2); ties fall through to the next, then to the email id. */
public record EmailSort(Property property, boolean ascending) {
    public enum Property { RECEIVED_AT, SENT_AT, SIZE, FROM, TO, SUBJECT }

    public EmailSort {
        Objects.requireNonNull(property, "property");
    }

    public static EmailSort newestFirst() {
        return new EmailSort(Property.RECEIVED_AT, false);
    }
}
