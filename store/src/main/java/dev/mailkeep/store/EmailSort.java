// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Objects;

/**
 * One Email/query sort comparator (RFC 8621 section 4.4.2); ties fall through to the next, then to
 * the email id. The keyword sorts ({@code hasKeyword}, {@code allInThreadHaveKeyword},
 * {@code someInThreadHaveKeyword}) name their keyword and put emails without it first when
 * ascending; the other sorts take no keyword.
 */
public record EmailSort(Property property, boolean ascending, String keyword) {
    public enum Property {
        RECEIVED_AT, SENT_AT, SIZE, FROM, TO, SUBJECT, HAS_KEYWORD, ALL_IN_THREAD_HAVE_KEYWORD,
        SOME_IN_THREAD_HAVE_KEYWORD;

        /** Whether this sort is about a keyword, which it then requires. */
        public boolean takesKeyword() {
            return this == HAS_KEYWORD || this == ALL_IN_THREAD_HAVE_KEYWORD || this == SOME_IN_THREAD_HAVE_KEYWORD;
        }
    }

    public EmailSort {
        Objects.requireNonNull(property, "property");
        if (property.takesKeyword() != (keyword != null)) {
            throw new IllegalArgumentException(property.takesKeyword()
                    ? property + " needs a keyword" : property + " takes no keyword");
        }
    }

    public EmailSort(Property property, boolean ascending) {
        this(property, ascending, null);
    }

    public static EmailSort newestFirst() {
        return new EmailSort(Property.RECEIVED_AT, false);
    }
}
