// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.util.Locale;

/**
 * Store ids: a type letter and a counter in base 36 ({@code A1}, {@code M5}, {@code E1f},
 * {@code T3}). Counters only grow, so an id is never reused; mailbox, email and thread counters
 * are per account.
 */
final class Ids {
    static final char ACCOUNT = 'A';
    static final char MAILBOX = 'M';
    static final char EMAIL = 'E';
    static final char THREAD = 'T';
    static final char SUBMISSION = 'S';
    static final char IDENTITY = 'I';

    private Ids() {}

    static String encode(char type, long number) {
        return type + Long.toString(number, 36);
    }

    /** The counter value of an id of this type, or -1 when the id is not one. */
    static long decode(char type, String id) {
        if (id == null || id.length() < 2 || id.length() > 14 || id.charAt(0) != type) {
            return -1;
        }
        String digits = id.substring(1);
        if (!digits.equals(digits.toLowerCase(Locale.ROOT)) || digits.startsWith("0") || digits.startsWith("-")) {
            return -1;
        }
        try {
            return Long.parseLong(digits, 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
